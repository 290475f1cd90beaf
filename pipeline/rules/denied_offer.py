"""A follower campaign the account denies, disclaims or warns against is no offer (round 43).

Item （十六） (``A16-``, ``S16``) reads a follower action and a prize. Three frames in the
finding's sentence say the account runs no such campaign:

- the actions denied as a condition: ``中签与否与是否关注、转发无关``,
  ``不以关注、转发作为办理业务的前提``, ``一律不设“关注+转发”门槛``;
- a campaign run in the account's name by someone else: ``冒用本账号名义的“涨粉”活动，请向
  我们反映`` (an impersonation word before the finding, a request to report or to stay away
  in the sentence);
- a quoted offer disclaimed right after its closing quote: ``“关注本号转发抽奖送手机”活动并非
  我们发布，请勿参与``;
- (round 44) the count denied as a measure (``粉丝数量不作为考核指标``), a campaign the account
  says it never ran (``本号从未开展付费“涨粉”、抽奖关注等活动``) and every campaign in its name
  declared fake (``凡以本号名义要求关注、转发后领奖的，均为假冒``);
- (round 46) a quota or a purchase it says it never set or made (``从未向任何单位下达涨粉指标``,
  ``从未通过第三方购买粉丝``) and an offer named as an impersonator's pretext
  (``冒充本号的账号以“关注送大米”为名收集个人信息``);
- (round 47) a firm it says it never hired for followers (``从未委托任何机构“涨粉”``) and the
  means it says it does not use (``也不会通过“关注抽奖”“转发送礼”等方式吸引关注``).

A finding is excused only inside its frame: its part after the denied words names no further
follower action, and nothing in the sentence turns the denial into an offer (``就``,
``即可``, ``只要``, ``而是``, ``欢迎参与`` …): ``抽奖与是否关注无关，转发本条就送手机`` keeps
its finding. A semantic finding of the item on a sentence with such a frame and no lexical
finding of the item left is dropped too.
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.rule_kinds.sequence import sentence_bounds

ITEM = ("A16-", "S16")
REACH = 80  # characters of the sentence read on either side of a finding
_CLAUSE = r"[^，,；;。！？!?\n]"
# The actions named as no condition: 与是否关注无关, 不以关注作为前提, 不设“关注+转发”门槛.
CONDITION = compiled(
    rf"与(?:是否|有无|有没有)?({_CLAUSE}{{1,20}}?)(?:无关|没有关系|没有任何关系|无任何关系|不挂钩)"
    rf"|不(?:以|把|将)({_CLAUSE}{{1,20}}?)(?:作为|当作|当成|为){_CLAUSE}{{0,15}}?"
    r"(?:前提|条件|门槛|依据)"
    rf"|(?:不设|不设置|不设立|从不设|没有设置?|不附加)(?:任何)?({_CLAUSE}{{1,15}}?)(?:门槛|前提|条件)"
    # Round 44: the count named first, then denied as a measure: 粉丝数量不作为考核指标,
    # 不与绩效挂钩 (never 不作为唯一指标, which makes it one).
    rf"|({_CLAUSE}{{1,20}}?)(?:不作为|不列入|不纳入|不计入|不与)(?!{_CLAUSE}{{0,6}}唯一)"
    rf"{_CLAUSE}{{0,10}}?(?:考核|指标|前提|条件|门槛|依据|挂钩)"
)
# Round 44: campaigns the account says it never ran (本号从未开展付费“涨粉”、抽奖关注等活动) and
# every campaign in its name declared fake (凡以本号名义要求关注、转发后领奖的，均为假冒).
NEVER_RAN = compiled(
    rf"(?:从未|从不|从来没有|从来不|未曾|绝不|不会)(?:开展|举办|组织|搞|发起|进行|推出)"
    rf"({_CLAUSE}{{1,30}}?)(?:活动|营销|推广)"
)
ALL_FAKE = compiled(
    rf"凡(?:是)?(?:以|借|打着|冒用|假借)({_CLAUSE}{{0,40}}?)[，,]?"
    r"(?:均|一律|都|皆)(?:为|系|属|是|属于)(?:假冒|冒用|仿冒|诈骗|虚假|骗局)"
)
# Round 46: follower quotas or bought followers the account says it never set or bought
# (从未向任何单位下达涨粉指标, 从未通过第三方购买粉丝), and an offer named as the pretext of
# someone impersonating the account (冒充本号的账号以“关注送大米”为名收集个人信息).
NEVER_ASKED = compiled(
    rf"(?:从未|从不|从来没有|从来不|未曾|绝不)({_CLAUSE}{{0,12}}?)"
    r"(?:下达|布置|摊派|购买|花钱买|委托|雇佣|雇请|聘请)"
    rf"({_CLAUSE}{{1,20}})"
)
# Round 47: the means the account says it does not use (``不会通过“关注抽奖”“转发送礼”等方式
# 吸引关注``, ``从不采用转发抽奖的形式``); the means named without the negation is the offer.
NEVER_BY = compiled(
    r"(?:不会|从不|从未|从来不|绝不|决不|不再|并不|也不|不)(?:会)?(?:通过|采用|采取|使用|借助|依靠)"
    rf"({_CLAUSE}{{1,30}}?)等?(?:方式|手段|形式|途径|办法|渠道)"
)
PRETEXT = compiled(
    rf"(?:以|借|用)({_CLAUSE}{{1,30}}?)(?:为名|为幌子|为诱饵|作诱饵|的名义)"
    rf"|打着({_CLAUSE}{{1,30}}?)的?(?:旗号|幌子)"
)
# Someone else's campaign in the account's name, and what the reader is asked to do.
IMPERSONATING = compiled(rf"(?:冒用|冒充|假冒|盗用|仿冒|冒名|假借|盗取)({_CLAUSE}{{0,30}})")
WARNING = (
    "反映",
    "举报",
    "请勿参与",
    "请勿相信",
    "切勿参与",
    "切勿相信",
    "不要参与",
    "不要相信",
    "谨防",
    "提高警惕",
    "请勿轻信",
    "不要轻信",
    "切勿轻信",
)
# A quoted offer disclaimed after its closing quote.
DISCLAIMED = compiled(
    r"[”」』\"]" + _CLAUSE + r"{0,6}?"
    r"(?:并非|不是|并不是|非|均非|均不是)(?:由)?(?:我们|官方|[本我]" + _CLAUSE + r"{1,3}?)?"
    r"(?:发布|发起|举办|组织|开展)"
    r"|[”」』\"]" + _CLAUSE + r"{0,6}?(?:系|是|为|均为|均系)(?:假冒|冒用|仿冒|虚假|诈骗)"
)
OPENING = '“「『"'
# Follower actions after the denied words, and words that turn a denial into an offer.
ACTIONS = ("转发", "关注", "点赞", "评论", "留言", "集赞", "分享")
TURNING = (
    "就送",
    "就能",
    "就可",
    "即可",
    "即送",
    "只要",
    "而是",
    "但是",
    "不过",
    "欢迎参与",
    "快来",
    "赶快",
    "赶紧",
    "抓紧",
    "速来",
    "私信",
    "加微信",
    "联系",
)


def _turned(sentence: str) -> bool:
    return any(word in sentence for word in TURNING)


def _in_condition(sentence: str, start: int, end: int) -> bool:
    for m in CONDITION.finditer(sentence):
        group = next(i for i in (1, 2, 3, 4) if m.group(i) is not None)
        if m.start(group) <= start < m.end(group):
            return not any(word in sentence[m.end() :] for word in ACTIONS)
    return False


def _impersonated(sentence: str, start: int, end: int) -> bool:
    if not any(word in sentence[end:] for word in WARNING):
        return False
    return any(
        m.start(1) <= start and end <= m.end(1) + 2 for m in IMPERSONATING.finditer(sentence)
    )


def _declared(sentence: str, start: int, end: int) -> bool:
    """The finding inside a campaign the account says it never ran, or declares fake."""
    return any(
        m.start(1) <= start and end <= m.end(1) + 2
        for pattern in (NEVER_RAN, ALL_FAKE, NEVER_BY)
        for m in pattern.finditer(sentence)
    )


def _never_asked(sentence: str, start: int, end: int) -> bool:
    """The finding inside a quota or a purchase the account says it never set or made."""
    return any(m.end(1) <= start and end <= m.end(2) for m in NEVER_ASKED.finditer(sentence))


def _pretext(sentence: str, start: int, end: int) -> bool:
    """The finding inside the pretext of an impersonator the sentence names before it."""
    for m in PRETEXT.finditer(sentence):
        group = 1 if m.group(1) is not None else 2
        if m.start(group) <= start and end <= m.end(group):
            return bool(IMPERSONATING.search(sentence, 0, start))
    return False


def _disclaimed(sentence: str, start: int, end: int) -> bool:
    opening = max(sentence.rfind(q, 0, start + 1) for q in OPENING)
    if opening == -1:
        return False
    close = DISCLAIMED.search(sentence, end - 1)
    if close is None or close.start() < end - 1:
        return False
    inner = sentence[opening + 1 : close.start()]
    return not any(mark in inner for mark in "，,；;。！？!?\n")


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The finding's sentence, at most :data:`REACH` characters either side of it: a frame
    is a clause's words, and an enormous sentence of findings costs each its window only."""
    lo, hi = sentence_bounds(text, start, max(start, end - 1))
    return max(lo, start - REACH), min(hi, end + REACH)


