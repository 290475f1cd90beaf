"""Semantic warnings made errors by a strong word in the same sentence (issue 12, round 7).

The semantic layer reports a sentence whose meaning scores past an item's threshold, as a
warning for the reviewers. Held-out sets 4–7 showed where that leaves plain and evaded
violations: found, but blocked only when a lexicon or a combination also names them. A
sentence that the model flags *and* that holds an offer, a call to act or an unambiguous
insult of the item's subject (``semantic_anchors.yml``, data) is no longer a doubt: it is
reported once more as an error of the lexical item (``S9-02`` → ``A9-02``, ``S16`` →
``A16-01``), on the same span, naming the word. The warning stays, so the reviewers still
see the score.

Rebuttals, warnings and enforcement news use the same words (``赶紧取钱的说法不实``): no
sentence is raised when an enforcement or warning word covers it (its own sentence or a
neighbouring one, :func:`pipeline.rules.framing.framed`, in any post) or when it calls the
claim a rumour, a lie or a scam (``REFUTING``, ``不实``, ``谣言`` …), nor for a word the
sentence refuses or forbids just before it (``本号不会购买粉丝``, ``严禁刷粉``: :func:`pipeline.rules.quoting.refused`,
round 16).

The unit adds its own strong words in ``content/rules/anchors.yml`` (round 9), read exactly
as ``content/rules/terms.yml`` is: from the checked tree, through the schema layer (a wrong
file stops the check with file, line, column and field), reviewed and signed like every file
under ``content/``. Its words only add to the package's; item （十二） takes none (opinions
are warnings by design).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import yamlutil
from pipeline.rules.advice import advise
from pipeline.rules.advocacy import DRAFTING
from pipeline.rules.asked import asked
from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.framing import REFUTING, framed, paragraph
from pipeline.rules.lexicon import read_unit_file
from pipeline.rules.lexicon_schema import items, one_line, read
from pipeline.rules.normalize import Compact, compact, normalise
from pipeline.rules.passed_on import harmless
from pipeline.rules.quoting import refused
from pipeline.rules.rule_kinds.sequence import sentence_bounds
from pipeline.rules.second_signals import following, signal
from pipeline.schema import At, Field, Line, Record

_FILE = "semantic_anchors.yml"
UNIT_ANCHORS = "content/rules/anchors.yml"
# Semantic rules that take anchor words: every item but (十二), whose findings stay warnings.
RULES: tuple[str, ...] = (*(f"S9-{n:02d}" for n in range(1, 14) if n != 12), "S16")


# Round 22: a price is an offer's strong word for the items whose violation is a trade (a
# secret sold, an illegal service: ``给五千美元``, ``一次五千``,
# ``营养费八万``), in any register, so it is read as a pattern, not listed word by word.
# Legal drafting names prices too (``数额…五千元以上``): :data:`~pipeline.rules.advocacy.DRAFTING`.
# Round 24: a prohibited service for a price is a trade too (drugs carried ``一单五百``, a
# commission ``介绍一单给你两百提成``): item （七）; a price in hundreds (``一单五百``); and
# the price left to be agreed (``价钱好商量``, ``价格面议``) names no number.
PRICED: frozenset[str] = frozenset({"S9-02", "S9-07", "S9-13"})
_NUMERAL = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
PRICE = compiled(
    rf"{_NUMERAL}(?:万|千)?(?:元|块钱|块|美元|美金)(?!以上|以下|的)"
    rf"|(?:收费|费|报价|开价|出价|提成|给你|[一每][本张份次件个套单])"
    r"(?:[一二两三四五六七八九十]+|\d+)(?:万|千|百(?![元块]))"
    r"(?![米人多余公平克吨字步年户名里亩])"
)
# Round 63: a price is how every lawful sale is advertised too; beside a household pet
# (``英短猫咪出售，可面交，价格面议``, which the model scores under item （十三）'s "other
# illegal goods") it is no strong word of that item. The pets are the vocabulary
# ``household-pets`` (cats and dogs by their names and breeds, not ``宠物``, which a wild
# animal sold as a pet is called too).
AGREED = compiled(r"价(?:钱|格|码|位)?(?:好商量|可商量|可以商量|面议|可谈|好谈|另谈|私聊)")


def priced(rule: str, sentence: str) -> str | None:
    """The price in the compacted ``sentence`` when ``rule`` takes one (:data:`PRICED`) and
    the sentence is no legal drafting."""
    if rule not in PRICED or any(w in sentence for w in DRAFTING):
        return None
    if rule == "S9-13" and any(pet in sentence for pet in _pets()):
        return None
    m = PRICE.search(sentence) or AGREED.search(sentence)
    return m.group() if m else None


@lru_cache(maxsize=1)
def _pets() -> tuple[str, ...]:
    from pipeline.rules.rule_kinds.vocabulary import vocabularies

    return tuple(_key(w) for w in vocabularies()["household-pets"])


def _key(word: str) -> str:
    return compact(normalise(word)).text


@lru_cache(maxsize=1)
def anchors() -> dict[str, tuple[str, ...]]:
    """Semantic rule id -> its anchor words, normalised and compacted (the package's)."""
    # Beside this module (as ``resources.files("pipeline.rules")`` finds it, without
    # importing ``importlib.resources``, ``tempfile`` and ``shutil`` for every check).
    raw = Path(__file__).with_name(_FILE).read_text(encoding="utf-8")
    data = yamlutil.load_data(raw) or {}
    return {str(rule): tuple(_key(str(w)) for w in words) for rule, words in data.items()}


def _rule(rule: str) -> str | None:
    if rule == "S9-12":
        return "「S9-12」不能设强信号词：第九条（十二）项（情绪化的个人观点）的语义提示只作警告。"
    return None if rule in RULES else f"「{rule}」未知（可用：{'、'.join(RULES)}）。"


def _word(word: str) -> str | None:
    if len(_key(word)) < 2:
        return "应为至少两个字符的文本（空格与表情不计；单字误报太多）。"
    return None


ENTRY = Record(
    {
        "rule": Line("语义规则编号", required=True, check=_rule),
        "word": Line("强信号词", required=True, check=_word),
        "note": Field("说明", check=one_line),
    }
)


def parse_unit_anchors(text: str, rel: str = UNIT_ANCHORS) -> list[tuple[str, str]]:
    """``content/rules/anchors.yml`` (``anchors: [{rule, word, note}]``): (rule, word) pairs;
    :class:`~pipeline.schema.SchemaError` naming file, line, column and field when wrong."""

    def reader(at: At) -> list[tuple[int, dict[str, Any]]]:
        data = at.loc.data
        if data is None:
            return []  # an empty file, or comments only
        if not isinstance(data, dict) or not isinstance(data.get("anchors"), list):
            at.add("应为「anchors:」列表，每项包含 rule（语义规则编号）与 word（强信号词）。")
            return []
        return items(at.child("anchors"), data["anchors"], ENTRY, shape="rule 与 word", empty=True)

    return [(values["rule"], values["word"]) for _, values in read(text, rel, reader)]


@dataclass(frozen=True)
class Table:
    """Anchor words by semantic rule (the package's first) and which of them the unit added."""

    words: dict[str, tuple[str, ...]]
    unit: frozenset[tuple[str, str]] = frozenset()  # (rule, word) of content/rules/anchors.yml


def load(root: Path | None) -> Table:
    """The package's anchor words plus, when ``root`` is a project, the unit's, added after
    the package's words of the same rule (a word already there is not repeated)."""
    package = anchors()
    text = read_unit_file(root / UNIT_ANCHORS, UNIT_ANCHORS) if root is not None else None
    if text is None:
        return Table(package)
    merged = {rule: list(words) for rule, words in package.items()}
    unit: set[tuple[str, str]] = set()
    for rule, word in parse_unit_anchors(text):
        words, key = merged.setdefault(rule, []), _key(word)
        if key not in words:
            words.append(key)
            unit.add((rule, key))
    return Table({rule: tuple(words) for rule, words in merged.items()}, frozenset(unit))


def escalate(found: list[Detection], text: str, table: Table | None = None) -> list[Detection]:
    """An error of the lexical item for each semantic finding in ``found`` whose sentence
    (``text[start:end]``) holds one of its rule's anchor words (``table``: :func:`load`'s;
    the package's when None)."""
    if not found:
        return []  # most posts: the anchor file is not even read
    table = table or Table(anchors())
    errors: list[Detection] = []
    kept: str | None = None  # the text dismissed (the same for every finding)
    for d in found:
        words = table.words.get(d.rule)
        if not words:
            continue
        compacted = compact(normalise(text[d.start : d.end]))
        sentence = compacted.text
        # Round 16: a word the account refuses (``本号不会购买粉丝``) raises nothing.
        word = next(
            (w for w in words if w in sentence and not refused(w, compacted, text, d.start)), None
        ) or priced(d.rule, sentence)
        word = word or _signalled(d.rule, compacted, text, d)  # rounds 38, 40: classes
        # Round 19: the violation's own word that waves a refutation away is no frame.
        if word is None:
            continue
        # Round 67: good news or safety advice passed on spreads no rumour.
        if harmless(d.rule, sentence, compact(normalise(paragraph(text, d.start, d.end))).text):
            continue
        if asked(d.rule, sentence):  # round 69: a citizen asks whether the body may act
            continue
        if kept is None:
            kept = dismissed(text)
        if framed(kept, d.start, d.end):
            continue
        if refutes(compact(normalise(kept[d.start : d.end])).text):
            continue
        whose = "本单位补充的" if (d.rule, word) in table.unit else ""
        reason = f"同句出现{whose}强信号词「{word}」（出价、联系方式、号召行动或明确的侮辱）"
        errors.append(model_error(d, reason, evasive=False))
    return errors


def _signalled(rule: str, compacted: Compact, text: str, d: Detection) -> str | None:
    """A second signal of ``rule`` in the flagged sentence (``compacted``), or in the next one
    of its paragraph (round 40); item （十六）'s, like its anchor words, not where the account
    refuses it (``不开展“关注转发抽奖”活动``)."""
    word = signal(rule, compacted.text)
    if word is not None and rule == "S16" and refused(word, compacted, text, d.start):
        return None
    if word is None and rule != "S16":
        word = signal(rule, following(text, d.end))
    return word


# Round 18: a fraud word that names a person (``李某就是个骗子加流氓``, ``卖家是个骗子、诈骗犯``)
# is the insult itself, not a claim called a fraud: it excuses nothing.
# Round 20: nor is it an enforcement frame (``主播卖假货、是诈骗犯，大家去她家门口骂``); a
# fraud *offence* named (``是诈骗犯罪团伙成员``) is no name.
_NAME_CALLING = compiled(
    r"(?:是(?:个|一个|一名)?|[、加和])(?:骗子|诈骗犯(?!罪))|(?:骗子|诈骗犯)(?=加)"
)


# Round 19: a violation that waves the refutation away (``谣言也好真的也罢``, ``别信辟谣``) or
# denies history in its own voice (``南京大屠杀根本不存在``, ``…是中国人编出来的谎言``) uses
# a refuting word as its claim; a sentence that reports the denial (``右翼妄称``, ``所谓``,
# ``否认``, ``铁证``) still refutes it.
# Round 21: a bet that it is no rumour (``是谣言我直播吃键盘``) and an offence named and
# shrugged off (``教唆犯罪怎么了``, ``违法又怎样``) are the violation's own voice too.
# Round 24: so is the rumour's tag that it is none (``内部消息，不是谣言``); a report says
# ``这不是谣言`` or ``并不是谣言`` with its source, and keeps its frame.
_WAVED_AWAY = compiled(
    r"谣言也好|谣言也罢|是不是谣言|别信辟谣|不要信辟谣|别听辟谣|辟谣是假的|辟谣都是假的"
    r"|是谣言(?:的话)?我(?!们)"
    # Round 24: the rumour's own tag (``内部消息，不是谣言``, ``绝对不是谣言``).
    r"|(?<![并这])(?:绝对|肯定|真的|可)?不是谣言|绝非谣言"
    # Round 26: the same tag followed by a call to act on the rumour (``这不是谣言，赶紧去超
    # 市囤米``): a report that confirms a notice cites it, it does not send the reader off.
    r"|这不是谣言(?=[，,！!]?(?:赶紧|赶快|快去|快转|快传|大家快|千万))"
    # Round 26: the rumour's own label shrugged off (``散布谣言又怎样？``), as an offence is.
    r"|(?:犯罪|违法|犯法|造谣|传谣|散布谣言)(?:又怎样|又怎么样|又怎么了|怎么了|算什么|也认了|也无所谓)"
    # Round 40: the rebuttal left to others or defied (``这是谣言也要转``, ``让他们自己辟谣
    # 去``, ``说我造谣我也要再说一遍``) and the offence asked and dismissed (``教唆犯罪？我只是
    # 分享经验``).
    r"|是谣言也(?:要|得)|(?:让|叫)(?:他们|官方|政府|上面)(?:自己)?(?:去)?辟谣"
    r"|说我(?:造谣|传谣)我也|(?:教唆犯罪|违法|犯法|造谣|传谣)[？?]我只是"
)
_DENIED_HISTORY = compiled(
    r"(?:大屠杀|英烈|烈士|抗战|抗日|侵华)[^，。；！？,;!?]{0,10}?(?:根本不存在|不存在|编出来的谎言|是谎言)"
)
# Round 47: the constitutional order opposed in the writer's voice (``坚决反对社会主义制度``,
# ``反对宪法规定的人民民主专政``, ``谁反对谁就是既得利益者``) uses the enforcement word
# ``反对`` as its claim; opposing an error about the order (``坚决反对否定社会主义制度的
# 错误言论``) keeps its frame.
_OPPOSED_ORDER = compiled(
    r"反对(?=(?:宪法规定的|现行的|现在的|这个|这套)?"
    r"(?:社会主义|共产党|党的领导|人民民主专政|四项基本原则|马克思主义|宪法))|谁反对谁"
)
_REPORTED = (
    "称",
    "否认",
    "所谓",
    "鼓吹",
    "歪曲",
    "驳斥",
    "铁证",
    "谬论",
    "右翼",
    "篡改",
    "言论",
    "说法",
)


def dismissed(text: str) -> str:
    """``text`` with the words a violation uses to wave a refutation away, to deny history
    in its own voice, to oppose the constitutional order or to call a person a fraud,
    blanked (``某``, so every offset stays)."""
    spans = [m.span() for m in _WAVED_AWAY.finditer(text)]
    spans += [m.span() for m in _NAME_CALLING.finditer(text)]
    spans += [m.span() for m in _OPPOSED_ORDER.finditer(text)]
    for m in _DENIED_HISTORY.finditer(text):
        lo, hi = sentence_bounds(text, m.start(), m.end())
        if not any(w in text[lo:hi] for w in _REPORTED):
            spans.append(m.span())
    if not spans:
        return text
    chars = list(text)
    for lo, hi in spans:
        chars[lo:hi] = "某" * (hi - lo)
    return "".join(chars)


def refutes(sentence: str) -> bool:
    """Whether the compacted ``sentence`` calls what it says a lie, a rumour or a scam
    (``REFUTING``), leaving out the words of :func:`dismissed` (fraud words that call a
    person names among them)."""
    return any(r in dismissed(sentence) for r in REFUTING)


def lexical_rule(semantic_rule: str) -> str:
    """The lexical item a semantic rule stands for: ``S9-02`` → ``A9-02``, ``S16`` → ``A16-01``."""
    return "A16-01" if semantic_rule == "S16" else "A" + semantic_rule[1:]


def model_error(d: Detection, reason: str, *, evasive: bool) -> Detection:
    """The error of the lexical item a semantic finding ``d`` stands for, on its sentence:
    the model's judgement and ``reason`` (what else the sentence holds), with the fix."""
    rule = lexical_rule(d.rule)
    message = advise(rule, f"语义模型判断本句违反{d.article}，且{reason}", evasive)
    return Detection(d.start, d.end, rule, d.article, "error", message)
