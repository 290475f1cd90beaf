"""Field kinds of the rule files, on the schema layer (:mod:`pipeline.schema`): a word
list in its matching form, a bounded count, a set of punctuation marks and a regular
expression (a unit's checked by :mod:`.regex_safety`). Each raises :class:`Invalid` with the
Chinese sentence that follows the field's name."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pipeline.rules import compiled_re
from pipeline.rules.rule_kinds import regex_safety, vocabulary
from pipeline.rules.rule_kinds.regex_cost import COSTLY
from pipeline.schema import At, Field, Integer, Invalid, ListOf, line_problem, shown


class Word(Field):
    """One word (text or a number), made into its matching form by ``key``; ``$name``
    stands for the words of a vocabulary (:mod:`.vocabulary`), each made so."""

    def __init__(self, key: Callable[[str], str] = str.strip, **options: Any) -> None:
        super().__init__("词语", **options)
        self.key = key

    def convert(self, value: object, at: At) -> str | tuple[str, ...]:
        if isinstance(value, bool) or not isinstance(value, str | int) or not str(value).strip():
            raise Invalid(f"{shown(value)}不是非空文本。")
        if isinstance(value, str) and value.strip().startswith(vocabulary.MARK):
            keyed = (self.key(word) for word in vocabulary.named(value.strip()))
            return tuple(word for word in keyed if word)
        problem = line_problem(str(value).strip())  # a term or an exception, as written
        if problem is not None:
            raise Invalid(problem)
        word = self.key(str(value).strip())
        if not word:
            raise Invalid(f"{shown(value)}规范化后为空（只有标点或空白）。")
        return word


class WordList(ListOf):
    """A list of :class:`Word`, a vocabulary's words in the place of its name."""

    def convert(self, value: object, at: At) -> list[Any]:
        items: list[Any] = []
        for item in super().convert(value, at):
            items += item if isinstance(item, tuple) else [item]
        return items


def words(label: str, key: Callable[[str], str] = str.strip, **options: Any) -> ListOf:
    """A non-empty list of words; each wrong word is reported at its own line."""
    return WordList(Word(key), label, nonempty=True, **options)


def bounded(label: str, low: int, high: int, unit: str, **options: Any) -> Integer:
    """An integer from ``low`` to ``high`` (``unit``: what it counts)."""

    def at_most(value: int) -> str | None:
        return (
            None
            if value <= high
            else f"应为 {low} 到 {high} 之间的整数（{unit}），实际为「{value}」。"
        )

    return Integer(label, minimum=low, check=at_most, **options)


class Marks(Field):
    """Non-empty text kept as written (a line break is one of the marks)."""

    def convert(self, value: object, at: At) -> str:
        if not isinstance(value, str) or not value:
            raise Invalid(f"应为非空文本（标点字符），实际为{shown(value)}。")
        return value


class Regex(Field):
    """A regular expression, compiled; a unit file's (``unit``) must not backtrack
    super-linearly: it comes from the branch under review."""

    def __init__(self, label: str = "正则表达式", *, unit: bool, **options: Any) -> None:
        super().__init__(label, **options)
        self.unit = unit

    def convert(self, value: object, at: At) -> re.Pattern[str]:
        if not isinstance(value, str) or not value.strip():
            raise Invalid(f"应为正则表达式文本，实际为{shown(value)}。")
        text = value.strip()
        try:
            compiled = re.compile(text)
        except re.error as exc:
            raise Invalid(f"不是有效的正则表达式（{exc}）。") from None
        if not self.unit:  # a unit's, from the branch under review, is never kept
            compiled_re.keep(compiled)  # what the next check builds the package's from
        problem = regex_safety.problem(text) if self.unit else None
        if problem is not None and problem.startswith(COSTLY):
            raise Invalid(problem, rule="rule-regex-costly")
        if problem is not None:
            raise Invalid(
                f"可能导致灾难性回溯（拖垮审核者的检查和服务器的推送检查）：{problem}"
                "请改写为不含嵌套量词、重叠分支和反向引用的表达式，"
                "或改用词语规则（sequence、combination）。",
                rule="rule-regex-unsafe",
            )
        return compiled
