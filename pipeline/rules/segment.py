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

import io
import logging
from collections.abc import Iterable
from importlib import resources
from typing import Any

from pipeline.rules import cache
from pipeline.rules.normalize import is_cjk

WINDOW = 5
TERM_FREQ = 3000


def _crossing_words(terms: list[str]) -> dict[str, int]:
    heads: set[str] = set()  # proper prefixes of terms: a word ending with one crosses the start
    tails: set[str] = set()  # proper suffixes: a word starting with one crosses the end
    for term in terms:
        for k in range(1, len(term)):
            heads.add(term[:k])
            tails.add(term[k:])
    words: dict[str, int] = {}
    data = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    for line in data.splitlines():
        parts = line.split(" ")
        if len(parts) < 2:
            continue
        word, freq = parts[0], parts[1]
        if len(word) < 2 or len(word) > 5:
            continue
        if any(word.endswith(h) and len(word) > len(h) for h in _suffixes(word, heads)) or any(
            word.startswith(t) and len(word) > len(t) for t in _prefixes(word, tails)
        ):
            words[word] = int(freq)
    return words


def _suffixes(word: str, heads: set[str]) -> Iterable[str]:
    return (word[i:] for i in range(1, len(word)) if word[i:] in heads)


def _prefixes(word: str, tails: set[str]) -> Iterable[str]:
    return (word[:i] for i in range(1, len(word)) if word[:i] in tails)


def build_dictionary(terms: list[str], compounds: list[str]) -> dict[str, int]:
    words = _crossing_words(terms)
    for term in terms:
        words[term] = max(words.get(term, 0), TERM_FREQ)
    for compound in compounds:
        words[compound] = max(words.get(compound, 0), TERM_FREQ * 10)
    return words


class Segmenter:
    """Decides whether a candidate span is a word of its own in its context."""

    def __init__(self, terms: Iterable[str], compounds: Iterable[str], version: str) -> None:
        self._terms = sorted({t for t in terms if all(is_cjk(c) for c in t)})
        self._compounds = sorted({c for c in compounds if all(is_cjk(x) for x in c)})
        self._version = version
        self._tokenizer: Any = None

    def _load(self) -> Any:
        if self._tokenizer is not None:
            return self._tokenizer
        import jieba

        jieba.setLogLevel(logging.WARNING)
        name = f"segment-{self._version}.json"
        words = cache.read_json(name)
        if not isinstance(words, dict):
            words = build_dictionary(self._terms, self._compounds)
            cache.write_json(name, words)
        text = "\n".join(f"{w} {f}" for w, f in words.items()).encode("utf-8")
        stream = io.BytesIO(text)
        stream.name = "govmedia-project-dictionary"
        tokenizer = jieba.Tokenizer()
        # Our own dictionary and our own private cache: jieba's loader (which would read
        # and write a cache in the shared temp folder) is never called.
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(stream)
        tokenizer.initialized = True
        self._tokenizer = tokenizer
        return tokenizer

    def is_word(self, text: str, start: int, end: int) -> bool:
        """False when a word of the segmentation crosses ``start`` or ``end``."""
        lo = max(0, start - WINDOW)
        hi = min(len(text), end + WINDOW)
        window = text[lo:hi]
        s, e = start - lo, end - lo
        position = 0
        for token in self._load().cut(window, HMM=False):
            a, b = position, position + len(token)
            position = b
            if a < s < b or a < e < b:
                return False
        return True
