"""A PNG as it is published: the chunks a decoder draws it by, each as a decoder reads it.

Part of :mod:`pipeline.image_meta`'s walk (which imports :func:`png`, :func:`need` and
:data:`TRAILING` from here). Kept: the critical chunks, the colour and transparency chunks
and the animation chunks. A kept chunk is only kept where a decoder uses it (red team,
round 38): with the length the specification gives it for the picture's colour type, before
the image data (a decoder ignores one after it), a palette only in a palette image (in an
RGB image it is a suggestion no decoder draws by), and gAMA and cHRM only when no ICC
profile (left out) overrode them. Every byte a decoder skips could be any text. An animated
PNG that programs would draw as two pictures is refused (:func:`_apng_shown_alike`). An
``eXIf`` chunk's orientation, which browsers apply, is kept as a chunk holding that tag
alone (``image_exif``), as a JPEG's is. Standard library only.
"""

from __future__ import annotations

import zlib

from pipeline.image_exif import orientation, orientation_tiff

TRAILING = "图片结束后的附加数据"

_PNG_KEEP = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"pHYs"}
    | {b"bKGD", b"hIST", b"acTL", b"fcTL", b"fdAT"}
)
_PNG_NAMES = {b"tEXt": "文字块", b"zTXt": "文字块", b"iTXt": "文字块（可含 XMP）"}
_PNG_NAMES |= {b"eXIf": "EXIF 元数据", b"iCCP": "ICC 色彩配置", b"tIME": "修改时间"}
_FIXED = {b"gAMA": 4, b"cHRM": 32, b"sRGB": 1, b"pHYs": 9}
# by colour type (0 grey, 2 RGB, 3 palette, 4 grey and alpha, 6 RGB and alpha)
_SBIT = {0: 1, 2: 3, 3: 3, 4: 2, 6: 4}
_BKGD = {0: 2, 2: 6, 3: 1, 4: 2, 6: 6}
_TRNS = {0: 2, 2: 6}  # a palette image: one byte per palette entry at most; none with alpha
_AFTER_IMAGE = frozenset({b"IDAT", b"fcTL", b"fdAT", b"IEND"})  # what a decoder reads there
_AFTER_PALETTE = frozenset({b"tRNS", b"bKGD", b"hIST"})  # a palette picture's, read after it
_ANIMATION = frozenset({b"acTL", b"fcTL", b"fdAT"})
_OVERRIDDEN = frozenset({b"gAMA", b"cHRM"})  # what an ICC profile takes the place of
_Chunk = tuple[bytes, int, int]  # kind, start, end (after the CRC)


def need(data: bytes, end: int, what: str) -> None:
    """ValueError naming ``what`` (Chinese) when ``data`` ends before ``end``."""
    if end > len(data):
        raise ValueError(f"{what}超出文件末尾")


def _png_chunks(data: bytes) -> tuple[list[_Chunk], bool]:
    """Every chunk up to IEND, and whether bytes follow it."""
    chunks, i = [], 8
    while True:
        need(data, i + 8, "PNG 数据块")
        length = int.from_bytes(data[i : i + 4], "big")
        kind, end = data[i + 4 : i + 8], i + 12 + length
        need(data, end, "PNG 数据块")
        chunks.append((kind, i, end))
        i = end
        if kind == b"IEND":
            return chunks, bool(data[i:])


