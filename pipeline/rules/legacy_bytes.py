"""Chinese characters written as GBK or GB 18030 bytes in hexadecimal (round 20, issue 12).

:func:`pipeline.rules.notation.decode` reads UTF-8 bytes written in hexadecimal or
percent-encoded (``E58FB0``, ``%E5%8F%B0``). The national encodings write the same
characters in two bytes each (``C4 DA B2 BF``, ``\\xC4\\xDA``, ``%C4%DA``), which legitimate
Chinese prose never spells out. :func:`read` reads a run of at least :data:`BYTES_MIN` such
bytes, each with its high bit set (a hash or a colour holds smaller ones), when the run
decodes as GB 18030 into Chinese characters and nothing else: each character where its
first byte is written, the rest of its bytes as spaces (the same length, so every offset
still points into the original). A run that reads as Chinese in UTF-8 is left to the notation reader.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

BYTES_MIN = 4  # two characters
_BYTE = "(?:\\\\x|%)?[89A-Fa-f][0-9A-Fa-f]"
_RUN_RE = compiled(f"(?<![0-9A-Za-z%\\\\]){_BYTE}(?: ?{_BYTE}){{{BYTES_MIN - 1},}}(?![0-9A-Za-z])")
_BYTE_RE = compiled(_BYTE)
_GATE_RE = compiled("[89A-Fa-f][0-9A-Fa-f] ?(?:\\\\x|%)?[89A-Fa-f][0-9A-Fa-f]")


def read(text: str) -> str:
    """``text`` with each run of GBK bytes in hexadecimal as characters, same length."""
    if _GATE_RE.search(text) is None:
        return text
    return _RUN_RE.sub(_characters, text)


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
