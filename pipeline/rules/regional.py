"""The region's languages read as Mandarin: written Cantonese, Jyutping, Zhuang names
(round 57, issue 12).

A post in written Cantonese (``唔好畀佢哋入我哋村``, ``洪水係河神发嬲，…就冇事``) hides the
lexicons' and combinations' Mandarin words behind its function words: ``唔`` for 不, ``佢哋``
for 他们, ``冇`` for 没, ``係`` for 是. This view reads the common ones as their Mandarin
equivalents, one character for one (phrases of the same length: ``呢个`` → 这个, ``冚家铲``
→ 死全家), so every rule reads the sentence the writer meant; the rest stays as written.

Only where the text is Cantonese: :data:`MARKS_MIN` characters or more that written
Mandarin does not use (``冇``, ``嘅``, ``咗``, ``佢``, ``喺``, ``哋``, ``嚟``, ``唔``, ``睇`` …).
A traditional-script post without them (``關係``) keeps its ``係``. The view is read for the
rules' words only, not by the model (:mod:`pipeline.rules.decoded`), so a Cantonese
resident's ordinary complaint is judged by the same words as a Mandarin one.
"""

from __future__ import annotations

import re

from pipeline.rules import gan, hainanese, hangul, jianghuai, jyutping, wu, xiang, zhuang
from pipeline.rules.compiled_re import compiled

NAME = "粤语书面字读作普通话"
# Characters written Mandarin does not use: the view's gate (not ``乜``, which Mandarin has
# in ``乜贴``, an Islamic donation, and as a surname).
MARKS = "冇嘅咗佢喺哋嚟唔睇畀嘢咩啱嗰嬲冚攞揾啩嘞嚿咁"
MARKS_MIN = 2
# Phrases first (same length), then single characters.
PHRASES = {
    "冚家铲": "死全家",
    "冚家剷": "死全家",
    "冚家": "全家",
    "呢个": "这个",
    "呢個": "这个",
    "呢度": "这里",
    "呢班": "这帮",
    "呢啲": "这些",
    "嗰啲": "那些",
    "边度": "哪里",
    "邊度": "哪里",
    "点解": "为啥",
    "點解": "为啥",
    "乜嘢": "什么",
    "咩嘢": "什么",
    "有冇": "有没",
    "唔好": "不要",
    "唔使": "不用",
    "唔俾": "不让",
    "唔畀": "不让",
    "发嬲": "生气",
    "發嬲": "生气",
    "冇晒": "没了",
    "搞掂": "搞定",
    "钟意": "喜欢",
    "鍾意": "喜欢",
    "细路": "小孩",
    "細路": "小孩",
}
CHARACTERS = {
    "冇": "没",
    "嘅": "的",
    "咗": "了",
    "佢": "他",
    "喺": "在",
    "哋": "们",
    "嚟": "来",
    "唔": "不",
    "係": "是",
    "系": "是",
    "睇": "看",
    "畀": "给",
    "俾": "给",
    "咩": "啥",
    "啱": "对",
    "嗰": "那",
    "乜": "啥",
    "嬲": "气",
    "啲": "些",
    "攞": "拿",
    "揾": "找",
    "搵": "找",
}
_GATE_RE = compiled(f"[{MARKS}]")
_PHRASE_RE = compiled("|".join(sorted(PHRASES, key=len, reverse=True)))
_TABLE = str.maketrans(CHARACTERS)


def read(text: str) -> str:
    """``text`` with its written Cantonese read as Mandarin, same length, when it holds
    :data:`MARKS_MIN` Cantonese characters or more; else ``text``."""
    if len(_GATE_RE.findall(text)) < MARKS_MIN:
        return text
    return _PHRASE_RE.sub(_phrase, text).translate(_TABLE)


def _phrase(m: re.Match[str]) -> str:
    return PHRASES[m.group(0)]


# The written dialects read as Mandarin, each a ``DialectView`` (rounds 58–61, 66).
_DIALECTS = (wu, jianghuai, xiang, gan, hainanese)
NAMES = (NAME, jyutping.NAME, zhuang.NAME, hangul.NAME, *(d.NAME for d in _DIALECTS))


def views(masked: str) -> list[tuple[str, str]]:
    """(name, view) of ``masked`` read as Mandarin (see :func:`read`), with its Jyutping
    read as characters (:mod:`pipeline.rules.jyutping`) and with its Zhuang names read
    (:mod:`pipeline.rules.zhuang`) and with its written Wu read as Mandarin (round 58,
    :mod:`pipeline.rules.wu`) and its written Jianghuai (round 59,
    :mod:`pipeline.rules.jianghuai`) and its written Xiang (round 60,
    :mod:`pipeline.rules.xiang`) and its written Gan (round 61, :mod:`pipeline.rules.gan`)
    and its written Hainanese (round 66, :mod:`pipeline.rules.hainanese`) and its Sino-Korean
    words in Hangul read as Chinese (round 68, :mod:`pipeline.rules.hangul`), each when it
    reads something."""
    found = []
    readers = (
        (NAME, read),
        (jyutping.NAME, jyutping.read),
        (zhuang.NAME, zhuang.read),
        (hangul.NAME, hangul.read),  # round 68
        *((d.NAME, d.read) for d in _DIALECTS),
    )
    for name, reader in readers:
        view = reader(masked)
        if view != masked:
            found.append((name, view))
    return found


def dialects(masked: str) -> str:
    """``masked`` with its written Wu, Jianghuai, Xiang, Gan and Hainanese read as Mandarin,
    each where the text holds enough of the dialect's marks (round 61: the sentence a semantic
    finding's anchor words are looked for in). Same length."""
    for dialect in _DIALECTS:
        masked = dialect.read(masked)
    return masked
