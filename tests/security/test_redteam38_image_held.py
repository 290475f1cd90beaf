"""Red team, round 38 (held): the rest of round 37's allow-list, as a pusher reads it.

- A GIF's plain-text extension (which a decoder following the specification draws as text
  over the picture; browsers do not) and an application extension other than the loop
  block (XMP) are left out; every frame and its graphic control stay, so the animation a
  browser plays is the one reviewed.
- AVIF, HEIC and SVG are no images here: their suffixes are refused at the reference, and
  their bytes under a ``.png`` name are refused by the walk (no format is guessed).
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from pipeline.assetpath import resolve_asset
from pipeline.image_meta import ImageUnreadable, stripped

POST = "content/posts/2026/11/a.md"


def _animated_gif() -> bytes:
    out = io.BytesIO()
    frames = [Image.new("P", (20, 20), i) for i in (1, 2)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 0, 0, 0, 0, 255] + [0] * 759)
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=300, loop=0)
    return out.getvalue()


def test_a_gifs_text_extensions_go_and_its_frames_stay() -> None:
    data = _animated_gif()
    at = data.index(b"\x21\xf9")  # before the first frame's graphic control
    text = b"\x21\x01\x0c" + bytes(12) + b"\x0cADMIN-PASSWO\x00"  # a plain-text extension
    xmp = b"\x21\xff\x0bXMP DataXMP\x0d<x:xmpmeta/>\x01\x00"
    attacked = data[:at] + text + xmp + data[at:]
    result = stripped(attacked)
    assert result.data == data
    assert "文字扩展" in result.removed and "GIF 应用扩展（可含 XMP）" in result.removed
    shown = Image.open(io.BytesIO(result.data))
    assert shown.n_frames == 2 and shown.info.get("loop") == 0


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("tu.avif", b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"),
        ("tu.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"),
        ("tu.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ],
)
def test_other_image_formats_are_refused_by_name_and_by_bytes(name: str, head: bytes) -> None:
    path, reason = resolve_asset(POST, f"images/{name}")
    assert path == "" and "不是允许的图片类型" in reason
    with pytest.raises(ImageUnreadable, match="不是 JPEG、PNG、GIF 或 WebP"):
        stripped(head + bytes(64))
