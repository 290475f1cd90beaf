"""An image as it is published: its pixels, without the metadata nobody reviews.

Reviewers look at a picture; the file also carries text they never see: EXIF (where and
when it was taken, the camera, the owner's name, a description), XMP, IPTC, comments, ICC
profile names, PNG text chunks, GIF comment and application blocks, and bytes after the
image's end (a polyglot's other file). The content rules read none of it, and the archive
and the platforms received the approved file byte for byte (red team, round 37).

:func:`stripped` walks the file's container (JPEG segments, PNG chunks, GIF blocks, WebP
RIFF chunks) and keeps only the parts a decoder needs to draw the picture, by an
allow-list: anything else, known or not, is left out. A JPEG's EXIF orientation, which
browsers apply, is kept as a new EXIF block holding that one tag. A file with nothing to
remove is returned as the same bytes. A file whose container cannot be walked (another
format than its name says, truncated, malformed) is refused: nothing unread is published.
Standard library only: the model layer (``assets.read_committed``) calls it. Not Pillow
(a dependency of the thumbnails): it cannot drop a JPEG's metadata without decoding and
encoding the picture again, which would publish pixels other than the approved ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.errors import GovmediaError
from pipeline.image_exif import orientation, orientation_tiff
from pipeline.image_png import TRAILING, png
from pipeline.image_png import need as _need


class ImageUnreadable(GovmediaError):
    """The file is not an image whose structure can be read (Chinese reason)."""


@dataclass(frozen=True, repr=False)
class Stripped:
    """An image as published and what was left out of it."""

    data: bytes  # the image as published
    removed: tuple[str, ...]  # what was left out, in Chinese, in file order


def stripped(data: bytes) -> Stripped:
    """``data`` without its metadata; :class:`ImageUnreadable` when it cannot be walked."""
    if data.startswith(b"\xff\xd8\xff"):
        walk = _jpeg
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        walk = png
    elif data[:6] in (b"GIF87a", b"GIF89a"):
        walk = _gif
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        walk = _webp
    else:
        raise ImageUnreadable("文件内容不是 JPEG、PNG、GIF 或 WebP 图片（与扩展名不符或已损坏）")
    try:
        out, removed = walk(data)
    except (IndexError, ValueError) as exc:
        raise ImageUnreadable(f"图片结构无法读取（{exc}）") from None
    if not removed:
        return Stripped(data, ())
    return Stripped(out, tuple(dict.fromkeys(removed)))


# -- JPEG --------------------------------------------------------------------------------

_JPEG_KEEP = frozenset(range(0xC0, 0xD0)) | {0xDB, 0xDD, 0xDE, 0xDF}  # SOFn, DHT, DAC, DQT, DRI
_JPEG_NAMES = {0xE1: "EXIF/XMP 元数据", 0xED: "IPTC 元数据", 0xE2: "ICC 色彩配置", 0xFE: "注释"}
_STANDALONE = frozenset(range(0xD0, 0xD8)) | {0x01}


def _jpeg(data: bytes) -> tuple[bytes, list[str]]:
    out, removed, i = [b"\xff\xd8"], [], 2
    exif_seen = False
    while True:
        _need(data, i + 2, "JPEG 段")
        if data[i] != 0xFF:
            raise ValueError("JPEG 段标记错误")
        while data[i + 1] == 0xFF:  # fill bytes
            i += 1
            _need(data, i + 2, "JPEG 段")
        marker = data[i + 1]
        if marker == 0xD9:
            out.append(b"\xff\xd9")
            if data[i + 2 :]:
                removed.append(TRAILING)
            return b"".join(out), removed
        if marker in _STANDALONE:
            out.append(data[i : i + 2])
            i += 2
            continue
        _need(data, i + 4, "JPEG 段长度")
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        end = i + 2 + length
        if length < 2:
            raise ValueError("JPEG 段长度错误")
        _need(data, end, "JPEG 段")
        segment, payload = data[i:end], data[i + 4 : end]
        if marker == 0xDA:  # start of scan: the entropy-coded data runs to the next marker
            j = end
            while True:
                _need(data, j + 2, "JPEG 扫描数据")
                if data[j] == 0xFF and data[j + 1] != 0 and data[j + 1] not in range(0xD0, 0xD8):
                    break
                j += 1
            out.append(data[i:j])
            i = j
            continue
        if marker in _JPEG_KEEP:
            out.append(segment)
        elif marker == 0xE0 and payload.startswith(b"JFIF\0") and len(payload) >= 14:
            kept = payload[:12] + b"\0\0"  # no thumbnail, nothing after the header
            out.append(segment if kept == payload else _segment(0xE0, kept))
            if kept != payload:
                removed.append("JFIF 缩略图或附加数据")
        elif marker == 0xEE and payload.startswith(b"Adobe") and len(payload) >= 12:
            out.append(segment if len(payload) == 12 else _segment(0xEE, payload[:12]))
            if len(payload) != 12:
                removed.append("Adobe 段附加数据")
        else:
            removed.append(_JPEG_NAMES.get(marker, f"JPEG 段 0x{marker:02X}"))
            if marker == 0xE1 and payload.startswith(b"Exif\0\0") and not exif_seen:
                exif_seen = True  # decoders turn a picture by the first EXIF block only
                orientation = _orientation(payload)
                if orientation != 1:
                    out.append(_segment(0xE1, _orientation_exif(orientation)))
        i = end


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


def _orientation(payload: bytes) -> int:
    """The orientation of an APP1 segment's payload, or 1 when it holds no EXIF."""
    return orientation(payload[6:]) if payload.startswith(b"Exif\0\0") else 1


