"""Word-boundary decisions with jieba and a small project dictionary.

A lexicon hit is kept only when no word crosses its edges: ``色情`` inside ``特色情况``
segments as 特色/情况 and is dropped. jieba's full default dictionary costs about 1.5 s
per process, so the project dictionary holds only what can decide a boundary: the
lexicon terms, their allowlisted compounds, and the words of jieba's dictionary that
end with the start of a term or start with its end (the crossing words). It is built
once per lexicon version and kept in the private cache; jieba is imported only when a
post has a candidate that needs the decision, and only a few characters around the
candidate are segmented.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from typing import Any

from pipeline.rules import cache
from pipeline.rules.normalize import is_cjk

FORMAT = 3  # bump when the cached structure changes
WINDOW = 5
# A lexicon term that jieba's dictionary does not know gets the lowest frequency: a real
# word that overlaps it (送上 in 点赞送上) then wins, and the term wins only against
# single characters. Terms jieba knows keep jieba's frequency.
UNKNOWN_TERM_FREQ = 1


def _crossing_words(terms: list[str]) -> dict[str, int]:
    heads: set[str] = set()  # proper prefixes of terms: a word ending with one crosses the start
    tails: set[str] = set()  # proper suffixes: a word starting with one crosses the end
    for term in terms:
        for k in range(1, len(term)):
            heads.add(term[:k])
            tails.add(term[k:])
    longest = max((len(x) for x in heads | tails), default=0)
    known = set(terms)
    words: dict[str, int] = {}
    from importlib import resources  # only here: it imports tempfile and shutil

    import_jieba()  # before resources.files, which would import it with pkg_resources
    data = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    for line in data.split("\n"):
        word, _, rest = line.partition(" ")
        n = len(word)
        if word in known or n == 1:
            # Terms and single characters keep jieba's frequency: without the characters
            # the segmentation could not prefer 买|粉条 to 买粉|条.
            words[word] = int(rest.partition(" ")[0] or 1)
            continue
        if n < 2 or n > 5:
            continue
        reach = min(n - 1, longest)
        for k in range(1, reach + 1):
            if word[n - k :] in heads or word[:k] in tails:
                words[word] = int(rest.partition(" ")[0] or 1)
                break
    return words


def build_dictionary(terms: list[str], compounds: list[str]) -> dict[str, int]:
    words = _crossing_words(terms)
    for term in terms:
        words.setdefault(term, UNKNOWN_TERM_FREQ)
    for compound in compounds:
        words.setdefault(compound, UNKNOWN_TERM_FREQ)
    return words


def import_jieba() -> Any:
    """jieba, without letting it import ``pkg_resources`` (deprecated, and slower to import
    than jieba itself): without it, jieba's fallback opens its data files beside the
    package, and the parts used here read none of them."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import fails
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


class Segmenter:
    """Decides whether a candidate span is a word of its own in its context."""

    def __init__(
        self, words: Callable[[], tuple[Iterable[str], Iterable[str]]], version: str
    ) -> None:
        """``words``: gives the terms and the compounds; called only when the dictionary
        for ``version`` is not in the cache (going over every term costs time at start)."""
        self._source = words
        self._version = version
        self._words: dict[str, int] | None = None
        self._total = 0
        self._tokenizer: Any = None

    def _load(self) -> tuple[dict[str, int], Any]:
        if self._words is not None:
            return self._words, self._tokenizer
        name = f"segment-{FORMAT}-{self._version}.json"
        words = cache.read_json(name)
        if not isinstance(words, dict):
            terms, compounds = self._source()
            words = build_dictionary(
                sorted({t for t in terms if all(is_cjk(c) for c in t)}),
                sorted({c for c in compounds if all(is_cjk(x) for x in c)}),
            )
            cache.write_json(name, words)
        jieba = import_jieba()
        jieba.setLogLevel(logging.WARNING)
        # jieba's own loader (which reads and writes an unchecked cache in the shared temp
        # folder) is never called: each window gets the slice of our dictionary it needs.
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialized = True
        self._words = words
        self._total = sum(words.values())
        return words, self._tokenizer

    def _window_dictionary(self, window: str, words: dict[str, int]) -> dict[str, int]:
        freq: dict[str, int] = {}
        for i in range(len(window)):
            for j in range(i + 1, min(len(window), i + 6) + 1):
                piece = window[i:j]
                if piece in words:
                    freq[piece] = words[piece]
                    for k in range(1, len(piece)):
                        freq.setdefault(piece[:k], 0)
        return freq

    def is_word(self, text: str, start: int, end: int) -> bool:
        """False when a word of the segmentation crosses ``start`` or ``end``."""
        words, tokenizer = self._load()
        lo = max(0, start - WINDOW)
        hi = min(len(text), end + WINDOW)
        window = text[lo:hi]
        s, e = start - lo, end - lo
        tokenizer.FREQ = self._window_dictionary(window, words)
        tokenizer.total = self._total
        position = 0
        for token in tokenizer.cut(window, HMM=False):
            a, b = position, position + len(token)
            position = b
            if a < s < b or a < e < b:
                return False
        return True
