"""The schema layer: typed fields over a located YAML document, issues in one style."""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict

import pytest

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.schema import (
    At,
    Boolean,
    Choice,
    Date,
    Integer,
    Invalid,
    ListOf,
    MappingOf,
    Nested,
    Record,
    SchemaError,
    Text,
    duplicates,
    raise_errors,
    read_document,
    warnings_of,
)

CONTACT = Record(
    {"phone": Text("电话", pattern=re.compile(r"[0-9-]+"), hint="应只含数字和连字符。")},
)
PERSON = Record(
    {
        "name": Text("姓名", required=True),
        "age": Integer("年龄", minimum=0),
        "active": Boolean("在职", default=True),
        "joined": Date("入职日期"),
        "role": Choice("角色", values=("editor", "leader"), names={"editor": "责任编辑"}),
        "tags": ListOf(Text("标签"), "标签", example="[{value}]"),
        "contact": Nested(CONTACT, "联系方式"),
    },
    owner=lambda item: f"人员「{item.get('name')}」的",
)
DOC = Record(
    {
        "people": ListOf(Nested(PERSON), "人员", required=True, nonempty=True),
        "stages": MappingOf(Integer("阶段", minimum=1), ListOf(Text("角色")), "审核阶段"),
    },
    unknown="warning",
)


def read(text: str) -> tuple[dict, list]:
    return read_document(DOC, yamlutil.load(text))


def test_a_valid_document_reads_typed_values_and_defaults():
    values, issues = read(
        "people:\n"
        "  - name: 张伟\n"
        "    age: 41\n"
        "    joined: 2026-03-01\n"
        "    role: editor\n"
        "    tags: [a, b]\n"
        "    contact: {phone: 0470-1234567}\n"
        "stages:\n"
        "  1: [editor]\n"
    )
    assert issues == []
    (person,) = values["people"]
    assert person["name"] == "张伟" and person["age"] == 41 and person["active"] is True
    assert person["joined"] == dt.date(2026, 3, 1) and person["tags"] == ["a", "b"]
    assert person["contact"] == {"phone": "0470-1234567"}
    assert values["stages"] == {1: ["editor"]}


@pytest.mark.parametrize(
    ("line_text", "field", "words", "column"),
    [
        ("    age: -3", "age", ["年龄", "非负整数", "「-3」"], 5),
        ("    active: yes please", "active", ["在职", "true 或 false"], 5),
        ("    joined: 2026-13-01", "joined", ["入职日期", "YYYY-MM-DD", "2026-13-01"], 5),
        ("    role: boss", "role", ["editor（责任编辑） / leader", "「boss」"], 5),
        ("    tags: a", "tags", ["应为列表，例如 [a]"], 5),
        ("    contact: {phone: abc}", "contact.phone", ["电话", "数字和连字符"], 15),
    ],
)
def test_each_kind_names_line_column_field_and_owner(line_text, field, words, column):
    text = f"people:\n  - name: 张伟\n{line_text}\n"
    _, issues = read(text)
    (issue,) = issues
    assert (issue.line, issue.column, issue.field) == (3, column, field)
    rendered = issue.render("x.yml")
    assert rendered.startswith(f"x.yml:3:{column}: 人员「张伟」的字段 {field}"), rendered
    for word in words:
        assert word in rendered, rendered


def test_items_missing_fields_unknown_keys_and_duplicates():
    text = "people:\n  - age: 3\n  - name: 李强\n    nmae: x\npeople2: 1\nstages:\n  x: [a]\n"
    loc = yamlutil.load(text + "people2: 2\n")
    values, issues = read_document(DOC, loc)
    by_rule = {(i.rule, i.line, i.severity) for i in issues}
    assert ("field-duplicate", 8, "error") in by_rule  # people2 written twice
    assert ("field-required", 2, "error") in by_rule  # the first person has no name
    assert ("field-unknown", 4, "error") in by_rule  # PERSON refuses unknown keys
    assert ("field-unknown", 8, "warning") in by_rule  # DOC only warns (at the last people2)
    assert any(i.field == "stages.x" and "整数" in i.problem for i in issues)
    assert len(values["people"]) == 2  # a person with problems is still read, with defaults
    assert warnings_of(issues) == (
        (8, "字段 people2 未知（拼写错误？可用字段：people、stages）。"),
    )


def test_an_empty_required_list_and_a_null_item():
    _, issues = read("people: []\n")
    assert [(i.rule, i.field) for i in issues] == [("field-required", "people")]
    _, issues = read("people:\n  -\n")
    assert [(i.line, i.field) for i in issues] == [(2, "people 第 1 项")]


def test_custom_checks_may_name_their_own_rule():
    def short(text: str) -> str | None:
        if len(text) > 3:
            raise Invalid("太长。", rule="too-long")
        return "不能是 abc。" if text == "abc" else None

    record = Record({"code": Text("代码", check=short)})
    for value, rule in (("abcd", "too-long"), ("abc", "field-type")):
        issues: list = []
        record.read({"code": value}, At(yamlutil.load(f"code: {value}\n"), issues))
        assert [i.rule for i in issues] == [rule]


def test_schema_error_lists_every_error_first_line_first():
    loc = yamlutil.load("a: 1\na: 2\nb: x\n")
    issues = duplicates(loc)
    Record({"a": Integer(), "b": Integer("乙")}).read(loc.data, At(loc, issues))
    with pytest.raises(SchemaError) as info:
        raise_errors("c.yml", issues)
    assert isinstance(info.value, ConfigError)
    lines = str(info.value).splitlines()
    assert lines == [
        "c.yml:2:1: 字段 a 重复出现（只能写一次）。",
        "c.yml:3:1: 字段 b（乙）应为整数，实际为「x」。",
    ]
    assert (info.value.line, info.value.column, info.value.field) == (2, 1, "a")
    raise_errors("c.yml", [])  # nothing to raise


def test_positions_follow_aliases_and_flow_items():
    loc = yamlutil.load("base: &b {x: 1}\nother: *b\nlist: [p, q]\n")
    assert loc.line("other", "x") == 1 and loc.column("list", 1) == 11
    assert loc.column("missing", "deeper") == 1 and loc.column("list", 9) == 1


def test_the_same_text_is_parsed_once_and_each_reader_gets_its_own_copy(monkeypatch):
    calls: list[str] = []
    compose = yamlutil._compose

    def counting(text: str, line_offset: int) -> tuple:
        calls.append(text)
        return compose(text, line_offset)

    monkeypatch.setattr(yamlutil, "_compose", counting)
    monkeypatch.setattr(yamlutil, "_RECENT", OrderedDict())
    text = "tags: [a, b]\nname: 一次\n"
    first = yamlutil.load(text, line_offset=3)
    first.data["tags"].append("changed")
    second = yamlutil.load(text, line_offset=3)
    assert calls == [text]
    assert second.data == {"tags": ["a", "b"], "name": "一次"}
    assert second.line("name") == 5 and second.column("tags", 1) == 11
    yamlutil.load(text)  # another offset: other lines, parsed again
    assert len(calls) == 2