def denied(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands in a frame that denies the follower campaign."""
    lo, hi = _window(text, start, end)
    sentence = text[lo : hi + 1]
    if _turned(sentence):
        return False
    s, e = start - lo, min(end, hi + 1) - lo
    return (
        _in_condition(sentence, s, e)
        or _impersonated(sentence, s, e)
        or _disclaimed(sentence, s, e)
        or _declared(sentence, s, e)
        or _never_asked(sentence, s, e)
        or _pretext(sentence, s, e)
    )


def framed(sentence: str) -> bool:
    """Whether ``sentence`` carries one of the frames and no turning word."""
    if _turned(sentence):
        return False
    return bool(
        CONDITION.search(sentence)
        or (IMPERSONATING.search(sentence) and any(w in sentence for w in WARNING))
        or DISCLAIMED.search(sentence)
        or NEVER_RAN.search(sentence)
        or ALL_FAKE.search(sentence)
        or NEVER_BY.search(sentence)
        or NEVER_ASKED.search(sentence)
        or (PRETEXT.search(sentence) and IMPERSONATING.search(sentence))
    )


def excuse(found: list[Detection], text: str) -> list[Detection]:
    """``found`` without the item's findings its frame denies (:func:`denied`)."""
    return [d for d in found if not (d.rule.startswith(ITEM) and denied(text, d.start, d.end))]


def excuse_meant(meant: list[Detection], text: str, kept: list[Detection]) -> list[Detection]:
    """``meant`` without the item's semantic findings on a framed sentence in which no
    lexical finding of the item is left (``kept``)."""
    result: list[Detection] = []
    for d in meant:
        if d.rule.startswith("S16"):
            lo, hi = _window(text, d.start, d.end)
            left = any(k.rule.startswith("A16-") and lo <= k.start < hi for k in kept)
            if not left and framed(text[lo : hi + 1]):
                continue
        result.append(d)
    return result
