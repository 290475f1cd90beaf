"""Every character written twice (round 18, issue 12).

``中中华华龙龙文文化化研研究究总总会会`` spells 中华龙文化研究总会 with each character
doubled, a disguise that no word list matches and that the reader undoes at a glance.
:func:`undouble` reads a run of :data:`DOUBLED_MIN` or more doubled characters in a row,
each pair a different character from the next, with the second of each pair as a space:
the same length, so the compacted view of :mod:`pipeline.rules.normalize` reads the word
split by separators (an evasion) and every offset still maps to the original.

Chinese doubles characters in reduplicated words (``高高兴兴``, ``干干净净整整齐齐``: two to
four pairs), and laughter repeats one character (``哈哈哈哈``); neither is five different
pairs in a row.
"""

from __future__ import annotations

from pipeline.rules.compiled_re import Lazy, compiled

DOUBLED_MIN = 5  # doubled characters in a row, each different from the next
NAME = "叠字（每字写两遍）"
# Cheap gate, in C: three different doubled non-ASCII characters in a row.
_GATE_RE = compiled("([^\\x00-\u2fff])\\1(?!\\1)([^\\x00-\u2fff])\\2(?!\\2)([^\\x00-\u2fff])\\3")
_PAIR = "([\u3400-\u4dbf\u4e00-\u9fff])\\1"
_RUN_RE = Lazy(f"(?:{_PAIR}(?!\\1)){{{DOUBLED_MIN},}}")


def undouble(normalised: str) -> str:
    """``normalised`` with the second character of each pair of a doubled run as a space."""
    if _GATE_RE.search(normalised) is None:
        return normalised
    return _RUN_RE.get().sub(lambda m: "".join(c + " " for c in m.group(0)[::2]), normalised)
