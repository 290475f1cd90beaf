"""Styled Latin letters found by their Unicode names (round 39, issue 12).

Rounds 13–35 read small capitals (``ᴅᴀɪ``), squared, negative squared, negative circled and
parenthesized capitals (``🅺🆃🅼``, ``🄺``) from hand lists, one run or letter at a time as
each set brought it; the Unicode names say the same thing for every such character. Every
character whose name is a Latin letter in one of the styles below is read as the plain
small letter (circled and modifier forms that NFKC folds are left to the NFKC tables):

- ``LATIN LETTER SMALL CAPITAL X`` and ``LATIN CAPITAL LETTER SMALL CAPITAL X``
  (``ꞯ``, ``Ɪ``), ``MODIFIER LETTER SMALL CAPITAL X`` (the small capitals written small);
- ``SQUARED``, ``NEGATIVE SQUARED``, ``CIRCLED``, ``NEGATIVE CIRCLED`` and ``PARENTHESIZED``
  ``LATIN CAPITAL/SMALL LETTER X`` (``🆥`` too);
- ``MODIFIER LETTER CAPITAL/SMALL X``, ``SUPERSCRIPT``/``SUBSCRIPT LATIN … LETTER X``.

Left out on purpose: tag letters (U+E0041…, invisible text that
:mod:`pipeline.rules.rekeyed` reads as the ASCII it shadows) and regional indicator symbols (pairs of them are flags:
``🇨🇳`` is no word). Sweeping every code point's name costs about a tenth of a second of
CPU, so the table is kept in the private cache beside the normalisation's other tables
(:func:`pipeline.rules.key_memo.cached_table`) under a name that also holds the Unicode
version of the interpreter.
"""

from __future__ import annotations

import sys
import unicodedata
from functools import cache

from pipeline.rules.compiled_re import compiled

STYLES = ("SQUARED", "NEGATIVE SQUARED", "CIRCLED", "NEGATIVE CIRCLED", "PARENTHESIZED")
FOLDED_ELSEWHERE = ("CIRCLED", "MODIFIER", "SUPERSCRIPT", "SUBSCRIPT")
_NAME_RE = compiled(
    "^(?:"
    "LATIN (?:CAPITAL )?LETTER SMALL CAPITAL"
    "|MODIFIER LETTER (?:SMALL CAPITAL|CAPITAL|SMALL)"
    f"|(?:(?:{'|'.join(STYLES)}|SUPERSCRIPT|SUBSCRIPT) )?LATIN (?:CAPITAL|SMALL) LETTER"
    ") ([A-Z])$"
)


def letter_of(char: str) -> str:
    """The plain small letter ``char``'s name makes it, or "" (a plain letter, a letter with
    a diacritic, a tag letter, any other character)."""
    match = _NAME_RE.match(unicodedata.name(char, ""))
    if match is None or char.isascii():
        return ""
    return match.group(1).lower()


def build() -> dict[int, str]:
    """Every named styled letter but the circled, modifier, superscript and subscript ones
    that NFKC already folds (the enclosed and modifier tables of :mod:`lookalike` read
    them); squared and parenthesized letters are kept even where NFKC folds them, as the
    hand lists they replace had them."""
    table: dict[int, str] = {}
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        letter = letter_of(char)
        if not letter:
            continue
        folded = unicodedata.normalize("NFKC", char).lower() == letter
        if folded and unicodedata.name(char).startswith(FOLDED_ELSEWHERE):
            continue
        table[code] = letter
    return table


@cache
def table() -> dict[int, str]:
    """:func:`build`, from the private cache when it holds it."""
    from pipeline.rules.key_memo import cached_table

    return cached_table(f"letter-names-{unicodedata.unidata_version}", build)
