"""The content check's work grows with the text's length, no faster (issue 17).

The work is counted, not timed: every Python call, line and return of one ``check_text``
(``sys.settrace``), at one length and at four times it. Each shape below cost the length
squared before the fourteenth pass (a finding's sentence, paragraph, quotation and
neighbours were each read from their start for every finding; docs/dev/speed.md): a
quadruple length then did 6 to 15 times the work. The indexed look-ups that replaced those
reads (:mod:`pipeline.rules.marks`, :mod:`pipeline.rules.overlaps`, ``context.TermSpans``)
are compared with the direct reads they replace on random texts, so that no finding moves.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any

import pytest

from pipeline.rules import RuleChecker, framing, marks, rebuttal
from pipeline.rules.context import TermSpans
from pipeline.rules.detection import Detection
from pipeline.rules.overlaps import Placed
from pipeline.rules.rule_kinds.sequence import SENTENCE_MARKS, sentence_bounds

SHORT, LONG = 1500, 6000
SLACK = 1.1  # a quadruple length may do at most 4.4 times the work

LEGITIMATE = "one paragraph, context words"  # a term in every sentence, each excused
SHAPES = {
    "one term, no punctuation": "法轮功",
    "one sentence that never ends": "赌博网站，",
    "a quoted term": "“法轮功”",
    "one paragraph, context words": "大家一起学习宣传法轮功和赌博的危害，",
    "short lines": "第一条\n法轮功\n好\n",
    "a combination repeated": "推翻政府",
    "an offer repeated": "代开发票，加微信。",
    "a term in pinyin (a decoded view)": "falungong hao. ",
    "a combination heard in homophones": "推翻共惨档",
    "words broken by line breaks": "有人说法轮\n功好，赌\n博网站，",
}


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def _text(unit: str, length: int) -> str:
    """``unit`` repeated to ``length`` characters, a new string object each time (the
    look-ups are kept per text object)."""
    return "".join([unit] * (length // len(unit) + 1))[:length]


def _work(checker: RuleChecker, text: str) -> int:
    """Python calls, lines and returns of one check of ``text``."""
    count = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        checker.check_text(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("unit", SHAPES.values(), ids=list(SHAPES))
def test_the_checks_work_grows_linearly_with_the_text(checker: RuleChecker, unit: str) -> None:
    checker.check_text(_text(unit, SHORT))  # what is loaded once per process
    checker.check_text(_text(unit, LONG))
    short, long = _work(checker, _text(unit, SHORT)), _work(checker, _text(unit, LONG))
    # Every shape but the legitimate paragraph raises findings: the per-finding reads run.
    assert bool(checker.check_text(_text(unit, LONG))) == (unit != SHAPES[LEGITIMATE]), unit
    assert long <= SLACK * (LONG / SHORT) * short, (unit, short, long)


def _texts(seed: int, count: int = 60) -> Iterator[str]:
    """Random texts of marks, quotation marks and words, long enough to be indexed."""
    rng = random.Random(seed)
    pieces = [
        "。",
        "！",
        "？",
        "\n",
        "\n\n",
        "；",
        "“",
        "”",
        "「",
        "」",
        "『",
        "』",
        '"',
        " ",
        "所谓",
    ]
    pieces += ["法轮功", "赌博", "凡是", "声称", "称", "谎言", "骗局", "的", "均为", "诈骗"]
    for _ in range(count):
        size = rng.randint(marks.INDEXED, 3 * marks.INDEXED)
        text = ""
        while len(text) < size:
            text += rng.choice(pieces)
        yield text


def _direct_open_quote(text: str, lo: int, start: int) -> int:
    stack: list[int] = []
    for i in range(lo, start):
        framing._quote_step(text, i, stack)
    return stack[-1] if stack else -1


def test_the_indexed_reads_answer_as_the_direct_ones() -> None:
    for text in _texts(14):
        rng = random.Random(len(text))
        points = sorted(rng.randrange(len(text) + 1) for _ in range(40))
        for start in points:
            end = min(len(text), start + rng.randint(0, 8))
            lo = max(text.rfind(m, 0, start) for m in SENTENCE_MARKS) + 1
            ends = [i for i in (text.find(m, end) for m in SENTENCE_MARKS) if i != -1]
            assert sentence_bounds(text, start, end) == (lo, min(ends, default=len(text)))
            p_lo, p_hi = text.rfind("\n\n", 0, start), text.find("\n\n", end)
            expected = (0 if p_lo < 0 else p_lo, len(text) if p_hi < 0 else p_hi)
            assert framing.paragraph_bounds(text, start, end) == expected
            for base in (0, lo, expected[0]):
                if base <= start:
                    assert framing.open_quote(text, base, start) == _direct_open_quote(
                        text, base, start
                    )
            pattern = rebuttal._ANYONE_CLAIMING
            assert marks.matches_before(text, pattern, rebuttal._CLAIMING_LONGEST, lo, start) == (
                pattern.search(text, lo, start) is not None
            )


def test_the_longest_claiming_match_is_what_the_search_goes_back() -> None:
    assert re._parser.parse(rebuttal._ANYONE_CLAIMING.pattern).getwidth()[1] == (  # type: ignore[attr-defined]
        rebuttal._CLAIMING_LONGEST
    )


def _detections(rng: random.Random, count: int) -> list[Detection]:
    found = []
    for _ in range(count):
        start = rng.randrange(200)
        end = start + rng.choice([0, 1, 2, 3, 5, 30])
        severity = rng.choice(["error", "warning"])
        found.append(Detection(start, end, rng.choice(["A", "B"]), "第九条", severity, "m"))
    return found


def _overlap(f: Detection, d: Detection) -> bool:
    return f.rule == d.rule and f.start < d.end and d.start < f.end


def test_the_placed_detections_find_every_overlap_and_keep_the_order() -> None:
    rng = random.Random(17)
    for _ in range(200):
        found, more = _detections(rng, rng.randrange(30)), _detections(rng, rng.randrange(30))
        result = list(found)  # the merge of checker._stronger, read directly
        for d in more:
            same = [f for f in result if _overlap(f, d)]
            if any(f.severity == "error" or d.severity != "error" for f in same):
                continue
            result = [f for f in result if f not in same] + [d]
        placed = Placed(found)
        for d in more:
            same = placed.overlapping(d)
            if any(placed[s].severity == "error" or d.severity != "error" for s in same):
                continue
            placed.remove(same)
            placed.add(d)
        assert placed.detections() == result


def test_the_term_spans_cover_as_a_search_of_every_span() -> None:
    rng = random.Random(21)
    for _ in range(200):
        spans = [(a, a + rng.randint(1, 6)) for a in (rng.randrange(100) for _ in range(20))]
        held = TermSpans()
        for a, b in spans:
            held.append(a, b)
        for _ in range(30):
            position = rng.randrange(110)
            stop = position + rng.randint(1, 4)
            expected = any(a <= position and stop <= b for a, b in spans)
            assert held.covers(position, stop) == expected
