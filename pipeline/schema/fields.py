"""Typed field declarations, in the style of mkdocs' ``config_options``: each field converts
and checks one YAML value, raising :class:`Invalid` with a Chinese sentence.

A field is declared once with its Chinese name, whether it is required, its default and an
optional ``check`` (a custom validator returning a problem or ``None``). :class:`Record`
(``record.py``) reads a mapping with them and turns every ``Invalid`` into an issue at the
field's line and column. Nested fields (lists, mappings, records) report their items' issues
themselves, so one bad item never hides the others.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from pipeline.content_limits import BIDI_CONTROLS, BIDI_MARKS
from pipeline.schema.at import At, Invalid

if TYPE_CHECKING:
    from pipeline.schema.record import Record

Check = Callable[[Any], "str | None"]


def shown(value: object) -> str:
    """A value as a message quotes it."""
    return "空值" if value is None else f"「{value}」"


class Field:
    """One value: ``read`` converts it (``convert``) then applies ``check``."""

    rule = "field-type"

    def __init__(
        self,
        label: str = "",
        *,
        required: bool = False,
        default: Any = None,
        check: Check | None = None,
        rule: str = "",
        missing_rule: str = "field-required",
        missing: str = "",
    ) -> None:
        self.label = label
        self.required = required
        self.default = default
        self.check = check
        self.rule = rule or type(self).rule
        self.missing_rule = missing_rule
        self.missing = missing or "必填，但没有填写。"

    def read(self, value: object, at: At) -> Any:
        converted = self.convert(value, at)
        if self.check is not None and converted is not None:
            problem = self.check(converted)
            if problem:
                raise Invalid(problem)
        return converted

    def convert(self, value: object, at: At) -> Any:
        return value

    def take(self, mapping: Mapping[Any, Any], key: str, at: At) -> Any:
        """The field ``key`` of ``mapping`` (``at`` is the mapping): its value, or its default
        once the issue (missing, wrong) is recorded."""
        here = at.child(key)
        value = mapping.get(key)
        if value is None:
            if self.required:
                here.add(self.missing, label=self.label, rule=self.missing_rule)
            return self.default
        try:
            return self.read(value, here)
        except Invalid as exc:
            here.add(exc.problem, label=self.label, rule=exc.rule or self.rule, value=value)
            return self.default


class Text(Field):
    """Non-empty text, stripped. ``scalars`` also takes numbers (written as text);
    ``blank``: an empty text counts as not written (the default, or missing when
    required); ``pattern`` (full match) with ``hint`` says what the text must look like."""

    def __init__(
        self,
        label: str = "",
        *,
        scalars: bool = False,
        blank: bool = False,
        pattern: re.Pattern[str] | None = None,
        hint: str = "",
        **options: Any,
    ) -> None:
        super().__init__(label, **options)
        self.scalars = scalars
        self.blank = blank
        self.pattern = pattern
        self.hint = hint

    def take(self, mapping: Mapping[Any, Any], key: str, at: At) -> Any:
        value = mapping.get(key)
        if self.blank and isinstance(value, str) and not value.strip():
            return super().take({}, key, at)
        return super().take(mapping, key, at)

    def convert(self, value: object, at: At) -> str:
        if self.scalars and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and not value.strip():
            raise Invalid("不能为空。")
        if not isinstance(value, str):
            raise Invalid(self.hint if self.pattern else f"应为文本，实际为{shown(value)}。")
        text = value.strip()
        if self.pattern is not None and not self.pattern.fullmatch(text):
            raise Invalid(self.hint or f"格式不对：{shown(text)}。")
        return text


# What a terminal obeys or a page turns around rather than shows: C0 and C1 controls (the
# tab and line ends among them), line and paragraph separators, bidi controls and marks.
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS | BIDI_MARKS)) + "]"
)


def line_problem(text: str) -> str | None:
    """Why ``text`` cannot be shown as one line as written (the sentence after the field's
    name), or None: YAML's double-quoted escapes (``"\\e[2K"``, ``"\\u202e"``, ``"\\t"``)
    write any character, visibly only in the file's diff."""
    found = _UNSHOWABLE.search(text)
    if found is None:
        return None
    return (
        f"含有控制字符或文字方向控制字符 U+{ord(found.group()):04X}，终端、报告和页面"
        "显示的会与所写的不同，请删除。"
    )


class Line(Text):
    """A text of a unit file shown as one line as written (names, emails, messages, terms):
    it reaches terminals, the server's refusals, reports and pages, so a control character,
    a line break or a bidi control is refused with its file, line and field."""

    def convert(self, value: object, at: At) -> str:
        text = super().convert(value, at)
        problem = line_problem(text)
        if problem is not None:
            raise Invalid(problem)
        return text


