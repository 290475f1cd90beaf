"""What the content rules look up around every finding, worked out once per text.

A finding's sentence was found with ``rfind`` and ``find`` from the finding, its paragraph's
frame words with a search of the paragraph, an open quotation with a walk from the
paragraph's start: each costs the distance to the mark or the paragraph's length, so a
long text with a finding every few characters and no sentence end (one enormous paragraph,
a term repeated) paid the text's length for each finding: its length squared in all.

Here the offsets of a mark are listed once per text (one regular-expression pass) and
looked up with :mod:`bisect`, and a question asked of a span of the text is answered once
per span (:func:`remembered`). The answers are the same as a direct search's: only texts of
at least :data:`INDEXED` characters are indexed, shorter ones are searched directly (a
list costs more than a few searches there). The last :data:`KEPT` texts are kept, each
found again by identity, and the text itself is held so that its ``id`` cannot be reused.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Hashable
from typing import TypeVar

__all__ = [
    "INDEXED",
    "KEPT",
    "first_from",
    "last_before",
    "matches_before",
    "offsets",
    "recall",
    "remember",
    "remembered",
]

INDEXED = 256  # characters from which a text's marks are listed
KEPT = 8  # texts whose lists and answers are kept
_ANSWERS = 4096  # answers kept per text

T = TypeVar("T")


class _Text:
    """What is known of one text: mark offsets by pattern, answers by question."""

    __slots__ = ("answers", "offsets", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[str, list[int]] = {}
        self.answers: dict[Hashable, object] = {}


_texts: dict[int, _Text] = {}
_patterns: dict[str, re.Pattern[str]] = {}


def _known(text: str) -> _Text:
    known = _texts.get(id(text))
    if known is None or known.text is not text:
        if len(_texts) >= KEPT:
            del _texts[next(iter(_texts))]
        known = _texts[id(text)] = _Text(text)
    return known


def offsets(text: str, pattern: str) -> list[int]:
    """The sorted offsets where the regular expression ``pattern`` matches in ``text``
    (a lookahead such as ``(?=\\n\\n)`` lists overlapping ones); listed once per text."""
    known = _known(text)
    found = known.offsets.get(pattern)
    if found is None:
        compiled = _patterns.get(pattern)
        if compiled is None:
            compiled = _patterns[pattern] = re.compile(pattern)
        found = known.offsets[pattern] = [m.start() for m in compiled.finditer(text)]
    return found


def last_before(found: list[int], limit: int) -> int:
    """The greatest offset of ``found`` below ``limit``, or -1 (``rfind``'s answer)."""
    i = bisect_left(found, limit)
    return found[i - 1] if i else -1


def first_from(found: list[int], start: int) -> int:
    """The least offset of ``found`` at or after ``start``, or -1 (``find``'s answer)."""
    i = bisect_left(found, start)
    return found[i] if i < len(found) else -1


def remembered(text: str, question: Hashable, answer: Callable[[], T]) -> T:
    """``answer()``, worked out once per ``text`` and ``question`` (a function of the two
    alone, such as a span and a word list) while the text is kept."""
    if len(text) < INDEXED:
        return answer()
    answers = _known(text).answers
    if question in answers:
        return answers[question]  # type: ignore[return-value]
    if len(answers) >= _ANSWERS:
        answers.clear()
    value = answers[question] = answer()
    return value


def recall(text: str, question: Hashable) -> object | None:
    """What :func:`remember` kept for ``text`` and ``question``, or None."""
    if len(text) < INDEXED:
        return None
    known = _texts.get(id(text))
    if known is None or known.text is not text:
        return None
    return known.answers.get(question)


def remember(text: str, question: Hashable, value: object) -> None:
    """Keep ``value`` as the answer to ``question`` about ``text`` (a long one)."""
    if len(text) < INDEXED:
        return
    answers = _known(text).answers
    if len(answers) >= _ANSWERS:
        answers.clear()
    answers[question] = value


def matches_before(text: str, pattern: re.Pattern[str], longest: int, lo: int, end: int) -> bool:
    """Whether ``pattern`` (no lookaround, no anchor, matches at most ``longest``
    characters long) matches inside ``text[lo:end]``: ``pattern.search(text, lo, end)``.

    Asked from one ``lo`` (a sentence's start) with a growing ``end`` (each finding of
    the sentence), the search goes on from ``longest`` characters before where the last
    one stopped: a match that was not inside the shorter span ends after it."""
    if len(text) < INDEXED or lo < 0:
        return pattern.search(text, lo, end) is not None
    known = _known(text)
    question = (matches_before, pattern, lo)
    last = known.answers.get(question)
    if last is None or not isinstance(last, tuple) or last[0] > end:
        found = pattern.search(text, lo, end) is not None
    elif last[1]:
        found = True
    else:
        found = pattern.search(text, max(lo, last[0] - longest), end) is not None
    if len(known.answers) >= _ANSWERS:
        known.answers.clear()
    known.answers[question] = (end, found)
    return found
