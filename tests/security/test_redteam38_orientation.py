"""Red team, round 38: the published photo turns as the committed one does.

A PNG's too: Chromium turns a PNG by the orientation in its first ``eXIf`` chunk before the
image data, and round 37 left every ``eXIf`` out, so such a picture was published on its
side. Now its orientation is kept as a chunk holding that tag alone.

Round 37 keeps a JPEG's EXIF orientation, which browsers apply, as a new EXIF block holding
that tag alone, so a phone photo stays upright as reviewed. The tag was read otherwise
than browsers read it. Chromium and Pillow turn a picture by the first EXIF block only, by
any entry of its directory, and only when the tag is a SHORT holding one value; the walk
took the last block with a tag, stopped after 512 entries and took any count. So a photo
whose first EXIF block says "upright" and a second says "turn 90°", a tag after 600
entries, or a tag holding two values (or none) was shown one way to every reviewer's
viewer and published the other: on its side, upside down or mirrored (text read
backwards). Defence: ``image_meta._orientation`` reads the tag as browsers do; what
Chromium draws of both files is checked in ``test_redteam38_image_browser``.
"""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from pipeline.image_meta import stripped

LANDSCAPE, PORTRAIT = (300, 200), (200, 300)


def _segment(payload: bytes) -> bytes:
    return b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload


def _exif(*entries: bytes) -> bytes:
    count = len(entries).to_bytes(2, "big")
    return b"Exif\0\0MM\x00\x2a\x00\x00\x00\x08" + count + b"".join(entries) + b"\0\0\0\0"


def _tag(tag: int, kind: int, count: int, value: bytes) -> bytes:
    return tag.to_bytes(2, "big") + kind.to_bytes(2, "big") + count.to_bytes(4, "big") + value


def _orientation(value: int, kind: int = 3, count: int = 1) -> bytes:
    return _tag(0x0112, kind, count, value.to_bytes(2, "big") + b"\0\0")


FILLER = _tag(0x010E, 2, 1, b"\0\0\0\0")  # an empty description


def _photo(*segments: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", LANDSCAPE, (200, 200, 200)).save(out, "JPEG")
    data = out.getvalue()
    return data[:2] + b"".join(_segment(s) for s in segments) + data[2:]


# each photo and the size every browser shows it at (checked in Chromium here)
CASES = {
    "a second EXIF block turns it": (
        _photo(_exif(_orientation(1)), _exif(_orientation(6))),
        LANDSCAPE,
    ),
    "the tag after 600 entries": (_photo(_exif(*[FILLER] * 600, _orientation(6))), PORTRAIT),
    "the tag holding two values": (
        _photo(_exif(_tag(0x0112, 3, 2, b"\x00\x06\x00\x06"))),
        LANDSCAPE,
    ),
    "the tag holding no value": (_photo(_exif(_orientation(6, count=0))), LANDSCAPE),
    "the tag as a LONG": (_photo(_exif(_tag(0x0112, 4, 1, b"\0\0\0\x06"))), LANDSCAPE),
    "an honest phone photo": (_photo(_exif(FILLER, _orientation(6))), PORTRAIT),
    "an honest upright photo": (_photo(_exif(_orientation(1))), LANDSCAPE),
}


def shown_size(data: bytes) -> tuple[int, int]:
    """The size a browser shows the published file at: turned by its one orientation tag."""
    image = Image.open(io.BytesIO(data))
    turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
    return (image.height, image.width) if turned else image.size


@pytest.mark.parametrize("case", CASES)
def test_the_published_photo_turns_as_browsers_turn_the_committed_one(case: str) -> None:
    photo, seen = CASES[case]
    assert shown_size(stripped(photo).data) == seen


def _tiff(*entries: bytes) -> bytes:
    return _exif(*entries)[6:]


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    body = kind + payload
    return len(payload).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")


def _png(*chunks: tuple[bytes, bytes], after_image: bool = False) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", LANDSCAPE, (200, 200, 200)).save(out, "PNG")
    data = out.getvalue()
    at = data.index(b"IEND") - 4 if after_image else 33
    return data[:at] + b"".join(_png_chunk(*c) for c in chunks) + data[at:]


# each PNG and the size Chromium shows it at
PNG_CASES = {
    "a phone's PNG turned by its eXIf": (_png((b"eXIf", _tiff(_orientation(6)))), PORTRAIT),
    "the first eXIf says upright": (
        _png((b"eXIf", _tiff(_orientation(1))), (b"eXIf", _tiff(_orientation(6)))),
        LANDSCAPE,
    ),
    "an eXIf after the image data": (
        _png((b"eXIf", _tiff(_orientation(6))), after_image=True),
        LANDSCAPE,
    ),
    "an eXIf with a JPEG's prefix": (_png((b"eXIf", _exif(_orientation(6)))), LANDSCAPE),
}


@pytest.mark.parametrize("case", PNG_CASES)
def test_a_published_png_turns_as_browsers_turn_the_committed_one(case: str) -> None:
    photo, seen = PNG_CASES[case]
    published = stripped(photo).data
    assert shown_size(published) == seen
    assert b"eXIf" not in published or published.count(b"eXIf") == 1
