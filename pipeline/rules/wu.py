"""Wu (Shanghainese) written forms read as Mandarin (round 58, issue 12).

A post in written Wu (``侬晓得伐``, ``格个是真个``, ``弗要租拨伊拉``) hides the rules'
Mandarin words behind its own: ``侬`` for 你, ``弗`` for 不, ``阿拉`` for 我们, ``伊拉`` for
他们, ``格个`` for 这个, ``伐`` at a question's end for 吗, and its insults (``戆大`` a fool,
``娘希匹`` a curse). As the written-Cantonese view (:mod:`pipeline.rules.regional`), this view
reads the common ones as their Mandarin equivalents, the same length (``娘希匹`` → 他妈的,
``一天到夜`` → 一天到晚), so every rule reads the sentence the writer meant.

Only where the text is Wu: :data:`MARKS_MIN` of its marks or more (:data:`_MARK_RE`), which
written Mandarin does not use: not ``阿拉伯`` (Arabic), ``伊拉克``, ``弗洛伊德`` or
``步伐``, whose characters stay as written everywhere. ``猪头三``, ``寿头`` and ``十三点``
are left alone (mild, and ordinary in a Shanghai post). The view is read for the rules'
words only, not by the model (:mod:`pipeline.rules.decoded`).
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled
from pipeline.rules.dialect_view import NOT_YI, DialectView

NAME = "吴语（上海话）书面字读作普通话"
MARKS_MIN = 2
# Names written with these characters, where they are no Wu word.
_NOT_ALA = "伯斯善山尔丁木克贡"  # 阿拉伯, 阿拉斯加, 阿拉善, 阿拉山口, 阿拉尔, 阿拉丁 …
_NOT_YILA = "克"  # 伊拉克
_NOT_FU = "洛吉兰雷里拉朗罗莱林如瑞赖"  # 弗洛伊德, 弗吉尼亚, 弗兰克 …, 自愧弗如
_MARK_RE = compiled(
    f"侬|覅|搿|阿拉(?![{_NOT_ALA}])|伊拉(?![{_NOT_YILA}])|弗(?![{_NOT_FU}])|格个|格种|格搭"
    "|伐(?=[？?，,。！!啦])|勿(?=[想晓])|交关|哪能|啥事体|辰光|戆大|娘希匹|册那|瘪三|一天到夜|屋里向|里向"
)
PHRASES = {
    "娘希匹": "他妈的",
    "啥事体": "什么事",
    "屋里向": "家里面",
    "一天到夜": "一天到晚",
    "戆大": "傻子",
    "册那": "他妈",
    "瘪三": "混蛋",
    "格个": "这个",
    "搿个": "这个",
    "格种": "这种",
    "搿种": "这种",
    "格搭": "这里",
    "搿搭": "这里",
    "阿拉": "我们",
    "伊拉": "他们",
    "明朝": "明天",
    "交关": "非常",
    "光火": "生气",
    "哪能": "怎么",
    "烦煞": "烦死",
    "气煞": "气死",
    "里向": "里面",
    "真个": "真的",
    "晓得": "知道",
    "辰光": "时候",
}
CHARACTERS = {
    "侬": "你",
    "弗": "不",
    "覅": "别",
    "勿": "不",
    "伐": "吗",
    "伊": "他",
    "拨": "给",
    "钿": "钱",
    "搿": "这",
}
_READ_RE = compiled(
    f"娘希匹|啥事体|屋里向|一天到夜|戆大|册那|瘪三|[格搿][个种搭]|阿拉(?![{_NOT_ALA}])"
    f"|伊拉(?![{_NOT_YILA}])|明朝|交关|光火|哪能|烦煞|气煞|里向|真个|晓得|辰光|侬|覅|搿|钿"
    f"|弗(?![{_NOT_FU}])|勿(?=[要想晓会])|伐(?=[？?，,。！!啦])|伊(?![{NOT_YI}])|拨(?=[侬伊我])"
)


_VIEW = DialectView(_MARK_RE, _READ_RE, PHRASES, CHARACTERS, MARKS_MIN)
marks = _VIEW.marks  # how many Wu marks a text holds
read = _VIEW.read  # the text with its Wu read as Mandarin where it holds MARKS_MIN marks
