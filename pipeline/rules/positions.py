"""Text to be read in another order than written, when the text says so (round 28, issue 12).

Line heads are read without a cue (:func:`pipeline.rules.lines.acrostic`), and a text that
tells its reader to read backwards is read backwards by the lexicons
(:func:`pipeline.rules.notation.backwards`). Sets 12, 13, 14 and 20 gave other orders with
their cue, which no detector read, and never to the semantic model:

- *a position in every line*: ``（请读每句最后一个字）``, ``每句第四个字连起来``,
  ``每行末字``: the character at that place of each line (the n-th Chinese character, or
  the last), every other character of those lines a space: the characters chosen read as one
  text, each where it was written;
- *each clause backwards*: ``倒着读：乱大要城县，跑快都家大``: every run of Chinese
  characters reversed in its own place, so the model reads ``县城要大乱，大家都快跑``.

Only a text holding the cue is read (a cue is the device: no legitimate post asks for it), and
the view keeps the length of the text, so every finding keeps its line and column.
"""

from __future__ import annotations

from pipeline.rules.compiled_re import Lazy, compiled

POSITION_NAME = "按指定位置逐句取字（每句第几个字、最后一个字）"
REVERSED_NAME = "逐句倒序书写"
SKIPPED_NAME = "隔字书写（隔一个字读）"
COLUMNS_NAME = "分栏竖排（按列读）"
VERTICAL_NAME = "竖排书写（逐列连读）"
_NUMERALS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_POSITION_RE = compiled(
    "(?:每|各)(?:一)?(?:句|行)(?:的)?(?:(最后一个|末一个|最末|末尾|末|尾|倒数第一个)"
    "|第([一二两三四五六七八九1-9])个?|(首|开头|第一个))字"
)
_BACKWARDS_RE = compiled(
    "倒着读|倒过来读|倒着念|倒过来念|反着读|反过来读|倒着看|倒过来看|从右往左读|从后往前读"
)
_SKIP_RE = compiled("隔一个字读|隔一字读|隔字读|每隔一个字|隔一个字念|隔一个字看")
# a grid: lines of one or two characters a cell, cells apart by a vertical bar
_BARS = "｜|│┃丨"
_GRID_LINE_RE = Lazy(
    f"[\u3400-\u4dbf\u4e00-\u9fff]{{1,2}}(?:\\s*[{_BARS}]\\s*[\u3400-\u4dbf\u4e00-\u9fff]{{1,2}})+"
)
_CELL_RE = Lazy("[\u3400-\u4dbf\u4e00-\u9fff]{1,2}")
_CJK_RE = Lazy("[\u3400-\u4dbf\u4e00-\u9fff]")
_RUN_RE = Lazy("[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
LINES_MIN = 3  # lines a position is taken from
# Round 60: a text that tells its reader to read down the columns (``竖着读``, ``一列一列读``)
# of the equal lines below it, left to right unless it says right to left.
_VERTICAL_RE = compiled("竖着(?:读|念|看)|竖读|竖排|按列读|逐列读|一列一列|从上往下读|从上到下读")
_LEFTWARD_RE = compiled("从右往左|从右到左|自右向左")
CELLS_MIN, CELLS_MAX = 2, 10  # characters of a line of such a grid


def by_position(text: str) -> str:
    """``text`` with only the character at the position its cue names kept on each line of
    a Chinese character or more (the line holding the cue excepted), those lines' other
    characters and breaks as spaces; ``text`` when there is no cue."""
    if "字" not in text:
        return text
    cue = _POSITION_RE.search(text)
    if cue is None:
        return text
    last, nth, _first = cue.groups()
    index = -1 if last else (_NUMERALS.get(nth) or int(nth)) - 1 if nth else 0
    chars = list(text)
    taken = 0
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if start <= cue.start() < offset:
            continue
        places = [m.start() for m in _CJK_RE.get().finditer(line)]
        if not places or (index >= 0 and index >= len(places)):
            continue
        keep = start + places[index]
        for i in range(start, min(offset, len(text))):
            if i != keep:
                chars[i] = " "
        taken += 1
    return "".join(chars) if taken >= LINES_MIN else text


def reversed_clauses(text: str) -> str:
    """``text`` with every run of Chinese characters reversed in place, when it tells its
    reader to read backwards (the cue itself left as written); else ``text``."""
    if "倒" not in text and "反" not in text and "从" not in text:
        return text
    cue = _BACKWARDS_RE.search(text)
    if cue is None:
        return text
    return _RUN_RE.get().sub(
        lambda m: m.group(0) if m.start() <= cue.start() < m.end() else m.group(0)[::-1], text
    )


def skipped(text: str) -> str:
    """``text`` with every second Chinese character of each run after a cue that says so
    (``隔一个字读：``) as a space; else ``text``."""
    if "隔" not in text:
        return text
    cue = _SKIP_RE.search(text)
    if cue is None:
        return text
    chars = list(text)
    for m in _RUN_RE.get().finditer(text, cue.end()):
        for i in range(m.start() + 1, m.end(), 2):
            chars[i] = " "
    return "".join(chars)


def columns(text: str) -> list[str]:
    """One text per column of a grid of :data:`LINES_MIN` lines or more whose cells (one or
    two characters) a vertical bar separates: that column's cells kept, top to bottom, the
    rest of the grid as spaces (vertical writing set in a table)."""
    if not any(bar in text for bar in _BARS):
        return []
    rows: list[list[tuple[int, int]]] = []
    grid: set[int] = set()  # the grid's lines and their breaks
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        m = _GRID_LINE_RE.get().fullmatch(line.strip())
        if m is None:
            continue
        grid.update(range(start, min(offset, len(text))))
        lead = start + len(line) - len(line.lstrip())
        rows.append(
            [(lead + c.start(), lead + c.end()) for c in _CELL_RE.get().finditer(m.group(0))]
        )
    if len(rows) < LINES_MIN or len({len(r) for r in rows}) != 1:
        return []
    found: list[str] = []
    for col in range(len(rows[0])):
        keep = {i for row in rows for i in range(*row[col])}
        found.append("".join(" " if i in grid and i not in keep else c for i, c in enumerate(text)))
    return found


def vertical(text: str) -> str:
    """``text`` with the grid after a cue to read it down its columns (:data:`LINES_MIN`
    lines or more of one length, :data:`CELLS_MIN` to :data:`CELLS_MAX` characters each, no
    space inside) written column after column in the grid's places, its line breaks as
    spaces (same length); else ``text``."""
    if "竖" not in text and "列" not in text and "从上" not in text:
        return text
    cue = _VERTICAL_RE.search(text)
    if cue is None:
        return text
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    first = next(i for i in range(len(lines)) if starts[i + 1] > cue.end())
    grid = _grid(lines, first + 1)
    if len(grid) < LINES_MIN:
        return text
    width = len(lines[grid[0]])
    order = range(width - 1, -1, -1) if _LEFTWARD_RE.search(text) is not None else range(width)
    read = [lines[i][col] for col in order for i in grid]
    laid = " ".join("".join(read[r * width : (r + 1) * width]) for r in range(len(grid)))
    start, end = starts[grid[0]], starts[grid[-1]] + width
    return text[:start] + laid + text[end:]


def _grid(lines: list[str], after: int) -> list[int]:
    """The indexes of the grid's lines: from the first line at or after ``after`` of
    :data:`CELLS_MIN` to :data:`CELLS_MAX` characters with no space, the consecutive lines of
    its length (a line of another length ends it, so the grid read in its place keeps the
    text's length)."""

    def cells(line: str) -> bool:
        return CELLS_MIN <= len(line) <= CELLS_MAX and not any(c.isspace() for c in line)

    top = next((i for i in range(after, len(lines)) if cells(lines[i])), None)
    if top is None:
        return []
    grid = [top]
    while grid[-1] + 1 < len(lines) and cells(nxt := lines[grid[-1] + 1]):
        if len(nxt) != len(lines[top]):
            break
        grid.append(grid[-1] + 1)
    return grid


def views(masked: str) -> list[tuple[str, str]]:
    """(name, view) of each order ``masked`` tells its reader to read in."""
    found: list[tuple[str, str]] = []
    for name, reader in (
        (POSITION_NAME, by_position),
        (REVERSED_NAME, reversed_clauses),
        (SKIPPED_NAME, skipped),
        (VERTICAL_NAME, vertical),  # round 60
    ):
        view = reader(masked)
        if view != masked:
            found.append((name, view))
    found += [(COLUMNS_NAME, view) for view in columns(masked) if view != masked]
    return found
