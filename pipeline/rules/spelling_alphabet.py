"""Words spelled in the radio spelling alphabet (round 22, issue 12).

The ICAO / NATO spelling alphabet names each Latin letter by a code word (``Delta Uniform
Lima India`` spells ``duli``); a radio operator or a call sign uses two or three of them, a
writer hiding pinyin spells a whole word. :func:`read` reads a run of at least
:data:`WORDS_MIN` code words (apart by spaces or hyphens, any case) as the letters they spell,
together where the run begins, the rest of the run as spaces: the same length, so the
decoded views (:mod:`pipeline.rules.decoded`) read the letters as any other Latin run and
every offset still points into the original.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

WORDS_MIN = 3  # code words in a run read as letters (a call sign has two or three, of letters
# that spell no pinyin)
LETTERS_MIN = 4  # round 41: code words in a run read as a word of Latin letters (:func:`letters`)
NAME = "无线电拼读字母（Alfa、Bravo……）拼出的字母"
CODE_WORDS = {
    "alfa": "a",
    "alpha": "a",
    "bravo": "b",
    "charlie": "c",
    "delta": "d",
    "echo": "e",
    "foxtrot": "f",
    "golf": "g",
    "hotel": "h",
    "india": "i",
    "juliett": "j",
    "juliet": "j",
    "kilo": "k",
    "lima": "l",
    "mike": "m",
    "november": "n",
    "oscar": "o",
    "papa": "p",
    "quebec": "q",
    "romeo": "r",
    "sierra": "s",
    "tango": "t",
    "uniform": "u",
    "victor": "v",
    "whiskey": "w",
    "whisky": "w",
    "x-ray": "x",
    "xray": "x",
    "yankee": "y",
    "zulu": "z",
}
_WORD = "(?:" + "|".join(sorted(CODE_WORDS, key=len, reverse=True)) + ")"
_RUN_RE = Lazy(f"(?<![a-z0-9]){_WORD}(?:[ \\-]+{_WORD}){{{WORDS_MIN - 1},}}(?![a-z0-9])")
_LETTERS_RE = Lazy(f"(?<![a-z0-9]){_WORD}(?:[ \\-]+{_WORD}){{{LETTERS_MIN - 1},}}(?![a-z0-9])")
_WORD_RE = Lazy(_WORD)
# Every code word ends in one of these letters followed by a space or a hyphen.
_GATE_RE = compiled(
    "[aoeftlrcmyu][ \\-]+(?:alf|alp|bra|cha|del|ech|fox|gol|hot|ind|jul|kil|lim"
    "|mik|nov|osc|pap|que|rom|sie|tan|uni|vic|whi|x-r|xra|yan|zul)"
)


def read(text: str) -> str:
    """``text`` (lower-cased) with each run of code words as the letters it spells, same
    length."""
    if _GATE_RE.search(text) is None:
        return text
    return _RUN_RE.get().sub(_letters, text)


def _letters(m: re.Match[str]) -> str:
    run = m.group(0)
    spelled = "".join(CODE_WORDS[w.lower()] for w in _WORD_RE.get().findall(run))
    return spelled + " " * (len(run) - len(spelled))


def letters(text: str) -> str:
    """Round 41: ``text`` with each run of :data:`LETTERS_MIN` code words or more as the Latin
    word it spells (then spaces), the rest as written, same length — for the lexicons'
    pinyin and Latin terms, which read ``taidu`` as written where the pinyin view makes a
    common word of it (``Tango Alfa India Delta Uniform``). Unchanged when the lower-cased
    text differs in length."""
    lowered = text.lower()
    if len(lowered) != len(text) or _GATE_RE.search(lowered) is None:
        return text
    read = _LETTERS_RE.get().sub(_letters, lowered)
    if read == lowered:
        return text
    return "".join(r if r != low else t for t, low, r in zip(text, lowered, read, strict=True))
