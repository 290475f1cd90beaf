"""Characters written out of their reading order (round 24, issue 12).

Two devices of held-out set 22 write a phrase's characters in another order and say how
to read them back; :func:`read` is a decoded view (:mod:`pipeline.rules.decoded`) of both,
the same length as the text (the phrase read where its run begins, the rest of the run as
spaces), so every offset still points into the original:

- *subscript reading order*: each character followed by its place as subscript digits
  (``生₃ 老₁ 畜₂``), a run of at least :data:`MARKED_MIN` whose places are exactly 1 … n
  (footnote marks are superscript and not in runs of that shape);
- *the rail fence in two rows*: after a cue that names it (``两行读：``, ``栅栏``), a run of at least :data:`FENCE_MIN` Chinese characters holds the first row
  (the odd characters) then the second (the even ones). Without the cue a run of prose is
  never reordered: any sentence would read as some other.

Round 38 (text read in another order, sets 10, 13, 31): *a grid read by column*: after a cue
that names it (``竖着读``, ``竖排``, ``按列读``), rows of Chinese characters of one and the same
length (at least :data:`GRID_ROWS` rows of two to twelve characters, apart by spaces or line
breaks) are read column by column, top to bottom, right to left when the cue says so
(``从右往左``, ``右起``) and left to right otherwise. Rows of unequal length, or no cue, are
read as written.

Round 40 (sets 20 and 32): *every other character*: after ``隔字读：``, ``隔一个字读：`` or
``跳着读：`` the run is read as its odd characters, then a full stop and blanks where the
filler stood (``水今库天要天垮气`` reads ``水库要垮。   ``); round 24 had read that cue as
the fence, the inverse order.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

MARKED_MIN = 3  # characters with a subscript place in a run
FENCE_MIN = 8  # Chinese characters of a rail fence after its cue
_SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"
_SUB_DIGITS = str.maketrans(_SUBSCRIPTS, "0123456789")
_MARKED_RE = Lazy(
    f"(?:[\u3400-\u9fff][{_SUBSCRIPTS}]+[ \u3000]*){{{MARKED_MIN - 1},}}"
    f"[\u3400-\u9fff][{_SUBSCRIPTS}]+"
)
_PAIR_RE = Lazy(f"([\u3400-\u9fff])([{_SUBSCRIPTS}]+)")
_FENCE_RE = Lazy(
    f"(?i:两行|二行|双行|栅栏|rail ?fence)[^\n。]{{0,8}}?[:：]\\s*([\u3400-\u9fff]{{{FENCE_MIN},}})"
)
# Round 40: every other character read (``隔字读：``, ``隔一个字读：``, ``跳着读：``): the
# message stands at the odd places, a filler at the even ones; the run is read as its odd
# characters, a full stop and blanks in place of the filler (round 24 had read this cue as the
# fence, whose order is the inverse).
_SKIP_RE = Lazy(
    "(?:隔字|隔一个字|隔一字|隔个字|跳着|跳字)(?:读|念|看)[^\n。]{0,8}?[:：]\\s*"
    f"([\u3400-\u9fff]{{{FENCE_MIN},}})"
)
_SUBSCRIPT_RE = compiled(f"[{_SUBSCRIPTS}]")
CUES = ("两行", "二行", "双行", "栅栏", "rail", "Rail", "RAIL")
SKIP_CUES = ("隔字", "隔一个字", "隔一字", "隔个字", "跳着", "跳字")
GRID_ROWS = 3  # rows of a grid read by column
_GRID_CUE_RE = compiled("竖着(?:读|念|看)|竖读|竖排|竖向读|按列(?:读|念|看)|一列一列")
_GRID_RE = Lazy(
    f"(?:[\u3400-\u9fff]{{2,12}}(?:[ \u3000\t]*\n[ \u3000\t]*|[ \u3000\t]+)){{{GRID_ROWS - 1},}}"
    "[\u3400-\u9fff]{2,12}"
)
_ROW_RE = compiled("[\u3400-\u9fff]+")
_RIGHT_TO_LEFT_RE = compiled("从右往左|从右到左|从右向左|右起")
_GRID_REACH = 16  # characters between the cue and the grid


def read(text: str) -> str:
    """``text`` with each reordered run read in order, same length; ``text`` itself when
    there is none."""
    if _SUBSCRIPT_RE.search(text) is not None:
        text = _MARKED_RE.get().sub(_marked, text)
    if any(cue in text for cue in CUES):
        text = _FENCE_RE.get().sub(_fence, text)
    if any(cue in text for cue in SKIP_CUES):
        text = _SKIP_RE.get().sub(_skipped, text)
    if _GRID_CUE_RE.search(text) is not None:
        text = _columns(text)
    return text


def _columns(text: str) -> str:
    """``text`` with each grid after a cue read column by column (same length)."""
    for cue in list(_GRID_CUE_RE.finditer(text)):
        m = _GRID_RE.get().search(text, cue.end(), cue.end() + _GRID_REACH + 12 * 13)
        if m is None or m.start() - cue.end() > _GRID_REACH:
            continue
        rows = _ROW_RE.findall(m.group(0))
        width = len(rows[0])
        if len(rows) < GRID_ROWS or any(len(row) != width for row in rows):
            continue
        order = range(width)
        if _RIGHT_TO_LEFT_RE.search(text, max(0, cue.start() - _GRID_REACH), m.start()):
            order = range(width - 1, -1, -1)
        phrase = "".join(row[c] for c in order for row in rows)
        text = (
            text[: m.start()] + phrase + " " * (m.end() - m.start() - len(phrase)) + text[m.end() :]
        )
    return text


def _marked(m: re.Match[str]) -> str:
    run = m.group(0)
    pairs = [
        (int(p.group(2).translate(_SUB_DIGITS)), p.group(1)) for p in _PAIR_RE.get().finditer(run)
    ]
    if sorted(place for place, _ in pairs) != list(range(1, len(pairs) + 1)):
        return run
    phrase = "".join(char for _, char in sorted(pairs))
    return phrase + " " * (len(run) - len(phrase))


def _fence(m: re.Match[str]) -> str:
    run = m.group(1)
    top = (len(run) + 1) // 2
    first, second = run[:top], run[top:]
    phrase = "".join(a + b for a, b in zip(first, second, strict=False))
    if len(first) > len(second):
        phrase += first[-1]
    at = m.start(1) - m.start()
    return m.group(0)[:at] + phrase


def _skipped(m: re.Match[str]) -> str:
    run = m.group(1)
    at = m.start(1) - m.start()
    message = run[0::2]
    return m.group(0)[:at] + message + "。" + " " * (len(run) - len(message) - 1)
