"""Morse code read as Latin letters (round 20, issue 12).

A run of at least :data:`CODES_MIN` Morse codes (dots and dashes, codes apart by spaces,
words by a slash or a gap of two spaces or more: ``--. --- -. --. / -.-. .... .- -.``) is read as the
letters it spells, each where its code begins, the rest of the code as spaces: the same
length, so the decoded views (:mod:`pipeline.rules.decoded`) read the letters as any other
Latin run (pinyin read as characters, the lexicons' Latin terms) and every offset still
points into the original. A code that is no letter or digit leaves the run as written.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

CODES_MIN = 4  # Morse codes in a run read as letters
_CODE = "[.\\-·•−–—]{1,6}"
_RUN_RE = compiled(f"(?<![.\\-·•−–—]){_CODE}(?:(?: {{1,3}}| ?/ ?){_CODE}){{{CODES_MIN - 1},}}")
_GATE_RE = compiled("[.\\-·•−–—]{2}")
_DOT_DASH = str.maketrans("·•−–—", "..---")
LETTERS = {
    ".-": "a",
    "-...": "b",
    "-.-.": "c",
    "-..": "d",
    ".": "e",
    "..-.": "f",
    "--.": "g",
    "....": "h",
    "..": "i",
    ".---": "j",
    "-.-": "k",
    ".-..": "l",
    "--": "m",
    "-.": "n",
    "---": "o",
    ".--.": "p",
    "--.-": "q",
    ".-.": "r",
    "...": "s",
    "-": "t",
    "..-": "u",
    "...-": "v",
    ".--": "w",
    "-..-": "x",
    "-.--": "y",
    "--..": "z",
    "-----": "0",
    ".----": "1",
    "..---": "2",
    "...--": "3",
    "....-": "4",
    ".....": "5",
    "-....": "6",
    "--...": "7",
    "---..": "8",
    "----.": "9",
}
_WORD_RE = compiled(f"{_CODE}(?: {_CODE})*")


def read(text: str) -> str:
    """``text`` with each Morse run as letters and spaces, same length."""
    if _GATE_RE.search(text) is None:
        return text
    return _RUN_RE.sub(_letters, text)


def _letters(m: re.Match[str]) -> str:
    """The letters of each word of the run together where the word's first code begins (a
    word ends at a slash or a gap of two spaces or more), the rest as spaces."""
    run = m.group(0)
    chars = [" "] * len(run)
    for word in _WORD_RE.finditer(run):
        letters = [LETTERS.get(code.translate(_DOT_DASH)) for code in word.group(0).split()]
        if any(letter is None for letter in letters):
            return run
        spelled = "".join(letter for letter in letters if letter is not None)
        chars[word.start() : word.start() + len(spelled)] = spelled
    return "".join(chars)


# Round 28: Morse written in other symbols than dots and dashes (set 24: 答/滴). A run of
# such symbols, both of a pair used, eight or more, reads as dots and dashes.
_PAIRS = (("滴嘀", "答嗒"), ("点", "划"))
_SYMBOLS_RE = compiled("[滴嘀答嗒][滴嘀答嗒 ]|[点划][点划 ]")
_SYMBOL_RUNS = tuple(
    (
        compiled(
            f"([{dot}{dash}]{{1,6}}(?:(?: {{1,3}}| ?/ ?)[{dot}{dash}]{{1,6}}){{{CODES_MIN - 1},}})"
            "([.\\-·•−–—]*)"  # dashes of punctuation right after the run are no code
        ),
        str.maketrans(dict.fromkeys(dot, ".") | dict.fromkeys(dash, "-")),
        dot,
        dash,
    )
    for dot, dash in _PAIRS
)
SYMBOLS_MIN = 8  # symbols of a run written in another pair


def dotted(text: str) -> str:
    """``text`` with each Morse run written in another pair of symbols (滴/答, 嘀/嗒, 点/划)
    as dots and dashes, same length; :func:`read` then reads it."""
    if not (("滴" in text or "嘀" in text) and ("答" in text or "嗒" in text)) and not (
        "点" in text and "划" in text
    ):
        return text
    if _SYMBOLS_RE.search(text) is None:
        return text
    for run_re, table, dot, dash in _SYMBOL_RUNS:
        text = run_re.sub(lambda m, t=table, d=dot, s=dash: _dotted(m, t, d, s), text)
    return text


def _dotted(m: re.Match[str], table: dict[int, str], dot: str, dash: str) -> str:
    run = m.group(1)
    dots = sum(run.count(c) for c in dot)
    dashes = sum(run.count(c) for c in dash)
    if not dots or not dashes or dots + dashes < SYMBOLS_MIN:
        return m.group(0)
    return run.translate(table) + " " * len(m.group(2))
