"""The matcher's keys as a dictionary, scanned in Python for the few texts of one post.

Loading (or building) the Aho-Corasick automaton over some 36,000 keys and spellings cost
more than the rest of a one-post check. A dictionary of the same keys, with the lengths of
the keys that start with each two-character prefix, loads from the private cache in a
fraction of that time and, for a post of a few thousand characters, scans it in about a
millisecond. Once more than :data:`AUTOMATON_AFTER` characters have been scanned (a check
of many posts), the automaton is built from the same keys and used from then on.

Both give exactly what pyahocorasick's ``Automaton.iter`` gives: every occurrence of every
key as ``(end, value)``, ordered by end and, at one end, the longest key first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.rules.scan_order import Scanner

AUTOMATON_AFTER = 40_000  # characters; about what building the automaton costs in scanning


def prefix_lengths(keys: Iterable[str]) -> dict[str, str]:
    """Two-character prefix -> the lengths of the keys of two or more characters that
    start with it, longest first, each length as one character (``chr``)."""
    found: dict[str, set[int]] = {}
    for key in keys:
        if len(key) >= 2:
            found.setdefault(key[:2], set()).add(len(key))
    return {p: "".join(map(chr, sorted(n, reverse=True))) for p, n in found.items()}


class KeyTable:
    """``codes``: key -> automaton value; ``prefixes``: :func:`prefix_lengths` of them."""

    def __init__(
        self,
        codes: dict[str, int],
        prefixes: dict[str, str],
        singles: list[str],
        automaton: Any | None = None,
    ) -> None:
        """``singles``: the keys of one character (listed: finding them among all the keys
        would be a Python loop on every start)."""
        self.codes = codes
        self.prefixes = prefixes
        self.singles = singles
        self._single = {k: codes[k] for k in singles}
        self._automaton = automaton
        self._scanned = 0

    @classmethod
    def of(cls, automaton: Any) -> KeyTable:
        """The table of a built automaton's keys, using that automaton for long scans."""
        codes = {k: v for k, v in automaton.items() if k}
        singles = [k for k in codes if len(k) == 1]
        return cls(codes, prefix_lengths(codes), singles, automaton)

    def automaton(self) -> Any:
        """The Aho-Corasick automaton of the same keys and values (its root ordered for
        speed, :mod:`pipeline.rules.scan_order`, unless it was given built)."""
        if self._automaton is None:
            self._automaton = Scanner(self.codes.items(), ints=True)
        return self._automaton

    def iter(self, text: str) -> Iterator[tuple[int, int]]:
        """Every ``(end, value)`` of a key in ``text``, in the automaton's order."""
        if self._automaton is None:
            self._scanned += len(text)
            if self._scanned <= AUTOMATON_AFTER:
                return iter(self._scan(text))
        return self.automaton().iter(text)  # type: ignore[no-any-return]

    def _scan(self, text: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int, int]] = []
        lengths_of, code_of, single = self.prefixes.get, self.codes.get, self._single.get
        size = len(text)
        for i in range(size):
            code = single(text[i])
            if code is not None:
                found.append((i, -1, code))
            lengths = lengths_of(text[i : i + 2])
            if lengths is None:
                continue
            for length in map(ord, lengths):
                if i + length > size:  # a shorter slice could be another key
                    continue
                code = code_of(text[i : i + length])
                if code is not None:
                    found.append((i + length - 1, -length, code))
        found.sort()
        return [(end, code) for end, _, code in found]
