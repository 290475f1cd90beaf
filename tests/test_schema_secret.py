"""The schema layer's ``Secret`` field: read like text, never quoted nor kept when wrong."""

from __future__ import annotations

import pytest

from pipeline import yamlutil
from pipeline.schema import Record, read_document
from pipeline.schema.secret import Secret

KEY = "k-THROWAWAY-0123"


def problems(text: str) -> tuple[dict[str, object], list[str], list[str]]:
    record = Record(
        {"token": Secret("令牌", check=lambda v: None if v.startswith("k-") else "格式不对。")}
    )
    values, issues = read_document(record, yamlutil.load(text))
    return values, [i.sentence() for i in issues], [i.value for i in issues]


def test_text_and_numbers_are_read_blank_is_unset() -> None:
    assert problems(f"token: {KEY}\n")[0] == {"token": KEY}
    assert problems("token: ''\n")[0] == {"token": None}
    assert problems("token: 1234\n")[1] == ["字段 token（令牌）格式不对。"]


@pytest.mark.parametrize(
    "text", [f"token: [{KEY}]\n", f"token: {{a: {KEY}}}\n", "token: true\n", f"token: x{KEY}\n"]
)
def test_a_wrong_value_is_neither_quoted_nor_kept(text: str) -> None:
    values, sentences, kept = problems(text)
    assert values == {"token": None} and len(sentences) == 1
    assert sentences[0].startswith("字段 token（令牌）")
    assert KEY not in sentences[0] and "true" not in sentences[0] and kept == [""]
