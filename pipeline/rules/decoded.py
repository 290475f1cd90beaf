"""Decoded views of a post, read by every detector (round 20, issue 12).

The main view (:func:`pipeline.rules.notation.decode` over the masked text) already reads
the notations no legitimate post writes for Chinese words (character references, escapes,
UTF-8 bytes). A *decoded view* reads what a legitimate post does write — romanised Chinese:
a place name, a slogan's transliteration — so it must not change the main view: it is a
second text of the same length (every offset still points into the original, so a finding
keeps its line and column), and the lexicons, the combination rules and the semantic model
read it beside the main view.

- *pinyin read as characters* (:mod:`pipeline.rules.pinyin_reader`): tone numbers, tone marks
  or none, spaced or joined; Wade–Giles words are first read as pinyin
  (:mod:`pipeline.rules.wadegiles`), so they reach the same decoder.

A finding that only a decoded view shows — its place overlaps what the view decoded and no
finding of the same item is there in the main view — is an error of its item (a semantic
finding of ``S9-06`` is an error of ``A9-06``): the disguise is the evidence, as for the
lexicons' evasive spellings and :mod:`pipeline.rules.disguised`. A legitimate line read as
characters (``Hulunbei'er Shi Renmin Zhengfu``) reads as the legitimate words it spells.
Item （十二） takes no error (opinions are warnings by design); a semantic finding that an
enforcement or warning word frames, or that calls the claim a rumour, raises nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.rules import pinyin_reader
from pipeline.rules.advice import advise
from pipeline.rules.anchored import RULES, lexical_rule
from pipeline.rules.detection import Detection
from pipeline.rules.framing import REFUTING, framed
from pipeline.rules.wadegiles import wade_giles

PINYIN_NAME = "拼音读作汉字"


def views(masked: str) -> list[tuple[str, str]]:
    """(name, view) of each decoded view of ``masked`` that differs from it."""
    lowered = masked.lower()
    source = masked
    if len(lowered) == len(masked):
        romanised = wade_giles(lowered)  # same length; pinyin lower-case either way
        if romanised != lowered:
            source = romanised
    read = pinyin_reader.read(source)
    if read == source:
        return []
    # the decoded runs only: the rest keeps its case and its Wade–Giles spelling
    view = "".join(r if r != s else m for m, s, r in zip(masked, source, read, strict=True))
    return [(PINYIN_NAME, view)]


Reader = Callable[[str], list[Detection]]


def findings(read: Reader, meant: Reader, masked: str, found: list[Detection]) -> list[Detection]:
    """Errors for what the decoded views of ``masked`` show and ``found`` (the main view's
    detections) does not: ``read`` gives the lexicon and combination detections of a view,
    ``meant`` its semantic ones (after the post's framing)."""
    result: list[Detection] = []
    for name, view in views(masked):
        changed = [i for i, (a, b) in enumerate(zip(masked, view, strict=True)) if a != b]
        if not changed:
            continue
        first, last = changed[0], changed[-1] + 1
        for d in read(view) + _raised(meant(view), view):
            if d.end <= first or d.start >= last or not _decoded(d, masked, view):
                continue
            rule = lexical_rule(d.rule) if d.rule in RULES else d.rule
            if _known(rule, d, found + result):
                continue
            shown = "".join(view[d.start : d.end].split())
            message = d.message
            if d.rule not in RULES:
                message += f"；已识别规避写法：{name}（{shown}）"
            result.append(Detection(d.start, d.end, rule, d.article, "error", message))
    return result


def _raised(meant: list[Detection], view: str) -> list[Detection]:
    """The semantic findings of a view as errors of their lexical items; not item （十二）,
    not one an enforcement word frames or that calls the claim a rumour."""
    raised: list[Detection] = []
    for d in meant:
        if d.rule not in RULES or framed(view, d.start, d.end):
            continue
        if any(r in view[d.start : d.end] for r in REFUTING):
            continue
        shown = "".join(view[d.start : d.end].split())
        message = (
            f"语义模型判断本句违反{d.article}，且本句使用了规避写法；已识别规避写法："
            f"{PINYIN_NAME}（{shown}）"
        )
        raised.append(
            Detection(
                d.start,
                d.end,
                d.rule,
                d.article,
                "error",
                advise(lexical_rule(d.rule), message, True),
            )
        )
    return raised


def _decoded(d: Detection, masked: str, view: str) -> bool:
    """Whether the view decoded a character inside ``d``'s span."""
    return any(
        a != b and not b.isspace()
        for a, b in zip(masked[d.start : d.end], view[d.start : d.end], strict=True)
    )


def _known(rule: str, d: Detection, found: list[Detection]) -> bool:
    """Whether ``found`` has a detection of ``rule`` (or its semantic twin) overlapping ``d``."""
    return any(
        (f.rule == rule or (f.rule in RULES and lexical_rule(f.rule) == rule))
        and f.start < d.end
        and d.start < f.end
        for f in found
    )