def png(data: bytes) -> tuple[bytes, list[str]]:
    """``data`` with only what a decoder draws it by, and what was left out (Chinese)."""
    chunks, trailing = _png_chunks(data)
    if chunks[0][0] != b"IHDR" or chunks[0][2] - chunks[0][1] != 25:
        raise ValueError("PNG 文件头数据块错误")
    _apng_shown_alike(data, chunks)
    colour = data[25]
    kinds = [kind for kind, _, _ in chunks]
    first_image = kinds.index(b"IDAT") if b"IDAT" in kinds else len(kinds)
    palette = _palette(data, chunks[:first_image], colour)
    after_palette = kinds.index(b"PLTE") if palette else 0  # where tRNS, bKGD, hIST may come
    # A browser colours a PNG by its ICC profile when it has one and no sRGB chunk, and
    # ignores gAMA and cHRM then; left without the profile, it would apply them, and a grey
    # reviewed as 128 was published as 3 (round 38). Without the profile they go too.
    overridden = _OVERRIDDEN if b"iCCP" in kinds and b"sRGB" not in kinds else frozenset()
    out, removed = [data[:8]], []
    exif = kinds.index(b"eXIf") if b"eXIf" in kinds[:first_image] else -1
    for index, (kind, start, end) in enumerate(chunks):
        name = kind.decode("latin-1")
        if index == exif:  # a browser turns the picture by the first one before the image
            removed.append(_PNG_NAMES[kind])
            turn = orientation(data[start + 8 : end - 4])
            if turn != 1:
                out.append(_chunk(b"eXIf", orientation_tiff(turn)))
        elif kind not in _PNG_KEEP:
            removed.append(_PNG_NAMES.get(kind, f"PNG 数据块 {name!r}"))
        elif kind in overridden:
            removed.append(f"由 ICC 色彩配置取代的 PNG 数据块 {name!r}")
        elif index > first_image and kind not in _AFTER_IMAGE:
            removed.append(f"位于图像数据之后的 PNG 数据块 {name!r}")
        elif kind in _AFTER_PALETTE and index < after_palette:
            removed.append(f"位于调色板之前的 PNG 数据块 {name!r}")
        elif not _fits(kind, end - start - 12, colour, palette):
            removed.append(f"与图片类型或长度不符的 PNG 数据块 {name!r}")
        else:
            out.append(data[start:end])
    if trailing:
        removed.append(TRAILING)
    return b"".join(out), removed


def _chunk(kind: bytes, payload: bytes) -> bytes:
    body = kind + payload
    return len(payload).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")


def _palette(data: bytes, before_image: list[_Chunk], colour: int) -> int:
    """The number of palette entries a palette image has (0 for other colour types)."""
    if colour != 3:
        return 0
    lengths = [end - start - 12 for kind, start, end in before_image if kind == b"PLTE"]
    if len(lengths) != 1 or lengths[0] % 3 or not 3 <= lengths[0] <= 768:
        raise ValueError("PNG 调色板缺失、重复或长度错误")
    return lengths[0] // 3


def _fits(kind: bytes, length: int, colour: int, palette: int) -> bool:
    """Whether a kept chunk of ``length`` bytes is one a decoder reads in this picture."""
    if kind in _FIXED:
        return length == _FIXED[kind]
    if kind == b"sBIT":
        return length == _SBIT.get(colour)
    if kind == b"bKGD":
        return length == _BKGD.get(colour)
    if kind == b"tRNS":
        return 1 <= length <= palette if colour == 3 else length == _TRNS.get(colour)
    if kind == b"hIST":
        return colour == 3 and length == 2 * palette
    if kind == b"PLTE":
        return colour == 3  # in an RGB picture a suggestion no browser draws by
    return True


def _apng_shown_alike(data: bytes, chunks: list[_Chunk]) -> None:
    """Refuse an animated PNG that programs would show as different pictures (round 38).

    A browser plays the animation's frames; a program without APNG (Pillow's WeChat cover,
    many viewers) shows the default image (IDAT). When no frame control comes before the
    first IDAT the default image is no frame of the animation: a browser never shows it,
    the cover does. Frame chunks without an animation control, a control after the image
    data, or a frame count other than the control's make decoders disagree the same way."""
    kinds = [kind for kind, _, _ in chunks]
    if not _ANIMATION.intersection(kinds):
        return
    if b"IDAT" not in kinds or kinds.count(b"acTL") != 1:
        raise ValueError("APNG 动画控制块缺失或重复，不同程序显示的图片会不同")
    first_image = kinds.index(b"IDAT")
    if kinds.index(b"acTL") > first_image:
        raise ValueError("APNG 动画控制块位于图像数据之后，不同程序显示的图片会不同")
    if b"fcTL" not in kinds[:first_image]:
        raise ValueError(
            "APNG 的默认图像不属于动画：浏览器播放的动画与微信封面等程序显示的默认图像是两张不同的图片"
        )
    _, start, end = chunks[kinds.index(b"acTL")]
    frames = int.from_bytes(data[start + 8 : start + 12], "big") if end - start == 20 else -1
    controls = [(s, e) for kind, s, e in chunks if kind == b"fcTL"]
    if frames != len(controls) or any(e - s != 38 for s, e in controls):
        raise ValueError("APNG 帧数或帧控制块与动画控制块不符，不同程序显示的图片会不同")
