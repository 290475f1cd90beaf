"""Chinese characters written as GBK or GB 18030 bytes in hexadecimal (round 20, issue 12).

:func:`pipeline.rules.notation.decode` reads UTF-8 bytes written in hexadecimal or
percent-encoded (``E58FB0``, ``%E5%8F%B0``). The national encodings write the same
characters in two bytes each (``C4 DA B2 BF``, ``\\xC4\\xDA``, ``%C4%DA``), which legitimate
Chinese prose never spells out. :func:`read` reads a run of at least :data:`BYTES_MIN` such
bytes, each with its high bit set (a hash or a colour holds smaller ones), when the run
decodes as GB 18030 into Chinese characters and nothing else: each character where its
first byte is written, the rest of its bytes as spaces (the same length, so every offset
still points into the original). A run that reads as Chinese in UTF-8 is left to the notation reader.

Round 59: GB 2312's *area-position codes* (区位码), each character as four decimal digits,
its area (16 … 87, the characters' areas) and its place in it (01 … 94), the codes apart by
spaces (``2163 2418``). A run of :data:`AREA_MIN` codes or more is read when the text names
the code (``区位``), and a run of :data:`AREA_UNNAMED_MIN` or more without it (years and
counts seldom stand four in a row); each character where its code begins, the rest as spaces.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

BYTES_MIN = 4  # two characters
_BYTE = "(?:\\\\x|%)?[89A-Fa-f][0-9A-Fa-f]"
_RUN_RE = compiled(f"(?<![0-9A-Za-z%\\\\]){_BYTE}(?: ?{_BYTE}){{{BYTES_MIN - 1},}}(?![0-9A-Za-z])")
_BYTE_RE = compiled(_BYTE)
_GATE_RE = compiled("[89A-Fa-f][0-9A-Fa-f] ?(?:\\\\x|%)?[89A-Fa-f][0-9A-Fa-f]")
AREA_MIN = 2  # area-position codes in a run, where the text names them
AREA_UNNAMED_MIN = 4  # … and where it does not
_AREA = "(?:1[6-9]|[2-7][0-9]|8[0-7])(?:0[1-9]|[1-8][0-9]|9[0-4])"
_AREA_RUN_RE = compiled(f"(?<![0-9A-Za-z.:/-]){_AREA}(?: {_AREA})+(?![0-9A-Za-z.:/-])")
_AREA_GATE_RE = compiled("[1-8][0-9]{3} [1-8][0-9]{3}")


def read(text: str) -> str:
    """``text`` with each run of GBK bytes in hexadecimal as characters, same length."""
    if _AREA_GATE_RE.search(text) is not None:
        text = _area_codes(text)
    if _GATE_RE.search(text) is None:
        return text
    return _RUN_RE.sub(_characters, text)


def _area_codes(text: str) -> str:
    """``text`` with each run of GB 2312 area-position codes as characters, same length."""
    least = AREA_MIN if ("区位" in text or "區位" in text) else AREA_UNNAMED_MIN

    def characters(m: re.Match[str]) -> str:
        run = m.group(0)
        codes = run.split(" ")
        if len(codes) < least:
            return run
        try:
            decoded = bytes(b for c in codes for b in (int(c[:2]) + 0xA0, int(c[2:]) + 0xA0))
            read = decoded.decode("gb2312")
        except UnicodeDecodeError:
            return run
        if len(read) != len(codes) or not all("\u4e00" <= c <= "\u9fff" for c in read):
            return run
        return "".join(char + " " * 4 for char in read)[: len(run)]

    return _AREA_RUN_RE.sub(characters, text)


def _characters(m: re.Match[str]) -> str:
    run = m.group(0)
    found = list(_BYTE_RE.finditer(run))
    if len(found) % 2:
        return run
    data = bytes(int(b.group(0)[-2:], 16) for b in found)
    if _chinese(data, "utf-8"):
        return run  # UTF-8 Chinese: the notation reader's
    decoded = _chinese(data, "gb18030")
    if len(decoded) * 2 != len(data):
        return run
    chars = [" "] * len(run)
    for i, char in enumerate(decoded):
        chars[found[2 * i].start()] = char
    return "".join(chars)


def _chinese(data: bytes, encoding: str) -> str:
    """``data`` decoded, when it is Chinese characters only; else ""."""
    try:
        decoded = data.decode(encoding)
    except UnicodeDecodeError:
        return ""
    return decoded if all("\u4e00" <= c <= "\u9fff" for c in decoded) else ""
