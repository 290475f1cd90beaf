"""Words split by the layout of lines (round 9).

Line breaks are barriers of the compacted view: a word never runs across one. Four
layouts use that to split a word, each read as one class of evasion:

- *subtitle cues* (SRT/WebVTT: ``00:01:02,000 --> 00:01:04,000``): a phrase runs on from
  one cue into the next (``废除共`` / ``产党的领导``). :func:`rejoin` blanks the timing
  lines, cue numbers and blank lines between cues with spaces, so the cues read as one
  text and a word split across them is a word split by separators;
- *one character per line* (three or more lines of one Chinese character each:
  ``游`` / ``行`` / ``示`` / ``威``): :func:`rejoin` turns the line breaks after them into
  spaces too;
- *lines of a diff or a quoted reply* (round 16: ``+ 高薪聘请裸`` / ``+ 聊客服``): a word
  that runs from one marked line into the next is read across the break and the marker;
- *acrostics* (藏头诗: the first characters of consecutive short lines spell the word):
  :func:`acrostic` reads the first characters of each run of at least four short lines
  that start with a Chinese character, and reports terms of three characters or more
  found there (a two-character word across line heads is too likely by chance). Round 60:
  the same down any of the first :data:`COLUMNS_READ` columns (``藏字``: the second, third …
  character of each line) and down the last Chinese character of each line (``藏尾``), each
  column a run of its own where its lines hold a Chinese character there.
- *a word broken by one line break* (round 55: ``就是个傻`` / ``逼，还有…``, ``废`` / ``物一个``):
  :func:`broken` reads the text with each single line break between two Chinese
  characters taken out and reports the lexicon terms that then run across one, at their
  original offsets and as the joined text reads them (context included).

:func:`rejoin` keeps the text's length, so every offset still maps to the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from pipeline.rules.compiled_re import Lazy, compiled
from pipeline.rules.detection import Detection
from pipeline.rules.engine import Hit
from pipeline.rules.normalize import is_cjk

ACROSTIC = "藏头（每行首字连读）"

_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[,.]\d{1,3})?"
# A cue's timing line, with the cue number above it and the blank lines before it, read
# in "\n" + text. Linear: a match starts only at the first line break of a run (after a
# character that is not a space) and eats the blank lines possessively.
_CUE_RE = compiled(
    r"(?:^|(?<![\n \t]))\n(?:[ \t]*\n)*+[ \t]*(?:\d+[ \t]*\n[ \t]*)?"
    + _TIME
    + r"[ \t]*-->[ \t]*"
    + _TIME
    + r"[^\n]*(?:\n|$)"
)
# Three or more lines of one Chinese character each, after the line break before them
# (read in "\n" + text: a pattern that starts with a literal is searched fast, in C).
_SINGLES_RE = compiled(r"\n(?:[ \t]*[\u4e00-\u9fff][ \t]*\n){3,}")
# Round 16: the lines of a diff or a quoted reply (``+ 招聘：高薪聘请裸`` / ``+ 聊客服``): a
# line break and the marker of the next line, between two Chinese characters, inside a run
# of lines that all carry the marker.
# Compiled when a text first holds such a line (a class of Chinese characters costs a
# one-post check about a millisecond to compile).
_MARKED_RE = Lazy(r"(?<=[\u4e00-\u9fff])\n([+>])[ \t]?(?=[\u4e00-\u9fff])")

# Round 55: a single line break before a Chinese character (the character before it is
# checked in Python: a pattern that starts with a literal is searched fast, in C).
_BREAK_RE = Lazy("\n(?=[\u4e00-\u9fff])")

# Necessary for a run of head lines (a gate in C before the lines are read one by one):
# four consecutive lines of at most LINE_MAX characters (spaces aside) that start with a
# Chinese character.
_LINE = r"[ \t]*[\u3400-\u9fff][^\n]{3,15}?[ \t]*"
_RUN_GATE_RE = compiled(f"\n{_LINE}\n{_LINE}\n{_LINE}\n{_LINE}(?:\n|$)")  # in "\n" + text
HEAD_LINES = 4  # lines in a run whose first characters are read together
LINE_MIN, LINE_MAX = 4, 16  # characters of a line in such a run (a poem's line)
ACROSTIC_MIN = 3  # characters of a term found across line heads
COLUMNS_READ = 8  # columns read down a run of short lines (the heads among them); and the last
TAIL = -1  # the column of each line's last Chinese character


def rejoin(masked: str) -> str:
    """``masked`` with subtitle timing lines and the line breaks after one-character lines
    turned into spaces (same length)."""
    if "-->" in masked:
        masked = _CUE_RE.sub(lambda m: _blank(m.group(0)), "\n" + masked)[1:]
    if "\n" in masked and _SINGLES_RE.search("\n" + masked) is not None:
        joined = _SINGLES_RE.sub(lambda m: "\n" + m.group(0)[1:].replace("\n", " "), "\n" + masked)
        masked = joined[1:]
    if "\n+" in masked or "\n>" in masked:
        masked = _MARKED_RE.get().sub(lambda m: _marked(m, masked), masked)
    return masked


def _marked(m: re.Match[str], masked: str) -> str:
    """Spaces for a line break and its marker when the line before carries the marker too."""
    line = masked.rfind("\n", 0, m.start()) + 1
    if masked.startswith(m.group(1), line):
        return _blank(m.group(0))
    return m.group(0)


def _blank(chunk: str) -> str:
    return " " * len(chunk)


def heads(masked: str, column: int = 0) -> list[tuple[str, list[int]]]:
    """Each run of at least :data:`HEAD_LINES` consecutive short lines that start with
    a Chinese character and hold one at ``column`` (:data:`TAIL`: the line's last one):
    those characters and their offsets."""
    runs: list[tuple[str, list[int]]] = []
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for line in masked.split("\n"):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        at = -1
        if LINE_MIN <= len(stripped) <= LINE_MAX and is_cjk(stripped[0]):
            at = _place(stripped, column)
        if at >= 0:
            chars.append(stripped[at])
            offsets.append(position + lead + at)
        else:
            if len(chars) >= HEAD_LINES:
                runs.append(("".join(chars), offsets))
            chars, offsets = [], []
        position += len(line) + 1
    if len(chars) >= HEAD_LINES:
        runs.append(("".join(chars), offsets))
    return runs


def _place(line: str, column: int) -> int:
    """The index of ``line``'s character at ``column`` when it is Chinese (:data:`TAIL`:
    its last Chinese character), else -1."""
    if column == TAIL:
        return next((i for i in range(len(line) - 1, -1, -1) if is_cjk(line[i])), -1)
    return column if column < len(line) and is_cjk(line[column]) else -1


def _label(column: int) -> str:
    """How an acrostic down ``column`` is named in a finding."""
    if column == 0:
        return ACROSTIC
    if column == TAIL:
        return "藏尾（每行末字连读）"
    return f"藏字（每行第{column + 1}字连读）"


def acrostic(read: Callable[[str], list[Detection]], masked: str) -> list[Detection]:
    """What ``read`` (the lexicons and combinations over a text) finds down the line heads
    of ``masked`` and down its other columns (:data:`COLUMNS_READ`, :data:`TAIL`), at least
    :data:`ACROSTIC_MIN` characters long, mapped from the first character to the last one
    it covers and named as an evasion."""
    if masked.count("\n") < HEAD_LINES - 1 or _RUN_GATE_RE.search("\n" + masked) is None:
        return []
    found: list[Detection] = []
    for column in (*range(COLUMNS_READ), TAIL):
        for text, offsets in heads(masked, column):
            for d in read(text):
                if d.end - d.start < ACROSTIC_MIN:
                    continue
                start, end = offsets[d.start], offsets[d.end - 1] + 1
                if any(f.rule == d.rule and f.start == start and f.end == end for f in found):
                    continue
                message = _named(d, text, _label(column))
                found.append(Detection(start, end, d.rule, d.article, "error", message))
    return found


def _named(d: Detection, text: str, label: str = ACROSTIC) -> str:
    """``d``'s message naming the acrostic (before its advice, when it has one)."""
    if ACROSTIC in d.message:
        return d.message.replace(ACROSTIC, label)
    note = f"；已识别规避写法：{label}（{text[d.start : d.end]}）"
    head, advice, tail = d.message.partition("。修改建议：")
    return head + note + advice + tail


