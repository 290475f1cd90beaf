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
_CJK_RE = Lazy("[\u3400-\u4dbf\u4e00-\u9fff]")
_RUN_RE = Lazy("[\u3400-\u4dbf\u4e00-\u9fff]{2,}")
LINES_MIN = 3  # lines a position is taken from


def by_position(text: str) -> str:
    """``text`` with only the character at the position its cue names kept on each line of
    a Chinese character or more (the line holding the cue excepted), those lines' other
    characters and breaks as spaces; ``text`` when there is no cue."""
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
    cue = _BACKWARDS_RE.search(text)
    if cue is None:
        return text
    return _RUN_RE.get().sub(
        lambda m: m.group(0) if m.start() <= cue.start() < m.end() else m.group(0)[::-1], text
    )


def views(masked: str) -> list[tuple[str, str]]:
    """(name, view) of each order ``masked`` tells its reader to read in."""
    found: list[tuple[str, str]] = []
    for name, reader in ((POSITION_NAME, by_position), (REVERSED_NAME, reversed_clauses)):
        view = reader(masked)
        if view != masked:
            found.append((name, view))
    return found
