"""Pinyin written in ROT13 (round 21, issue 12).

ROT13 moves each Latin letter thirteen places (``zvamh`` is ``minzu``); it is its own
inverse, so a reader of the text undoes it with the same step. :func:`read` turns every
ASCII letter of a lower-cased text by ROT13 and hands the result to the pinyin decoder
(:func:`pipeline.rules.pinyin_reader.read`): only a run that reads as pinyin *after* the turn
(at least :data:`pipeline.rules.pinyin_reader.RUN_MIN` syllables, each word made of
syllables) is read as characters; the rest of the text stays as written. English turned by
ROT13 is no pinyin (``the city`` is ``gur pvgl``), nor is pinyin turned (``renmin`` is
``eraziva``), so a run the pinyin view reads is not read twice. Same length.
"""

from __future__ import annotations

from pipeline.rules import pinyin_reader
from pipeline.rules.compiled_re import compiled

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_TURN = str.maketrans(_LOWER, _LOWER[13:] + _LOWER[:13])
_GATE_RE = compiled("[a-z]{2}")  # no two letters together: no pinyin word to turn


def read(lowered: str) -> str:
    """``lowered`` (a lower-cased text) with each run that is pinyin in ROT13 read as
    characters, same length; ``lowered`` itself when there is none."""
    if _GATE_RE.search(lowered) is None:
        return lowered
    turned = lowered.translate(_TURN)
    read = pinyin_reader.read(turned)
    if read == turned:
        return lowered
    # what the decoder read (its characters and their padding), the rest as written
    return "".join(r if r != t else low for low, t, r in zip(lowered, turned, read, strict=True))
