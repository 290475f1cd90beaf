"""WeChat covers as the platform takes them: a JPEG of at most 64 KB (Pillow).

A permanent ``thumb`` material must be JPG and ≤ 64 KB (developers.weixin.qq.com, 新增永久
素材). Any image a post names as its cover (PNG, GIF, WebP, JPEG) is flattened onto white,
scaled to fit 900×900 (WeChat shows covers at 900×383 at most), and saved as a baseline JPEG
at the best quality that fits; a picture that does not fit even small is refused by name.
"""

from __future__ import annotations

import hashlib
import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from pipeline.platforms.errors import Permanent

THUMB_MAX_BYTES = 64 * 1024
MAX_SIDE = 900
MIN_SIDE = 120
QUALITIES = (88, 80, 72, 64, 56, 48, 40)
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding


def content_sha256(data: bytes) -> str:
    """The key a cover is uploaded once under (the ledger records it with its media id)."""
    return hashlib.sha256(data).hexdigest()


def thumb_jpeg(data: bytes, name: str = "封面") -> bytes:
    """``data`` (any image Pillow reads) as a JPEG of at most 64 KB; Permanent otherwise."""
    image = _flatten(_upright(_open(data, name)))
    side = MAX_SIDE
    while side >= MIN_SIDE:
        scaled = image.copy()
        scaled.thumbnail((side, side), Image.Resampling.LANCZOS)
        for quality in QUALITIES:
            out = io.BytesIO()
            scaled.save(out, "JPEG", quality=quality, optimize=True)
            if out.tell() <= THUMB_MAX_BYTES:
                return out.getvalue()
        side = int(side * 0.75)
    raise Permanent(f"封面图 {name}：无法压缩到微信要求的 64 KB 以内，请换一张更简单的图片。")


def _open(data: bytes, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise Permanent(
                    f"封面图 {name}：像素过多（{image.width}×{image.height}），请缩小后再用。"
                )
            image.load()
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ):
        raise Permanent(f"封面图 {name}：不是可读取的图片文件，请检查。") from None
    return image


def _upright(image: Image.Image) -> Image.Image:
    """The picture turned as its EXIF orientation says, as browsers (the reviewer's preview,
    the archive) show it; the orientation is the one EXIF tag a published JPEG keeps
    (``image_meta``), and Pillow's re-encoding would otherwise drop it and leave the cover
    on its side or mirrored (red team, round 38)."""
    if image.getexif().get(0x0112, 1) == 1:
        return image
    return ImageOps.exif_transpose(image)


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on a white background (JPEG has no transparency)."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
