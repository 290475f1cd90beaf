"""Pinyin written backwards, each word's letters reversed (round 70, issue 12).

A writer reverses the letters of each pinyin word and says so (``字母倒过来读``,
``倒着读``) or leaves the reader to see it: ``auhnat`` is ``tanhua`` read from its end.
:func:`read` is a decoded view (:mod:`pipeline.rules.technique_views`): a run of Latin words
is read as characters (:func:`pipeline.rules.pinyin_reader.read`) with each word reversed in
its place when every word of the run, so reversed, is pinyin and the decoder reads all of it,
while the run as written is no pinyin (the pinyin view reads that), and the run is set in
Chinese (the nearest character before or after it, past a space, is a Chinese character or a
full-width mark) or the text names the device. An English word set in Chinese is a name or a
term (``iPhone``, ``logo``, ``Wi-Fi``), almost never pinyin end to end when reversed, and the
view's characters are reported only where the lexicons or the model find something in them.
Same length: each character where its syllable began, the rest as spaces.
"""

from __future__ import annotations

from pipeline.rules import pinyin_reader
from pipeline.rules.compiled_re import compiled

NAME = "倒写的拼音（每个词的字母顺序颠倒）"
LETTERS_MIN = 5  # letters of a run read
SYLLABLES_MIN = 2  # syllables a run must read as
_RUN_RE = compiled("(?<![A-Za-z0-9])[a-z]+(?: +[a-z]+)*(?![A-Za-z0-9])")
_WORD_RE = compiled("[a-z]+")
_HAN = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uff20\uff3b-\uff40\uff5b-\uff65"
_HAN_RE = compiled(f"[{_HAN}]")
_SET_IN_HAN_RE = compiled(f"[{_HAN}] ?[a-z]|[a-z] ?[{_HAN}]")
_NAMED = ("倒过来读", "倒着读", "反过来读", "反着读", "倒序读", "从后往前读", "倒过来念", "倒着念")


def read(text: str) -> str:
    """``text`` with each run that is pinyin written backwards read as characters, same
    length; ``text`` itself when there is none."""
    named = any(word in text for word in _NAMED)
    if not named and _SET_IN_HAN_RE.search(text) is None:
        return text
    chars: list[str] | None = None
    for m in _RUN_RE.finditer(text):
        if not named and not _set_in_han(text, m.start(), m.end()):
            continue
        reversed_run = _reversed(m.group(0))
        if reversed_run is None:
            continue
        if chars is None:
            chars = list(text)
        chars[m.start() : m.end()] = reversed_run
    return text if chars is None else "".join(chars)


def _reversed(run: str) -> str | None:
    """``run`` with each word reversed, read as characters, when it is pinyin only so."""
    words = _WORD_RE.findall(run)
    if sum(map(len, words)) < LETTERS_MIN or all(map(pinyin_reader.syllabic, words)):
        return None
    turned = _WORD_RE.sub(lambda w: w.group(0)[::-1], run)
    if not all(pinyin_reader.syllabic(w) for w in _WORD_RE.findall(turned)):
        return None
    chars = pinyin_reader.read(turned, (0,))
    if any(chars[i] == turned[i] for i, c in enumerate(turned) if c.isalpha()):
        return None  # some of the run was not read
    if sum(not c.isascii() for c in chars) < SYLLABLES_MIN:
        return None
    return chars


def _set_in_han(text: str, start: int, end: int) -> bool:
    """Whether the nearest character before ``start`` or at ``end`` (past one space) is a
    Chinese character or a full-width mark."""
    before = text[max(0, start - 2) : start].lstrip(" ")[-1:]
    after = text[end : end + 2].lstrip(" ")[:1]
    return _HAN_RE.fullmatch(before) is not None or _HAN_RE.fullmatch(after) is not None
