"""Pinyin typed on a phone keypad (九宫格), read back as letters (round 24, issue 12).

On the nine-key keypad each digit 2 … 9 stands for three or four letters (``2`` abc …
``9`` wxyz), so ``74348494894`` is the pinyin *shehuizhuyi* typed one key a letter. Phone
numbers, dates and tables are everywhere in government posts, so :func:`letters` reads
digits only in a text that names the keypad (:data:`CUES`: 九宫格, T9, 手机键盘 …), and
only a run of digits 2 … 9 that reads whole as pinyin words (the pinyin reader's index,
:func:`pipeline.rules.pinyin_reader.syllable_index`, the most likely words of each key
sequence): the letters go to the pinyin view (:mod:`pipeline.rules.decoded`) as disguised
letters, one letter where each digit is (the same length), and a finding comes only from
what the lexicons or the model read in the characters, never from a syllable alone.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.rules import pinyin_reader
from pipeline.rules.compiled_re import Lazy

CUES = ("九宫格", "t9", "T9", "手机键盘", "数字键盘", "拼音键盘")
# A run: a group of four keys or more and any groups after it, or (round 35) three groups of
# two keys or more (``884 948 546``, one syllable a group).
_RUN_RE = Lazy(
    "(?<![0-9A-Za-z])(?:[2-9]{4,}(?: [2-9]{2,})*|[2-9]{2,}(?: [2-9]{2,}){2,})(?![0-9A-Za-z])"
)
_KEYS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyz", "22233344455566677778889999"
)  # fmt: skip
WORD_COST = 200  # each word more in a reading (fewer, longer words read better)
LONGEST = 24  # letters of the longest word tried


def letters(text: str) -> str:
    """``text`` with each keypad run that reads whole as pinyin words as those letters,
    same length, when ``text`` names the keypad; ``text`` itself otherwise."""
    if not any(cue in text for cue in CUES):
        return text
    return _RUN_RE.get().sub(_run, text)


def _run(m: re.Match[str]) -> str:
    groups = m.group(0).split(" ")
    letters = _read("".join(groups), _bounds(groups))
    if not letters:
        return m.group(0)
    out: list[str] = []
    at = 0
    for group in groups:
        out.append(letters[at : at + len(group)])
        at += len(group)
    return " ".join(out)


def _bounds(groups: list[str]) -> frozenset[int]:
    """Offsets in the joined digits where a group begins or ends."""
    ends = {0}
    at = 0
    for group in groups:
        at += len(group)
        ends.add(at)
    return frozenset(ends)


def _read(digits: str, bounds: frozenset[int]) -> str:
    """The most likely pinyin words typed as ``digits``, joined, or "". A word lies inside
    one group or spans whole groups (round 35: ``543 726`` is *jiesan*, one word, where
    ``726`` alone reads *ran*), never part of one group and part of the next."""
    table = _table()
    n = len(digits)
    best: list[tuple[int, str] | None] = [(0, "")] + [None] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - LONGEST), end):
            here = best[start]
            if not _aligned(start, end, bounds):
                continue
            found = table.get(digits[start:end])
            if here is None or found is None:
                continue
            cost = here[0] + found[0] + WORD_COST
            if best[end] is None or cost < best[end][0]:  # type: ignore[index]
                best[end] = (cost, here[1] + found[1])
    last = best[n]
    return last[1] if last is not None else ""


def _aligned(start: int, end: int, bounds: frozenset[int]) -> bool:
    """Whether ``digits[start:end]`` lies in one group or begins and ends on group edges."""
    if start in bounds and end in bounds:
        return True
    return not any(start < b < end for b in bounds)


@cache
def _table() -> dict[str, tuple[int, str]]:
    """Key sequence -> (cost, toneless pinyin) of the likeliest word typed so."""
    table: dict[str, tuple[int, str]] = {}
    for key, entries in pinyin_reader.syllable_index().items():
        if not key or not entries:
            continue
        cost = min(int(e[1]) for e in entries)
        code = key.translate(_KEYS)
        if code not in table or cost < table[code][0]:
            table[code] = (cost, key)
    return table
