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
from dataclasses import dataclass
from typing import Any

from pipeline.errors import ConfigError
from pipeline.findings import Severity
from pipeline.rules.advice import advise
from pipeline.rules.detection import Detection
from pipeline.rules.rule_kinds import schema
from pipeline.rules.rule_kinds.schema import Place

FILE_KEYS = frozenset({"kind", "rules", "advise"})
RULE_KEYS = frozenset({"steps", "stops", "unless", "unless_in"})
STEP_KEYS = frozenset({"words", "gap", "not_followed_by"})
SENTENCE_MARKS = "。！？!?；;\n"
SCOPES = ("sentence", "neighbours")


@dataclass(frozen=True)
class Sequence:
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
            lo, hi = _sentence(masked, m.start(), m.end())
            if self.neighbours:
                # Enforcement news names the enforcement in one sentence, the act in the next.
                if lo > 1 and masked[lo - 1] != "\n":
                    lo = _sentence(masked, lo - 1, lo - 1)[0]
                if hi < len(masked) and masked[hi] != "\n":
                    hi = _sentence(masked, hi + 1, hi + 1)[1]
            if any(masked.find(word, lo, hi) != -1 for word in self.unless):
                continue
            message = advise(self.rule, self.message, False) if self.advise else self.message
            found.append(
                Detection(m.start(), m.end(), self.rule, self.article, self.level, message)
            )
        return found


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(mark, 0, start) for mark in SENTENCE_MARKS) + 1
    ends = [i for i in (text.find(mark, end) for mark in SENTENCE_MARKS) if i != -1]
    return lo, min(ends, default=len(text))


def parse(data: dict[str, Any], place: Place) -> list[Sequence]:
    schema.unknown_keys(data, FILE_KEYS, place.at())
    advised = schema.flag(data, "advise", place.at("advise"), True)
    result = []
    for index, item, head in schema.heads(data, place, RULE_KEYS, "id、message、steps"):
        stops = item.get("stops", SENTENCE_MARKS)
        if not isinstance(stops, str) or not stops:
            raise ConfigError(
                f"{place.item(index, 'stops')}: 字段 stops 应为非空文本（标点字符）。"
            )
        scope = item.get("unless_in", SCOPES[0])
        if scope not in SCOPES:
            raise ConfigError(
                f"{place.item(index, 'unless_in')}: 字段 unless_in 只能是 {'、'.join(SCOPES)}。"
            )
        steps = item.get("steps")
        if not isinstance(steps, list) or len(steps) < 2:
            raise ConfigError(f"{place.item(index, 'steps')}: 字段 steps 应至少包含两步。")
        unless = item.get("unless")
        triggers, regex = _compile(steps, stops, place, index)
        result.append(
            Sequence(
                rule=head.rule,
                article=head.article,
                name=head.name,
                level=head.level,
                message=head.message,
                regex=regex,
                triggers=triggers,
                unless=schema.words(unless, place.item(index, "unless")) if unless else (),
                neighbours=scope == "neighbours",
                origin=f"{place.rel}#{head.name}",
                advise=advised,
            )
        )
    return result


def _compile(
    steps: list[Any], stops: str, place: Place, index: int
) -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The words of the first step and the rule's regular expression."""
    parts: list[str] = []
    first: tuple[str, ...] = ()
    gap_class = "".join(re.escape(c) for c in stops)
    for i, step in enumerate(steps):
        where = f"{place.at('rules', index, 'steps', i)}: steps 第 {i + 1} 步"
        if not isinstance(step, dict):
            raise ConfigError(f"{where}: 应为映射（words、gap、not_followed_by）。")
        schema.unknown_keys(step, STEP_KEYS, where)
        words = schema.words(step.get("words"), f"{where}: words")
        first = first or words
        gap = step.get("gap", 0)
        if i == 0 and gap:
            raise ConfigError(f"{where}: 第一步之前没有间隔，不能有字段 gap。")
        if gap:
            at = f"{place.at('rules', index, 'steps', i, 'gap')}: steps 第 {i + 1} 步"
            gap = schema.integer(step, "gap", at, 0, 200, "字符数")
            parts.append(f"[^{gap_class}]{{0,{gap}}}?")
        parts.append("(?:" + "|".join(map(re.escape, words)) + ")")
        if step.get("not_followed_by"):
            after = schema.words(step["not_followed_by"], f"{where}: not_followed_by")
            parts.append("(?!" + "|".join(map(re.escape, after)) + ")")
    return first, re.compile("".join(parts))
