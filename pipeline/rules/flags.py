"""Flags read as what they stand for, drawn or written as their codes (round 67, issue 12).

A flag is two regional indicator symbols side by side (``🇹🇼``: T and W), which the
platforms draw as one picture; a post puts it where the place's name or the flag itself
would stand (``支持🇹🇼独立``, ``升🇨🇳那会儿``), or writes it as its code so that no picture
shows: a chat shortcode (``:flag_tw:``), the code points in a notation (``U+1F1F9 U+1F1FC``,
``\\U0001F1F9``, ``\\u{1F1F9}``, ``&#x1F1F9;``, ``&#127481;``). Two decoded views
(:mod:`pipeline.rules.technique_views`) read them, for the rules' words:

- :func:`places`: each flag of :data:`NAMES` as its place's name (``🇹🇼`` 台湾, ``🇭🇰`` 香港,
  ``🇨🇳`` 中国);
- :func:`national`: the national flag as ``国旗`` (``🇨🇳``).

A run of indicators that does not pair into flags of the table is left alone: letters spelled
one indicator each (``🇭🇺🇮🇿🇺``) are read as letters by :mod:`pipeline.rules.codes` and the
pinyin view. Same length: the name where the flag or its code begins, the rest as spaces.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

PLACES_NAME = "旗帜表情或其代码读作地名"
NATIONAL_NAME = "国旗表情或其代码读作国旗"
# Flags by their two letters, as the two-character names of their places.
NAMES = {
    "cn": "中国",
    "tw": "台湾",
    "hk": "香港",
    "mo": "澳门",
    "jp": "日本",
    "us": "美国",
    "kr": "韩国",
    "gb": "英国",
    "in": "印度",
    "vn": "越南",
}
NATIONAL = {"cn": "国旗"}
_FIRST = 0x1F1E6  # REGIONAL INDICATOR SYMBOL LETTER A
# One indicator, drawn or written as its code point in a notation (hexadecimal or decimal).
_HEX = "1[Ff]1[EeFf][0-9A-Fa-f]"
_RI = "[\U0001f1e6-\U0001f1ff]"
_CODED = (
    f"[Uu]\\+{_HEX}|\\\\U000{_HEX}|\\\\u\\{{{_HEX}\\}}|&#[xX]{_HEX};"
    "|&#1274(?:6[2-9]|7[0-9]|8[0-7]);"
)
_UNIT = f"{_RI}|{_CODED}"
# A run of drawn flags (an even run of indicators), a flag written as two code points, or a
# chat shortcode.
_PAIR_RE = Lazy(
    f"(?<!{_RI})((?:{_RI}{_RI})+)(?!{_RI})"
    f"|((?:{_CODED})[ ,]{{0,2}}(?:{_CODED}))"
    "|:flag[_-]([a-zA-Z]{2}):"
)
_UNIT_RE = Lazy(_UNIT)
_CODE_RE = Lazy(f"(?:{_HEX})(?=[^0-9A-Fa-f]|$)|1274[6-8][0-9]")
# What every form needs: an indicator, a code point's notation, a shortcode.
_GATE_RE = compiled("[\U0001f1e6-\U0001f1ff]|1[Ff]1[EeFf]|1274[6-8]|:flag")


def places(text: str) -> str:
    """``text`` with each flag of :data:`NAMES` read as its place's name (same length)."""
    return _read(text, NAMES)


def national(text: str) -> str:
    """``text`` with the national flag read as ``国旗`` (same length)."""
    return _read(text, NATIONAL)


def _read(text: str, table: dict[str, str]) -> str:
    if _GATE_RE.search(text) is None:
        return text
    return _PAIR_RE.get().sub(lambda m: _named(m, table), text)


def _named(m: re.Match[str], table: dict[str, str]) -> str:
    found = m.group(0)
    if m.group(3) is not None:
        codes = [m.group(3).lower()]
    elif m.group(1) is not None:
        letters = _letters(found)
        codes = [letters[i : i + 2] for i in range(0, len(letters), 2)]
    else:
        codes = [_letters(found)]
    names = [table.get(code) for code in codes]
    if any(name is None for name in names):
        return found
    read = "".join(name for name in names if name is not None)
    return read + " " * (len(found) - len(read)) if len(read) <= len(found) else found


def _letters(pair: str) -> str:
    """The two letters of a pair of indicators, drawn or written as code points."""
    letters = []
    for unit in _UNIT_RE.get().finditer(pair):
        written = unit.group(0)
        if len(written) == 1:
            point = ord(written)
        else:
            value = _CODE_RE.get().search(written)
            if value is None:
                return ""
            digits = value.group(0)
            point = int(digits, 10) if digits.startswith("1274") else int(digits, 16)
        letters.append(chr(point - _FIRST + ord("a")))
    return "".join(letters)
