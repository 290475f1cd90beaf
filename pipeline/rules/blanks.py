"""Invisible characters, marks and note references after a Chinese character, read as
spaces in the text every detector reads (round 26, issue 12).

The compacted view of the lexicons and combinations (:mod:`pipeline.rules.normalize`)
already removes invisible characters and combining marks between characters, but the
semantic model reads the masked text itself, whose featurizer removes white space only:
``少\\u2061数\\u2061民\\u2061族``, ``是\\xad少\\xad数`` or ``侮̲辱̲国̲旗̲`` broke every n-gram of the
sentence, so the model (and the errors made of its findings: :mod:`anchored`,
:mod:`disguised`) did not see the sentence it sees written plainly. :func:`blank` turns
them into spaces in the masked text, one for one, so every offset still points into the
original and every detector reads the same words:

- format characters shown as nothing (:data:`pipeline.rules.disguised.BLANKS`: zero-width
  characters, the soft hyphen, direction marks, invisible operators, fillers), C1 control
  characters, the line and paragraph separators (U+2028, U+2029: no Markdown renderer
  breaks a line there) and the variation selectors of the supplement (U+E0100 …);
- combining marks (a strike-through ``̶``, an underline ``̲``, a dot below) written on
  a Chinese character;
- Markdown footnote references (``炸[^1]药[^2]``) between two Chinese characters.

Each only right after a Chinese character (a run of them, mixed): the joiners inside
emoji sequences, Persian words or Indic conjuncts stay as they are, and tag characters
(which :mod:`pipeline.rules.decoded` reads as the letters they shadow) are not touched.
"""

from __future__ import annotations

import itertools

from pipeline.rules.compiled_re import Lazy, compiled
from pipeline.rules.lookalike import COMBINING

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# Shown as nothing (disguised.BLANKS, which imports this module's callers: kept in step by
# tests/test_rules_round26_evasions.py), C1 controls, the line and paragraph separators and
# the variation selectors supplement.
_INVISIBLE = (
    "\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u2800\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\u007f-\u009f\u2028\u2029\U000e0100-\U000e01ef"
    # the other format characters of Unicode (number signs of Arabic and Kaithi, the
    # Egyptian hieroglyph joiners, shorthand and musical format controls) and the enclosing
    # marks outside the combining blocks
    "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\u0488\u0489\ua670-\ua672"
)
# Markdown's footnote reference (``[^1]``, ``[^note]``).
_NOTE = r"\[\^[0-9A-Za-z_-]{1,12}\]"
# What a blanked run needs, searched first (no class of Chinese characters: compiling one
# costs a one-post check about a millisecond).
_GATE_RE = compiled(f"[{_INVISIBLE}{COMBINING}]|\\[\\^")
_RUN_RE = Lazy(f"(?<=[{_CJK}])(?:[{_INVISIBLE}{COMBINING}]|{_NOTE}(?=[{_CJK}]))+")


def blank(masked: str) -> str:
    """``masked`` with each run of invisible characters, combining marks and footnote
    references after a Chinese character as spaces (same length)."""
    if _GATE_RE.search(masked) is None:
        return masked
    return _RUN_RE.get().sub(lambda m: " " * len(m.group(0)), masked)


RUNS_MIN = 2  # runs that make a sentence's disguise: one reference or mark is a citation


def blanked(original: str) -> bool:
    """Whether ``original`` holds :data:`RUNS_MIN` such runs or more (the device a sentence
    is written in: a word split, not a footnote after it or one corrected character)."""
    if _GATE_RE.search(original) is None:
        return False
    runs = _RUN_RE.get().finditer(original)
    return sum(1 for _ in itertools.islice(runs, RUNS_MIN)) >= RUNS_MIN
