"""A :class:`Record`: a YAML mapping's fields declared once, read in one pass into a dict.

Unknown keys are an error, a warning or ignored (``unknown``), keys written twice are
reported by :func:`duplicates`, and :func:`read_document` runs a record over a whole loaded
file. What the record cannot say alone (one field against another, against other records)
the caller checks with ``At.add`` at the field's place, in the same style.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pipeline.schema.at import At, field_name
from pipeline.schema.fields import Field
from pipeline.schema.issues import Issue
from pipeline.yamlutil import Located


class Record:
    """``fields`` in the order they are read (and listed in messages); ``owner`` names the
    record in its messages (``账号「wechat」的``) from its mapping, or "" when it cannot."""

    def __init__(
        self,
        fields: Mapping[str, Field],
        *,
        unknown: str = "error",
        unknown_rule: str = "field-unknown",
        unknown_problem: str = "",
        owner: Callable[[Mapping[Any, Any]], str] | None = None,
    ) -> None:
        assert unknown in ("error", "warning", "ignore"), unknown
        self.fields = dict(fields)
        self.unknown = unknown
        self.unknown_rule = unknown_rule
        self.unknown_problem = unknown_problem
        self.owner = owner

    def known(self) -> str:
        return "、".join(self.fields)

    def read(self, mapping: Mapping[Any, Any], at: At) -> dict[str, Any]:
        """Every declared field's value (its default when missing or wrong)."""
        owner = self.owner(mapping) if self.owner is not None else ""
        if owner:  # else the field names start at the document: "accounts 第 2 项的 id"
            at = at.owned(owner)
        self.check_unknown(mapping, at)
        return {key: field.take(mapping, key, at) for key, field in self.fields.items()}

    def check_unknown(self, mapping: Mapping[Any, Any], at: At) -> None:
        if self.unknown == "ignore":
            return
        problem = self.unknown_problem or f"未知（拼写错误？可用字段：{self.known()}）。"
        for key in mapping:
            if key not in self.fields:
                at.child(key).add(problem, rule=self.unknown_rule, severity=self.unknown, value=key)


def duplicates(loc: Located, *, rule: str = "field-duplicate") -> list[Issue]:
    """Keys written twice in one mapping: YAML keeps the last, silently; here each is an
    error at the second one."""
    return [
        Issue(
            line,
            column,
            field_name(path),
            "",
            "重复出现（只能写一次）。",
            rule=rule,
            value=str(path[-1]),
        )
        for path, line, column in loc.duplicate_at
    ]


def read_document(
    record: Record, loc: Located, *, issues: list[Issue] | None = None
) -> tuple[dict[str, Any], list[Issue]]:
    """``record`` over the top-level mapping of ``loc`` (the caller made sure it is one):
    (the values, every issue found, duplicates first)."""
    found = duplicates(loc) if issues is None else issues
    values = record.read(loc.data, At(loc, found))
    return values, found
