"""The fields every rule file shares, declared once on the schema layer (:mod:`pipeline.schema`).

A rule file is YAML: a few file-level fields and ``rules:``, a list of rules, each with::

    id: A9-11                 # the rule the finding is reported under (article and item)
    article: 第九条第（十一）项  # optional; must be the article of the id when given
    name: resident-id         # unique within the file
    level: error              # error | warning (default error)
    message: 疑似公开了……      # what the finding says
    note: …                   # optional, for people reading the file

plus the fields of its kind (:mod:`.pattern`, :mod:`.sequence`, :mod:`.combination`), each a
typed field (:mod:`.fields`). A wrong file is refused with a
:class:`~pipeline.schema.SchemaError` listing every problem as ``file:line:column: 字段 …``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.findings import Severity
from pipeline.schema import At, Choice, Field, Issue, Line, Record, duplicates, raise_errors

_ITEMS = "一二三四五六七八九十"
ARTICLES = {
    **{f"A9-{n:02d}": f"第九条第（{c}）项" for n, c in enumerate(_ITEMS, 1)},
    "A9-11": "第九条第（十一）项",
    "A9-12": "第九条第（十二）项",
    "A9-13": "第九条第（十三）项",
    "A10-01": "第十条",
    "A10-02": "第十条",
    "A10-03": "第十条",
    "A10-04": "第十条",
    "A16-01": "第十六条",
    "A16-02": "第十六条",
    "A17-01": "第十七条",
    "A17-02": "第十七条",
    "A17-03": "第十七条",
}


def _known_rule(value: str) -> str | None:
    return None if value in ARTICLES else f"「{value}」未知。"


# Each text is shown as written (``govmedia check``, the server's refusals), one line: a
# control character, a line break or a bidi control is refused (``schema.Line``).
HEAD: dict[str, Field] = {
    "id": Line("规则编号", required=True, scalars=True, check=_known_rule),
    "article": Line("条款"),
    "name": Line("名称", required=True, scalars=True),
    "level": Choice("级别", values=("error", "warning"), default="error"),
    "message": Line("提示", required=True),
    "note": Line("说明"),
}
# The file-level fields every kind has (``rules`` is read rule by rule).
FILE: dict[str, Field] = {"kind": Field("种类"), "rules": Field("规则")}


@dataclass(frozen=True, repr=False)
class Head:
    """The shared fields of one rule."""

    rule: str
    article: str
    name: str
    level: Severity
    message: str

    @classmethod
    def of(cls, values: dict[str, Any]) -> Head:
        rule = values["id"]
        return cls(rule, ARTICLES[rule], values["name"], values["level"], values["message"])


class Doc:
    """One rule file being read: its located data, the issues found so far and whether it
    is the unit's (its regular expressions come from the branch under review)."""

    def __init__(self, text: str, rel: str, *, unit: bool) -> None:
        try:
            self.loc = yamlutil.load(text)
        except yamlutil.YamlSyntaxError as exc:
            raise ConfigError(
                f"{rel}:{exc.line}:{exc.column}: YAML 语法错误：{exc.problem}。"
            ) from None
        self.rel = rel
        self.unit = unit
        self.issues: list[Issue] = duplicates(self.loc)
        data = self.loc.data
        if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
            self.at().add("应为映射，含「rules:」规则列表。", name="")
            self.done()
        self.data: dict[str, Any] = data

    def at(self, *path: object) -> At:
        return At(self.loc, self.issues, path)

    def done(self) -> None:
        """Raise every error found so far (:class:`~pipeline.schema.SchemaError`)."""
        raise_errors(self.rel, self.issues)


def rules(doc: Doc, fields: dict[str, Field]) -> list[tuple[int, dict[str, Any]]]:
    """Each rule of the file as (index, values), read with the shared fields and ``fields``
    (the kind's); an article that is not the id's and a name used twice are reported too."""
    record = Record({**HEAD, **fields})
    result: list[tuple[int, dict[str, Any]]] = []
    names: set[str] = set()
    for index, item in enumerate(doc.data["rules"]):
        at = doc.at("rules", index)
        if not isinstance(item, dict):
            at.add(f"应为映射（{record.known()}）。")
            continue
        values = record.read(item, at)
        rule, article = values["id"], values["article"]
        if rule in ARTICLES and article is not None and article != ARTICLES[rule]:
            at.child("article").add(
                f"「{article}」与规则编号 {rule} 不符（应为{ARTICLES[rule]}）。", label="条款"
            )
        if values["name"] in names:
            at.child("name").add(
                f"「{values['name']}」与前面的规则重复。", label="名称", rule="field-duplicate"
            )
        names.add(values["name"])
        result.append((index, values))
    return result
