"""Issue 12: the fourth held-out set is well formed and the benchmark reads it.

The set was written blind (tests/data/heldout4/README.md). Its figures are measured once, by
``benchmarks/rules_heldout3.py --set heldout4``; no test asserts them and no test prints them,
so nothing is ever tuned against it. This file checks the schema only."""

from __future__ import annotations

from benchmarks.rules_heldout3 import HELD_OUT_SETS, HELDOUT4, LEVELS
from benchmarks.rules_quality import load_cases
from tests.heldout_support import (
    assert_items_and_rules,
    assert_sizes_and_fields,
    normal,
    other_texts,
)


def test_fourth_held_out_set_is_registered_with_the_benchmark() -> None:
    assert HELD_OUT_SETS["heldout4"] == HELDOUT4
    assert (HELDOUT4 / "README.md").is_file()


def test_fourth_held_out_set_has_the_sizes_and_fields_of_the_brief() -> None:
    assert_sizes_and_fields(HELDOUT4, "H4")


def test_fourth_held_out_set_covers_every_item_level_and_kind() -> None:
    _legit, violations = load_cases(HELDOUT4)
    assert {c["level"] for c in violations} == set(LEVELS)
    assert sum(c["level"] == "meaning" for c in violations) >= 40
    assert_items_and_rules(violations)


def test_fourth_held_out_set_shares_no_text_with_the_earlier_sets() -> None:
    earlier = other_texts(HELDOUT4)
    legit, violations = load_cases(HELDOUT4)
    texts = [normal(c["text"]) for c in legit + violations]
    assert len(texts) == len(set(texts))
    assert not set(texts) & earlier