def _orientation_exif(value: int) -> bytes:
    """An APP1 EXIF payload holding the orientation tag alone."""
    return b"Exif\0\0" + orientation_tiff(value)


# -- GIF ---------------------------------------------------------------------------------


def _sub_blocks(data: bytes, i: int) -> int:
    """The end of the data sub-blocks starting at ``i`` (after their terminator)."""
    while True:
        _need(data, i + 1, "GIF 数据子块")
        size = data[i]
        i += 1 + size
        _need(data, i, "GIF 数据子块")
        if size == 0:
            return i


def _gif(data: bytes) -> tuple[bytes, list[str]]:
    _need(data, 13, "GIF 文件头")
    i = 13 + ((3 << ((data[10] & 7) + 1)) if data[10] & 0x80 else 0)
    _need(data, i, "GIF 全局颜色表")
    out, removed = [data[:i]], []
    while True:
        _need(data, i + 1, "GIF 数据块")
        kind = data[i]
        if kind == 0x3B:
            out.append(b"\x3b")
            if data[i + 1 :]:
                removed.append(TRAILING)
            return b"".join(out), removed
        if kind == 0x2C:
            _need(data, i + 11, "GIF 图像描述")
            start, flags = i, data[i + 9]
            i += 10 + ((3 << ((flags & 7) + 1)) if flags & 0x80 else 0) + 1  # LZW code size
            end = _sub_blocks(data, i)
            out.append(data[start:end])
            i = end
            continue
        if kind != 0x21:
            raise ValueError("GIF 数据块类型错误")
        _need(data, i + 2, "GIF 扩展块")
        label, end = data[i + 1], _sub_blocks(data, i + 2)
        block = data[i:end]
        if label == 0xF9 and len(block) == 8 and block[2] == 4:  # graphic control
            out.append(block)
        elif label == 0xFF and block[2:14] in (b"\x0bNETSCAPE2.0", b"\x0bANIMEXTS1.0"):
            loop = block[14:18]
            if len(loop) == 4 and loop[:2] == b"\x03\x01":
                out.append(block[:14] + loop + b"\0")
                if len(block) != 19:
                    removed.append("GIF 应用扩展附加数据")
            else:
                removed.append("GIF 应用扩展")
        else:
            names = {0xFE: "注释", 0x01: "文字扩展", 0xFF: "GIF 应用扩展（可含 XMP）"}
            removed.append(names.get(label, f"GIF 扩展 0x{label:02X}"))
        i = end


# -- WebP --------------------------------------------------------------------------------

_WEBP_KEEP = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"})
_FRAME_KEEP = frozenset({b"VP8 ", b"VP8L", b"ALPH"})
_WEBP_NAMES = {b"EXIF": "EXIF 元数据", b"XMP ": "XMP 元数据", b"ICCP": "ICC 色彩配置"}


def _chunks(data: bytes, i: int, end: int, keep: frozenset[bytes], removed: list[str]) -> bytes:
    out = []
    while i < end:
        _need(data, i + 8, "WebP 数据块")
        kind, size = data[i : i + 4], int.from_bytes(data[i + 4 : i + 8], "little")
        stop = i + 8 + size + (size & 1)
        if stop > end:
            raise ValueError("WebP 数据块超出文件末尾")
        chunk = data[i:stop]
        if kind not in keep:
            removed.append(_WEBP_NAMES.get(kind, f"WebP 数据块 {kind.decode('latin-1')!r}"))
            i = stop
            continue
        if kind == b"VP8X":
            if size != 10:  # libwebp refuses any other size
                raise ValueError("WebP VP8X 数据块长度错误")
            chunk = chunk[:8] + bytes((chunk[8] & ~0x2C,)) + chunk[9:]  # no ICC, EXIF, XMP
        elif kind == b"ANIM" and size != 6:  # a decoder reads six bytes and skips the rest
            _need(chunk, 14, "WebP 动画块")
            chunk = b"ANIM\x06\0\0\0" + chunk[8:14]
            removed.append("WebP 动画块附加数据")
        elif kind == b"ANMF":
            _need(chunk, 24, "WebP 动画帧")
            frame = _chunks(data, i + 24, i + 8 + size, _FRAME_KEEP, removed)
            body = chunk[8:24] + frame
            chunk = b"ANMF" + len(body).to_bytes(4, "little") + body
        out.append(chunk)
        i = stop
    return b"".join(out)


def _webp(data: bytes) -> tuple[bytes, list[str]]:
    _need(data, 12, "WebP 文件头")
    end = 8 + int.from_bytes(data[4:8], "little")
    _need(data, end, "WebP 文件")
    removed: list[str] = []
    body = b"WEBP" + _chunks(data, 12, end, _WEBP_KEEP, removed)
    if data[end:]:
        removed.append(TRAILING)
    out = b"RIFF" + len(body).to_bytes(4, "little") + body
    if out != data[:end] and not removed:
        removed.append("WebP 扩展标记")
    return out, removed
