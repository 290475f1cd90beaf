"""Errors that quote or forbid what they name become warnings (round 8, issue 12).

:mod:`pipeline.rules.framing` and the lexicons' context words drop findings that a nearby
enforcement word covers; what they miss still should not *block* a post written to
condemn the words it names. Three forms lower a lexical or combination error to a warning
(a reviewer still sees it):

- a **quotation reported as someone's words** in enforcement, court, anti-fraud or warning
  text: the finding stands inside quotation marks, a reporting verb opens the quotation
  in the same sentence (``辱骂、诽谤邻居“是人渣”``, ``赌博网站宣称“稳赚不赔”``, a
  warning's ``谨防“…”``) or the quotation is called a lure or a pretext (``以“…”为诱饵``,
  ``以“大师”名义``), and the post is an enforcement post or its paragraph holds an
  enforcement, court or warning word; round 49: or the quotation (or the run of them) is
  called a trap or a scam right after it (``“…”“…”都是陷阱``), in any post;
- a **rule that names what it forbids**: a prohibition word opens the clause of the
  finding, a few characters before it (``严禁转发内部文件``, ``不在微信群存储内部文件``),
  or a verb of stopping it (``将劝阻“跳大神”“驱鬼”等封建迷信活动``, round 11);
- a **negated verb phrase** over the words (round 17): a negation and a verb or a
  preposition open the clause the finding ends in, and what stands between them and the
  words is their object, a quoted or enumerated list (``不公示身份证号和收入明细``,
  ``本号不开展“关注抽奖”“转发集赞”等活动``, ``也不对关注人数设置考核``). A condition,
  a turn or a consequence between them (``不开展活动就转发集赞``, ``如果不公开…``) or a
  double negation (``不得不公开``) keeps the finding. The reader is
  :func:`pipeline.rules.rebuttal.negated` (``rebuttal`` lowers the sequences with it);
- a **prohibition said as a consequence** (round 24): a legal consequence later in the
  finding's sentence (``以非法集会、围堵机关等方式表达诉求，将承担法律责任``), neither owned,
  denied nor addressed to a person (:mod:`pipeline.rules.consequence`).

An offer or a call that is not quoted or forbidden keeps its error; so does a quotation
in a post that neither reports an offence nor warns of one.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.rules import consequence, marks
from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.framing import (
    ENFORCEMENT_WORDS,
    QUOTES,
    open_quote,
    paragraph_bounds,
    sentence_start,
)
from pipeline.rules.kinds import ENFORCEMENT
from pipeline.rules.normalize import Compact
from pipeline.rules.rebuttal import LEXICAL, NEGATED, asked, clause_before, negated
from pipeline.rules.rule_kinds.excuses import PASSED_ON
from pipeline.rules.rule_kinds.sequence import sentence_bounds

REPORTING = (
    "辱骂",
    "谩骂",
    "诽谤",
    "骂",
    "宣称",
    "声称",
    "谎称",
    "号称",
    "自称",
    "扬言",
    "鼓吹",
    "吹嘘",
    "散布",
    "编造",
    "捏造",
    "承诺",
    "打出",
    "话术",
    # A warning names the lure it warns of (round 11: ``谨防“包治百病”``).
    "警惕",
    "谨防",
    "提防",
)
# ``以“大师”名义`` (round 11) is a pretext as ``以“…”为名`` is.
LURE_AFTER = ("为诱饵", "为幌子", "为名", "名义", "的名义", "话术", "的话术", "诱饵", "的幌子")
# Round 47: a quotation called the call or message someone received (``接到“孩子出事了，赶紧
# 转钱”的电话``): the caller's words, reported in a paragraph that warns of them.
CALL_AFTER = (
    "的电话",
    "的来电",
    "的短信",
    "的语音",
    "之类的电话",
    "之类的短信",
    "这类电话",
    "这类短信",
    "这样的电话",
    "这样的短信",
    "等电话",
    "等短信",
)
# Round 49: a run of quotations called a trap or a scam right after its closing mark
# (``“刷单返利”“网络博彩稳赚不赔”都是陷阱``): the post warns of what it quotes, in any
# register. ``不是陷阱`` calls it none.
TRAP_AFTER = (
    "都是陷阱",
    "是陷阱",
    "均为陷阱",
    "都是骗局",
    "是骗局",
    "均为骗局",
    "都是诈骗",
    "是诈骗",
    "均为诈骗",
    "均系诈骗",
    "都是骗人的",
    "是骗人的",
    "都是圈套",
    "是圈套",
)
# Round 70 (after held-out set 58): a run of quotations called curses right after it, in a
# lesson on civil speech (``“扑街”“冚家铲”都是粗口，唔好用嚟闹人``): the post names the words so
# that readers avoid them, as a warning names a trap. A curse not quoted, or quoted and not
# called one, keeps its error.
CURSE_AFTER = tuple(
    f"{head}{label}"
    for label in ("粗口", "脏话", "骂人的话", "骂人话", "不文明用语", "侮辱性语言")
    for head in ("都是", "都系", "均为", "是", "系", "属于")
)
# Round 63 (after held-out set 53): the run of quotations, a dash, at most this many
# characters of the same sentence naming their kind, then a trap word.
DASH_REACH = 24
_DASHED_TRAP = compiled(
    f"[—–-]{{1,2}}([^。！？!?；;\n]{{0,{DASH_REACH}}}?)({'|'.join(TRAP_AFTER)})"
)
# After round 63's probes: the view a finding states (the rest of its clause, at most eight
# characters, no comma), named and called wrong right after it.
_VIEW_CONDEMNED = compiled(
    "[^。！？!?；;，,\n]{0,8}?[”」』\"']?(?:等|之类)?的?(?:说法|观点|论调|言论|看法|论断|思潮|主张|谬论)"
    "([^。！？!?；;\n]{0,6}?)(?:错误的|是错误|荒谬|谬误|站不住脚|不攻自破|歪理|谬论)"
)
REGISTER = (
    "法院",
    "判决",
    "起诉",
    "公诉",
    "检察",
    "公安",
    "民警",
    "派出所",
    "城管",
    "执法",
    "拘留",
    "立案",
    "违法",
    "法律责任",
    "千万别",
    "千万不要",
    "不要相信",
)
PROHIBITING = (
    "严禁",
    "不得",
    "禁止",
    "不准",
    "不许",
    "请勿",
    "切勿",
    "千万别",
    "千万不要",
    "杜绝",
    "不在",
    # Round 11: a body that stops what it names (``劝阻“跳大神”等封建迷信活动``).
    "劝阻",
    "制止",
    "取缔",
    # Round 15: a rule of what is not done (``不搞“哭丧”“跳大神”等活动``, a village council).
    "不搞",
    "不参与",
    "不组织",
    "不举办",
    # Round 16: the account refusing what it names (``本号不会购买粉丝``, ``我们从不刷量``,
    # ``拒绝买粉``): a refusal in the clause before the word reads as the prohibition does.
    "本号不",
    "本账号不",
    "本单位不",
    "我们不",
    "从不",
    "从来不",
    "绝不",
    "决不",
    "拒绝",
)
# A negation right before a word (``不劝阻``, ``不支持``, ``绝不私聊``, ``勿``, ``非``): one list
# for the prohibition words here and the advocacy markers (:mod:`pipeline.rules.advocacy`).
NEGATIONS = "不没别未非勿"
QUESTIONS = "吗么？?"  # a judgement followed by one of these is asked, not made


def asked_next(rest: str, reach: int = 1) -> bool:
    """Whether ``rest``, the words after a judgement (``是骗局``, ``是错误的``), asks it
    within its first ``reach`` characters, blanks skipped (``是陷阱吗？``)."""
    return any(q in QUESTIONS for q in rest.lstrip()[:reach])


PROHIBITION_REACH = 20  # characters between a prohibition word and what it forbids
# Round 27: a turn between a refusal and the words ends the refusal's reach (``我们从不刷量
# 但可以帮你买粉丝``: the offer after 但 is made, not refused).
TURNS = ("但", "却", "可是", "不过", "而是")
LOWERED = NEGATED  # one note for a quotation, a prohibition and a negated verb phrase


def lower(found: list[Detection], text: str, kind: str) -> list[Detection]:
    """``found`` with the lexical and combination errors that a quotation or a
    prohibition names lowered to warnings (see the module's docstring)."""
    result: list[Detection] = []
    for d in found:
        if (
            d.severity == "error"
            and d.rule.startswith(LEXICAL)
            and (
                reported(text, d.start, d.end, kind)
                or forbidden(text, d.start, d.end)
                or asked(text, d.start, d.end)
                or condemned_view(text, d.end)
            )
        ):
            d = replace(d, severity="warning", message=d.message + LOWERED)
        result.append(d)
    return result


def condemned_view(text: str, end: int) -> bool:
    """Whether the words ending at ``end`` are named a view, a claim or an argument that the
    same sentence calls wrong (``“党的领导过时了”的说法是错误的``, ``那种认为马克思主义过时了
    的观点是错误的``: political education rebutting the view it names); not when the wrong is
    negated or asked (``的观点不是错误的``, ``的说法是错误的吗``)."""
    found = _VIEW_CONDEMNED.match(text, end)
    if found is None or (found.group(1) and found.group(1)[-1] in NEGATIONS):
        return False
    return not asked_next(text[found.end() : found.end() + 16], 4)


def reported(text: str, start: int, end: int, kind: str) -> bool:
    """Whether ``text[start:end]`` is (or ends in) a quotation reported as someone's words
    or lure, in an enforcement post or a paragraph that reports an offence or warns of one."""
    lo = sentence_start(text, start)
    opening = open_quote(text, lo, start)
    if opening < 0:  # a combination that runs into the quotation (赌博宣称“稳赚不赔”)
        opening = open_quote(text, lo, max(start, end - 1))
    if opening < 0:
        return False
    # From the opening mark: a finding may run out of the quotation (``以“大师”名义给人算命``).
    closing = text.find(QUOTES[text[opening]], opening + 1)
    after = text[closing + 1 : closing + 40] if closing >= 0 else ""
    rest = _past_quotations(after)
    if _trapped(rest):
        return True
    if not (_reporting_before(text, lo, start, opening) or _lure(rest)):
        return False
    if kind == ENFORCEMENT:
        return True
    p_lo, p_hi = paragraph_bounds(text, start, end)
    return marks.remembered(
        text, (reported, p_lo, p_hi), lambda: _holds(text[p_lo:p_hi], ENFORCEMENT_WORDS + REGISTER)
    )


def _holds(part: str, words: tuple[str, ...]) -> bool:
    return any(w in part for w in words)


def _reporting_before(text: str, lo: int, start: int, opening: int) -> bool:
    """Whether a reporting word stands in ``text[lo:opening]`` (``lo`` the start of the
    sentence at ``start``). In a long text: whether the earliest end of one in the
    sentence, found once per sentence, is no later than ``opening``."""
    hi = sentence_bounds(text, start, start)[1]
    if len(text) < marks.INDEXED or opening > hi:
        return _holds(text[lo:opening], REPORTING)
    first = marks.remembered(text, (_reporting_before, lo, hi), lambda: _first_end(text, lo, hi))
    return first <= opening


def _first_end(text: str, lo: int, hi: int) -> int:
    """The earliest end of a reporting word inside ``text[lo:hi]``, or past ``hi``."""
    ends = [at + len(w) for w in REPORTING if (at := text.find(w, lo, hi)) != -1]
    return min(ends, default=hi + 1)


def _lure(rest: str) -> bool:
    """Whether ``rest`` (the text after a closing quotation mark past the quotations that
    follow it, ``“…”“…”为诱饵``) calls the quotation a lure."""
    return rest.startswith(LURE_AFTER + CALL_AFTER)


def _trapped(rest: str) -> bool:
    """Whether ``rest`` opens by calling what precedes it a trap (:data:`TRAP_AFTER`), not
    as a question (``是陷阱吗？``); or does so after a dash, in the same sentence, the
    quotations' kind named between (``——这是骗局``, ``——凡要求先付邮费的“领奖”都是骗局``,
    held-out set 53's blocked rebuttal): not when a negation stands before the word
    (``——都不是骗局``)."""
    word = next((w for w in TRAP_AFTER + CURSE_AFTER if rest.startswith(w)), "")
    if not word:
        dashed = _DASHED_TRAP.match(rest)
        between = "" if dashed is None else dashed.group(1)
        if dashed is None or (between and between[-1] in NEGATIONS + "并"):
            return False
        word, rest = dashed.group(2), rest[dashed.start(2) :]
    return not asked_next(rest[len(word) :])


def _past_quotations(after: str) -> str:
    """The text after a closing quotation mark past the quotations that follow it and the
    marks that join them (``“…”、“…”等``); empty when one of them is left open."""
    rest = after
    while rest and (rest[0] in QUOTES or rest[0] in "、和及等"):
        if rest[:1] in QUOTES:
            closing = rest.find(QUOTES[rest[0]])
            if closing < 0:
                return ""
            rest = rest[closing + 1 :]
        else:
            rest = rest[1:]
    return rest


def forbidden(text: str, start: int, end: int | None = None) -> bool:
    """Whether a prohibition word opens the clause of a finding at ``start``, at most
    :data:`PROHIBITION_REACH` characters before it, or a negated verb phrase reaches over
    ``text[start:end]`` (:func:`pipeline.rules.rebuttal.negated`; ``end``: the finding's
    end, its start when None). Not 不要 alone: ``不要河南人`` is the discrimination itself, ``不要脸`` an insult."""
    clause = clause_before(text, start, PROHIBITION_REACH)
    if any(_unnegated(clause, word) for word in PROHIBITING):
        return True
    if consequence.follows(text, start if end is None else end):  # round 24
        return True
    return negated(text, start, start if end is None else end)


def refused(word: str, sentence: Compact, text: str, start: int) -> bool:
    """Whether every place of ``word`` in ``sentence`` (the compacted view of the sentence
    at ``start`` of ``text``) is forbidden or refused (:func:`forbidden`): a strong word
    of :mod:`pipeline.rules.anchored` the account says it does not do (``本号不会购买粉丝``);
    round 47: or stands in a quotation reported as someone's words in a paragraph that
    warns of them (:func:`reported`: ``接到“…赶紧转钱”的电话…诈骗``)."""
    at = sentence.text.find(word)
    while at != -1:
        begin = start + sentence.to_original(at)
        end = start + sentence.to_original(at + len(word) - 1) + 1
        if not (forbidden(text, begin, end) or reported(text, begin, end, "")):
            return False
        at = sentence.text.find(word, at + 1)
    return True


def _unnegated(clause: str, word: str) -> bool:
    """Whether ``word`` stands in ``clause`` without a negation right before it (``不劝阻
    跳大神`` lets it go on; round 11), does not forbid passing the text on (``不得外传：
    附…名单``, a secrecy label on what is passed on; round 12) and no turn (:data:`TURNS`)
    stands between it and the end of ``clause`` (round 27)."""
    at = clause.find(word)
    while at != -1:
        if (
            (at == 0 or clause[at - 1] not in NEGATIONS)
            and not clause.startswith(PASSED_ON, at + len(word))
            and not any(turn in clause[at + len(word) :] for turn in TURNS)
        ):
            return True
        at = clause.find(word, at + 1)
    return False
