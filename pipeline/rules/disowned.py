"""An account's own denial of an offer is no offer (round 27, issue 12).

:mod:`pipeline.rules.rebuttal` drops what a denial word right before it denies (``不设抽奖``,
``没有任何封城计划``). An account's statement about itself says more than that:
``本号从未、也不会开展“关注抽奖”“转发送礼”等活动，也未委托任何公司代运营、买粉丝或刷阅读量``
names the campaigns and services it never ran or bought. Its frame (data:
``disowned.yml``): the account or the writers as the sentence's subject (本号, 我们, 我局 …),
then in the finding's clause a denial of their own doing (从未, 从不, 不会, 未 …, several
joined by 、也; 不 before one of the verbs: 不开展, 不委托), an optional verb (开展, 委托, 购买 …), 任何/一切 and whom it names
(公司, 第三方 …), then the earlier items of a list or of a run of quotations, then the
finding. Nothing after the finding in its clause may turn it into an offer (``就``, ``但``,
``可以`` …), and a clause that does not open with the denial is not covered:
``我们从不刷量，但可以帮你买粉丝`` keeps its finding.

A semantic finding of an offer's item (``S16``, ``S9-13``) on a sentence that only disowns
(the account its subject, each clause opening with a denial or asking the reader ``请…``, no
turning word) and keeps no lexical finding is dropped too: the model read the offers the
sentence denies.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline import yamlutil
from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.rebuttal import DENYING, LEXICAL, clause_before
from pipeline.rules.rule_kinds.sequence import sentence_bounds

_FILE = "disowned.yml"
REACH = 40  # characters of the finding's clause read before it
_MARKS = "，,；;。！？!?\n"  # what ends a clause


@dataclass(frozen=True, repr=False)
class Frame:
    """``disowned.yml`` compiled."""

    subjects: tuple[str, ...]
    denials: tuple[str, ...]
    frame: re.Pattern[str]
    turning: tuple[str, ...]
    semantic: tuple[str, ...]
    verbs: tuple[str, ...]
    account: re.Pattern[str]
    demands: tuple[str, ...]
    conditions: frozenset[str]


def _alternatives(words: list[Any]) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(words, key=lambda w: -len(str(w))))


@cache
def frame() -> Frame:
    raw: dict[str, Any] = yamlutil.load_data(
        Path(__file__).with_name(_FILE).read_text(encoding="utf-8")
    )
    # 不 before a verb of their doing is a denial too (本号不开展任何…, 我们不委托…).
    denials = [*raw["denials"], *(f"不{v}" for v in raw["verbs"])]
    denial = f"(?:{_alternatives(denials)})"
    joined = f"{denial}(?:[、，,]?(?:也|更|亦|并)?{denial})*"
    verb = f"(?:{_alternatives(raw['verbs'])})?"
    named = f"(?:任何|一切)?(?:{_alternatives(raw['named'])})?"
    helping = f"(?:{_alternatives(raw['helping'])})?"
    piece = r"(?:[“”\"「」『』]|[^、或和及与，,；;。！？!?\n“”\"「」『』]{1,8}(?:[、或和及与]|[”」』\"]))"
    # After a listed item the finding may begin inside the next (``购买粉丝、刷`` before
    # ``阅读量``); with no item before it, nothing may stand between the frame and the finding.
    items = f'(?:{piece}+[^、或和及与，,；;。！？!?\\n“”"「」『』]{{1,2}}|{piece}*)'
    return Frame(
        subjects=tuple(str(w) for w in raw["subjects"]),
        denials=tuple(str(w) for w in denials),
        frame=compiled(f'{joined}{verb}{named}{helping}{items}[“「『"]?'),
        turning=tuple(str(w) for w in raw["turning"]),
        semantic=tuple(str(w) for w in raw["semantic"]),
        verbs=tuple(str(w) for w in raw["verbs"]),
        # After set 54's measurement: a statement's bracketed heading before the name
        # (``【声明】“汀岚发布”从未委托任何机构…代运营``).
        account=compiled(
            f'\\s*(?:【[^】\\n]{{1,8}}】\\s*)?[“「『"]?[\u4e00-\u9fff]{{1,6}}'
            f'(?:{_alternatives(raw["account_names"])})[”」』"]?'
        ),
        demands=tuple(str(w) for w in raw["demands"]),
        conditions=frozenset(str(w) for w in raw["conditions"]),
    )


def disowned(text: str, start: int, end: int) -> bool:
    """Whether the account denies, in its own voice, what ``text[start:end]`` names."""
    f = frame()
    span = text[start:end]
    if "\n" in span:  # a word broken by a line break, not a statement's clauses
        return False
    cut = min((i for i in (span.find(m) for m in _MARKS) if i != -1), default=-1)
    if cut != -1:
        return (
            cut > 0 and disowned(text, start, start + cut) and _denied_on(text, start + cut, end, f)
        )
    lo, _ = sentence_bounds(text, start, max(start, end - 1))
    named = f.account.match(text, lo, start) is not None
    if not named and not any(text.find(s, lo, start) != -1 for s in f.subjects):
        return False
    after = clause_after(text, end)
    if any(word in span or word in after for word in f.turning):
        return False
    clause = _verb_split(clause_before(text, start, REACH), span, f)
    for word in f.denials:
        at = clause.find(word)
        while at != -1:
            if f.frame.fullmatch(clause, at) and not _turned(clause[at:], f):
                return True
            at = clause.find(word, at + 1)
    return False


def _denied_on(text: str, cut: int, end: int, f: Frame) -> bool:
    """Whether each later clause a finding runs into (from ``cut``, a clause mark, to the end
    of the clause holding ``end``) opens with a denial and turns nothing: a finding that
    spans ``…刷阅读量，也不以任何形式强制要求关注`` is disowned clause by clause."""
    tail = text[cut + 1 : end] + clause_after(text, end)
    clauses = [c.strip() for c in re.split(f"[{re.escape(_MARKS)}]", tail)]
    return all(c and _opens_denying(c, f) and not _turned(c, f) for c in clauses)


def _opens_denying(clause: str, f: Frame) -> bool:
    """Whether ``clause``, past the account's name and 也/并, opens with a denial or asks the
    reader (请…)."""
    named = f.account.match(clause)
    if named is not None:
        clause = clause[named.end() :]
    for subject in f.subjects:
        clause = clause.removeprefix(subject)
    clause = clause.lstrip("也并更且亦还")
    return clause.startswith((*f.denials, *DENYING, "请"))


def _verb_split(clause: str, span: str, f: Frame) -> str:
    """``clause`` without the head of a verb the finding begins inside (``从未购`` before
    ``买粉丝``: the verb 购买 is the frame's)."""
    for verb in f.verbs:
        for cut in range(1, len(verb)):
            if clause.endswith(verb[:cut]) and span.startswith(verb[cut:]):
                return clause[:-cut]
    return clause


def _turned(frame_text: str, f: Frame) -> bool:
    """Whether a turning word stands in ``frame_text``; past a demand's verb the words of
    its condition turn nothing: ``不会要求网友关注后才能查看`` denies a demand and its
    condition together."""
    at = min((i for i in (frame_text.find(d) for d in f.demands) if i != -1), default=-1)
    if at == -1:
        return any(word in frame_text for word in f.turning)
    head, tail = frame_text[:at], frame_text[at:]
    return any(w in head for w in f.turning) or any(
        w in tail for w in f.turning if w not in f.conditions
    )


def clause_after(text: str, end: int) -> str:
    """The rest of the clause after ``end``, at most :data:`REACH` characters."""
    rest = text[end : end + REACH]
    stop = min((i for i in (rest.find(m) for m in _MARKS) if i != -1), default=-1)
    return rest if stop == -1 else rest[:stop]


def excuse(found: list[Detection], text: str) -> list[Detection]:
    """``found`` without the lexical findings the account disowns (:func:`disowned`)."""
    return [d for d in found if not (d.rule.startswith(LEXICAL) and disowned(text, d.start, d.end))]


def excuse_meant(meant: list[Detection], text: str, kept: list[Detection]) -> list[Detection]:
    """``meant`` (semantic findings) without those of an offer's item on a sentence that
    only disowns (:func:`disowning`) and in which no lexical finding is left (``kept``)."""
    f = frame()
    starts = sorted(x.start for x in kept if x.rule.startswith(LEXICAL))
    result: list[Detection] = []
    for d in meant:
        if d.rule in f.semantic:
            lo, hi = sentence_bounds(text, d.start, max(d.start, d.end - 1))
            at = bisect_left(starts, lo)
            left = at < len(starts) and starts[at] < hi
            if not left and disowning(text[lo:hi], f):
                continue
        result.append(d)
    return result


def disowning(sentence: str, f: Frame) -> bool:
    """Whether ``sentence`` has the account as subject and each of its clauses opens, past
    the subject and 也/并, with a denial, or asks the reader (请…: ``请以本号发布的信息为准``),
    and no turning word stands in it."""
    named = f.account.match(sentence) is not None
    if not named and not any(s in sentence for s in f.subjects):
        return False
    clauses = [c.strip() for c in re.split(f"[{re.escape(_MARKS)}]", sentence) if c.strip()]
    if clauses:  # a heading before a colon (``“某某发布”郑重声明：本号从未…``) is not a clause
        clauses[0] = re.split("[：:]", clauses[0])[-1]
    return (
        bool(clauses)
        and all(_opens_denying(c, f) for c in clauses)
        and not any(_turned(c, f) for c in clauses)
    )
