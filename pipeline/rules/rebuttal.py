"""Findings that a post names only to deny, disown or ask about them (round 10, issue 12).

:mod:`pipeline.rules.quoting` lowers an error that a reported quotation or a prohibition
names; these four frames go further, because the words they name are not said at all:

- a **denial** right before the words (``我县没有任何封城计划``, ``参与征集不需要关注、转发
  或点赞，也不设任何抽奖``): every clause of the finding opens, at the finding, with a word
  that denies it (:data:`DENYING`), and the finding holds no word that makes the denial a
  condition (``无需关注点赞即可抽奖`` is still an offer);
- a **so-called quotation** condemned in its sentence (``网上所谓“刷粉”“刷单”服务，不仅
  违反《反不正当竞争法》…``): the finding stands inside a quotation that 所谓 opens, alone
  or first in a run of quotations, and the sentence calls it unlawful, a lie or a scam (and
  calls nothing a fact or the truth: ``所谓“…”本来就是事实，…才是谎言`` keeps its finding);
- a **rumour reported and then denied** (``有人称“明天封城”。我县没有任何封城计划``): the
  finding stands inside a quotation that a reporting word opens (有人称, 网传 …) or that is
  named a claim after it (``关于“…要倒闭”的说法``, round 11) and the same or the next
  sentence after the quotation denies it (not a denial of a denial: ``并未否认``, ``没有任何
  辟谣``; nor a denial followed by a call to act on the rumour: ``赶紧去取钱``);
- a **question about the law** in a legal-education post (``帮人代开增值税发票违法吗？``):
  the finding's sentence asks whether it is lawful (:data:`ASKING`). Elsewhere such a
  question only lowers an error to a warning (:func:`asked`, used by ``quoting``).

Each frame drops the finding of a word list or a combination; a reviewer is not asked
about a word the post denies.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.rules import marks
from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.framing import QUOTES, REFUTING, open_quote, run_start
from pipeline.rules.kinds import ENFORCEMENT
from pipeline.rules.rule_kinds.sequence import sentence_bounds

LEXICAL = ("A9-", "A16-")
# Words that deny what follows them, not forbid it (those are quoting.PROHIBITING).
DENYING = (
    "没有任何",
    "没有",
    "并无",
    "并未",
    "不存在",
    "不需要",
    "无需",
    "无须",
    "不设",
    "不搞",
    "不举办",
    "不组织",
    "不收取",
    "绝无",
)
# Between a denial and the finding: 任何/一切, then the earlier items of a list.
_LISTED = compiled(r"(?:任何|一切)?(?:[^、或和及与，,；;。！？!?\n]{1,6}[、或和及与])*")
DENIAL_REACH = 30
NEGATION_REACH = 20  # characters between a negated verb and the end of what it negates
NEGATED = "；引述或禁止性表述，已降为提示，请审核人核实"
# Round 17: a negation's scope over a verb phrase. A negation (not one negated itself:
# 不得不, 不能不), an adverb or a modal, then a verb that publishes, collects, holds or
# organises, or a preposition that brings the object first (``不对关注人数设置考核``).
# Round 20: or a penalty it does not impose (``也不扣考核分``); 不折不扣 is no negation.
_NEGATED_VERB = compiled(
    r"(?<!不得)(?<!不能)(?<!不会)(?<!不可)(?<!非)(?<!不折)(?:严禁|禁止|杜绝|拒绝|切勿|请勿|不)"
    r"(?:得|会|再|能|准|许|可以|可|要|予|曾|用|必|主动|擅自|随意|私自|任意|以任何形式|对外|向外)*"
    r"(?:公示|公开|公布|披露|透露|泄露|外泄|收集|采集|索要|获取|留存|存储|保存|记录|登记"
    r"|出售|买卖|购买|提供|发布|转发|张贴|展示|上传|传播|推送|刊登|开展|组织|举办|发起|设置"
    r"|设立|设|搞|参与|参加|进行|收取|要求|使用|买|卖|刷|扣|以|对|向|为|给|把|将)"
)
# Between the negated verb and the words, or after the words in their clause: a condition, a
# turn or a consequence ends the negation's scope (``不开展活动就转发集赞``, ``不公示也没关系``).
_SCOPE_BREAKERS = (
    "就",
    "便",
    "才",
    "而是",
    "但",
    "却",
    "只",
    "改",
    "那",
    "直接",
    "照样",
    "照常",
    "还是",
    "仍",
    "依然",
    "的话",
    "也没",
    "也行",
    "也可",
    "无所谓",
    "没事",
    "没关系",
)
_CONDITIONS = ("如果", "如", "若", "要是", "假如", "假若", "倘若", "万一", "除非", "只要", "是否")
# Round 18: a clause about those who do not comply (``未完成的孩子不能参加评优``, ``没关注的
# 一律不放行``, ``未认证者``) states a penalty, a threat: its negation refuses nothing.
_DEFAULTERS = compiled(
    r"(?:未|没有|没|不)[\u4e00-\u9fff]{1,5}?(?:者|的(?:孩子|学生|家长|人|员工|职工|村民|居民|住户|"
    r"单位|科室|同学|会员|一律|均|都|将))"
)
_ANY = ("任何", "一切")
# A denial that a condition follows is a sales pitch (``无需抵押，当天放款``).
CONDITIONAL = (
    "即可",
    "就能",
    "就可",
    "就送",
    "即送",
    "只需",
    "只要",
    "就有",
    "才能",
    "即得",
    "可得",
)
CLAUSE_END = "，,；;。！？!?\n"
_CLAUSE_OPENERS = ("也", "并", "更", "且", "亦", "同时", "而且")
# What calls a so-called quotation unlawful beside framing.REFUTING.
CONDEMNING = (*REFUTING, "违反", "违法", "非法", "违规")
# A sentence that calls a so-called claim true is no condemnation (``所谓“…”本来就是事实，
# …才是谎言``: the lie is the other side's).
AFFIRMING = ("事实", "真相", "才是", "没错", "说得对", "是真的")
# Round 46: so-called papers passed round, then declared forged (``转发所谓“内部文件”…系伪造``).
REPORTED = (
    "有人称",
    "有人说",
    "网传",
    "传言",
    "传闻",
    "声称",
    "宣称",
    "谣传",
    "有网友称",
    "据称",
    "所谓",
)
# A quotation named a claim after its closing mark is reported as well (round 11: ``关于
# “…要倒闭”的说法``).
CLAIMED = ("的说法", "的传言", "的传闻", "等说法", "一说")
DENIED_AFTER = (
    "没有任何",
    "并无",
    "不存在",
    "纯属",
    "不属实",
    "系谣言",
    "是谣言",
    "假消息",
    "不实",
    "系伪造",
    "是伪造的",
    "属伪造",
    # What the rumour says is failing works (round 11: ``该行经营正常``).
    "经营正常",
    "运营正常",
    "运行正常",
    "供应正常",
)
# A claim reported, "denied" and then acted on is spread, not rebutted (``…的说法，官方说
# 经营正常，大家赶紧去取钱``).
URGING = ("赶紧", "赶快", "快去")
ASKING = (
    "违法吗",
    "犯法吗",
    "犯罪吗",
    "合法吗",
    "违规吗",
    "是否违法",
    "是否合法",
    "是否构成犯罪",
    "算不算违法",
    "算违法吗",
    "会不会违法",
    "违不违法",
    "要坐牢吗",
    "会坐牢吗",
    "要判刑吗",
    "构成犯罪吗",
    "要负法律责任吗",
)
ANSWER_REACH = 80  # characters after the question where its answer is read
UNLAWFUL = ("违法", "犯罪", "追究", "处罚", "拘留", "罚款", "刑事责任", "不合法", "犯法", "判处")
LAWFUL = ("不违法", "不犯法", "不算违法", "合法的", "没事", "放心")
# A denial of a denial is a confirmation (``没有任何辟谣``, ``不存在澄清``).
NOT_A_DENIAL = ("否认", "辟谣", "澄清", "回应", "说明")


def excuse(found: list[Detection], text: str, kind: str, parts: bool = False) -> list[Detection]:
    """``found`` without the word-list and combination findings that a denial, a condemned
    so-called quotation, a denied rumour or (in an enforcement post) a question about the
    law names (see the module's docstring). ``parts``: the findings join several words
    (combinations, sequences), so the last of them may be denied on its own; a term of a
    word list is one word (``…无需注册`` is the term, not its denial). Their errors that a
    negated verb phrase reaches over (:func:`negated`, round 17) become warnings, as
    ``quoting`` lowers the others."""
    kept = [
        d
        for d in found
        if not (
            d.rule.startswith(LEXICAL)
            and (
                denied(text, d.start, d.end, parts)
                or so_called(text, d.start, d.end)
                or anyone_claiming(text, d.start, d.end)
                or rebutted(text, d.start, d.end)
                or (kind == ENFORCEMENT and asked(text, d.start, d.end))
            )
        )
    ]
    if not parts:
        return kept
    return [
        replace(d, severity="warning", message=d.message + NEGATED)
        if d.severity == "error" and d.rule.startswith(LEXICAL) and negated(text, d.start, d.end)
        else d
        for d in kept
    ]


def denied(text: str, start: int, end: int, parts: bool = True) -> bool:
    """Whether each clause of ``text[start:end]`` opens, at the finding, with a denial, or
    the word that ends it and its clause is denied right before it (``转发本条不设抽奖。``:
    no lottery; ``无需抽奖人人送礼`` goes on to offer)."""
    span = text[start:end]
    if any(word in span for word in CONDITIONAL):
        return False
    if parts and _last_word_denied(span) and text[end : end + 1] in ("", *CLAUSE_END):
        return True
    if not _denial_before(text, start):
        return False
    for i, ch in enumerate(span):
        if ch in CLAUSE_END and i + 1 < len(span) and not _clause_denied(span[i + 1 :]):
            return False
    return True


def _denial_before(text: str, start: int) -> bool:
    """Whether a denial word ends right before ``start``, past 任何/一切 and past the
    earlier items of a list the finding is part of (``不需要关注、转发``)."""
    clause = clause_before(text, start, DENIAL_REACH)
    for word in DENYING:
        at = clause.rfind(word)
        if at != -1 and _LISTED.fullmatch(clause, at + len(word)):
            return True
    return False


def clause_before(text: str, start: int, reach: int) -> str:
    """The text of the clause before ``start``: from the last clause mark (:data:`CLAUSE_END`)
    within ``reach`` characters before it, else from ``reach`` characters before it."""
    lo = max(0, start - reach)
    lo = max(lo, *(text.rfind(mark, lo, start) + 1 for mark in CLAUSE_END))
    return text[lo:start]


def _last_word_denied(span: str) -> bool:
    """Whether a denial (and 任何/一切) stands right before the last two or three
    characters of ``span``, in its clause: the reward or the act the finding ends with
    is denied (``不设抽奖``; ``无需转发抽奖`` denies only the sharing)."""
    for word in DENYING:
        at = span.rfind(word, max(0, len(span) - len(word) - 5))
        if at == -1:
            continue
        rest = span[at + len(word) :]
        for filler in _ANY:
            rest = rest.removeprefix(filler)
        if 2 <= len(rest) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in rest):
            return True
    return False


def _clause_denied(rest: str) -> bool:
    """Whether the clause starting ``rest`` (inside a finding) opens with a denial."""
    for opener in _CLAUSE_OPENERS:
        if rest.startswith(opener):
            rest = rest[len(opener) :]
            break
    return any(rest.startswith(word) for word in DENYING)


def so_called(text: str, start: int, end: int) -> bool:
    """Whether the finding stands in a quotation opened right after 所谓 (or in a run of
    quotations that follows one) and its sentence condemns it."""
    lo, hi = sentence_bounds(text, start, max(start, end - 1))
    opened = open_quote(text, lo, start)
    if opened < 0:
        return False
    # Walk back over a run of closed quotations (``所谓“刷粉”“刷单”``) to 所谓.
    i = run_start(text, lo, opened)
    if i < 0:
        return False
    while i > lo and text[i - 1].isspace():  # what ``rstrip`` leaves
        i -= 1
    if not text.endswith("所谓", lo, i):
        return False
    return marks.remembered(text, (so_called, lo, hi), lambda: _condemned(text[lo:hi]))


def _condemned(sentence: str) -> bool:
    if any(word in sentence for word in AFFIRMING):
        return False
    return any(word in sentence for word in CONDEMNING)


# Round 17: ``凡声称能提前获取面试题目、“内部资料”的，均为诈骗`` (a notice condemning whoever
# claims what it names).
_ANYONE_CLAIMING = compiled(
    r"(?:凡是|凡|任何|一切)[^，,；;：:]{0,6}?(?:声称|宣称|自称|号称|谎称|称)"
)
_CLAIMING_LONGEST = 10  # characters of the longest match: 2 + 6 + 2
_ALL_ARE = compiled(r"的[，,]?(?:均|都|一律|全|皆)(?:为|是|系|属)")


def anyone_claiming(text: str, start: int, end: int) -> bool:
    """Whether the finding's sentence condemns whoever claims it: 凡 (任何 …) and a claiming
    verb before it, ``的，均为`` (都是, 一律系 …) and a word of :data:`CONDEMNING` right
    after it in the sentence, and nothing that calls the claim true."""
    lo, hi = sentence_bounds(text, start, max(start, end - 1))
    if not marks.matches_before(text, _ANYONE_CLAIMING, _CLAIMING_LONGEST, lo, start):
        return False
    verdict = _ALL_ARE.search(text, end, hi)
    if verdict is None or any(w in text[lo:hi] for w in AFFIRMING):
        return False
    verdict_words = text[verdict.end() : verdict.end() + 6]
    return any(word in verdict_words for word in CONDEMNING)


def rebutted(text: str, start: int, end: int) -> bool:
    """Whether the finding stands in a quotation a reporting word opens and the same or
    the next sentence, after the quotation, denies it."""
    lo, hi = sentence_bounds(text, start, max(start, end - 1))
    opened = open_quote(text, lo, start) - lo  # the sentence's head is sliced when quoted
    if opened < 0:
        return False
    head = text[lo:start]
    closing = text.find(QUOTES[head[opened]], end)
    if closing < 0:
        return False
    if not (
        any(head[:opened].endswith(w) for w in REPORTED) or text.startswith(CLAIMED, closing + 1)
    ):
        return False
    after_hi = hi
    if after_hi < len(text) - 1:
        after_hi = sentence_bounds(text, hi + 1, hi + 1)[1]
    after = text[closing:after_hi]
    if any(word in after for word in URGING):
        return False
    for word in DENIED_AFTER:
        at = after.find(word)
        if at != -1 and not after.startswith(NOT_A_DENIAL, at + len(word)):
            return True
    return False


def asked(text: str, start: int, end: int) -> bool:
    """Whether the finding's sentence asks whether it is lawful and the text after the
    question answers that it is not (``违法吗？答：违法``; ``违法吗？不违法，找我`` is an
    offer)."""
    _lo, hi = sentence_bounds(text, start, max(start, end - 1))
    question = text[end : min(len(text), hi + 1)]
    if not (question.rstrip().endswith(("？", "?")) and any(w in question for w in ASKING)):
        return False
    answer = text[hi + 1 : hi + 1 + ANSWER_REACH]
    if any(word in answer for word in LAWFUL):
        return False
    return any(word in answer for word in UNLAWFUL)


def negated(text: str, start: int, end: int) -> bool:
    """Whether a negated verb phrase (:data:`_NEGATED_VERB`) opens the clause that
    ``text[start:end]`` ends in, at most :data:`NEGATION_REACH` characters before its
    end, and reaches over the finding: nothing of :data:`_SCOPE_BREAKERS` between the verb
    and the finding's end or after it in its clause, no condition before the negation
    (``如果不公示…``) and no subject of those who do not comply (``未完成的孩子不能…``).
    A finding that runs over a clause mark (a combination: ``名单只列姓名，不公示身份证号``)
    is read in its last clause."""
    last = max(start, end - 1)
    clause = clause_before(text, last, NEGATION_REACH)
    lo = last - len(clause)
    after = text[end : end + NEGATION_REACH]
    stop = min((at for at in (after.find(m) for m in CLAUSE_END) if at >= 0), default=len(after))
    if any(w in after[:stop] for w in _SCOPE_BREAKERS):
        return False
    for match in _NEGATED_VERB.finditer(text, lo, last):
        if match.start() > start and lo < start:
            break  # inside a one-clause finding: the words are not the negation's object
        scope = text[match.end() : end]
        before = text[lo : match.start()]
        if (
            not any(w in scope for w in _SCOPE_BREAKERS)
            and not any(w in before for w in _CONDITIONS)
            and not _DEFAULTERS.search(before)
        ):
            return True
    return False
