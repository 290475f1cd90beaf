"""One normalised view of a text for every detector, with a map back to the original.

The lexicon matcher compacts its own view (:mod:`pipeline.rules.normalize`: case,
traditional script, separators between characters). The pattern detectors (personal
data, secrecy stamps, credentials) need the case and the punctuation of a value, so
they read a *squeezed* view made by the same normalisation steps that keep them:

- full-width letters, digits and symbols become half-width (``１５０７`` → ``1507``,
  ``Ａｂｃ`` → ``Abc``), case is kept;
- whitespace, zero-width characters and emoji inserted between characters are removed
  (``1507 8219 7509 2106 31``, ``秘 密 ★``, ``密 码：``, ``关🉐注``), recorded as
  segments so that every offset maps back to the original text.

:func:`detect_through` runs a detector over the squeezed view and maps its spans back.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from functools import cache

from pipeline.rules.detection import Detection

# Emoji and pictographs (🌸, 🉐, ❤, ✨ …), variation selectors and joiners.
EMOJI = (
    "\U0001f000-\U0001faff"
    "\u2600-\u2604\u2607-\u27bf"  # not ★☆: secrecy stamps use them
    "\u2b00-\u2bff"
    "\ufe00-\ufe0f"
    "\u200d"
)
_SQUEEZE_RE = re.compile("[ \t\u3000\u00a0\u200b\u200c\u2060\ufeff" + EMOJI + "]+")


@cache
def _halfwidth_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):
        table[code] = unicodedata.normalize("NFKC", chr(code))
    return table


def halfwidth(text: str) -> str:
    """Full-width ASCII forms as half-width, one character for one (case kept)."""
    if not any("\uff01" <= ch <= "\uff5e" for ch in text):
        return text
    return text.translate(_halfwidth_table())


class Squeezed:
    """``text`` half-width, without inserted whitespace, zero-width characters or emoji."""

    def __init__(self, text: str) -> None:
        self.original = text
        source = halfwidth(text)
        starts: list[int] = []
        origins: list[int] = []
        parts: list[str] = []
        position = kept = 0
        for m in _SQUEEZE_RE.finditer(source):
            if m.start() > position:
                starts.append(kept)
                origins.append(position)
                parts.append(source[position : m.start()])
                kept += m.start() - position
            position = m.end()
        if position < len(source):
            starts.append(kept)
            origins.append(position)
            parts.append(source[position:])
        self.text = "".join(parts)
        self._starts = starts
        self._origins = origins
        self.changed = self.text != text

    def to_original(self, index: int) -> int:
        k = bisect.bisect_right(self._starts, index) - 1
        if k < 0:
            return index
        return self._origins[k] + (index - self._starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            at = self.to_original(start)
            return at, at
        return self.to_original(start), self.to_original(end - 1) + 1


Detector = Callable[[str], list[Detection]]


def detect_through(detector: Detector, text: str) -> list[Detection]:
    """``detector`` over the original text and over its squeezed view, spans mapped back
    to the original; a place found in both is reported once."""
    found = detector(text)
    squeezed = Squeezed(text)
    if not squeezed.changed:
        return found
    for d in detector(squeezed.text):
        start, end = squeezed.span(d.start, d.end)
        if any(f.rule == d.rule and f.start < end and start < f.end for f in found):
            continue
        found.append(
            Detection(
                start,
                end,
                d.rule,
                d.article,
                d.severity,
                d.message + "（已识别插入空格或全角写法）",
            )
        )
    return found
