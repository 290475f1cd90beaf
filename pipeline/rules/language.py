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
_HALF_RE = re.compile(rf"(?<=[{_CJK}])[,;!?](?=[{_CJK}“”\s]|$)|(?<=[{_CJK}]):(?=[{_CJK}])", re.M)
_FULLWIDTH_RE = re.compile(r"[Ａ-Ｚａ-ｚ０-９]+")
_BRACKET_RE = re.compile(r"（[^（）()\n]{0,40}\)|\([^（）()\n]{0,40}）")
_DOUBLED_RE = re.compile(r"([，。、；：,;])\1+|[，、；：][，。、；：]|(?<![!！?？])([!！?？])\2(?![!！?？])")


def detect(text: str) -> list[Detection]:
    masked = mask_markup(text)
    found: list[Detection] = []
    for m in _HALF_RE.finditer(masked):
        found.append(
            Detection(
                m.start(), m.end(), "A10-01", ARTICLE, "warning",
                "中文句子中使用了半角标点，应使用全角标点",
            )
        )
    for m in _FULLWIDTH_RE.finditer(masked):
        found.append(
            Detection(
                m.start(), m.end(), "A10-02", ARTICLE, "warning",
                "使用了全角字母或数字，应使用半角",
            )
        )
    for m in _BRACKET_RE.finditer(masked):
        found.append(
            Detection(
                m.start(), m.end(), "A10-02", ARTICLE, "warning",
                "括号全角半角混用",
            )
        )
    for m in _DOUBLED_RE.finditer(masked):
        found.append(
            Detection(
                m.start(), m.end(), "A10-03", ARTICLE, "warning",
                "标点符号重复或连用",
            )
        )
    return found