class Integer(Field):
    def __init__(self, label: str = "", *, minimum: int | None = None, **options: Any) -> None:
        super().__init__(label, **options)
        self.minimum = minimum

    def convert(self, value: object, at: At) -> int:
        low = self.minimum
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or (low is not None and value < low)
        ):
            wanted = "非负整数" if low == 0 else ("整数" if low is None else f"不小于 {low} 的整数")
            raise Invalid(f"应为{wanted}，实际为{shown(value)}。")
        return value


class Boolean(Field):
    def __init__(self, label: str = "", *, hint: str = "", **options: Any) -> None:
        super().__init__(label, **options)
        self.hint = hint or "true 或 false"

    def convert(self, value: object, at: At) -> bool:
        if not isinstance(value, bool):
            raise Invalid(f"应为 {self.hint}，实际为{shown(value)}。")
        return value


def parse_day(value: object, *, datetimes: bool = False) -> dt.date | None:
    """A date written ``YYYY-MM-DD`` (kept as text by the loader); with ``datetimes`` an ISO
    date-time counts too (its date). None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date() if datetimes else None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    if not datetimes:
        return None
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


class Date(Field):
    """A calendar day ``YYYY-MM-DD`` (``datetimes``: a date-time's day is taken too)."""

    def __init__(self, label: str = "", *, datetimes: bool = False, **options: Any) -> None:
        super().__init__(label, **options)
        self.datetimes = datetimes

    def convert(self, value: object, at: At) -> dt.date:
        day = parse_day(value, datetimes=self.datetimes)
        if day is None:
            raise Invalid(f"不是有效日期（应为 YYYY-MM-DD）：{shown(value)}。")
        return day


class Choice(Field):
    """One of ``values`` (``names`` gives each one's Chinese name for the message)."""

    def __init__(
        self,
        label: str = "",
        *,
        values: tuple[Any, ...],
        names: Mapping[Any, str] | None = None,
        **options: Any,
    ) -> None:
        super().__init__(label, **options)
        self.values = values
        self.names = names or {}

    def choices(self) -> str:
        return " / ".join(
            f"{v}（{self.names[v]}）" if v in self.names else str(v) for v in self.values
        )

    def convert(self, value: object, at: At) -> Any:
        if isinstance(value, bool) or value not in self.values:
            raise Invalid(f"应为 {self.choices()} 之一，实际为{shown(value)}。")
        return value


class ListOf(Field):
    """A list of ``item`` values; an item that fails is reported at its own line and left
    out (``holes``: kept as ``None``, so the values keep the file's indices). ``nonempty``: an
    empty list is wrong too; ``example`` shows a list in the message when a single value was
    written."""

    def __init__(
        self,
        item: Field,
        label: str = "",
        *,
        nonempty: bool = False,
        unique: bool = False,
        holes: bool = False,
        example: str = "",
        **options: Any,
    ) -> None:
        super().__init__(label, **options)
        self.item = item
        self.nonempty = nonempty
        self.unique = unique
        self.holes = holes
        self.example = example

    def convert(self, value: object, at: At) -> list[Any]:
        if not isinstance(value, list):
            example = f"，例如 {self.example.format(value=value)}" if self.example else ""
            raise Invalid(f"应为列表{example}。")
        if self.nonempty and not value:
            raise Invalid("不能为空列表。", rule="field-required")
        items: list[Any] = []
        for index, raw in enumerate(value):
            here = at.child(index)
            try:
                if raw is None:
                    raise Invalid(f"应为{self.item.label or '一项'}，实际为空值。")
                items.append(self.item.read(raw, here))
            except Invalid as exc:
                here.add(exc.problem, rule=exc.rule or self.item.rule, value=raw)
                if self.holes:
                    items.append(None)
        if self.unique and len(set(map(str, items))) != len(items):
            raise Invalid("中有重复的项。", rule="field-duplicate")
        return items


class MappingOf(Field):
    """A mapping whose keys pass ``key`` and values pass ``value``."""

    def __init__(self, key: Field, value: Field, label: str = "", **options: Any) -> None:
        super().__init__(label, **options)
        self.key = key
        self.value = value

    def convert(self, value: object, at: At) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise Invalid("应为映射（「键: 值」）。")
        result: dict[Any, Any] = {}
        for raw_key, raw_value in value.items():
            here = at.child(str(raw_key))
            try:
                key = self.key.read(raw_key, here)
                result[key] = self.value.read(raw_value, here)
            except Invalid as exc:
                here.add(exc.problem, label=self.label, rule=exc.rule or self.rule, value=raw_key)
        return result


class Nested(Field):
    """A mapping read with its own :class:`Record` (fields, unknown keys, owner)."""

    def __init__(self, record: Record, label: str = "", **options: Any) -> None:
        super().__init__(label, **options)
        self.record = record

    def convert(self, value: object, at: At) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise Invalid(f"应为映射（{'、'.join(self.record.fields)}）。")
        return self.record.read(value, at)
