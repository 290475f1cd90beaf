"""A paragraph that warns readers against an illegal service (round 21, issue 12).

A risk warning describes the service it warns of (``“无抵押、秒到账”的网贷可能是“套路贷”``,
``以“代孕”为名的中介``) without naming an enforcement body: it says the service is illegal
(``代孕在我国属于违法行为``) or tells the reader not to take it (``切勿轻信``, ``不要相信``).
Such a paragraph frames its description as enforcement news does (:mod:`framing`,
:mod:`context`).

An offer that adds a disclaimer (``违法的事我们不做，只是…``, ``风险自担``, ``仅供参考``) or a
threat that names the law (``逾期不还属于违法行为，我们将上门催收``) is no warning: a paragraph
holding one of :data:`VOIDING` is not framed, nor is a warning word that is itself negated
(``这不属于违法行为``). Only the findings of the service items (:data:`SERVICE_RULES`) are
framed.

Round 21: a post's title is read alone, so a warning post titled by the service it warns
of (``网上代孕中介``, ``“无抵押当天放款”的网贷``) was blocked by its title. The title reads in
the frame of its body (:func:`frames_title`) when the body as a whole warns (a warning
word, and no disclaimer, voice of the service or call to contact it anywhere in it, nor
one of :data:`CALLS`), the body itself has no error of a service item, and the body names
what the title's finding names (:func:`excuse_title`): an offer whose body adds a
disclaimer, warns against its rivals (``切勿相信小中介！包成功``), or puts a warning
paragraph above an offer leaves its title blocked.

Round 25: enforcement news frames as a warning does (:data:`REPORTING`: ``查处一起虚开增值税
专用发票案``, ``犯罪嫌疑人已被逮捕``) when it makes no call of :data:`CALLS`; a warning may name
the buyers' consequence (``将依法追责``); and an offer's disclaimer or the service naming
itself (:data:`DISCLAIMERS`) also voids the excuses of its combinations.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.rules import marks
from pipeline.rules.detection import Detection

# The items of illegal services (gambling, prohibited goods and services), lexical and
# semantic: a warning frames only these. ``千万不要相信女人`` or ``…中违法犯罪的多`` is
# contempt for a group, not a warning about a service (COLD's comments).
SERVICE_RULES = ("A9-07", "A9-13", "S9-07", "S9-13")
# Words that call the service illegal or tell the reader not to take it.
WARNING_WORDS = (
    "属于违法",
    "是违法行为",
    "均属违法",
    "违法犯罪",
    "违法提示",
    "风险提示",
    "法律明确禁止",
    "法律禁止",
    "明令禁止",
    "严重违法",
    "切勿相信",
    "切勿轻信",
    "不要相信",
    "不要轻信",
    "请勿轻信",
    "请勿相信",
    "切勿参与",
    "请勿参与",
    "不要参与",
    "切勿购买",
    "请勿购买",
    "不要购买",
    "切勿缴纳",
    "切勿转账",
    "切勿向",
    "不要向",
    "切勿上当",
    "请勿上当",
    "谨防上当",
    "谨防受骗",
    "提高警惕",
    # Round 25: the consequence a warning names for the buyers (``购买使用假证书的将依法追责``).
    # Not a bare 警惕 or 谨防: an offer warns against its rivals with them (``警惕小作坊！…``).
    "依法追责",
    "依法追究",
)
# Round 25: enforcement news names what the organ did to a case (``查处一起虚开增值税专用发票
# 案``, ``犯罪嫌疑人已被逮捕``): the service it describes is reported, not offered. A report
# frames as a warning does, when no call to buy or get in touch (:data:`CALLS`) stands in
# the paragraph beside the voice of the service (:data:`VOIDING`).
REPORTING = (
    "查处",
    "破获",
    "逮捕",
    "判处",
    "立案",
    "抓获",
    "犯罪嫌疑人",
    "被告人",
)
# A word right before a warning word that negates it (``不属于违法``, ``并非违法行为``).
NEGATING = "不非没未无"
# An offer's or a threat's own voice: a disclaimer, the service speaking of itself, a
# call to contact it. Not the lure's words (包成功, 价格优惠): a warning quotes those.
# Round 25: the disclaimer and the service naming itself also void the excuses of a
# combination of these items (:mod:`pipeline.rules.rule_kinds.combination`): ``购买假证的将
# 依法追责，但我们办理各类证件，可查可验，后果自负`` says 依法 and offers.
# Round 64: a trade said to go on whatever the law says (``…我们也要买``, ``照卖不误``).
DEFIED = (
    *(f"{how}{verb}" for how in ("也要", "也照", "照样", "偏要", "也得") for verb in "买卖收运"),
    *(f"照{verb}不误" for verb in "买卖收运干"),
)
DISCLAIMERS = ("风险自担", "后果自负", "自行承担", "仅供参考", "本公司", "本机构", "我司")
VOIDING = (
    *DISCLAIMERS,
    "我们不做",
    "我们只",
    "只是帮",
    "只提供",
    "我们将",
    "我们会",
    "我们保证",
    "加微信咨询",
    "加V",
    "加v",
    "私信我",
    "有意者",
    "需要的朋友",
    # Round 21: a collector's threat in its own voice (``今天不还就上门找你家人``).
    "不还就",
    "上门找你",
    "找你家人",
    "去你家",
    "到你家",
    "通知你单位",
    "让你坐牢",
    "等着坐牢",
    "起诉你",
    "告你诈骗",
    # Round 64: the prohibition named to be defied (``法律禁止我们也要买``, ``犯法也照卖``):
    # the trade carried on all the same (``rulefiles/a09-13-law-defied.yml``).
    *DEFIED,
)


# Round 65: a follower lure (第十六条) that an account's own warning quotes to disown it
# (``如有人以本号名义收费“涨粉”，请勿相信``): framed only where the paragraph names someone
# acting in the account's name. A lure with a bare 切勿 is an offer warning off its rivals.
LURE_RULES = ("A16-01", "S16")
IMPERSONATING = (
    *(
        f"{how}{whose}名义"
        for how in ("以", "借", "打着", "冒用", "盗用")
        for whose in ("本号", "本账号", "本平台", "本单位", "我局", "我委", "我办", "我们")
    ),
    *(
        f"{how}{whose}"
        for how in ("冒充", "假冒", "仿冒", "冒用", "盗用")
        for whose in ("本号", "本账号", "本平台", "本单位", "我局", "我委", "我办")
    ),
    "均为假冒",
    "系假冒",
    "山寨账号",
    "仿冒账号",
    "假冒账号",
)


def framed_rule(rule: str, text: str, lo: int, hi: int) -> bool:
    """Whether the paragraph ``text[lo:hi]`` frames a finding of ``rule`` as a warning's
    quotation: an illegal service's item (:data:`SERVICE_RULES`) where the paragraph
    :func:`warns`; a follower lure (:data:`LURE_RULES`) only where it also names an
    impersonator of the account (:data:`IMPERSONATING`)."""
    if rule in SERVICE_RULES:
        return warns(text, lo, hi)
    if rule in LURE_RULES and warns(text, lo, hi):
        return any(text.find(word, lo, hi) != -1 for word in IMPERSONATING)
    return False


def warns(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` (a paragraph) warns against what it describes: a warning
    word not negated, and no disclaimer, promise or threat (:data:`VOIDING`). Asked for
    every finding, answered once per paragraph (:func:`marks.remembered`)."""
    return marks.remembered(text, (warns, lo, hi), lambda: _warns(text[lo:hi]))


