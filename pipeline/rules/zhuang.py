"""Zhuang words in their Latin orthography read as characters (round 57, issue 12).

Standard Zhuang (Sawcuengh) writes its words in Latin letters, the tone a final letter
(``Bouxcuengh`` 壮族人, ``Gvangjsae`` 广西). A violation that names a people or a place in
it (``Bouxcuengh、Bouxyiuz 都是土包子``) hides the name from every rule. This view reads a
small list of names, the peoples, the country, the region and its cities, whose spelling
is the standard's and which no other language writes, as their characters, padded with
spaces (same length). Coverage is the list and no more: it is no Zhuang reader, Zhuang
sentences stay as written, and a word borrowed from Mandarin is only read if listed.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

NAME = "壮文拉丁字母拼写的名称读作汉字"
WORDS = {
    "bouxcuengh": "壮族人",
    "vunzcuengh": "壮族人",
    "bouxgun": "汉族人",
    "bouxyiuz": "瑶族人",
    "bouxmiuz": "苗族人",
    "bouxdoengh": "侗族人",
    "cuengh": "壮族",
    "sawcuengh": "壮文",
    "vahcuengh": "壮语",
    "cunghgoz": "中国",
    "gvangjsae": "广西",
    "namzningz": "南宁",
    "bwzgingh": "北京",
}
_WORD_RE = compiled("(?<![a-z])(?:" + "|".join(sorted(WORDS, key=len, reverse=True)) + ")(?![a-z])")


def read(text: str) -> str:
    """``text`` with the listed Zhuang words as characters, same length."""
    lowered = text.lower()
    if len(lowered) != len(text) or _WORD_RE.search(lowered) is None:
        return text
    chars = list(text)
    for m in _WORD_RE.finditer(lowered):
        chars[m.start() : m.end()] = _padded(m)
    return "".join(chars)


def _padded(m: re.Match[str]) -> list[str]:
    word = WORDS[m.group(0)]
    return [*word, *" " * (m.end() - m.start() - len(word))]
