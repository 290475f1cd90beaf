"""Text under bidirectional overrides read in the order it is displayed (round 61, issue 12).

A right-to-left override (U+202E) forces every character after it to be laid out from right
to left, to its pop (U+202C), the close of the isolate it stands in (U+2069) or the end of
the paragraph: ``\u202e传外准不，要纪议会部内\u202c`` shows as 内部会议纪要，不准外传. Round 12 read one
override to its pop or the line's end (:func:`pipeline.rules.notation.overridden`); this
reader lays out a line as the Unicode bidirectional algorithm does for its explicit
controls (rules X1–X10 for embeddings, overrides and isolates, nested; I1–I2 and N1 for the
characters' own directions; L2 to reorder) and reads it left to right, the way a reader of
Chinese reads the screen. A run of Arabic or Hebrew that no override forced is read in its
own direction, as its reader reads it, so a post in those scripts with real bidi marks
(U+200F, U+202B, U+2067) reads as written.

Only a line holding an override (U+202D or U+202E) is laid out: embeddings and isolates
alone never reverse Chinese. The view has the text's length (each control a space where
the layout puts it) and :func:`order` maps each of its places back to the text's.

Why not a library: python-bidi (the one kept on PyPI) returns the displayed string alone,
never where each of its characters stood, and a finding names the line and column of the
committed text; so only the part of the algorithm a reader of Chinese needs is written here.
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled

LRE, RLE, PDF, LRO, RLO = "\u202a\u202b\u202c\u202d\u202e"
LRI, RLI, FSI, PDI = "\u2066\u2067\u2068\u2069"
OVERRIDES = LRO + RLO
CONTROLS = LRE + RLE + PDF + LRO + RLO + LRI + RLI + FSI + PDI
_RTL_RE = compiled("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff]")
_LINE_RE = compiled("[^\n\u2029]+")
_DEPTH = 125  # the algorithm's deepest embedding level


def _strong(ch: str) -> str:
    """``R`` for a right-to-left letter, ``L`` for another letter or a digit, else ``N``."""
    if _RTL_RE.match(ch):
        return "R"
    return "L" if ch.isalnum() else "N"


def _levels(line: str) -> tuple[list[int], list[bool]]:
    """Each character's resolved level and whether an override forced it."""
    stack: list[tuple[int, str, bool]] = [(0, "", False)]  # level, override, isolate
    levels, types, forced, embedding = [], [], [], []
    for ch in line:
        level, override, _ = stack[-1]
        if ch in LRE + RLE + LRO + RLO + LRI + RLI + FSI:
            odd = ch in RLE + RLO + RLI
            new = level + 1 + (level % 2 == (1 if odd else 0))
            if new <= _DEPTH:
                push = {LRO: "L", RLO: "R"}.get(ch, "")
                stack.append((new, push, ch in LRI + RLI + FSI))
        elif ch == PDF and len(stack) > 1 and not stack[-1][2]:
            stack.pop()
        elif ch == PDI and any(frame[2] for frame in stack):
            while not stack.pop()[2]:
                pass
        kind = "N" if ch in CONTROLS else override or _strong(ch)
        levels.append(stack[-1][0] if ch not in LRE + RLE + LRO + RLO + LRI + RLI + FSI else level)
        embedding.append(levels[-1])
        types.append(kind)
        forced.append(bool(override) and ch not in CONTROLS)
    _neutrals(types, embedding)
    for k, kind in enumerate(types):  # I1, I2
        if (kind == "R") != (embedding[k] % 2 == 1):
            levels[k] = embedding[k] + 1
    return levels, forced


def _direction(level: int) -> str:
    return "R" if level % 2 else "L"


def _neutrals(types: list[str], embedding: list[int]) -> None:
    """N1, N2: a run of neutrals in one embedding between two strong characters of one
    direction takes it; else the embedding's direction (each run's ends as the higher of
    the two embeddings there)."""
    i, n = 0, len(types)
    while i < n:
        if types[i] != "N":
            i += 1
            continue
        j = i
        while j < n and types[j] == "N" and embedding[j] == embedding[i]:
            j += 1
        own = embedding[i]
        before = types[i - 1] if i and embedding[i - 1] == own else None
        before = before or _direction(max(own, embedding[i - 1] if i else 0))
        after = types[j] if j < n and embedding[j] == own and types[j] != "N" else None
        after = after or _direction(max(own, embedding[j] if j < n else 0))
        for k in range(i, j):
            types[k] = before if before == after else _direction(own)
        i = j


def _line_order(line: str) -> list[int]:
    """The line's places in reading order: laid out (L2), then each run of right-to-left
    letters no override forced read in its own direction."""
    levels, forced = _levels(line)
    shown = list(range(len(line)))
    top = max(levels, default=0)
    lowest_odd = min((lv for lv in levels if lv % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(shown):
            if levels[shown[i]] < level:
                i += 1
                continue
            j = i
            while j < len(shown) and levels[shown[j]] >= level:
                j += 1
            shown[i:j] = shown[i:j][::-1]
            i = j
    i = 0
    while i < len(shown):  # an unforced Arabic or Hebrew run, read right to left
        k = shown[i]
        if forced[k] or _strong(line[k]) != "R":
            i += 1
            continue
        j = i
        while j < len(shown) and not forced[shown[j]] and _strong(line[shown[j]]) != "L":
            j += 1
        shown[i:j] = shown[i:j][::-1]
        i = j
    return shown


def order(text: str) -> list[int] | None:
    """For each place of :func:`read`'s view, the place of ``text`` it shows; None when no
    line of ``text`` holds an override."""
    if LRO not in text and RLO not in text:
        return None
    result = list(range(len(text)))
    for m in _LINE_RE.finditer(text):
        line = m.group(0)
        if LRO in line or RLO in line:
            a = m.start()
            result[a : m.end()] = [a + k for k in _line_order(line)]
    return result


def read(text: str) -> str:
    """``text`` with each line holding an override read in the order it is displayed, the
    controls as spaces. Same length."""
    places = order(text)
    if places is None:
        return text
    shown = "".join(text[k] for k in places)
    return shown.translate({ord(c): " " for c in CONTROLS})
