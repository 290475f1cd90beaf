"""Evasion handling: a normalised, compacted view of a text with a map back to it.

Every step keeps one character for one character (``str.translate`` tables), except the
removal of separators inserted between characters, which is recorded as segments so
that an offset in the compacted text maps back to an offset in the original.

- full-width letters, digits and symbols become half-width (the NFKC forms), letters
  lower-case;
- traditional characters become simplified (OpenCC's character table);
- spaces and symbols inserted between characters (``赌 博``, ``赌*博``, ``法.轮.功``) are
  removed, Chinese sentence punctuation and line breaks are kept as barriers;
- homophones are folded by :mod:`pipeline.rules.phonetic` on top of the compacted text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Inserted between characters to split a word: whitespace other than line breaks,
# zero-width characters, ASCII punctuation and a few decorative symbols.
SEPARATORS = (
    " \t\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff"
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    "·•・‧∙★☆※○●◎◇◆□■△▲▽▼♡♥♤♠♧♣¤§°¦丨"
)
_SEP_RE = re.compile("[" + re.escape(SEPARATORS) + "]+")
# Full-width clause punctuation stays as it is: it ends a clause and is never removed.
CLAUSE_PUNCTUATION = "！（），：；？"
# A barrier: never a separator, never part of a word (used to mask URLs and code).
BARRIER = "\x1f"


def _fullwidth_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):
        if chr(code) not in CLAUSE_PUNCTUATION:
            table[code] = unicodedata.normalize("NFKC", chr(code))
    table[0x3000] = " "
    return table


@cache
def _t2s_table() -> dict[int, str]:
    """Traditional → simplified, one character for one character (OpenCC data)."""
    table: dict[int, str] = {}
    try:
        data = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt")
        text = data.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return table
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        source, targets = parts
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1 and source != target:
            table[ord(source)] = target
    return table


@cache
def translate_table() -> dict[int, str]:
    """The combined 1:1 table: full-width → half-width, upper → lower, traditional → simplified."""
    table = _t2s_table().copy()
    for code, value in _fullwidth_table().items():
        table[code] = value.lower() if len(value) == 1 else value
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for code in range(ord("Ａ"), ord("Ｚ") + 1):
        table[code] = chr(code - ord("Ａ") + ord("a"))
    return table


def normalise(text: str) -> str:
    """The 1:1 normalised form of ``text`` (same length, same offsets)."""
    return text.translate(translate_table())


@dataclass(frozen=True)
class Compact:
    """``text`` with separators removed; ``to_original`` maps offsets back."""

    text: str
    seg_starts: tuple[int, ...]  # offsets in ``text`` where a kept segment starts
    seg_origins: tuple[int, ...]  # the same segments' offsets in the original

    def to_original(self, index: int) -> int:
        k = bisect.bisect_right(self.seg_starts, index) - 1
        if k < 0:
            return index
        return self.seg_origins[k] + (index - self.seg_starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the compact span [start, end)."""
        return self.to_original(start), self.to_original(end - 1) + 1

    def gapped(self, start: int, end: int) -> bool:
        """True when the compact span crosses removed separators."""
        a, b = self.span(start, end)
        return b - a != end - start


def compact(normalised: str) -> Compact:
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    position = 0
    kept = 0
    for m in _SEP_RE.finditer(normalised):
        if m.start() > position:
            starts.append(kept)
            origins.append(position)
            pieces.append(normalised[position : m.start()])
            kept += m.start() - position
        position = m.end()
    if position < len(normalised):
        starts.append(kept)
        origins.append(position)
        pieces.append(normalised[position:])
    return Compact("".join(pieces), tuple(starts), tuple(origins))


_MASK_RE = re.compile(
    r"```.*?```|~~~.*?~~~"  # fenced code
    r"|`[^`\n]+`"  # inline code
    r"|\]\([^)\n]*\)"  # link / image targets
    r"|<[^>\n]+>"  # HTML tags and autolinks
    r"|https?://[^\s)）\]>，。]+|www\.[^\s)）\]>，。]+",
    re.DOTALL | re.IGNORECASE,
)


def mask_markup(text: str) -> str:
    """Replace code, URLs, link targets and HTML tags by barriers (same length)."""

    def blank(m: re.Match[str]) -> str:
        return "".join("\n" if c == "\n" else BARRIER for c in m.group(0))

    return _MASK_RE.sub(blank, text)


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
