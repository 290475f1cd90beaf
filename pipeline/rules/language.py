"""第十条: language norms (warnings) — punctuation inside Chinese sentences.

- A10-01 half-width punctuation inside a Chinese sentence (``办理,请``);
- A10-02 full-width letters or digits, and brackets that mix full and half width;
- A10-03 doubled punctuation (``，，``, ``。。``, ``！！``). Runs of three or more ! or ?
  are emotional and reported by :mod:`pipeline.rules.opinion`.

Code, URLs and link targets are masked first.
"""

from __future__ import annotations

import re

from pipeline.rules.detection import Detection
from pipeline.rules.normalize import mask_markup

ARTICLE = "第十条"
_CJK = "\u4e00-\u9fff"
# Patterns start with the punctuation and look behind, so only those positions are tried.
_HALF_RE = re.compile(
    rf"[,;!?](?<=[{_CJK}][,;!?])(?=[{_CJK}“”\s]|$)|:(?<=[{_CJK}]:)(?=[{_CJK}])", re.M
)
_FULLWIDTH_RE = re.compile(r"[Ａ-Ｚａ-ｚ０-９]+")
_BRACKET_RE = re.compile(r"（[^（）()\n]{0,40}\)|\([^（）()\n]{0,40}）")
_RUN_RE = re.compile(r"[，。、；：,;!！?？][，。、；：,;!！?？]+")
_EMPHASIS = set("!！?？")


def detect(text: str, masked: str | None = None) -> list[Detection]:
    """``masked``: ``text`` already passed through :func:`mask_markup` (saves a pass)."""
    masked = mask_markup(text) if masked is None else masked
    found: list[Detection] = []
    half = any(mark in masked for mark in ",;!?:")
    for m in _HALF_RE.finditer(masked) if half else ():
        found.append(
            Detection(
                m.start(),
                m.end(),
                "A10-01",
                ARTICLE,
                "warning",
                "中文句子中使用了半角标点，应使用全角标点",
            )
        )
    for m in _FULLWIDTH_RE.finditer(masked):
        found.append(
            Detection(
                m.start(),
                m.end(),
                "A10-02",
                ARTICLE,
                "warning",
                "使用了全角字母或数字，应使用半角",
            )
        )
    mixed = ("（" in masked and ")" in masked) or ("(" in masked and "）" in masked)
    for m in _BRACKET_RE.finditer(masked) if mixed else ():
        found.append(
            Detection(
                m.start(),
                m.end(),
                "A10-02",
                ARTICLE,
                "warning",
                "括号全角半角混用",
            )
        )
    for m in _RUN_RE.finditer(masked):
        run = m.group()
        if set(run) <= _EMPHASIS and (len(run) >= 3 or len(set(run)) > 1):
            continue  # ！！！ is an opinion (A9-12); ？！ is ordinary emphasis
        found.append(
            Detection(
                m.start(),
                m.end(),
                "A10-03",
                ARTICLE,
                "warning",
                "标点符号重复或连用",
            )
        )
    return found
