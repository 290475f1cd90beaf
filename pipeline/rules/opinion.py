"""第九条第（十二）项: emotional personal opinions (warnings).

Opinion markers and emotive words are in ``lexicons/A9-12.yml``; this module adds runs
of three or more exclamation or question marks (``!!!``, ``？？？``, ``?!?``).
"""

from __future__ import annotations

import re

from pipeline.rules.detection import Detection
from pipeline.rules.normalize import mask_markup

ARTICLE = "第九条第（十二）项"
_RUN_RE = re.compile(r"[!！?？]{3,}")


def detect(text: str, masked: str | None = None) -> list[Detection]:
    if not any(mark in text for mark in "!！?？"):
        return []  # one-character searches are far cheaper than the pattern
    masked = mask_markup(text) if masked is None else masked
    return [
        Detection(
            m.start(),
            m.end(),
            "A9-12",
            ARTICLE,
            "warning",
            "连用感叹号或问号，带有情绪化色彩，政务发布应客观陈述",
        )
        for m in _RUN_RE.finditer(masked)
    ]
