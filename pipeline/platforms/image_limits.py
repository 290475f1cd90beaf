"""What each platform takes of a post's images, as data: the largest size and the formats
(platforms.md). Each Channel holds its table (``images``); the channel checks an image
against it before any upload, and ``govmedia check`` and ``preview`` read the same table
(this module imports the standard library and ``assetpath`` only, so the check does not
load the HTTP clients).

- WeChat: a body image goes through ``media/uploadimg`` (jpg/png, < 1 MB); the cover
  becomes a permanent ``thumb`` material (a JPEG of at most 64 KB, made by ``thumb.py`` from
  any picture Pillow reads, of at most 10 MB: the ``image`` material limit).
- Weibo: ``statuses/share`` takes one ``pic`` (JPEG/GIF/PNG, < 5 MB); the channel sends
  none of a post's images today (a status is its text and the archive link), so its table
  names no use of a post's image and the client checks the limit before any ``pic``.
- The app: its cover is a link to the archive's copy; nothing is uploaded, no limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.assetpath import IMAGE_MAX_BYTES

FORMAT_NAMES = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WebP"}
HEAD = 12  # the bytes ``sniff`` reads


@dataclass(frozen=True)
class ImageLimit:
    """One use of an image on a platform: its largest size and the formats it takes."""

    label: str  # the use, in Chinese: 正文图片, 封面, 配图
    max_bytes: int
    formats: frozenset[str]  # keys of FORMAT_NAMES
    below: bool = True  # the size must be below max_bytes (platforms.md "< 1 MB"), not at it

    def problem(self, data: bytes, size: int | None = None) -> str:
        """Why the image is not taken (Chinese), or "": ``data`` its bytes, or its first
        ``HEAD`` bytes with its ``size``."""
        size = len(data) if size is None else size
        kind = sniff(data)
        if kind not in self.formats:
            taken = "、".join(FORMAT_NAMES[f] for f in sorted(self.formats))
            what = FORMAT_NAMES.get(kind, "无法识别的格式")
            return f"格式为 {what}，只接受 {taken}"
        over = size >= self.max_bytes if self.below else size > self.max_bytes
        if over:
            bound = "须小于" if self.below else "不得超过"
            return f"大小 {size_text(size)}，{bound} {size_text(self.max_bytes)}"
        return ""


def sniff(data: bytes) -> str:
    """The image format by the file's first bytes (never by its name): a key of
    FORMAT_NAMES, or ""."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return ""


def size_text(size: int) -> str:
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000} MB"
    return f"{size:,} 字节"


RASTER = frozenset({"jpeg", "png", "gif", "webp"})
# keyed by the kind of a post's reference (references.Reference.field): body, cover
WECHAT: Mapping[str, ImageLimit] = {
    "body": ImageLimit("正文图片", 1_000_000, frozenset({"jpeg", "png"})),
    "cover": ImageLimit("封面", IMAGE_MAX_BYTES, RASTER, below=False),  # ``image`` material
}
WEIBO_PIC = ImageLimit("配图", 5 * 1024 * 1024, frozenset({"jpeg", "gif", "png"}))
WEIBO: Mapping[str, ImageLimit] = {}  # no image of a post goes to Weibo (see above)
APP: Mapping[str, ImageLimit] = {}
BY_PLATFORM: Mapping[str, Mapping[str, ImageLimit]] = {"wechat": WECHAT, "weibo": WEIBO, "app": APP}
# the platforms' Chinese names as the channels give them (``Channel.label``), for ``check``
LABELS = {"wechat": "微信公众号", "weibo": "微博", "app": "客户端"}
