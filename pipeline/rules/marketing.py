"""第十六条: follower marketing written as a sentence rather than a set phrase.

The lexicon (``lexicons/A16-01.yml``) holds the set phrases (转发抽奖, 关注有礼 …); this
module finds the same offer spelled out: an action of a follower (转发, 关注, 点赞, 评论,
留言) and, later in the same sentence, a prize draw or gift (抽取, 抽奖, 送出, 赠送, 领取
红包) — ``转发本条并关注我们，抽取10位粉丝送出礼包``. Sentences that forbid or warn
(不得, 谨防 …) are left alone.
"""

from __future__ import annotations

import re

from pipeline.rules.detection import Detection
from pipeline.rules.normalize import mask_markup

ARTICLE = "第十六条"
_OFFER_RE = re.compile(
    r"(?:转发|关注|点赞|评论|留言|集赞)[^。！？!?；;\n]{0,40}?"
    r"(?:抽取|抽出|抽奖|送出|赠送|免费送|领取红包|即送|就送)"
)
_NEGATED_RE = re.compile(r"不得|禁止|严禁|谨防|警惕|虚假|诈骗|骗局")


# Words without which the pattern cannot match: the lexicon scan reports them in its own
# pass, and the checker runs this detector only when one is present.
TRIGGERS = ("转发", "关注", "点赞", "评论", "留言", "集赞")


def detect(text: str, masked: str | None = None) -> list[Detection]:
    masked = mask_markup(text) if masked is None else masked
    found: list[Detection] = []
    for m in _OFFER_RE.finditer(masked):
        lo = max(masked.rfind(mark, 0, m.start()) for mark in "。！？!?；;\n") + 1
        hi_candidates = [masked.find(mark, m.end()) for mark in "。！？!?；;\n"]
        hi = min((i for i in hi_candidates if i != -1), default=len(masked))
        if _NEGATED_RE.search(masked, lo, hi):
            continue
        found.append(
            Detection(
                m.start(),
                m.end(),
                "A16-01",
                ARTICLE,
                "error",
                "疑似以转发、关注、点赞换取抽奖或礼品的方式刻意追求粉丝数量",
            )
        )
    return found
