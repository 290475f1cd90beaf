"""Warned terms that a sentence offers, sells or cheers become errors (round 12, issue 12).

Some terms of an error-level lexicon are kept at warning when written plainly, because
legitimate posts name them to condemn them (``台独``, ``色情``, ``毒品``, ``三权分立``,
``仿真枪``): the lexicons' context words and the frames of
:mod:`pipeline.rules.framing`, :mod:`pipeline.rules.quoting` and
:mod:`pipeline.rules.rebuttal` read those posts. A sentence that names such a term and
also **offers** it (a price, a contact: ``三百元一把，加微信``, ``私聊``, ``量大从优``),
**cheers** it (``港独万岁``, ``必胜``, ``坚持…路线``, ``…才有希望``, at most
:data:`SLOGAN_REACH` characters from it) or **teaches how to make it** (``教你自制``) is the thing itself, so the warning becomes an error — unless a
legitimate frame covers it:

- an enforcement or warning word in its sentence or a neighbouring one
  (:func:`pipeline.rules.framing.framed`, in any post), or a so-called claim refuted;
- a court's or an organ's register in its sentence (:data:`pipeline.rules.quoting.REGISTER`);
- a quotation: the term stands inside quotation marks (a lure quoted to warn of it), or
  a question (a claim asked about, then answered);
- a prohibition opening its clause (:func:`pipeline.rules.quoting.forbidden`) or a question
  about the law (:func:`pipeline.rules.rebuttal.asked`);
- a negation right before the marker (``不支持``, ``绝不私聊``).

Warning-level lexicons (item （十二）'s opinions, 第十六条's click-bait) are warnings by
design and are never raised; nor are the bulk tag-derived public terms
(``lexicons/public/*.txt`` with ``warning``: a warning for reviewers, never blocking),
which the checker leaves out of ``lexical``; combinations block their offers. The markers
are words an offer or a slogan needs, not words of the term's topic, so one list serves
every lexicon.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from dataclasses import replace

from pipeline.rules import marks
from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.framing import framed, open_quote, refuted
from pipeline.rules.quoting import NEGATIONS, REGISTER, forbidden
from pipeline.rules.rebuttal import asked
from pipeline.rules.rule_kinds.sequence import sentence_bounds

_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+)"
MARKERS = compiled(
    # an offer: a price, a contact, a seller's promise
    rf"{_NUMBER}\s*(?:元|块钱)(?!以上|以下|的)|\d+\s*块(?!以上|以下|的)"
    r"|加(?:我)?(?:微信|vx|wx|VX|WX|v信|V信|QQ|qq|V|v)|私聊|私信我|联系我|电话联系|扫码(?:进群|加)"
    r"|网盘链接|有意者|量大从优|量大价优|现金结算|货到付款|包邮|保证资源"
    # a slogan: cheering the term, calling it the way
    r"|万岁|必胜|才有希望|才是出路|才是正路|坚持[^，。！？；\n]{0,6}路线|我支持"
    # teaching how to make it
    r"|教(?:你|大家|你们)(?=自制|制作|做|配)|手把手教"
)
# Right before the term: ``支持港独`` (a bare 支持 elsewhere in the sentence is anything:
# ``支持有关国家实施毒品原植物替代种植``).
_CHEERED = compiled(r"(?:支持|拥护|力挺)\s*$")
# A slogan cheers the term it stands beside (``港独万岁``, ``三权分立，中国才有希望``), not one
# a sentence names before cheering something else (``…在犹太人面前说希特勒万岁``, a COLD
# comment): at most this many characters between them.
SLOGAN_REACH = 8
_SLOGANS = ("万岁", "必胜", "才有希望", "才是出路", "才是正路", "我支持")
# Legal drafting: thresholds and penalties name prices (``赌资数额累计达到5万元以上``).
DRAFTING = (
    "是指",
    "情节",
    "规定",
    "数额",
    "以上的",
    "以下的",
    "构成",
    "处罚",
    "罚款",
    "追究",
    "罪",
)
RAISED = "；与招揽、鼓吹或教唆用语（{}）同句，已升为错误"


def raised(
    found: list[Detection], text: str, rules: Collection[str], lexical: Collection[Detection]
) -> list[Detection]:
    """``found`` (detections over ``text``) with the warnings among ``lexical`` (the
    lexicons' own) of ``rules`` (the error-level lexicons) raised to errors where their
    sentence offers, cheers or teaches them and no legitimate frame covers them (see the
    module's docstring). A combination's error on the same words has already replaced
    the warning, with its own message."""
    result: list[Detection] = []
    for d in found:
        if d.severity == "warning" and d.rule in rules and d in lexical:
            marker = marker_near(text, d.start, d.end)
            if marker and not excused(text, d.start, d.end):
                d = replace(d, severity="error", message=_with_reason(d.message, marker))
        result.append(d)
    return result


def _with_reason(message: str, marker: str) -> str:
    """``message`` with why it was raised, before its advice (:mod:`pipeline.rules.advice`)."""
    reason = RAISED.format(marker)
    at = message.find("。修改建议：")
    return message + reason if at < 0 else message[:at] + reason + message[at:]


def marker_near(text: str, start: int, end: int) -> str:
    """The first offer, slogan or teaching marker in the sentence of ``text[start:end]``,
    not wholly inside the finding (``坚持港独路线`` holds the term) and not negated, or
    "". Nothing in a sentence of legal drafting (:data:`DRAFTING`).

    The sentence's markers are found once (:func:`_markers`); a finding then takes the
    first marker outside it and the first slogan within reach, whichever comes first."""
    lo, hi = sentence_bounds(text, start, max(start, end - 1))
    if marks.remembered(text, (DRAFTING, lo, hi), lambda: _holds(text, lo, hi, DRAFTING)):
        return ""
    cheered = _CHEERED.search(text, max(lo, start - 4), start)
    if cheered and not _negated(text, max(lo, cheered.start() - 2), cheered.start()):
        return cheered.group().strip()
    plain, slogans = marks.remembered(text, (MARKERS, lo, hi), lambda: _markers(text, lo, hi))
    first = next(((k, w) for k, a, b, w in plain if not (start <= a and b <= end)), None)
    # A slogan within reach begins after start - SLOGAN_REACH - its length.
    at = bisect_left(slogans, (start - SLOGAN_REACH - _SLOGAN_LONGEST,))
    for a, k, b, w in slogans[at:]:
        if a - end > SLOGAN_REACH or (first is not None and k > first[0]):
            break
        if (start <= a and b <= end) or start - b > SLOGAN_REACH:
            continue
        return w
    return "" if first is None else first[1]


_SLOGAN_LONGEST = max(map(len, _SLOGANS))


def _markers(
    text: str, lo: int, hi: int
) -> tuple[list[tuple[int, int, int, str]], list[tuple[int, int, int, str]]]:
    """The markers of ``text[lo:hi]`` not negated, in order: the others as (order, start,
    end, word), the slogans as (start, order, end, word)."""
    plain: list[tuple[int, int, int, str]] = []
    slogans: list[tuple[int, int, int, str]] = []
    for k, match in enumerate(MARKERS.finditer(text, lo, hi)):
        if _negated(text, max(lo, match.start() - 2), match.start()):
            continue
        word = match.group()
        if word in _SLOGANS:
            slogans.append((match.start(), k, match.end(), word))
        else:
            plain.append((k, match.start(), match.end(), word))
    return plain, slogans


def _holds(text: str, lo: int, hi: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` stands in ``text[lo:hi]``."""
    return any(text.find(w, lo, hi) != -1 for w in words)


def _negated(text: str, lo: int, at: int) -> bool:
    return any(ch in NEGATIONS for ch in text[lo:at])


def excused(text: str, start: int, end: int) -> bool:
    """Whether a legitimate frame covers the finding: enforcement or warning words, a
    court's or an organ's register, a refuted so-called claim, a quotation, a question
    (``三权分立才有希望？这种说法站不住脚``), a prohibition or a question about the law."""
    lo, hi = sentence_bounds(text, start, max(start, end - 1))
    return (
        framed(text, start, end)
        or marks.remembered(text, (REGISTER, lo, hi), lambda: _holds(text, lo, hi, REGISTER))
        or refuted(text, start, end)
        or open_quote(text, lo, start) >= 0
        or text.startswith(("？", "?"), hi)
        or forbidden(text, start)
        or asked(text, start, end)
    )
