"""Pinyin written with its letters shifted: ROT13 and the other Caesar shifts (round 21, issue 12).

A Caesar shift moves each Latin letter the same number of places along the alphabet
(ROT13: thirteen, ``zvamh`` is ``minzu``; one place on: ``xfj`` is ``wei`` moved); a reader
undoes it by moving the letters back. :func:`read` tries the 25 shifts on each run of Latin
words of a lower-cased text (words apart by spaces, hyphens or apostrophes, set off from
other letters and digits) and reads the run as characters with the pinyin decoder
(:func:`pipeline.rules.pinyin_reader.read`) when, after one shift, *every* word of the run is
pinyin, the decoder reads all of it, and it holds at least :data:`SYLLABLES_MIN` syllables.
English shifted has words that read as pinyin (``item by item`` is ``epai xu epai``), never
a whole sentence of them; nor is pinyin shifted pinyin, so a run the pinyin view reads is not
read again. Same length: each character where its syllable began, the rest as spaces.
"""

from __future__ import annotations

from functools import cache

from pipeline.rules import pinyin_reader
from pipeline.rules.compiled_re import compiled

SYLLABLES_MIN = 6  # syllables of a shifted run read as characters
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_RUN_RE = compiled("(?<![a-z0-9])[a-z]+(?:[ \\-'’]+[a-z]+)*(?![a-z0-9])")
_WORD_RE = compiled("[a-z]+")
_LETTERS_MIN = 2 * SYLLABLES_MIN  # letters of the shortest run read (six syllables of two)
# Necessary for a run of _LETTERS_MIN characters or more (a letter, then letters and
# separators, then a letter): a leading class, scanned for in the regular expression
# engine's fast loop, where _RUN_RE's look-behind is tried at every character.
_LONG_RUN_RE = compiled(f"[a-z][a-z \\-'’]{{{_LETTERS_MIN - 2},}}[a-z]")


@cache
def _table(shift: int) -> dict[int, int]:
    return str.maketrans(_LOWER, _LOWER[shift:] + _LOWER[:shift])


def read(lowered: str) -> str:
    """``lowered`` (a lower-cased text) with each run that is pinyin under a Caesar shift
    read as characters, same length; ``lowered`` itself when there is none."""
    if _LONG_RUN_RE.search(lowered) is None:
        return lowered
    chars: list[str] | None = None
    for m in _RUN_RE.finditer(lowered):
        run = m.group(0)
        if len(run) < _LETTERS_MIN:
            continue
        read = _shifted(run)
        if read is None:
            continue
        if chars is None:
            chars = list(lowered)
        chars[m.start() : m.end()] = read
    return lowered if chars is None else "".join(chars)


def _shifted(run: str) -> str | None:
    """``run`` read as characters under the first shift that makes all of it pinyin."""
    for shift in range(1, 26):
        turned = run.translate(_table(shift))
        if not all(pinyin_reader.syllabic(w) for w in _WORD_RE.findall(turned)):
            continue
        read = pinyin_reader.read(turned)
        letters = [i for i, c in enumerate(turned) if c.isalpha()]
        if any(read[i] == turned[i] for i in letters):
            continue  # some of the run was not read
        if sum(not c.isascii() for c in read) >= SYLLABLES_MIN:
            return read
    return None
