"""A secret's field (a signing key, a token, an address that may carry one): read like text,
but its value is never quoted in a message nor kept in an issue, even when it is wrong."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from pipeline.schema.at import At, Invalid
from pipeline.schema.fields import Text
from pipeline.schema.issues import Issue

HIDDEN = "（内容不在此显示）"


class Secret(Text):
    """Text (numbers written as text count too); a blank value is unset. A ``check``'s
    problem must not quote the value either."""

    def __init__(self, label: str = "", **options: Any) -> None:
        super().__init__(label, scalars=True, blank=True, **options)

    def take(self, mapping: Mapping[Any, Any], key: str, at: At) -> Any:
        found: list[Issue] = []
        value = super().take(mapping, key, At(at.loc, found, at.path, owner=at.owner, base=at.base))
        at.issues.extend(replace(issue, value="") for issue in found)
        return value

    def convert(self, value: object, at: At) -> str:
        try:
            return super().convert(value, at)
        except Invalid:
            raise Invalid(f"应为文本{HIDDEN}。") from None
