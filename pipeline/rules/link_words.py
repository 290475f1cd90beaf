"""Chinese words written as a link writes them (round 21, issue 12).

:func:`pipeline.rules.notation.decode` reads percent-encoded UTF-8 in prose, but a URL stays
masked (its path is no prose), so a slogan put in a search link's query
(``https://s.example.com/q?w=%E4%B8%8B...``) or a name written as an internationalised
domain label (``xn--…``, punycode, RFC 3492) was read by nothing. :func:`read` is a decoded
view (:mod:`pipeline.rules.decoded`) of both, for the whole encodings:

- a run of percent-encoded UTF-8 bytes anywhere (a link, a link target, code) that decodes
  to at least :data:`CHARS_MIN` Chinese characters and nothing but them and CJK punctuation: each character where
  its first byte is written, the rest as spaces;
- a domain label ``xn--…`` whose punycode decodes the same way: the characters from the label's first letter, the rest as spaces.

The view keeps the text's length, so every offset still points into the original; a text
with no ``%`` before a lead byte and no ``xn--`` costs two substring searches.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

CHARS_MIN = 2  # Chinese characters an encoding must read as
# UTF-8 of characters of the CJK block (lead bytes E3–E9: U+3400 to U+9FFF), percent-encoded.
_PERCENT_RE = compiled(r"(?:%[Ee][3-9](?:%[89AaBb][0-9A-Fa-f]){2}){2,}")
_LABEL_RE = compiled(r"(?<![0-9A-Za-z-])[Xx][Nn]--([0-9A-Za-z-]+)")


def read(text: str) -> str:
    """``text`` with percent-encoded Chinese and punycode labels read as characters, same
    length; ``text`` itself when it holds neither."""
    if "%" in text:
        text = _PERCENT_RE.sub(_percent, text)
    if "xn--" in text or "XN--" in text or "Xn--" in text or "xN--" in text:
        text = _LABEL_RE.sub(_label, text)
    return text


def _percent(m: re.Match[str]) -> str:
    run = m.group(0)
    data = bytes(int(run[i + 1 : i + 3], 16) for i in range(0, len(run), 3))
    decoded = _chinese(data.decode("utf-8", errors="replace"))
    if not decoded:
        return run
    chars = [" "] * len(run)
    for i, char in enumerate(decoded):
        chars[9 * i] = char  # each character is three bytes, each byte three letters
    return "".join(chars)


def _label(m: re.Match[str]) -> str:
    label = m.group(0)
    try:
        decoded = m.group(1).lower().encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return label
    decoded = _chinese(decoded)
    if not decoded or len(decoded) > len(label):
        return label
    return decoded + " " * (len(label) - len(decoded))


def _chinese(decoded: str) -> str:
    """``decoded`` when it holds at least :data:`CHARS_MIN` Chinese characters and nothing
    but them and CJK punctuation; else ""."""
    if sum("\u3400" <= c <= "\u9fff" for c in decoded) < CHARS_MIN:
        return ""
    return decoded if all("\u3000" <= c <= "\u9fff" for c in decoded) else ""
