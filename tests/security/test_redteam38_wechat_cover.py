"""Red team, round 38: WeChat's cover stands as the reviewers saw it.

Round 37 keeps one EXIF tag of a published JPEG, its orientation, because browsers apply
it: the reviewer's ``govmedia preview`` and the archive show a phone photo upright. WeChat's
cover is no copy of the file but Pillow's re-encoding of it into a 64 KB thumbnail, which
dropped the tag without turning the picture: the cover went out on its side (or mirrored),
a picture no reviewer saw. Real repositories, real ssh-keygen signatures, the real
``govmedia publish`` against the loopback emulator.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from pipeline.emulators import Emulator
from pipeline.image_meta import stripped
from pipeline.platforms.thumb import thumb_jpeg
from tests.publish_support import env_for, publish_process
from tests.security.test_redteam38_image_views import _frame, _thumbs, _unit


def _sideways_photo() -> bytes:
    """A landscape-sensor photo of a portrait scene: stored 300×200, EXIF orientation 6
    (turn 90° to show), the left half dark, as a phone writes it."""
    image = _frame((240, 240, 240))
    image.paste((20, 20, 20), (0, 0, 150, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def test_the_wechat_cover_stands_as_the_reviewers_saw_it(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack (and an honest photo's fate): the preview and the archive show a phone photo
    upright (browsers apply its EXIF orientation, which round 37 keeps); Pillow's re-encoding
    to WeChat's thumbnail dropped the tag and sent the cover on its side (a mirrored
    orientation sends it mirrored). Defence: the thumbnail is turned as the tag says."""
    photo = _sideways_photo()
    published_photo = stripped(photo).data
    upright = Image.open(io.BytesIO(thumb_jpeg(published_photo)))
    assert upright.size == (200, 300)  # portrait, as every browser shows it
    assert upright.convert("L").getpixel((100, 20)) < 60  # the dark half on top
    assert upright.convert("L").getpixel((100, 280)) > 200

    repo = _unit(tmp_path, {"fengmian.jpg": photo}, "fengmian.jpg", [])
    published = publish_process(repo, env_for(emulator))
    assert published.code == 0, published.out + published.err
    (thumb,) = _thumbs(emulator)
    at = published_photo.index(b"\xff\xe1")  # the orientation's EXIF block, cut out
    end = at + 2 + int.from_bytes(published_photo[at + 2 : at + 4], "big")
    sideways = thumb_jpeg(published_photo[:at] + published_photo[end:])
    assert Image.open(io.BytesIO(sideways)).size == (300, 200)
    assert thumb["size"] == len(thumb_jpeg(published_photo)) != len(sideways)
