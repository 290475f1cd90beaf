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

Round 62 (sets 31 and 51: ``21 11 31 45 33 / 22 34 33 22``): the square's words apart by a
slash (or a comma), each pinyin-shaped, read as one word of at least :data:`PAIRS_MIN` pairs,
and the *tap code*'s square beside Polybius' (the same rows but for three places: the tap
code writes K as C and has J where Polybius has K). Each place that the two squares read
apart, and each I that may be J, is tried until the word is pinyin; a word with more than
:data:`CHOICES_MAX` such places is read as Polybius only.

Each word's letters are written where the word begins, the rest of it as spaces: the same
length, so every offset still points into the original.
"""

from __future__ import annotations

import itertools
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
_PAIRS = "[1-5][1-5](?: [1-5][1-5])*"
_POLYBIUS_RE = Lazy(f"(?<![0-9A-Za-z.:/\\-]){_PAIRS}(?: ?[/,] ?{_PAIRS})*(?![0-9A-Za-z.:/\\-])")
_WORDS_RE = compiled("[1-5][1-5](?: [1-5][1-5])*")
CHOICES_MAX = 6  # places a word's reading may vary at (2 ** 6 readings at most)
# The places the squares read apart (row and column from 1), and each reading of them:
# Polybius first, then the tap code; I is J for either.
_CHOICES = {"13": "ck", "24": "ij", "25": "kj"}
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
    words = list(_WORDS_RE.finditer(run))
    if sum(len(w.group(0).split(" ")) for w in words) < PAIRS_MIN:
        return run
    spelled = []
    for w in words:
        word = _square_word(w.group(0).split(" "))
        if word is None:
            return run
        spelled.append(word)
    # one word, as a run of pairs is: the decoder chooses the words (``falun`` / ``gong``)
    joined = "".join(spelled)
    return joined + " " * (len(run) - len(joined))


def _square_word(pairs: list[str]) -> str | None:
    """The reading of one word of square pairs that the pinyin decoder reads whole (the
    first that is pinyin-shaped when it reads none), or None."""
    letters = [_SQUARE[(int(p[0]) - 1) * 5 + int(p[1]) - 1] for p in pairs]
    varied = [i for i, p in enumerate(pairs) if p in _CHOICES]
    if len(varied) > CHOICES_MAX:
        varied = []
    shaped = None
    for choice in itertools.product(*(_CHOICES[pairs[i]] for i in varied)):
        for i, letter in zip(varied, choice, strict=True):
            letters[i] = letter
        word = "".join(letters)
        if not pinyin_reader.syllabic(word):
            continue
        read = pinyin_reader.read(word, (0,))
        if not varied or not any(c.isascii() and c.isalpha() for c in read):
            return word
        shaped = shaped or word
    return shaped
