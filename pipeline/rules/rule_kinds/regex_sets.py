"""The characters one position of a regular expression reads, for :mod:`.regex_safety`:
whether two positions can read the same character (exactly for written-out sets, else
"yes", the conservative answer)."""

from __future__ import annotations

import re
from functools import cache
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

_SMALL = 70_000  # a character set this small is enumerated to compare it with another
# What ``\s`` matches in a str pattern (tests/test_rule_regex_safety.py checks it against
# every code point): written out, ``\s`` is compared exactly with ``\w``, ``\d`` or a class.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


class CharSet:
    """The characters one position of a pattern reads (one ``re._parser`` item)."""

    def __init__(self, op: Any, av: Any, flags: int) -> None:
        self.op = op
        self.av = av
        self.fold = bool(flags & re.IGNORECASE)
        self.dotall = bool(flags & re.DOTALL)
        self.ascii = bool(flags & re.ASCII)
        self.members = self._members()

    def _members(self) -> frozenset[str] | None:
        if self.op == sre.LITERAL:
            return _members(((sre.LITERAL, self.av),), self.fold, self.ascii)
        if self.op == sre.IN:
            return _members(tuple(self.av), self.fold, self.ascii)
        return None

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

    def overlaps(self, other: CharSet) -> bool:
        """Whether one character can be read by both (True when unsure)."""
        small, large = (self, other)
        if small.members is None or (
            large.members is not None and len(large.members) < len(small.members)
        ):
            small, large = large, small
        if small.members is None:
            return True
        return any(large.has(c) for c in small.members)


@cache
def _members(
    items: tuple[tuple[Any, Any], ...], fold: bool, ascii_only: bool
) -> frozenset[str] | None:
    """Every character of a set written out, when it is small; else None."""
    chars: set[str] = set()
    for op, av in items:
        if op == sre.LITERAL:
            chars.add(chr(av))
        elif op == sre.RANGE and av[1] - av[0] < _SMALL - len(chars):
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op == sre.CATEGORY and av == sre.CATEGORY_SPACE and not ascii_only:
            chars.update(WHITESPACE)
        elif op == sre.CATEGORY and ascii_only:
            chars.update(c for c in map(chr, range(128)) if _category(av, True).match(c))
        else:
            return None  # a category, a negation or a large range
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
