"""Evasive spellings of the combination rules' words (issue 12).

The lexicon matcher puts generated spellings of its terms into its automaton
(:mod:`pipeline.rules.spellings`); a combination rule held only the words it lists, so
``刘主任就是个 tan 官``, ``湾湾du立``, ``没dēng记``, ``k试 da 案`` or ``出 木仓 支 弓单 药``
slipped through rules whose plain words were there. Every word of two to four Chinese
characters now also matches with any of its characters written as

- its pinyin (``tan官``, ``gongchandang``: full pinyin is a word of its own when the
  Latin run ends at both edges),
- its pinyin initial (``k试da案``, ``h族``; a two-character word keeps one character:
  two bare letters are too common to read as a word),
- its split components (``木仓`` for 枪, ``弓单`` for 弹: :mod:`pipeline.rules.radicals`).

Nothing is listed: each word is matched character by character against its characters'
options, tried only where a spelling can begin (a few characters before a Latin letter or a component
in the compacted view), with the words whose first character can be written as what
stands there. Their syllables come from
pypinyin (0.4 s to import), so they are kept in the private cache
(:mod:`pipeline.rules.cache`) under a name that hashes the words and this code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product

from pipeline.rules import cache
from pipeline.rules.compiled_re import compiled
from pipeline.rules.normalize import is_cjk

MAX_CHARS = 4  # longer words: pinyin of the whole word only
_LATIN = compiled("[a-z]")
_RUN = compiled("(?<![a-z])[a-z]")
_LETTERS = compiled("[a-z]+")  # each run's start is a match of _RUN
Splits = dict[str, list[str]]  # character -> its components written side by side


def _data(words: list[str]) -> tuple[dict[str, str], Splits]:
    """word -> its toneless pinyin (a space between syllables), and the split-character
    table; from the cache, else from pypinyin and :mod:`pipeline.rules.radicals` (neither
    is imported by a check once the cache holds them)."""
    digest = cache.code_digest(("rule_kinds/spelled.py", "radicals.py"), 12)
    digest.update("\n".join(words).encode("utf-8"))
    name = f"combo-syllables-{digest.hexdigest()}.json"
    data = cache.read_sealed_json(name)
    if isinstance(data, list) and len(data) == 2 and all(isinstance(x, dict) for x in data):
        found, splits = data
        if cache.only_types(found.values(), str) and cache.only_types(splits.values(), list):
            return found, splits
    from pypinyin import Style, lazy_pinyin

    from pipeline.rules import radicals

    found = {}
    for word in words:
        plain = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
        if len(plain) == len(word) and all(s.isascii() and s.isalpha() for s in plain):
            found[word] = " ".join(plain)
    splits = {char: list(parts) for char, parts in radicals.SPLITS.items()}
    cache.write_sealed_json(name, [found, splits])
    return found, splits


def spellings_of(word: str, syllables: list[str]) -> list[str]:
    """Every evasive spelling of ``word`` (see the module's docstring), not ``word``:
    what :meth:`Spelled.match` finds, listed (for tests and reading)."""
    from pipeline.rules.radicals import SPLITS

    if len(word) > MAX_CHARS:
        return ["".join(syllables)]
    splits = {char: list(parts) for char, parts in SPLITS.items()}
    options = [_options(c, s, splits) for c, s in zip(word, syllables, strict=True)]
    return ["".join(parts) for parts in product(*options) if _evasive(word, "".join(parts), parts)]


def _options(char: str, syllable: str, splits: Splits) -> tuple[str, ...]:
    """How one character may be written: itself, its pinyin, its initial, its components
    (the whole syllable before its initial: the first option that fits is taken)."""
    return (char, syllable, syllable[0], *splits.get(char, ()))


def _evasive(word: str, spelling: str, parts: tuple[str, ...]) -> bool:
    """A spelling other than the word, and not two bare letters for a two-character word
    (``hz``, ``dj``: a rule lists such initials when they are meant)."""
    if spelling == word:
        return False
    return not (len(word) == 2 and all(len(p) == 1 and p.isascii() for p in parts))


class Spelled:
    """The spellings of a set of words, found where a text holds one; :meth:`find` looks
    for those of ``anchors`` (some of the words) anywhere in a text."""

    def __init__(self, words: Iterable[str], anchors: Iterable[str] = ()) -> None:
        self._words = sorted({w for w in words if len(w) >= 2 and all(map(is_cjk, w))})
        self._anchors = sorted(set(anchors).intersection(self._words))
        self._syllables: dict[str, str] | None = None
        self._splits: Splits = {}
        self._spot: re.Pattern[str] | None = None
        self._parts: list[str] = []
        self._parts_re: re.Pattern[str] | None = None  # any pair of components
        self._apart = False  # whether _spots may search letters and components apart
        self._options: dict[str, list[tuple[str, ...]] | None] = {}
        self._first: dict[str, list[str]] | None = None

    def needed(self, text: str) -> bool:
        """Whether ``text`` (compacted) can hold a spelling: a Latin letter or the
        components of a split character written side by side (``木仓``; one component
        alone, ``木``, is any text)."""
        # A text holds a match of _RUN exactly when it holds a letter; _RUN's look-behind
        # costs a try at every character, a leading class is scanned for in C.
        if _LATIN.search(text) is not None:
            return True
        self.syllables()
        # One regex search (in C) instead of a substring test per component pair.
        return self._parts_re is not None and self._parts_re.search(text) is not None

    def syllables(self) -> dict[str, str]:
        if self._syllables is None:
            self._syllables, self._splits = _data(self._words)
            self._parts = sorted({p for ps in self._splits.values() for p in ps}, key=len)[::-1]
            # Where a spelling can begin to differ from its word: a Latin letter after a
            # non-letter, or a pair of components.
            self._spot = re.compile("|".join([_RUN.pattern, *map(re.escape, self._parts)]))
            if self._parts:
                self._parts_re = re.compile("|".join(map(re.escape, self._parts)))
            # No component holds a Latin letter (components are Chinese): a match of
            # _spot is then a run's first letter or a match of _parts_re, never both
            # kinds across one another, so the two are found apart (:meth:`_spots`).
            self._apart = all(p and _LATIN.search(p) is None for p in self._parts)
        return self._syllables

    def options(self, word: str) -> list[tuple[str, ...]] | None:
        """How each character of ``word`` may be written; None without syllables."""
        if word not in self._options:
            spelled = self.syllables().get(word)
            syllables = None if spelled is None else spelled.split(" ")
            found = None
            if syllables is not None and len(word) <= MAX_CHARS:
                found = [_options(c, s, self._splits) for c, s in zip(word, syllables, strict=True)]
            elif syllables is not None:
                found = [(word, "".join(syllables))]
            self._options[word] = found
        return self._options[word]

    def match(self, c: str, start: int, word: str, breaks: frozenset[int] = frozenset()) -> int:
        """The end of an evasive spelling of ``word`` at ``c[start:]``, or -1 (``breaks``:
        :func:`edges_hold`)."""
        options = self.options(word)
        found = None if options is None else _spelling_at(c, start, options, 0, ())
        if found is None or not _evasive(word, c[start : found[0]], found[1]):
            return -1
        return found[0] if edges_hold(c, start, found[0], breaks) else -1

    def search(
        self, c: str, lo: int, hi: int, word: str, breaks: frozenset[int] = frozenset()
    ) -> list[tuple[int, int]]:
        """Every evasive spelling of ``word`` in ``c[lo:hi]``."""
        options = self.options(word)
        if options is None:
            return []
        heads = {o[0] for o in options[0]}
        found = []
        for start in range(lo, hi):
            if c[start] in heads:
                end = self.match(c, start, word, breaks)
                if 0 <= end <= hi:
                    found.append((start, end))
        return found

    def find(self, c: str, breaks: frozenset[int] = frozenset()) -> list[tuple[int, int, str]]:
        """(start, end, anchor) of every evasive spelling of an anchor in ``c``.

        A spelling holds a Latin letter or a component, and starts at most
        ``MAX_CHARS - 1`` characters before the first one: only those starts are tried,
        each with the words whose first character can be written as what stands there."""
        if self._first is None:
            self._first = {}
            for word in self._anchors:
                options = self.options(word)
                for head in {o[0] for o in options[0]} if options else ():
                    self._first.setdefault(head, []).append(word)
        starts: set[int] = set()
        self.syllables()
        spots = self._spots(c)
        spots += [b for b in breaks if b < len(c) and _LATIN.match(c, b)]  # zhou liu
        for spot in spots:
            if spot not in starts:
                starts.update(range(max(0, spot - MAX_CHARS + 1), spot + 1))
        found = []
        for start in sorted(starts):
            for word in self._first.get(c[start], ()):
                end = self.match(c, start, word, breaks)
                if end != -1:
                    found.append((start, end, word))
        return found

    def _spots(self, c: str) -> list[int]:
        """The starts of ``_spot``'s matches in ``c``, in any order. With :attr:`_apart`,
        the start of each run of letters and the matches of ``_parts_re``: each search
        opens with a class or a literal, which the regular expression engine scans for in
        C, where the alternation, led by a look-behind, was tried at every character."""
        if not self._apart:
            return [m.start() for m in (self._spot or _RUN).finditer(c)]
        spots = [m.start() for m in _LETTERS.finditer(c)]
        if self._parts_re is not None:
            spots += [m.start() for m in self._parts_re.finditer(c)]
        return spots


def _spelling_at(
    c: str, at: int, options: list[tuple[str, ...]], i: int, parts: tuple[str, ...]
) -> tuple[int, tuple[str, ...]] | None:
    """The end and the parts of the first spelling (longer options first) of the
    characters ``options[i:]`` at ``c[at:]``, or None."""
    if i == len(options):
        return at, parts
    for option in options[i]:
        if c.startswith(option, at):
            found = _spelling_at(c, at + len(option), options, i + 1, (*parts, option))
            if found is not None:
                return found
    return None


def edges_hold(c: str, start: int, end: int, breaks: frozenset[int] = frozenset()) -> bool:
    """A spelling at ``c[start:end]`` that begins or ends with a Latin letter must begin
    or end the Latin run there: ``dui`` inside ``duifu`` is no word. ``breaks``: offsets
    of ``c`` where the original text had a separator (``zhou liu you xing``: syllables
    written apart end a word there)."""
    if start > 0 and start not in breaks and _LATIN.match(c, start) and _LATIN.match(c, start - 1):
        return False
    if _LATIN.match(c, end - 1) and end < len(c) and _LATIN.match(c, end):
        return end in breaks
    return True
