"""A word broken by one line break (:func:`pipeline.rules.lines.broken`) is read as the
whole joined text reads it, while only the terms across a break are decided.

The direct reading it replaces (every hit of the joined text, mapped back through a list
of every kept offset, then kept when a break lies inside it) is the reference: on random
hard-wrapped texts of lexicon terms, context words and marks, both give the same hits at
the same offsets.
"""

from __future__ import annotations

import random

import pytest

from pipeline.rules import RuleChecker, lines
from pipeline.rules.engine import Hit, crosses


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def _direct(checker: RuleChecker, masked: str) -> list[tuple[str, int, int, str]]:
    offsets = lines.breaks(masked)
    kept = [i for i in range(len(masked)) if i not in set(offsets)]
    joined = "".join(masked[i] for i in kept)
    found = []
    for h in checker.matcher.scan(joined):
        start, end = kept[h.start], kept[h.end - 1] + 1
        if any(start < o < end for o in offsets):
            found.append((h.term.text, start, end, h.how))
    return sorted(found)


def _read(hits: list[Hit]) -> list[tuple[str, int, int, str]]:
    return sorted((h.term.text, h.start, h.end, h.how) for h in hits)


PIECES = [
    "法轮功",
    "毒品",
    "赌博网站",
    "傻逼",
    "提醒",
    "远离",
    "依法查处",
    "大家",
    "，",
    "。",
    "\n",
]


@pytest.mark.parametrize("seed", range(40))
def test_broken_reads_as_the_direct_reading(checker: RuleChecker, seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(60))
    # Hard-wrap inside words: a line break after every few characters.
    wrapped = "".join(ch + ("\n" if rng.random() < 0.2 else "") for ch in text)
    assert _read(lines.broken(checker.matcher.scan, wrapped)) == _direct(checker, wrapped)


def test_a_word_across_a_break_keeps_its_original_offsets(checker: RuleChecker) -> None:
    text = "群里有人说\n法轮\n功好，还有赌\n博网站"
    found = {(text[h.start : h.end], h.term.text) for h in lines.broken(checker.matcher.scan, text)}
    assert ("法轮\n功", "法轮功") in found
    assert ("赌\n博网站", "赌博网站") in found or ("赌\n博", "赌博") in found


def test_crosses_is_a_strict_inside() -> None:
    assert crosses([5], 4, 6)
    assert not crosses([5], 5, 8)  # the offset at the start: nothing before it is in
    assert not crosses([5], 2, 5)
    assert crosses([1, 9, 20], 8, 10)
    assert not crosses([], 0, 10)
