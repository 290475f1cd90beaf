"""The fields every rule file shares, checked once for every kind.

A rule file is YAML: a few file-level fields and ``rules:``, a list of rules, each with::

    id: A9-11                 # the rule the finding is reported under (article and item)
    article: 第九条第（十一）项  # optional; must be the article of the id when given
    name: resident-id         # unique within the file
    level: error              # error | warning (default error)
    message: 疑似公开了……      # what the finding says
    note: …                   # optional, for people reading the file

plus the fields of its kind (:mod:`.pattern`, :mod:`.sequence`, :mod:`.combination`). A
wrong file is refused with a :class:`ConfigError` naming the file, the line (the unit's
files; the package's files skip the line lookup, which is slower) and the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.findings import Severity
from pipeline.schema import Issue, SchemaError, field_name

_ITEMS = "一二三四五六七八九十"
ARTICLES = {
    **{f"A9-{n:02d}": f"第九条第（{c}）项" for n, c in enumerate(_ITEMS, 1)},
    "A9-11": "第九条第（十一）项",
    "A9-12": "第九条第（十二）项",
    "A9-13": "第九条第（十三）项",
    "A10-01": "第十条",
    "A10-02": "第十条",
    "A10-03": "第十条",
    "A16-01": "第十六条",
    "A16-02": "第十六条",
    "A17-01": "第十七条",
    "A17-02": "第十七条",
    "A17-03": "第十七条",
}
HEAD_KEYS = frozenset({"id", "article", "name", "level", "message", "note"})


@dataclass(frozen=True)
class Head:
    """The shared fields of one rule."""

    rule: str
    article: str
    name: str
    level: Severity
    message: str


class Place:
    """Where a value sits in a rule file: ``rel:line`` for messages."""

    def __init__(self, rel: str, located: yamlutil.Located | None) -> None:
        self.rel = rel
        self._located = located

    @property
    def unit(self) -> bool:
        """A file of the unit (read with its lines), not one of the package's."""
        return self._located is not None

    def refuse(self, problem: str, *path: object, label: str = "", rule: str = "") -> None:
        """Raise the schema layer's error for the field at ``path``: ``file:line:column:
        字段 rules 第 1 项的 pattern（正则表达式）……``."""
        located = self._located
        issue = Issue(
            line=located.line(*path) if located else 1,
            column=located.column(*path) if located else 1,
            field=field_name(path),
            label=label,
            problem=problem,
            rule=rule or "field-type",
        )
        raise SchemaError(self.rel, [issue])

    def at(self, *path: object) -> str:
        if self._located is None:
            return self.rel
        return f"{self.rel}:{self._located.line(*path)}"

    def item(self, index: int, key: str | None = None) -> str:
        """``rel:line: rules 第 N 项`` for a rule or one of its fields."""
        path = ("rules", index) if key is None else ("rules", index, key)
        return f"{self.at(*path)}: rules 第 {index + 1} 项"


def read(text: str, rel: str, *, with_lines: bool) -> tuple[dict[str, Any], Place]:
    """The top-level mapping of a rule file (it must hold ``rules:``) and its places."""
    try:
        if with_lines:
            located = yamlutil.load(text)
            data: Any = located.data
        else:
            located, data = None, yamlutil.load_data(text)
    except yamlutil.YamlSyntaxError as exc:
        raise ConfigError(f"{rel}:{exc.line}: YAML 语法错误：{exc.problem}。") from None
    place = Place(rel, located)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(f"{place.at()}: 应为「rules:」列表。")
    return data, place


def unknown_keys(mapping: dict[Any, Any], allowed: frozenset[str], where: str) -> None:
    unknown = set(mapping) - allowed
    if unknown:
        raise ConfigError(f"{where}: 未知字段 {'、'.join(sorted(map(str, unknown)))}。")


def heads(
    data: dict[str, Any], place: Place, keys: frozenset[str], shape: str
) -> list[tuple[int, dict[str, Any], Head]]:
    """Each rule of the file as (index, mapping, shared fields), checked; ``keys``: the
    fields of the kind besides the shared ones, ``shape``: the fields named when a rule is
    not a mapping."""
    result: list[tuple[int, dict[str, Any], Head]] = []
    names: set[str] = set()
    for index, item in enumerate(data["rules"]):
        if not isinstance(item, dict):
            raise ConfigError(f"{place.item(index)}: 应为映射（{shape}）。")
        unknown_keys(item, HEAD_KEYS | keys, place.item(index))
        head = _head(item, index, place)
        if head.name in names:
            raise ConfigError(
                f"{place.item(index, 'name')}: 字段 name「{head.name}」与前面的规则重复。"
            )
        names.add(head.name)
        result.append((index, item, head))
    return result


def _head(item: dict[str, Any], index: int, place: Place) -> Head:
    rule = item.get("id")
    if rule not in ARTICLES:
        raise ConfigError(f"{place.item(index, 'id')}: 字段 id 的规则编号「{rule}」未知。")
    article = item.get("article", ARTICLES[rule])
    if article != ARTICLES[rule]:
        raise ConfigError(
            f"{place.item(index, 'article')}: 字段 article「{article}」与规则编号 {rule} "
            f"不符（应为{ARTICLES[rule]}）。"
        )
    level = item.get("level", "error")
    if level not in ("error", "warning"):
        raise ConfigError(f"{place.item(index, 'level')}: 字段 level 只能是 error 或 warning。")
    for key in ("name", "message"):
        text(item, key, place.item(index))
    return Head(rule, article, item["name"].strip(), level, item["message"].strip())


def text(item: dict[str, Any], key: str, where: str) -> str:
    """A required non-empty text field."""
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: 缺少字段 {key} 或它不是文本。")
    return value.strip()


def words(value: Any, where: str, key: Callable[[str], str] = str.strip) -> tuple[str, ...]:
    """A non-empty list of words, each made into its matching form by ``key``."""
    if not isinstance(value, list) or not value:
        raise ConfigError(f"{where}: 应为非空的词语列表。")
    result = []
    for item in value:
        if not isinstance(item, str | int) or not str(item).strip():
            raise ConfigError(f"{where}: 词语「{item}」不是非空文本。")
        word = key(str(item).strip())
        if not word:
            raise ConfigError(f"{where}: 词语「{item}」规范化后为空（只有标点或空白）。")
        result.append(word)
    return tuple(result)


def integer(item: dict[str, Any], key: str, where: str, low: int, high: int, unit: str) -> int:
    value = item.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ConfigError(f"{where}: 字段 {key} 应为 {low} 到 {high} 之间的整数（{unit}）。")
    return value


def flag(data: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: 字段 {key} 只能是 true 或 false。")
    return value
