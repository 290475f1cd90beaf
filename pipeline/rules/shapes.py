"""Characters of similar shape written for the ones they imitate (形近字, round 67, issue 12).

A word is hidden by a character that looks like one of its own, not one that sounds like it:
``政杈`` for 政权, ``独竝`` for 独立, ``结朿`` for 结束 (sets 43, 48 and 55), ``共产觉`` for
共产党, ``驱芽`` for 驱邪, ``画苻`` for 画符 (set 55), ``夲会`` for 本会 (set 43). Homophones are
read by the rules themselves (:mod:`pipeline.rules.rule_kinds.sounds`); a look-alike is
another sound, so this decoded view (:mod:`pipeline.rules.technique_views`, read for the
rules' words only, not by the model) reads it as the character it imitates:

- :data:`RARE`: characters no modern text writes for a word of its own where a common one
  of nearly the same strokes stands (``朿``, ``竝``, ``夲``, ``毐``, ``苻``), or whose own
  words no rule holds in the imitated reading (``杈`` of 树杈, ``冢`` of 衣冠冢: 树权 and
  衣冠家 are no rule's words): read wherever they stand;
- :data:`FREQUENT`: ordinary characters (``觉``, ``攻``, ``芽``) read as the imitated one only
  inside the compounds that character makes (``产觉`` of 共产党, ``攻府``, ``驱芽``): ``自觉``,
  ``攻击`` and ``发芽`` stay as written.

The table is the project's own (no licensed 形近字 database ships here). Same length: one
character for one.
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

NAME = "形近字读作原字"
RARE = {"朿": "束", "竝": "立", "夲": "本", "毐": "毒", "苻": "符", "杈": "权", "冢": "家"}
# (the imitated character, where the look-alike stands for it)
FREQUENT = {
    "觉": ("党", "(?<=[产退反])觉|觉(?=[员委徽旗章])"),
    "攻": ("政", "(?<=[宪])攻|(?<=党专)攻|攻(?=[府权])"),
    "芽": ("邪", "(?<=[驱辟祛])芽|芽(?=[教恶灵])"),
}
_READ_RE = compiled("|".join([f"[{''.join(RARE)}]", *(where for _, where in FREQUENT.values())]))
_GATE_RE = compiled(f"[{''.join(RARE)}{''.join(FREQUENT)}]")


def read(text: str) -> str:
    """``text`` with its look-alikes read as the characters they imitate (same length)."""
    if _GATE_RE.search(text) is None:
        return text
    return _READ_RE.sub(_imitated, text)


def _imitated(m: re.Match[str]) -> str:
    found = m.group(0)
    return RARE.get(found) or FREQUENT[found][0]
