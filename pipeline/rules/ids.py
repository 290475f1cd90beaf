"""Ideographic description sequences composed back into their characters (round 60,
issue 12).

An evasive post writes a character as its description (``⿰亻言`` for 信, ``⿱艹田族`` for
苗族, ``⿴囗玉旗`` for 国旗): an operator of the Ideographic Description block (U+2FF0–U+2FFB)
before its two components (three for ``⿲`` and ``⿳``), a component a character or another
description. The normalisation reads the operator as a separator, so a split lexicon term
(:mod:`pipeline.rules.radicals`: ``亻言息``) is found; this view goes further and writes the
whole character in the description's place (the character first, then spaces: the same
length), innermost descriptions first, so every rule — the combinations and the semantic
model too — reads the word meant.

The table (:func:`table`) is the engine's own: every split of ``radicals.SPLITS``, read
back (its components, under any operator), and :data:`COMPOSED`, descriptions of the
characters of the rules' words and of ethnic groups' names written for this project (no
IDS database is shipped in the environment or the project's Unicode data; CHISE's and its
derivatives' tables are GPL and are not copied). A description the table does not know is
left as written.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.rules.compiled_re import compiled

NAME = "汉字结构描述序列（⿰⿱ 等）拼合成字"
OPERATORS = "".join(chr(c) for c in range(0x2FF0, 0x2FFC))
_TERNARY = "⿲⿳"
# Operator-specific descriptions: (operator, components) -> character.
COMPOSED: dict[tuple[str, str], str] = {
    ("⿱", "艹田"): "苗",
    ("⿰", "纟隹"): "维",
    ("⿰", "亻泰"): "傣",
    ("⿰", "亻同"): "侗",
    ("⿰", "亻瓦"): "佤",
    ("⿰", "氵又"): "汉",
    ("⿰", "氵世"): "泄",
    ("⿰", "禾必"): "秘",
    ("⿳", "宀必山"): "密",
    ("⿰", "讠䍃"): "谣",
    ("⿰", "讠荒"): "谎",
    ("⿺", "辶告"): "造",
    ("⿺", "⻌告"): "造",
    ("⿺", "辶畐"): "逼",
    ("⿺", "⻌畐"): "逼",
    ("⿰", "米分"): "粉",
    ("⿰", "贝有"): "贿",
    ("⿰", "贝各"): "赂",
    ("⿱", "今贝"): "贪",
    ("⿸", "府肉"): "腐",
    ("⿰", "火尧"): "烧",
    ("⿰", "火暴"): "爆",
    ("⿰", "扌丁"): "打",
    ("⿰", "氵衮"): "滚",
    ("⿰", "舌乚"): "乱",
    ("⿰", "彳亍"): "行",
    ("⿰", "歹匕"): "死",
    ("⿰", "礻申"): "神",
    ("⿰", "亻弗"): "佛",
    ("⿱", "⺌兄"): "党",
    ("⿰", "冫水"): "冰",
    ("⿱", "五口"): "吾",
    ("⿰", "氵者"): "渚",
}
_PART = "[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
_DESCRIPTION_RE = compiled(
    f"([{_TERNARY}])({_PART})({_PART})({_PART})|([{OPERATORS}])({_PART})({_PART})"
)


@cache
def table() -> dict[tuple[str, str], str]:
    """(operator, components) -> character: :data:`COMPOSED` and every split of
    ``radicals.SPLITS`` under each operator of its arity (imported here: a one-post check
    of a text without a description loads no split table)."""
    from pipeline.rules.radicals import SPLITS  # only for a text with a description

    found: dict[tuple[str, str], str] = {}
    for char, splits in SPLITS.items():
        for parts in splits:
            operators = _TERNARY if len(parts) == 3 else OPERATORS
            for op in operators:
                found.setdefault((op, parts), char)
    found.update(COMPOSED)
    return found


def read(text: str) -> str:
    """``text`` with each description the table knows written as its character and spaces
    (the same length), innermost first; ``text`` when it holds no operator."""
    if not any(op in text for op in OPERATORS):
        return text
    known = table()
    while True:
        composed = _DESCRIPTION_RE.sub(lambda m: _composed(m, known), text)
        if composed == text:
            return text
        text = composed


def _composed(m: re.Match[str], known: dict[tuple[str, str], str]) -> str:
    groups = [g for g in m.groups() if g is not None]
    char = known.get((groups[0], "".join(groups[1:])))
    return m.group(0) if char is None else char + " " * (len(m.group(0)) - 1)
