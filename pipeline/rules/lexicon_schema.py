"""The lexicon files' fields on the schema layer (:mod:`pipeline.schema`): a package
lexicon (``lexicons/*.yml``), the unit's ``content/rules/terms.yml`` and
``content/rules/allow.yml``. :mod:`pipeline.rules.lexicon` builds its terms from the values.

Lexicons are large and read often (on a cache miss): :func:`read` reads the data libyaml
loaded, without positions, and only when something is wrong reads the file again with its
lines and columns, so that every problem is reported as ``file:line:column: 字段 …``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.schema import (
    At,
    Boolean,
    Choice,
    Field,
    Invalid,
    Issue,
    Line,
    Record,
    line_problem,
    raise_errors,
    shown,
)

T = TypeVar("T")
LEVELS = ("error", "warning")
LEVEL = Choice("级别", values=LEVELS, names={"error": "错误", "warning": "警告"})


class Texts(Field):
    """A list of non-empty texts (one text counts as a list of one), stripped; each one line
    as written (``schema.line_problem``)."""

    def convert(self, value: object, at: At) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
            raise Invalid(f"应为非空文本的列表，实际为{shown(value)}。")
        for item in items:
            problem = line_problem(item.strip())
            if problem is not None:
                raise Invalid(problem)
        return tuple(v.strip() for v in items)


def one_line(value: object) -> str | None:
    """A note (any scalar) shown after a finding's message: one line as written."""
    return line_problem(value) if isinstance(value, str) else None


def _two_characters(value: str) -> str | None:
    return None if len(value) >= 2 else "应为至少两个字符的文本（单字误报太多）。"


TERM_FIELDS: dict[str, Field] = {
    "term": Line("词条", required=True, check=_two_characters),
    "note": Field("说明", check=one_line),  # shown after the finding's message
    "level": LEVEL,
    "variants": Texts("变体写法"),
    "context": Boolean("适用上下文白名单", default=True),
    "pinyin": Boolean("匹配拼音", default=True),
    "homophones": Boolean("匹配同音字", default=True),
    "segment": Boolean("按分词判断", default=True),
    "allow": Texts("白名单"),
    "abbr": Texts("缩写"),
    "src": Field("来源"),
}
TERM = Record(TERM_FIELDS)
LEXICON = Record(
    {
        "id": Line("规则编号", required=True),
        "article": Line("条款", required=True),
        "title": Field("标题"),
        "message": Line("提示", required=True),
        "level": Choice("级别", values=LEVELS, default="error"),
        "source": Field("来源"),
        "contexts": Texts("上下文词语"),
        "allow": Texts("白名单"),
        "terms": Field("词条", required=True),
    }
)


def unit_term(rules: Callable[[str], str | None]) -> Record:
    """A term of ``content/rules/terms.yml``: its ``rule`` checked by ``rules``."""
    return Record({"rule": Line("规则编号", required=True, check=rules), **TERM_FIELDS})


def allow_entry(rules: Callable[[tuple[str, ...]], str | None]) -> Record:
    """An entry of ``content/rules/allow.yml``: its ``rules`` checked by ``rules``."""
    return Record(
        {
            "phrase": Line("词语", required=True, check=_two_characters),
            "rules": Texts("规则编号", check=rules),
            "reason": Line("理由", required=True, missing="必填：请写明为什么这个词语是正当用语。"),
        }
    )


def items(
    at: At, values: object, record: Record, *, plain: str = "", shape: str, empty: bool = False
) -> list[tuple[int, dict[str, Any]]]:
    """Each mapping of the list ``values`` read with ``record`` (a text counts as
    ``{plain: text}`` when ``plain`` is given; ``empty``: an empty list is fine);
    ``shape`` says what an item must be."""
    if not isinstance(values, list) or not (values or empty):
        at.add(f"应为非空列表（每项{shape}）。")
        return []
    result = []
    for index, item in enumerate(values):
        if plain and isinstance(item, str):
            item = {plain: item}
        if not isinstance(item, dict):
            at.child(index).add(f"应为映射（{shape}）。")
            continue
        result.append((index, record.read(item, at.child(index))))
    return result


def read(text: str, rel: str, reader: Callable[[At], T]) -> T:
    """``reader`` over the document of ``text``: its result, or :class:`SchemaError`
    listing every problem with its line and column."""
    try:
        data = yamlutil.load_data(text)
    except yamlutil.YamlSyntaxError:
        data = _located(text, rel).data  # raises with the line
    issues: list[Issue] = []
    result = reader(At(yamlutil.Located(data), issues))
    if any(issue.severity == "error" for issue in issues):
        issues = []
        reader(At(_located(text, rel), issues))
        raise_errors(rel, issues)
    return result


def _located(text: str, rel: str) -> yamlutil.Located:
    try:
        return yamlutil.load(text)
    except yamlutil.YamlSyntaxError as exc:
        raise ConfigError(f"{rel}:{exc.line}: YAML 语法错误：{exc.problem}") from None
