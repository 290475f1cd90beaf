"""The characters one position of a regular expression reads, for :mod:`.regex_safety`:
whether two positions can read the same character — exactly for written-out classes and
for ``\\s``, and "yes", the conservative answer, when both sides are large (``\\w`` and ``.``).

The work is bounded: classes of ranges are intersected as intervals, and a class is
written out character by character only when it holds at most :data:`SMALL` characters;
:meth:`CharSet.overlaps` says how much it did, for the analysis' step budget.
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

SMALL = 4_096  # a class this small may be written out to compare it with another
# What ``\s`` matches in a str pattern (tests/test_rule_regex_safety.py checks it against
# every code point): written out, ``\s`` is compared exactly with ``\w``, ``\d`` or a class.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
Intervals = tuple[tuple[int, int], ...]


class CharSet:
    """The characters one position of a pattern reads (one ``re._parser`` item)."""

    def __init__(self, op: Any, av: Any, flags: int) -> None:
        self.op = op
        self.av = av
        self.fold = bool(flags & re.IGNORECASE)
        self.dotall = bool(flags & re.DOTALL)
        self.ascii = bool(flags & re.ASCII)
        items = ((sre.LITERAL, av),) if op == sre.LITERAL else tuple(av) if op == sre.IN else None
        self.intervals = None if items is None else _intervals(items, self.ascii)
        self.members = None if self.intervals is None else _members(self.intervals, self.fold)

    def has(self, char: str) -> bool:
        variants = {char, char.lower(), char.upper(), char.casefold()} if self.fold else {char}
        return any(self._has(v) for v in variants if len(v) == 1)

    def _has(self, char: str) -> bool:
        code = ord(char)
        if self.op == sre.LITERAL:
            return code == self.av
        if self.op == sre.NOT_LITERAL:
            return code != self.av
        if self.op == sre.ANY:
            return self.dotall or char != "\n"
        negate = False
        found = False
        for op, av in self.av:
            if op == sre.NEGATE:
                negate = True
            elif op == sre.LITERAL:
                found = found or code == av
            elif op == sre.RANGE:
                found = found or av[0] <= code <= av[1]
            elif op == sre.CATEGORY:
                found = found or _category(av, self.ascii).match(char) is not None
            else:
                return True  # unknown item: assume it may read the character
        return found != negate

    def overlaps(self, other: CharSet) -> tuple[bool, int]:
        """Whether one character can be read by both (True when unsure), and the work
        done (characters compared)."""
        if not (self.fold or other.fold) and self.intervals and other.intervals:
            return _intersect(self.intervals, other.intervals), 1
        small, large = self, other
        if small.members is None or (
            large.members is not None and len(large.members) < len(small.members)
        ):
            small, large = large, small
        if small.members is None:
            return True, 1
        return any(large.has(c) for c in small.members), len(small.members)


@cache
def _intervals(items: tuple[tuple[Any, Any], ...], ascii_only: bool) -> Intervals | None:
    """The code points of a class as sorted intervals, or None (a negation, a category
    other than ``\\s``, or any category under ``re.ASCII`` but written out)."""
    spans: list[tuple[int, int]] = []
    for op, av in items:
        if op == sre.LITERAL:
            spans.append((av, av))
        elif op == sre.RANGE:
            spans.append((av[0], av[1]))
        elif op == sre.CATEGORY and (ascii_only or av == sre.CATEGORY_SPACE):
            chars = WHITESPACE if not ascii_only else map(chr, range(128))
            spans += [(ord(c), ord(c)) for c in chars if _category(av, ascii_only).match(c)]
        else:
            return None
    return tuple(sorted(spans))


def _intersect(a: Intervals, b: Intervals) -> bool:
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] < b[j][0]:
            i += 1
        elif b[j][1] < a[i][0]:
            j += 1
        else:
            return True
    return False


@cache
def _members(intervals: Intervals, fold: bool) -> frozenset[str] | None:
    """Every character of a class written out, when it is small; else None."""
    if sum(hi - lo + 1 for lo, hi in intervals) > SMALL:
        return None
    chars = {chr(c) for lo, hi in intervals for c in range(lo, hi + 1)}
    if fold:
        chars |= {v for c in chars for v in (c.lower(), c.upper(), c.casefold())}
    return frozenset(chars)


@cache
def _category(category: Any, ascii_only: bool) -> re.Pattern[str]:
    names = {
        sre.CATEGORY_DIGIT: r"\d",
        sre.CATEGORY_NOT_DIGIT: r"\D",
        sre.CATEGORY_SPACE: r"\s",
        sre.CATEGORY_NOT_SPACE: r"\S",
        sre.CATEGORY_WORD: r"\w",
        sre.CATEGORY_NOT_WORD: r"\W",
    }
    return re.compile(names.get(category, r"[\s\S]"), re.ASCII if ascii_only else 0)
