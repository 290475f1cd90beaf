"""Hashed character n-grams: the one featurizer of the semantic layer (training and run time).

Pure Python on purpose: ``govmedia check`` must not import numpy or scikit-learn, and the
trainer must see exactly the features the checker computes.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

from pipeline.rules.normalize import normalise
from pipeline.rules.view import EMOJI

# Sentence ends, line breaks and semicolons close a sentence; commas do not.
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_EMOJI = re.compile(f"[{EMOJI}]+")


def normalize(text: str) -> str:
    """NFKC (full-width to half-width), lower case, no white space; and, as the lexicons
    read it (:func:`pipeline.rules.normalize.normalise`), traditional script and 火星文 as
    simplified, without emoji: ``小編個人覺得`` and ``🌸`` between words score like the
    plain sentence (the training data is simplified and emoji-free, so its features do not
    change)."""
    text = _EMOJI.sub("", normalise(text))
    # str.split() and the regex ``\s`` know the same white space (every code point checked)
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, trimmed of white space."""
    spans = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def worth_scoring(sentence: str, min_cjk: int) -> bool:
    """A sentence with fewer Chinese characters than ``min_cjk`` carries too little meaning."""
    return len(_CJK.findall(sentence)) >= min_cjk


class _Buckets(dict[str, int]):
    """gram -> bucket for one table size; a missing gram is hashed once (``__missing__``),
    so a lookup of every gram of a sentence is one C-level ``map``."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, gram: str) -> int:
        # len(gram) is the order n: a gram of order n has exactly n characters
        bucket = self[gram] = zlib.crc32(f"{len(gram)}{gram}".encode()) % self.size
        return bucket


# Per (orders, size): the same grams recur across sentences and posts, and a dict lookup
# costs a fraction of encoding and hashing them again. Bounded: cleared when full.
_MEMO: dict[tuple[int, int], _Buckets] = {}
_MEMO_LIMIT = 1 << 20


def bucket_set(text: str, orders: tuple[int, ...], size: int) -> set[int]:
    """The distinct hash buckets of the character n-grams of ``text`` (with edge marks)."""
    padded = "\x02" + normalize(text) + "\x03"
    memo = _MEMO.get((hash(orders), size))
    if memo is None or len(memo) > _MEMO_LIMIT:
        memo = _MEMO[(hash(orders), size)] = _Buckets(size)
    found: set[int] = set()
    for n in orders:
        if n == 1:
            found.update(map(memo.__getitem__, padded))
        else:
            grams = [padded[i : i + n] for i in range(len(padded) - n + 1)]
            found.update(map(memo.__getitem__, grams))
    return found


def buckets(text: str, orders: tuple[int, ...], size: int) -> list[int]:
    """The distinct hash buckets of the character n-grams of ``text``, sorted."""
    return sorted(bucket_set(text, orders, size))
