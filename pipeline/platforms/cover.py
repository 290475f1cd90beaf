"""The default WeChat cover (a thumb material is required for every article).

A unit can ship its own as ``content/wechat-cover.png``; otherwise a plain 300×300 PNG
in the unit's colour is generated here (no file download, a few hundred bytes).
"""

from __future__ import annotations

import struct
import zlib

SIZE = 300
RED = (183, 28, 28)
WHITE = (255, 255, 255)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def default_cover() -> bytes:
    rows = []
    for y in range(SIZE):
        band = SIZE // 3 <= y < 2 * SIZE // 3
        colour = WHITE if band and y % SIZE >= SIZE // 6 else RED
        rows.append(b"\x00" + bytes(colour) * SIZE)
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + _chunk(b"IEND", b"")
    )
