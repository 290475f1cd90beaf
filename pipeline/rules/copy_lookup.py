"""The copy detection's lookup (A11-04) without comparing a sentence with every post.

For a repeated sentence of a post, :meth:`pipeline.rules.attribution.RepoIndex.detect`
needs, among the entries of the posts that hold the sentence, those *earlier* than the post
(``(date, path)`` smaller, another path): the first of them in the index's order (the
source the finding names), and whether the body contains a name of any of them (its title,
source unit or link: :func:`pipeline.rules.attribution.citations`; then it is attributed). Comparing with each entry costs, summed over the posts that share a
sentence, the square of their number: a footer in every post of a large archive.

- :class:`Bucket` sorts one sentence's entries by ``(date, path)`` once: the earlier ones
  are a prefix found by bisection, and for each prefix it keeps the first entry in the
  index's order and the first whose path differs from that one's (the post's own path is
  left out, and it can be only one of the two).
- :class:`Titles` finds which titles of the index a body contains in one Aho-Corasick pass;
  a bucket then looks up only those titles. The titles are compared one by one, as before,
  until :data:`DIRECT_TITLE_CHECKS` comparisons have been made (a check of one post never
  builds the automaton).

Both give exactly what the comparison with every entry gives (tests/test_rules_attribution_scale.py
keeps that implementation as the reference).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.rules.attribution import Entry

SMALL_BUCKET = 16  # entries; fewer are compared one by one (most sentences: one post)
DIRECT_TITLE_CHECKS = 20_000  # titles compared one by one per index before the automaton


class Bucket:
    """The entries of one sentence key, sorted by ``(date, path)`` (ties: index order)."""

    __slots__ = ("_best", "_by_title", "_in_order", "_other", "entries", "keys")

    def __init__(self, entries: list[Entry]) -> None:
        order = sorted(range(len(entries)), key=lambda i: (entries[i].date, entries[i].path))
        self.entries = [entries[i] for i in order]
        self.keys = [(e.date, e.path) for e in self.entries]
        self._in_order = entries
        self._by_title: dict[str, list[tuple[str, str]]] | None = None
        # For each prefix entries[:k + 1]: the position in the index's order of its first
        # entry, and of its first entry with another path than that one (-1: none).
        self._best: list[int] = []
        self._other: list[int] = []
        best = other = -1
        for i in order:
            if best < 0:
                best = i
            elif entries[i].path == entries[best].path:
                best = min(best, i)
            elif i < best:
                best, other = i, best
            elif other < 0 or i < other:
                other = i
            self._best.append(best)
            self._other.append(other)

    def earlier(self, date: str, path: str) -> int:
        """How many entries are earlier than ``(date, path)``: they are ``entries[:k]``."""
        return bisect_left(self.keys, (date, path))

    def source(self, k: int, path: str) -> Entry | None:
        """The first entry, in the index's order, of ``entries[:k]`` whose path is not
        ``path``; None when there is none."""
        if k == 0:
            return None
        entries = self._in_order
        best = entries[self._best[k - 1]]
        if best.path != path:
            return best
        other = self._other[k - 1]
        return entries[other] if other >= 0 else None

    def titled(self, k: int, date: str, path: str, titles: set[str]) -> bool:
        """Whether an entry of ``entries[:k]`` with another path than ``path`` has one of
        ``titles`` among its names (the names the body contains)."""
        if not titles:
            return False
        if self._by_title is None:
            by_title: dict[str, list[tuple[str, str]]] = {}
            for e, key in zip(self.entries, self.keys, strict=True):
                for name in e.names:
                    listed = by_title.setdefault(name, [])
                    if not listed or listed[-1] != key:
                        listed.append(key)  # sorted, each (date, path) once
            self._by_title = by_title
        query = (date, path)
        for title in titles:
            for key in self._by_title.get(title, ()):
                if key >= query:
                    break
                if key[1] != path:
                    return True
        return False


class Titles:
    """Which titles of the index a body contains: one by one up to a budget, then with an
    Aho-Corasick automaton of every title (built once per index)."""

    def __init__(self) -> None:
        self._compared = 0
        self._automaton: Any | None = None
        self._titles: list[str] = []

    def reset(self) -> None:
        """The index changed: a new title may have to be found."""
        self._automaton = None

    def direct(self, count: int) -> bool:
        """Whether ``count`` more titles may be compared one by one (and count them)."""
        if self._automaton is None and self._compared + count <= DIRECT_TITLE_CHECKS:
            self._compared += count
            return True
        return False

    def found_in(self, body: str, known: set[str]) -> set[str]:
        """The non-empty titles of ``known`` (the index's) that ``body`` contains."""
        if self._automaton is None:
            import ahocorasick  # only in a check of many posts

            titles = sorted(t for t in known if t)
            automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for number, title in enumerate(titles):
                automaton.add_word(title, number)
            if titles:
                automaton.make_automaton()
            self._automaton, self._titles = automaton, titles
        if not self._titles:
            return set()
        return {self._titles[number] for _, number in self._automaton.iter(body)}
