"""An image's EXIF orientation, read as browsers read it, and a block holding it alone.

Browsers turn a picture by the orientation tag of its EXIF data (a JPEG's first APP1
``Exif`` block, a PNG's first ``eXIf`` chunk before the image data). Every other EXIF
field is left out of a published image (``image_meta``, red team round 37); the
orientation is kept, as a new block holding that tag alone, so the picture stays turned as
reviewed. Read as Chromium and Pillow read it (red team, round 38): any entry of the first
directory (no cap on the count, which the block's length bounds), and only a SHORT holding
one value; a tag written otherwise turns nothing in a browser, so keeping it would turn the
published picture away from the one reviewed. Standard library only.
"""

from __future__ import annotations


def orientation(tiff: bytes) -> int:
    """The orientation (2–8) of the TIFF-structured EXIF data ``tiff``, or 1."""
    order = {b"II": "little", b"MM": "big"}.get(tiff[:2])
    if order is None or len(tiff) < 8:
        return 1
    offset = int.from_bytes(tiff[4:8], order)
    if offset + 2 > len(tiff):
        return 1
    count = int.from_bytes(tiff[offset : offset + 2], order)
    for k in range(count):
        entry = tiff[offset + 2 + 12 * k : offset + 14 + 12 * k]
        if len(entry) < 12:
            return 1
        if int.from_bytes(entry[:2], order) != 0x0112:
            continue
        if int.from_bytes(entry[2:4], order) != 3 or int.from_bytes(entry[4:8], order) != 1:
            return 1
        value = int.from_bytes(entry[8:10], order)
        return value if 2 <= value <= 8 else 1
    return 1


def orientation_tiff(value: int) -> bytes:
    """TIFF-structured EXIF data holding the orientation tag alone."""
    entry = b"\x01\x12\x00\x03\x00\x00\x00\x01" + value.to_bytes(2, "big") + b"\0\0"
    return b"MM\x00\x2a\x00\x00\x00\x08\x00\x01" + entry + b"\0\0\0\0"