def breaks(masked: str) -> list[int]:
    """Offsets of the single line breaks of ``masked`` between two Chinese characters."""
    if "\n" not in masked:
        return []
    return [
        m.start()
        for m in _BREAK_RE.get().finditer(masked)
        if m.start() > 0 and is_cjk(masked[m.start() - 1])
    ]


def broken(read: Callable[..., list[Hit]], masked: str) -> list[Hit]:
    """What ``read`` (the lexicons' scan, :meth:`pipeline.rules.engine.Matcher.scan`) finds
    across a single line break between two Chinese characters once the break is taken
    out, at the original offsets.

    The word is read as if the line were not broken, with the same decisions as the joined
    text (a hard-wrapped ``远离毒`` / ``品`` in an anti-drug notice keeps its context and
    finds nothing, as ``远离毒品`` does), never as an evasion of its own: Markdown wraps
    lines where it likes, and a break inside a word in the source is how much of it is
    written. Only the terms that run across a break are decided (``crossing``): the rest
    of the text was read as written."""
    offsets = breaks(masked)
    if not offsets:
        return []
    # The joined offset of the character after each break: the k-th break moved what
    # follows it k + 1 places to the left.
    after = [o - k for k, o in enumerate(offsets)]
    ends = [*offsets, len(masked)]
    joined = masked[: offsets[0]] + "".join(
        masked[o + 1 : ends[k + 1]] for k, o in enumerate(offsets)
    )

    def original(j: int) -> int:
        return j + bisect_right(after, j)

    return [
        Hit(h.term, original(h.start), original(h.end - 1) + 1, h.how)
        for h in read(joined, crossing=after)
    ]
