"""第九条第（十三）项: offers to trade personal data, written as a sentence.

The lexicon (``lexicons/A9-13.yml``) holds set phrases (出售个人信息 …); this module finds
the offer spelled out: a verb of trade (出售, 贩卖, 收购 …) followed within a few characters
by a kind of person's data (车主信息, 业主名单, 学生资料, 手机号码 …) —
``出售本地车主信息``. Sentences of enforcement, warning or legal drafting (打击, 破获,
谨防, 情节严重 …) are left alone, and so is a verb in an enumeration of acts (出售、提供 …,
出售或者提供 …), which is how laws word the offence.
"""

from __future__ import annotations

import re

from pipeline.rules.detection import Detection
from pipeline.rules.normalize import mask_markup

ARTICLE = "第九条第（十三）项"
_PEOPLE = "车主|业主|学生|家长|客户|公民|个人|住户|患者|股民|快递|会员|新生儿|老人|考生"
_OFFER_RE = re.compile(
    r"(?:出售|售卖|贩卖|倒卖|收购|批发|低价出|打包卖|出卖)(?![、或及和与])[^。！？!?；;\n，,]{0,8}?"
    rf"(?:{_PEOPLE}|手机号|身份证)(?:信息|资料|数据|名单|号码|号段)"
)
_ENFORCEMENT_RE = re.compile(
    r"打击|依法|严禁|禁止|不得|警惕|谨防|涉嫌|查处|破获|侦破|抓获|犯罪|案件|判处|提醒|举报|防范|"
    r"违反|违法|情节|徒刑|罚款|处罚|规定|法律|法规"
)
_SENTENCE_MARKS = "。！？!?；;\n"


# Words without which the pattern cannot match: the lexicon scan reports them in its own
# pass, and the checker runs this detector only when one is present.
TRIGGERS = ("出售", "售卖", "贩卖", "倒卖", "收购", "批发", "低价出", "打包卖", "出卖")


def detect(text: str, masked: str | None = None) -> list[Detection]:
    masked = mask_markup(text) if masked is None else masked
    found: list[Detection] = []
    for m in _OFFER_RE.finditer(masked):
        lo = max(masked.rfind(mark, 0, m.start()) for mark in _SENTENCE_MARKS) + 1
        ends = [masked.find(mark, m.end()) for mark in _SENTENCE_MARKS]
        hi = min((i for i in ends if i != -1), default=len(masked))
        # The neighbouring sentences of the same line count too: enforcement news names
        # the enforcement in one sentence and the act in the next.
        if lo > 1 and masked[lo - 1] != "\n":
            lo = max(masked.rfind(mark, 0, lo - 1) for mark in _SENTENCE_MARKS) + 1
        if hi < len(masked) and masked[hi] != "\n":
            ends = [masked.find(mark, hi + 1) for mark in _SENTENCE_MARKS]
            hi = min((i for i in ends if i != -1), default=len(masked))
        if _ENFORCEMENT_RE.search(masked, lo, hi):
            continue
        found.append(
            Detection(
                m.start(),
                m.end(),
                "A9-13",
                ARTICLE,
                "error",
                "疑似含有法律、行政法规禁止的内容（买卖公民个人信息）",
            )
        )
    return found
