"""The validator of round 42's emoji offers (``rulefiles/a09-emoji-offers.yml``, issue 12).

A sale of sex services or drugs written in pictures (``🍑🍆服务送到房间``, ``❄️一克好价``)
holds no word of the lexicons; the pattern rules read the pictures and the seller's terms
beside them. A warning or an enforcement report quotes the same pictures (``警惕用❄️和
“暗号”交易毒品``), so ``not-a-warning`` accepts a match only when its sentence (from the last
full stop, question or exclamation mark or line break before it to the next one after it)
holds none of the words of a warning, a ban or a case, nor of medicine sold lawfully by the
gram (``药店``, ``处方``, ``中药饮片``).
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import compiled

_FRAME_RE = compiled(
    "警惕|谨防|提醒|小心|切勿|不要|别信|严禁|禁止|依法|举报|报警|警方|公安|民警|打击|"
    "查获|抓获|破获|判处|案例|禁毒|扫黄|识别|防范|黑话|暗语|"
    # medicine sold lawfully by the gram (a pharmacy, herbal pieces)
    "处方|药店|药房|药监|中药|饮片|药材"
)
_ENDS = "。！？!?\n"


def sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``."""
    a = max(text.rfind(c, 0, start) for c in _ENDS) + 1
    ends = [i for i in (text.find(c, end) for c in _ENDS) if i >= 0]
    return text[a : min(ends) if ends else len(text)]


def _not_a_warning(m: re.Match[str], text: str) -> bool:
    return _FRAME_RE.search(sentence(text, m.start(), m.end())) is None


VALIDATORS = {"not-a-warning": _not_a_warning}
