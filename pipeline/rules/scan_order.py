"""An Aho-Corasick automaton built so that its scan pays little at the root.

pyahocorasick finds a node's child by walking the node's list of children, so at the root
(one child for each first character of a key: some 1,400 for the lexicon's 40,000 keys and
spellings) every character of a text costs a walk of that list, and a character that begins
no key a walk of all of it. Two changes leave every match the same (issue 17):

- the keys are added in the order of their first character's frequency in Chinese text
  (jieba's dictionary, :func:`ranked`), so that the root's frequent children come first;
- the text is read with every character that stands in no key replaced by one *guard*
  character, the root's first child (through a key of two characters whose second never
  occurs in a text so read): found at once, where it was a walk of the whole list.

An occurrence of a key holds only characters of keys, which the reading leaves as they are,
and the guard character stands in no key but the unreachable one; the reading keeps every
offset. So the matches — ends, values and their order — are those of the plain automaton
over the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.rules import cache

RANKED = 3000  # characters ranked; the others come after them, in the keys' order
_NAME = f"char-rank-{RANKED}-1.json"


def ranked() -> str:
    """The :data:`RANKED` most frequent characters of Chinese text, most frequent first
    (weighted by jieba's word frequencies; built once, kept in the private cache)."""
    text = cache.read_sealed_json(_NAME)
    if isinstance(text, str) and text:
        return text
    from pipeline.rules.phonetic import char_counts  # only when not cached

    text = "".join(char for char, _ in char_counts().most_common(RANKED))
    cache.write_sealed_json(_NAME, text)
    return text


class _Reading(dict[int, int]):
    """``str.translate`` table: a key's character as itself, any other as the guard (each
    character looked up once, then remembered)."""

    def __init__(self, chars: frozenset[str], guard: int) -> None:
        super().__init__()
        self._chars = chars
        self._guard = guard

    def __missing__(self, code: int) -> int:
        value = self[code] = code if chr(code) in self._chars else self._guard
        return value


class Scanner:
    """An automaton of ``items`` (key, value) scanned as pyahocorasick's ``iter`` would
    scan the plain one; ``ints``: values are integers (``STORE_INTS``)."""

    def __init__(self, items: Iterable[tuple[str, Any]], ints: bool = False) -> None:
        import ahocorasick  # only when an automaton is built

        pairs = [(k, v) for k, v in items if k]
        chars = frozenset("".join(k for k, _ in pairs))
        free = (c for c in map(chr, range(1, 0x110000)) if c not in chars)
        guard, unreachable = next(free), next(free)
        rank = {char: i for i, char in enumerate(ranked())}
        last = len(rank)
        pairs.sort(key=lambda kv: rank.get(kv[0][0], last))  # stable: the rest as given
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS if ints else ahocorasick.STORE_ANY)
        automaton.add_word(guard + unreachable, 0)  # the root's first child: the guard
        for key, value in pairs:
            automaton.add_word(key, value)
        automaton.make_automaton()
        self.automaton = automaton
        self._reading = _Reading(chars, ord(guard))

    def iter(self, text: str) -> Iterator[tuple[int, Any]]:
        """Every ``(end, value)`` of a key in ``text``, in pyahocorasick's order."""
        return self.automaton.iter(text.translate(self._reading))  # type: ignore[no-any-return]
