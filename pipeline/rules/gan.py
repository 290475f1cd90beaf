"""Gan (Jiangxi: Nanchang, Pingxiang, Yichun, Xinyu) written forms read as Mandarin
(round 61, issue 12).

A post in the Gan dialect (``箇只协会``, ``渠们冇话``, ``泡哩要烂``, ``么个东西``, ``莫去``)
hides the rules' words behind its own: ``箇`` before a measure word for 这 (``箇只``,
``箇面``, ``箇两日``), ``哩`` after a verb for 了, ``渠`` and ``渠们`` for 他 and 他们, ``冇``
for 没, ``么个`` for 什么, ``话`` for 说 (``话是``, ``冇话出来``), ``莫`` for 别 before a verb,
``阿`` for 我 (``阿拿渠…``, ``找阿``), ``自家`` for 自己, ``韶`` for 傻. As the written-Wu,
Jianghuai and Xiang views (:mod:`pipeline.rules.wu`, :mod:`pipeline.rules.jianghuai`,
:mod:`pipeline.rules.xiang`), this view reads them as their Mandarin equivalents, the same
length, so every rule reads the sentence the writer meant.

Only where the text is Gan: :data:`MARKS_MIN` of its marks or more (:data:`_MARK_RE`),
which written Mandarin does not use. Not marks, and not read: a canal's ``渠`` (``渠道``,
``沟渠``, ``水渠``, ``干渠``, ``渠首``), ``哩`` in a sound or a loan (``哩哩啦啦``, ``咖喱``/``咖哩``,
``英哩``, ``哔哩哔哩``, ``叽哩咕噜``), the classical ``箇中``, ``莫`` in ``莫名``, ``莫斯科`` and the
surname (it is read only before a verb), ``阿`` in a name or a kinship word (``阿姨``,
``阿里``, ``阿拉伯``; it is read only where it stands as a speaker), ``韶`` in a place or
``韶华``. ``冇`` is a Cantonese and Xiang mark too: each reads it as 没. The view is read for
the rules' words only, not by the model (:mod:`pipeline.rules.decoded`).
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled
from pipeline.rules.dialect_view import DialectView

NAME = "赣语（江西话）书面字读作普通话"
MARKS_MIN = 2
_MEASURE = "只个面两几些里样种时日回下块条件句"  # what ``箇`` (这) stands before
# A canal's ``渠`` (沟渠, 水渠, 干渠 …), where it is no 他.
_NOT_QU_BEFORE = "沟水河暗明灌引干支毛斗农运排溪清挖修疏堵一条"
_NOT_QU_AFTER = "道首帅成水系"
_QU = f"(?<![{_NOT_QU_BEFORE}])渠(?![{_NOT_QU_AFTER}])"
# Verbs ``哩`` (了) follows in Gan; a sound (哩哩, 叽哩, 哔哩) or a loan (咖哩, 英哩) is none.
_VERB = "泡垫跑刻来去死走吃喝拿做搞买卖到看讲话打出过完好烂病抓关封偷骗交收办印开散"
_LI = f"(?<=[{_VERB}])哩(?!哩)"
_MARK_RE = compiled(
    f"箇(?=[{_MEASURE}])|渠们|{_QU}(?=[就是都话讲个冇也跟屋家])|(?<=[阿你我跟把拿帮找])渠"
    f"|冇|么个|{_LI}|韶(?=宝|得很|里韶气)|阿拿|(?<=[找跟给帮问叫])阿(?![\\w])"
)
PHRASES = {
    "箇只": "这个",
    "渠们": "他们",
    "一屋人": "一家人",
    "么个": "什么",
    "韶宝": "傻子",
    "自家": "自己",
    "冇得": "没有",
    "晓得": "知道",
}
CHARACTERS = {
    "箇": "这",
    "渠": "他",
    "冇": "没",
    "哩": "了",
    "话": "说",
    "莫": "别",
    "阿": "我",
    "韶": "傻",
    "咯": "的",
}
_READ_RE = compiled(
    f"箇只|渠们|一屋人|么个|韶宝|自家|冇得|晓得|箇(?!中)|{_QU}|冇|{_LI}|韶(?![山关华光乐州])"
    "|(?<=[渠们我你人都冇就莫不要敢])话(?=[是出])|(?<![^，,。！!？?：:\\s])话(?=是)"
    "|莫(?=[去来看怕管问说讲话信听慌急吃喝碰想泡走跑搞买卖])"
    "|(?<![\\w])阿(?=[拿去来要是都就也冇])|(?<=[找跟给帮问叫让])阿(?![\\w])|(?<=[人假好])咯(?=[，,。！!？?])"
)


_VIEW = DialectView(_MARK_RE, _READ_RE, PHRASES, CHARACTERS, MARKS_MIN)
marks = _VIEW.marks  # how many Gan marks a text holds
read = _VIEW.read  # the text with its Gan read as Mandarin where it holds MARKS_MIN marks
