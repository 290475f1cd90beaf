"""The ``sequence`` kind: words in order within one sentence, unless the context excuses them.

::

    kind: sequence
    advise: true                   # append the rule's 修改建议 (default true)
    rules:
      - id: A16-01
        name: follower-offer
        message: 疑似以转发、关注、点赞换取抽奖或礼品的方式刻意追求粉丝数量
        steps:
          - words: [转发, 关注, 点赞]          # the first step: where a match starts
            not_followed_by: [、, 或]          # optional: not directly followed by these
          - words: [抽取, 送出, 赠送]
            gap: 40                          # up to 40 characters before this step
        stops: "。！？!?；;\n"                # characters a gap never crosses (this default)
        unless: [不得, 禁止, 谨防]             # any of these in the scope drops the match
        unless_in: sentence                  # sentence (default) | neighbours: the sentence
                                             # and its neighbours on the same line

Each step is one of its words, in the order listed (the first listed that fits wins), the
gap before it the shortest that fits; matches do not overlap. The rule is compiled into
one regular expression over the text with code, URLs and link targets masked; offsets are
the original text's. The words of the first step are the rule's *triggers*: the lexicon
scan reports them in its own pass and the rule runs only on a text that holds one.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass
from typing import Any

from pipeline.findings import Severity
from pipeline.rules import compiled_re, marks
from pipeline.rules.advice import advise
from pipeline.rules.detection import Detection
from pipeline.rules.rule_kinds import schema
from pipeline.rules.rule_kinds.fields import Marks, bounded, words
from pipeline.rules.rule_kinds.schema import Doc, Head
from pipeline.schema import Boolean, Choice, Field, ListOf, Nested, Record

SENTENCE_MARKS = "。！？!?；;\n"
_SENTENCE_MARK = "[" + re.escape(SENTENCE_MARKS) + "]"
SCOPES = ("sentence", "neighbours")


@dataclass(frozen=True)
class Sequence:
    """A sequence rule: its expression and the words that trigger it."""

    rule: str
    article: str
    name: str
    level: Severity
    message: str
    regex: re.Pattern[str]
    triggers: tuple[str, ...]
    unless: tuple[str, ...]
    neighbours: bool
    origin: str
    advise: bool

    def detect(self, masked: str) -> list[Detection]:
        found: list[Detection] = []
        for m in self.regex.finditer(masked):
            lo, hi = sentence_bounds(masked, m.start(), m.end())
            if self.neighbours:
                # Enforcement news names the enforcement in one sentence, the act in the next.
                if lo > 1 and masked[lo - 1] != "\n":
                    lo = sentence_bounds(masked, lo - 1, lo - 1)[0]
                if hi < len(masked) and masked[hi] != "\n":
                    hi = sentence_bounds(masked, hi + 1, hi + 1)[1]
            if any(masked.find(word, lo, hi) != -1 for word in self.unless):
                continue
            message = advise(self.rule, self.message, False) if self.advise else self.message
            found.append(
                Detection(m.start(), m.end(), self.rule, self.article, self.level, message)
            )
        return found


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around ``text[start:end]`` (ended by :data:`SENTENCE_MARKS`).

    In a long text the marks are listed once (:mod:`pipeline.rules.marks`): a search from
    every finding to the sentence's end cost the text's length per finding in one enormous
    sentence."""
    if len(text) >= marks.INDEXED and start >= 0 and end >= 0:
        found = marks.offsets(text, _SENTENCE_MARK)
        stop = marks.first_from(found, end)
        return marks.last_before(found, start) + 1, len(text) if stop < 0 else stop
    lo = max(text.rfind(mark, 0, start) for mark in SENTENCE_MARKS) + 1
    ends = [i for i in (text.find(mark, end) for mark in SENTENCE_MARKS) if i != -1]
    return lo, min(ends, default=len(text))


STEP = Record(
    {
        "words": words("词语", required=True),
        "gap": bounded("间隔", 0, 200, "字符数", default=0),
        "not_followed_by": words("不可紧跟"),
    }
)
OWN = Record({**schema.FILE, "advise": Boolean("附修改建议", default=True)})
RULE: dict[str, Field] = {
    "steps": ListOf(Nested(STEP), "步骤", required=True, holes=True),
    "stops": Marks("断句标点", default=SENTENCE_MARKS),
    "unless": words("例外词语"),
    "unless_in": Choice("例外范围", values=SCOPES, default=SCOPES[0]),
}


def parse(doc: Doc) -> list[Sequence]:
    """The sequence rules of one rule file."""
    advised = OWN.read(doc.data, doc.at())["advise"]
    items = schema.rules(doc, RULE)
    for index, values in items:
        at = doc.at("rules", index, "steps")
        steps = values["steps"] or []
        if values["steps"] is not None and len(steps) < 2:
            at.add("应至少包含两步。", label="步骤")
        if steps and steps[0] is not None and steps[0]["gap"]:
            at.child(0).child("gap").add("第一步之前没有间隔，不能写 gap。", label="间隔")
    doc.done()
    found = [
        Sequence(
            *astuple(Head.of(values)),
            *_compile(values["steps"], values["stops"]),
            unless=tuple(values["unless"] or ()),
            neighbours=values["unless_in"] == "neighbours",
            origin=f"{doc.rel}#{values['name']}",
            advise=advised,
        )
        for _, values in items
    ]
    if not doc.unit:  # what the next check builds the package's from (a unit's: never kept)
        for sequence in found:
            compiled_re.keep(sequence.regex)
    return found


def _compile(steps: list[dict[str, Any]], stops: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The rule's regular expression and the words of its first step (its triggers)."""
    parts: list[str] = []
    gap_class = "".join(re.escape(c) for c in stops)
    for step in steps:
        if step["gap"]:
            parts.append(f"[^{gap_class}]{{0,{step['gap']}}}?")
        parts.append("(?:" + "|".join(map(re.escape, step["words"])) + ")")
        if step["not_followed_by"]:
            parts.append("(?!" + "|".join(map(re.escape, step["not_followed_by"])) + ")")
    return re.compile("".join(parts)), tuple(steps[0]["words"])