def _warns(part: str) -> bool:
    if any(word in part for word in VOIDING):
        return False
    if not any(call in part for call in CALLS) and _unnegated(part, REPORTING, 3):
        return True
    return _unnegated(part, WARNING_WORDS, 1)


def _unnegated(part: str, words: tuple[str, ...], reach: int) -> bool:
    """Whether one of ``words`` stands in ``part`` with no negation among the ``reach``
    characters before it (a report's word denied: ``从没被查处``, ``不会被逮捕``)."""
    for word in words:
        position = part.find(word)
        while position != -1:
            if not any(ch in NEGATING for ch in part[max(0, position - reach) : position]):
                return True
            position = part.find(word, position + 1)
    return False


# A call to buy or to get in touch that a warning post's body does not make (read only for
# the title: a warning paragraph may quote the lure's 包邮 or 私聊).
CALLS = (
    "欢迎来电",
    "欢迎咨询",
    "来电咨询",
    "电话咨询",
    "私聊",
    "私信",
    "联系我",
    "加微信",
    "扫码",
    "货到付款",
    "包邮",
    # Round 25: an offer's contact (``代开发票，联系微信…``).
    "联系微信",
    "微信联系",
    "联系电话",
    "联系方式",
)


def frames_title(body: str, body_found: Iterable[Detection]) -> bool:
    """Whether the post's title may read in the frame of its ``body`` (whose findings are
    ``body_found``): the whole body warns (:func:`warns`) and makes no call of
    :data:`CALLS`, and none of its own findings is an error of a service item
    (:data:`SERVICE_RULES`)."""
    if not warns(body, 0, len(body)) or any(call in body for call in CALLS):
        return False
    return not any(d.rule in SERVICE_RULES and d.severity == "error" for d in body_found)


def _letters(text: str) -> str:
    """``text`` without punctuation, spaces and symbols (``无抵押、当天放款`` → ``无抵押当天放款``)."""
    return "".join(ch for ch in text if ch.isalnum())


def excuse_title(
    found: Iterable[Detection], title: str, body: str, framed_by_body: bool
) -> list[Detection]:
    """The title's findings ``found`` (over ``title``) without those of a service item
    that the body names too (its words, punctuation aside) when the body frames the title
    (:func:`frames_title`): a warning post repeats what its title names."""
    if not framed_by_body:
        return list(found)
    letters = _letters(body)
    return [
        d
        for d in found
        if d.rule not in SERVICE_RULES or _letters(title[d.start : d.end]) not in letters
    ]
