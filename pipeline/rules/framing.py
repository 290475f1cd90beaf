"""Findings that the post's framing excuses: the words quoted to condemn them.

The lexicons read context themselves (``engine.py``); the combination rules and the
semantic layer do not know the post's kind. Two frames excuse their findings here:

- in an **enforcement post** (警情通报, 辟谣, 普法, 反诈, 反邪教 …: :mod:`pipeline.rules.kinds`),
  a finding whose paragraph holds an enforcement or warning word (``不法分子以“无抵押、当天
  放款”为诱饵``, ``自觉抵制邪教``);
- in any post, a semantic finding on a sentence that distances itself from a quoted claim
  and refutes it (``所谓“大东亚共荣圈”不过是掩盖殖民掠夺的谎言``): ``所谓`` right before a
  quotation mark, and a word that calls the claim a lie, a scam or a pretext.
"""

from __future__ import annotations

import re

from pipeline.rules.detection import Detection
from pipeline.rules.kinds import ENFORCEMENT
from pipeline.rules.rule_kinds.sequence import sentence_bounds

ENFORCEMENT_WORDS = (
    "依法",
    "查处",
    "打击",
    "破获",
    "抓获",
    "判处",
    "涉嫌",
    "犯罪",
    "诈骗",
    "骗局",
    "不法分子",
    "犯罪分子",
    "诱饵",
    "受害人",
    "警惕",
    "谨防",
    "切勿",
    "提醒",
    "识破",
    "防范",
    "反对",
    "抵制",
    "揭穿",
    "辟谣",
    "谣言",
    "不实",
)
_SO_CALLED = re.compile(r"所谓\s*[“\"「『‘]")
_REFUTING = (
    "谎言",
    "骗局",
    "诈骗",
    "骗子",
    "话术",
    "谣言",
    "不可信",
    "幌子",
    "借口",
    "掩盖",
    "不存在",
    "均属违法",
)


def paragraph(text: str, start: int, end: int) -> str:
    """The paragraph (text between blank lines) around ``start:end``."""
    lo = text.rfind("\n\n", 0, start)
    hi = text.find("\n\n", end)
    return text[0 if lo < 0 else lo : len(text) if hi < 0 else hi]


def sentence(text: str, start: int, end: int) -> str:
    lo, hi = sentence_bounds(text, start, end)
    return text[lo:hi]


def refuted(text: str, start: int, end: int) -> bool:
    """The sentence around ``start:end`` quotes a claim as ``所谓“…”`` and refutes it."""
    s = sentence(text, start, max(start, end - 1))
    return _SO_CALLED.search(s) is not None and any(word in s for word in _REFUTING)


def excuse(found: list[Detection], text: str, kind: str, semantic: bool) -> list[Detection]:
    """``found`` (combination or, with ``semantic``, semantic findings over ``text``)
    without those the post's framing excuses."""
    result: list[Detection] = []
    for d in found:
        if kind == ENFORCEMENT and any(
            w in paragraph(text, d.start, d.end) for w in ENFORCEMENT_WORDS
        ):
            continue
        if semantic and refuted(text, d.start, d.end):
            continue
        result.append(d)
    return result
