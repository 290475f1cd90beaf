"""Hashed character n-grams: the one featurizer of the semantic layer (training and run time).

Pure Python on purpose: ``govmedia check`` must not import numpy or scikit-learn, and the
trainer must see exactly the features the checker computes.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

# Sentence ends, line breaks and semicolons close a sentence; commas do not.
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")
_SPACE = re.compile(r"\s+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def normalize(text: str) -> str:
    """NFKC (full-width to half-width), lower case, no white space."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).lower())


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


# gram -> bucket, per (orders, size): the same grams recur across sentences and posts, and a
# dict lookup costs a fraction of encoding and hashing them again. Bounded: cleared when full.
_MEMO: dict[tuple[int, int], dict[str, int]] = {}
_MEMO_LIMIT = 1 << 20


def buckets(text: str, orders: tuple[int, ...], size: int) -> list[int]:
    """The distinct hash buckets of the character n-grams of ``text`` (with edge marks)."""
    padded = "\x02" + normalize(text) + "\x03"
    memo = _MEMO.setdefault((hash(orders), size), {})
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    found: set[int] = set()
    for n in orders:
        for i in range(len(padded) - n + 1):
            gram = padded[i : i + n]
            bucket = memo.get(gram)
            if bucket is None:
                bucket = memo[gram] = zlib.crc32(f"{n}{gram}".encode()) % size
            found.add(bucket)
    return sorted(found)
