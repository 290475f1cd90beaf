"""Commit ids, checksums and other long machine tokens read as no words (round 42, issue 12).

A git commit id, a SHA-256 sum or a Base64 key holds Latin letters and digits by chance, and
the lexicons' view read pinyin initials in them once leet digits were letters: ``9cd`` in a
commit id is ``gcd``, ``5b`` a two-letter insult, ``75f`` a three-letter one. About one
legitimate release notice in ten that printed a hash had an error for it.

:func:`mask` blanks such tokens, one character for one (every offset still points into the
original, so a finding keeps its line and column), in the text the lexicons and the
combination rules read (the compacted view of :mod:`pipeline.rules.checker`); the semantic
model, the decoders of :mod:`pipeline.rules.decoded` (hexadecimal UTF-8, Base32, Base64 …)
and the credential patterns read the text as before. A token is:

- *hexadecimal*: twelve hexadecimal digits or more, at least one a digit and one a letter
  (``9cd2a7f01b3e``; a phone or ID number has no letter, ``deadbeefcafe`` no digit);
- *Base64-like*: twenty characters or more of letters, digits and ``+/_-`` (``=`` padding
  after them), with a digit, a capital and a small letter among them (a key, a token).

Neither may stand next to another letter or digit, and neither is read where the letters are
pinyin with tone numbers (``zhong1guo2ren2min2``: :func:`pipeline.rules.notation.tone_numbers`
reads those as syllables) or hold a Latin word that is pinyin written out in full
(``falungongdafahao2024``: a run of twenty letters and digits in small letters alone is no
Base64-like token).
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled
from pipeline.rules.normalize import BARRIER
from pipeline.rules.notation import tone_numbers

HEX_MIN = 12
MIXED_MIN = 20
_HEX_RE = compiled(r"(?<![0-9A-Za-z])[0-9A-Fa-f]{12,}(?![0-9A-Za-z])")  # HEX_MIN
_MIXED_RE = compiled(
    r"(?<![0-9A-Za-z+/_=-])[0-9A-Za-z+/_-]{20,}={0,2}(?![0-9A-Za-z+/_=-])"  # MIXED_MIN
)
_GATE_RE = compiled(r"[0-9A-Za-z+/_-]{12}")


def _hexadecimal(token: str) -> bool:
    return any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


def _mixed(token: str) -> bool:
    return (
        any(c.isdigit() for c in token)
        and any(c.isupper() for c in token)
        and any(c.islower() for c in token)
    )


def _pinyin(token: str) -> bool:
    """Whether the tone-number reader reads syllables in ``token``."""
    lowered = token.lower()
    return tone_numbers(lowered) != lowered


def spans(text: str) -> list[tuple[int, int]]:
    """The places of the machine tokens in ``text``, in order, apart."""
    if _GATE_RE.search(text) is None:
        return []
    found: list[tuple[int, int]] = []
    for m in _HEX_RE.finditer(text):
        if _hexadecimal(m.group(0)) and not _pinyin(m.group(0)):
            found.append(m.span())
    for m in _MIXED_RE.finditer(text):
        token = m.group(0).rstrip("=")
        if _mixed(token) and not _pinyin(token):
            found.append(m.span())
    merged: list[tuple[int, int]] = []
    for a, b in sorted(found):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def mask(text: str) -> str:
    """``text`` with every machine token (:func:`spans`) as barriers, same length."""
    places = spans(text)
    if not places:
        return text
    parts: list[str] = []
    last = 0
    for a, b in places:
        parts.append(text[last:a])
        parts.append(BARRIER * (b - a))
        last = b
    parts.append(text[last:])
    return "".join(parts)
