"""Cantonese romanised in Jyutping read as characters (round 57, issue 12).

``gwong2 sai1 duk6 laap6`` is 广西独立 in Jyutping, the Cantonese romanisation with tone
numbers 1–6; the pinyin views never read it (its spellings, ``gw``, ``aa``, final ``p t k``,
are no pinyin, and one syllable's sound is not its Mandarin one). This view reads a run of
Jyutping syllables as the characters they most likely spell: each syllable's candidate
characters come from ``jyutping.txt`` (every reading of the GB 2312 characters), and the run
is segmented into the words of jieba's dictionary that fit (the most probable path, as jieba
segments: a known word of two to four characters beats single characters). Each character
stands where its syllable begins, the rest as spaces (same length); the view is read for the
rules' words only, not by the model (:mod:`pipeline.rules.decoded`).

The gate is strict, so that Mandarin pinyin with tone numbers (round 54, which the pinyin
views read) and ordinary text are left alone: a run is :data:`SYLLABLES_MIN` or more words
of toned syllables apart by spaces, hyphens or apostrophes (never a token of Base64 or a
path), every syllable a Jyutping syllable of the table, and one at least no Mandarin one (a
tone 5 or 6, ``gw``, ``aa``, a final ``p``/``t``/``k`` …). Coverage: the characters of GB
2312 only, a syllable's readings as the table gives them, and words as jieba knows them; a
rare name may be read wrong.
"""

from __future__ import annotations

import math
from functools import cache

from pipeline.rules.compiled_re import compiled

NAME = "粤拼（带声调数字）读作汉字"
SYLLABLES_MIN = 2
CANDIDATES = 12  # characters tried for one syllable, most frequent first
LONGEST = 4  # characters of the longest word looked up
_GATE_RE = compiled("[a-z][1-6](?:[ '\\-]+|[a-z])[a-z]")
# Words of toned syllables apart by spaces, hyphens or apostrophes; not inside a token of
# Base64 or a path (a random key body holds ``ab3cd4`` between ``/`` and ``+``).
_RUN_RE = compiled(
    "(?<![a-z0-9/+=_.])[a-z]+[1-6](?:[a-z]+[1-6])*(?:[ '\\-]+[a-z]+[1-6](?:[a-z]+[1-6])*)+"
    "(?![a-z0-9/+=_])"
)
_SYLLABLE_RE = compiled("([a-z]+)([1-6])")


@cache
def table() -> dict[str, str]:
    """Jyutping syllable with its tone number -> its characters, most frequent first."""
    from importlib import resources

    text = resources.files("pipeline.rules").joinpath("jyutping.txt").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and line[0] != "#")
    return {syllable: chars for syllable, chars in rows}


@cache
def _words() -> tuple[dict[str, int], float]:
    """jieba's dictionary: words of one to :data:`LONGEST` characters -> frequency, and
    the log of the total (read only when a run is found)."""
    from importlib import resources

    from pipeline.rules.segment import import_jieba

    import_jieba()  # before resources.files, which would import it with pkg_resources
    words: dict[str, int] = {}
    data = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    for line in data.split("\n"):
        word, _, rest = line.partition(" ")
        if 0 < len(word) <= LONGEST:
            words[word] = int(rest.partition(" ")[0] or 1)
    return words, math.log(sum(words.values()) or 1)


@cache
def _pinyin() -> frozenset[str]:
    """Every toneless pinyin syllable of the common characters."""
    from pipeline.rules.zhuyin import pinyin_table

    return frozenset(pinyin_table().values())


def _mandarin(letters: str, tone: str) -> bool:
    """Whether a toned syllable is also Mandarin pinyin (round 54's to read); a tone 5,
    Mandarin's seldom-written neutral tone, is Cantonese's fifth (``mou5`` 冇)."""
    return tone in "1234" and letters in _pinyin()


def decode(syllables: list[str]) -> str | None:
    """The most probable characters for ``syllables`` (each with its tone number), or
    None when one is no syllable of the table."""
    index = table()
    options = [index.get(s, "")[:CANDIDATES] for s in syllables]
    if not all(options):
        return None
    words, total = _words()
    n = len(options)
    best: list[tuple[float, str]] = [(0.0, "")] + [(-math.inf, "")] * n
    for i in range(n):
        score, read = best[i]
        if score == -math.inf:
            continue
        prefixes = [""]
        for j in range(i, min(n, i + LONGEST)):
            prefixes = [p + c for p in prefixes for c in options[j]]
            found = [(words[w], w) for w in prefixes if w in words]
            if j == i and not found:  # a character jieba does not list alone
                found = [(1, options[i][0])]
            if not found:
                continue
            freq, word = max(found)
            # a word's log probability, as jieba's route; one character a word costs more
            gain = score + math.log(freq) - total
            if gain > best[j + 1][0]:
                best[j + 1] = (gain, read + word)
    return best[n][1] or None


def read(text: str) -> str:
    """``text`` with its Jyutping runs read as characters, same length."""
    lowered = text.lower()
    if len(lowered) != len(text) or _GATE_RE.search(lowered) is None:
        return text
    chars = list(text)
    for run in _RUN_RE.finditer(lowered):
        spans = list(_SYLLABLE_RE.finditer(run.group(0)))
        if len(spans) < SYLLABLES_MIN or all(_mandarin(s[1], s[2]) for s in spans):
            continue
        read_run = decode([s[0] for s in spans])
        if read_run is None or len(read_run) != len(spans):
            continue
        starts = [run.start() + span.start() for span in spans] + [run.end()]
        for k, char in enumerate(read_run):
            start, end = starts[k], starts[k + 1]
            chars[start:end] = [char] + [" "] * (end - start - 1)
    return "".join(chars)
