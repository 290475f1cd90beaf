"""Every Unicode decimal digit read as its ASCII digit (round 43, issue 12).

A contact number or a price written in mathematical digits (``𝟭𝟯𝟴``) or another script's
digits (Arabic-Indic ``١٣٨``, Devanagari ``१३८``) is the same number: the contact and price
rules read ASCII digits, and a molecular formula's
subscripts (``C₁₀H₁₅N``) are digits too. One code point for one, so offsets hold."""

from __future__ import annotations

import re
import unicodedata

from pipeline.rules.compiled_re import compiled

# Full-width digits are left to the normalised view: item A10-02 names them as full-width forms.
# Subscript digits after a Latin letter too: a molecular formula (``C₁₀H₁₅N``) reads as
# C10H15N; subscripts after Han characters mark a reading order (pipeline/rules/reordered.py).
_OTHER_DIGIT = compiled(r"(?![0-9\uff10-\uff19])\d|(?<=[A-Za-z\u2080-\u2089])[\u2080-\u2089]")


def _ascii(match: re.Match[str]) -> str:
    return str(unicodedata.digit(match.group(0)))


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit outside ASCII replaced by its ASCII digit."""
    if text.isascii() or _OTHER_DIGIT.search(text) is None:
        return text
    return _OTHER_DIGIT.sub(_ascii, text)
