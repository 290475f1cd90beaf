"""Characters named by the words that hold them (round 33, issue 12).

``台风的台，独木舟的独`` spells 台独 and ``民间的民、间隔的间、海水的海`` spells 民间海, one
character at a time, each named as one says it aloud ("the 台 of 台风"). :func:`named_characters` reads a run of
:data:`NAMED_MIN` or more such names, each a word of one to three characters, ``的`` and a
character of that word, joined by ``、``, commas or spaces: every character of the run but
the named ones becomes a space, the same length, so the compacted view of
:mod:`pipeline.rules.normalize` reads the word split by separators (an evasion) and every
offset still maps to the original. Names that do not hold their character
(``我的书、你的笔、他的本``) are prose and stay as written.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

NAMED_MIN = 2  # names in a run
_HAN = "[\u4e00-\u9fff]"
_JOIN = "[、,， ]"
# Cheap gate, in C: two names joined.
_GATE_RE = compiled(f"的{_HAN}{_JOIN}{_HAN}{{1,3}}的{_HAN}")
_RUN_RE = Lazy(f"{_HAN}{{1,3}}的{_HAN}(?:{_JOIN}{_HAN}{{1,3}}的{_HAN}){{{NAMED_MIN - 1},}}")
_NAME_RE = compiled(f"({_HAN}{{1,3}})的({_HAN})")


def named_characters(normalised: str) -> str:
    """``normalised`` with each run of characters named by their words read as the named
    characters between spaces (``民间的民、间隔的间`` → ``   民    间``)."""
    if _GATE_RE.search(normalised) is None:
        return normalised
    return _RUN_RE.get().sub(_named, normalised)


def _named(match: re.Match[str]) -> str:
    """The run with every stretch of :data:`NAMED_MIN` or more names in a row that hold
    their characters read; a name that does not (``迟早的事``) ends a stretch."""
    run = match.group(0)
    spaced = list(run)
    stretch: list[re.Match[str]] = []
    for name in [*_NAME_RE.finditer(run), None]:
        if name is not None and name.group(2) in name.group(1):
            stretch.append(name)
            continue
        if len(stretch) >= NAMED_MIN:
            spaced[stretch[0].start() : stretch[-1].end()] = " " * (
                stretch[-1].end() - stretch[0].start()
            )
            for held in stretch:
                spaced[held.end() - 1] = held.group(2)
        stretch = []
    return "".join(spaced)
