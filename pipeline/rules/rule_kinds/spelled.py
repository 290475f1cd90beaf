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

The spellings are made only for a text that can hold one (a Latin letter or a split
component in its compacted view), and then once per process. Their syllables come from
pypinyin (0.4 s to import), so they are kept in the private cache
(:mod:`pipeline.rules.cache`) under a name that hashes the words and this code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product

from pipeline.rules import cache, radicals
from pipeline.rules.normalize import is_cjk

MAX_CHARS = 4  # longer words: pinyin of the whole word only
_LATIN = re.compile("[a-z]")
_PARTS = frozenset("".join(p for parts in radicals.SPLITS.values() for p in parts))


def _syllables(words: list[str]) -> dict[str, list[str]]:
    """word -> toneless pinyin per character, from the cache or pypinyin."""
    digest = cache.code_digest(("rule_kinds/spelled.py",), 12)
    digest.update("\n".join(words).encode("utf-8"))
    name = f"combo-syllables-{digest.hexdigest()}.json"
    data = cache.read_sealed_json(name)
    if isinstance(data, dict) and all(
        isinstance(v, list) and cache.only_types(v, str) for v in data.values()
    ):
        return data
    from pypinyin import Style, lazy_pinyin

    result: dict[str, list[str]] = {}
    for word in words:
        plain = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
        if len(plain) == len(word) and all(s.isascii() and s.isalpha() for s in plain):
            result[word] = plain
    cache.write_sealed_json(name, result)
    return result


def spellings_of(word: str, syllables: list[str]) -> list[str]:
    """Every evasive spelling of ``word`` (see the module's docstring), not ``word``."""
    if len(word) > MAX_CHARS:
        return ["".join(syllables)]
    options = [
        (char, syllable, syllable[0], *radicals.SPLITS.get(char, ()))
        for char, syllable in zip(word, syllables, strict=True)
    ]
    result: list[str] = []
    for parts in product(*options):
        spelling = "".join(parts)
        if spelling == word:
            continue
        if len(word) == 2 and all(len(p) == 1 and p.isascii() for p in parts):
            continue  # ``hz``, ``dj``: list such initials in the rule when they are meant
        result.append(spelling)
    return result


class Spelled:
    """The spellings of a set of words, made when a text first needs them."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = sorted({w for w in words if len(w) >= 2 and all(map(is_cjk, w))})
        self._table: dict[str, tuple[str, ...]] | None = None

    @staticmethod
    def needed(text: str) -> bool:
        """Whether ``text`` (compacted) can hold a spelling: a Latin letter or a component."""
        return _LATIN.search(text) is not None or not _PARTS.isdisjoint(text)

    def table(self) -> dict[str, tuple[str, ...]]:
        """word -> its spellings (every word with at least one)."""
        if self._table is None:
            syllables = _syllables(self._words)
            self._table = {
                word: tuple(spellings_of(word, syllables[word]))
                for word in self._words
                if word in syllables
            }
        return self._table

    def of(self, word: str) -> tuple[str, ...]:
        return self.table().get(word, ())


def edges_hold(c: str, start: int, end: int) -> bool:
    """A spelling at ``c[start:end]`` that begins or ends with a Latin letter must begin
    or end the Latin run there: ``dui`` inside ``duifu`` is no word."""
    if _LATIN.match(c, start) and start > 0 and _LATIN.match(c, start - 1):
        return False
    return not (_LATIN.match(c, end - 1) and end < len(c) and _LATIN.match(c, end))
