"""A password read out character by character (round 26, 第十七条).

Ten training sets (9, 11, 14, 16–21, 23) leaked a password the way it is said on the
phone or typed from a voice message: ``大写K、小写m、数字7、井号…``, ``柒伍零捌``, ``幺、两、
洞、拐``, ``Kilo Lima 7 Golf``. The password rule reads a value of letters and digits after
its label; here each *spoken unit* is read as the characters it names and the units are
joined:

- ``大写``/``小写`` (``的``, ``字母``) and one letter, or letters apart by ``、`` or ``和``;
- ``数字`` and digits, and Chinese numerals of every register (plain ``二零二六``, financial
  ``柒伍零捌``, the radio operators' ``幺两洞拐勾``, Suzhou ``〡〢〣``) — not a numeral that
  counts something (``前六位``, ``一个``, ``重复一遍``);
- the names of symbols (``井号`` #, ``感叹号`` !, ``艾特`` @ …);
- code words of the radio spelling alphabet (:mod:`pipeline.rules.spelling_alphabet`) and
  digits between them.

The validator ``spoken-password`` reads the units after a password's label
(``rulefiles/a17-credential-spoken.yml``; the first unit within :data:`LABEL_GAP` characters
and not a bare number) up to a line break, stopping at a gap of more than
:data:`GAP` characters between two units (a repetition after ``重复一遍`` is not read
twice); the value is a password when it has :data:`MIN_CHARS` characters or more from
:data:`MIN_UNITS` units or more and mixes two classes (upper-case letters, lower-case
letters, digits, symbols), or is six digits or more written only in the financial or the
Suzhou numerals (``〩〡〧〣〢〨``: nobody counts in them by chance). Advice that describes
a good password (``应包含大写字母、小写字母、数字和特殊符号，不少于8位``) names classes,
not characters, and reads as no unit.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy
from pipeline.rules.spelling_alphabet import CODE_WORDS

NUMERALS = {
    **dict(zip("零〇一二三四五六七八九", "00123456789", strict=True)),
    **dict(zip("壹贰叁肆伍陆柒捌玖", "123456789", strict=True)),
    **dict(zip("幺两洞拐勾", "12079", strict=True)),  # radio operators' digits
    **dict(zip("〡〢〣〤〥〦〧〨〩", "123456789", strict=True)),  # Suzhou numerals
}
SYMBOLS = {
    "井号": "#",
    "感叹号": "!",
    "叹号": "!",
    "艾特": "@",
    "at符号": "@",
    "星号": "*",
    "下划线": "_",
    "美元符号": "$",
    "美元符": "$",
    "百分号": "%",
    "减号": "-",
    "横线": "-",
    "中划线": "-",
    "加号": "+",
    "与号": "&",
    "问号": "?",
    "句点": ".",
}
# Numerals of the account book and the abacus (financial 壹贰, Suzhou 〡〢): a password of
# digits alone written in them is read out to be hidden, not a count.
_FORMAL = frozenset("壹贰叁肆伍陆柒捌玖〡〢〣〤〥〦〧〨〩")
GAP = 5  # characters between two units (``，最后一个`` is five)
LABEL_GAP = 40  # characters between the label and the first unit
MIN_CHARS = 6
MIN_UNITS = 2
WINDOW = 200  # characters read after the label
_NUMERAL = "[" + "".join(NUMERALS) + "]"
_WORDS = "|".join(sorted(CODE_WORDS, key=len, reverse=True))
# One unit; a numeral that counts (``六位``, ``一个``, ``一遍``) is none.
_UNIT_RE = Lazy(
    r"(?i)(?P<case>大写|小写)(?:的)?(?:字母)?\s*(?P<letters>[A-Za-z](?![A-Za-z])"
    r"(?:\s*(?:[、,，]|和)\s*[A-Za-z](?![A-Za-z]))*)"
    rf"|数字\s*(?P<digits>[0-9]+|{_NUMERAL}+)"
    rf"|(?P<numerals>{_NUMERAL}+)(?![个位遍次段下半组条项年月日天号点分秒元])"
    r"|(?P<symbol>" + "|".join(sorted(SYMBOLS, key=len, reverse=True)) + ")"
    rf"|(?<![A-Za-z])(?P<word>{_WORDS})(?![A-Za-z])"
    r"|(?<![A-Za-z0-9])(?P<arabic>[0-9]+)(?![0-9A-Za-z])"
)


def units(text: str, start: int) -> list[str]:
    """The characters each spoken unit after ``start`` names, in order, up to a line break
    or a gap of more than :data:`GAP` characters; digits written in the financial or the
    Suzhou numerals come back as themselves (:func:`value` reads them)."""
    end = text.find("\n", start)
    end = min(start + WINDOW, len(text) if end < 0 else end)
    found: list[str] = []
    last = -1
    for m in _UNIT_RE.get().finditer(text, start, end):
        if last < 0 and (m.start() - start > LABEL_GAP or m.group("arabic")):
            break  # the first unit stands near the label and is spoken, not a bare number
        if last >= 0 and m.start() - last > GAP:
            break
        numerals = m.group("numerals") or ""
        found.append(numerals if numerals and set(numerals) <= _FORMAL else _read(m))
        last = m.end()
    return found


def _read(m: re.Match[str]) -> str:
    if m.group("letters"):
        letters = "".join(c for c in m.group("letters") if c.isascii() and c.isalpha())
        return letters.upper() if m.group("case") == "大写" else letters.lower()
    spoken = m.group("digits") or m.group("numerals") or m.group("arabic")
    if spoken:
        return "".join(NUMERALS.get(ch, ch) for ch in spoken)
    if m.group("symbol"):
        return SYMBOLS[m.group("symbol").lower()]
    return CODE_WORDS[m.group("word").lower()]


def value(text: str, start: int) -> str:
    """The password the units after ``start`` spell, or "" when they spell none."""
    read = units(text, start)
    joined = "".join(NUMERALS.get(ch, ch) for ch in "".join(read))
    if read and all(set(unit) <= _FORMAL for unit in read) and len(joined) >= MIN_CHARS:
        return joined  # a number written in numerals nobody types by chance (〩〡〧〣〢〨)
    if len(read) < MIN_UNITS or len(joined) < MIN_CHARS:
        return ""
    classes = (str.isupper, str.islower, str.isdigit, lambda c: not c.isalnum())
    if sum(any(test(c) for c in joined) for test in classes) < 2:
        return ""
    return joined


def spoken_password(m: re.Match[str], text: str) -> bool:
    """The units after the label (the match) spell a password."""
    return bool(value(text, m.end()))


VALIDATORS = {"spoken-password": spoken_password}
