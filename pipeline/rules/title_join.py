"""A word split between a post's title and the start of its body (round 32, issue 12).

``标题：……废除社会主`` + ``义制度，……``: neither field holds the word, the reader sees it
whole, since a title runs straight on into the text in most feeds. The check reads the
title's last clause joined to the body's first sentence and keeps what crosses the seam:
a word-sized detection of a lexical or combination rule (the semantic layer reads whole
sentences and has no seam to cross). Cheap tests first: a title that ends with a mark or a
space, or a body whose first character after the blank lines is one, has no split word; nor
has a seam whose two characters no lexicon term holds side by side (``known``: a set of the
terms' character pairs, built once per checker, so most posts never read the seam; the
first few seams of a checker search the terms joined instead: :class:`Seams`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection

__all__ = ["Seams", "pairs", "seam", "split_words"]

_CLAUSE_END = compiled(r"[\s，。！？；：、,.!?;:…—|()（）《》“”\"'【】\[\]]")
_SENTENCE_END = compiled(r"[。！？；!?;\n]")
_TAIL = 20  # characters of the title's last clause read at most
_HEAD = 60  # characters of the body's first sentence read at most
_WORD = 16  # the longest detection read as one split word


def _word_char(ch: str) -> bool:
    return ch.isalnum()


def pairs(terms: Iterable[str]) -> frozenset[str]:
    """Every two characters side by side in one of ``terms``."""
    return frozenset(term[i : i + 2] for term in terms for i in range(len(term) - 1))


class Seams:
    """Whether two characters stand side by side in one of the terms (``in``). The first
    :attr:`SEARCHED` questions search the terms joined by a character that ends the
    search (a one-post check asks once, and the set of every pair, 0.02 s to build, was
    a tenth of it); from the next one on, the set of :func:`pairs` answers."""

    SEARCHED = 8
    _APART = "\x00"

    def __init__(self, terms: Iterable[str]) -> None:
        self._terms = list(terms)
        self._joined = self._APART.join(self._terms)
        self._asked = 0
        self._pairs: frozenset[str] | None = None

    def __contains__(self, pair: object) -> bool:
        if not isinstance(pair, str):
            return False
        searched = self._pairs is None and self._asked < self.SEARCHED
        if searched and len(pair) == 2 and self._APART not in pair:
            # two characters without the joint stand side by side in the joined text
            # exactly when they do in one term
            self._asked += 1
            return pair in self._joined
        if self._pairs is None:
            self._pairs = pairs(self._terms)
        return pair in self._pairs


def seam(title: str, body: str) -> tuple[str, int, int] | None:
    """(joined text, the seam's offset in it, the tail's offset in ``title``), or None when
    the title or the body ends or opens a sentence at the seam."""
    head_at = len(body) - len(body.lstrip())
    if not title or head_at >= len(body):
        return None
    if not (_word_char(title[-1]) and _word_char(body[head_at])):
        return None
    cut = max((m.end() for m in _CLAUSE_END.finditer(title)), default=0)
    tail_at = max(cut, len(title) - _TAIL)
    stop = _SENTENCE_END.search(body, head_at)
    head = body[head_at : min(stop.start() + 1 if stop else len(body), head_at + _HEAD)]
    tail = title[tail_at:]
    return tail + head, len(tail), tail_at


def split_words(
    title: str,
    body: str,
    check: Callable[[str], list[Detection]],
    known: Callable[[str], bool],
) -> list[Detection]:
    """Detections of ``check`` over the seam's text that cross it, placed in the title
    (from the detection's start to the title's end); read only when ``known`` holds for
    the two characters that meet at the seam."""
    found = seam(title, body)
    if found is None:
        return []
    text, at, tail_at = found
    if not known(text[at - 1 : at + 1]):
        return []
    result: list[Detection] = []
    for d in check(text):
        if d.rule.startswith("S") or not d.start < at < d.end or d.end - d.start > _WORD:
            continue
        start = tail_at + d.start
        result.append(Detection(start, len(title), d.rule, d.article, d.severity, d.message))
    return result
