"""Letters written as numbers: A1Z26 and the Polybius square (round 24, issue 12).

Government posts are full of numbers (dates, phone numbers, tables), so these readers are
narrow: they give letters to the pinyin view (:mod:`pipeline.rules.decoded`), which reads
a run of disguised letters from two syllables and reports only what the lexicons or the
model find in the characters it reads, never a syllable alone; and a run is read only when
every word of it is pinyin-shaped (:func:`pipeline.rules.pinyin_reader.syllabic`), which a
table or a date almost never is.

- *A1Z26*: each letter as its place in the alphabet, the letters of a word joined by
  hyphens, words apart by spaces (``23-21-18-21 7-21-15-17-9``): numbers 1 … 26, at least
  :data:`LETTERS_MIN` of them;
- *the Polybius square* (5 × 5, I and J share 24): each letter as two digits 1 … 5, row
  then column, apart by spaces (``54 34 45 53 24 33 22``), at least :data:`PAIRS_MIN`
  pairs, read as one word.

Each word's letters are written where the word begins, the rest of it as spaces: the same
length, so every offset still points into the original.
"""

from __future__ import annotations

import re

from pipeline.rules import pinyin_reader
from pipeline.rules.compiled_re import Lazy, compiled

LETTERS_MIN = 4  # A1Z26 numbers in a run
PAIRS_MIN = 5  # Polybius pairs in a run
_NUMBER = "(?:2[0-6]|1[0-9]|[1-9])"
_A1Z26_RE = Lazy(
    f"(?<![0-9A-Za-z.:/\\-]){_NUMBER}(?:-{_NUMBER})+(?: {_NUMBER}(?:-{_NUMBER})+)*"
    "(?![0-9A-Za-z.:/\\-])"
)
_POLYBIUS_RE = Lazy(
    f"(?<![0-9A-Za-z.:/\\-])[1-5][1-5](?: [1-5][1-5]){{{PAIRS_MIN - 1},}}(?![0-9A-Za-z.:/\\-])"
)
_SQUARE = "abcdefghiklmnopqrstuvwxyz"  # row by row; j is read as i, or as j when i is no pinyin
_GATE_RE = compiled("[1-9]-[1-9]|[1-5][1-5] [1-5][1-5] [1-5]")


def letters(text: str) -> str:
    """``text`` with each A1Z26 or Polybius run whose words are pinyin-shaped as those
    letters, same length; ``text`` itself when there is none."""
    if _GATE_RE.search(text) is None:
        return text
    text = _A1Z26_RE.get().sub(_a1z26, text)
    return _POLYBIUS_RE.get().sub(_polybius, text)


def _a1z26(m: re.Match[str]) -> str:
    run = m.group(0)
    words = run.split(" ")
    spelled = ["".join(chr(ord("a") + int(n) - 1) for n in w.split("-")) for w in words]
    if sum(len(w) for w in spelled) < LETTERS_MIN or not all(map(pinyin_reader.syllabic, spelled)):
        return run
    return " ".join(w + " " * (len(code) - len(w)) for w, code in zip(spelled, words, strict=True))


def _polybius(m: re.Match[str]) -> str:
    run = m.group(0)
    word = "".join(_SQUARE[(int(p[0]) - 1) * 5 + int(p[1]) - 1] for p in run.split(" "))
    if not pinyin_reader.syllabic(word):
        word = word.replace("i", "j")
        if not pinyin_reader.syllabic(word):
            return run
    return word + " " * (len(run) - len(word))
