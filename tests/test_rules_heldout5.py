"""Issue 12: the fifth held-out set is well formed and the benchmark reads it.

The set was written blind (tests/data/heldout5/README.md). Its figures are measured once, by
``benchmarks/rules_heldout3.py --set heldout5``; no test asserts them and no test prints them,
so nothing is ever tuned against it. This file checks the schema only."""

from __future__ import annotations

from collections import Counter

from benchmarks.rules_heldout3 import HELD_OUT_SETS, HELDOUT5, LEVELS
from benchmarks.rules_quality import load_cases
from tests.heldout_support import (
    LEXICAL_ITEMS,
    assert_items_and_rules,
    assert_sizes_and_fields,
    item_of,
    normal,
    other_texts,
)

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def test_fifth_held_out_set_is_registered_with_the_benchmark() -> None:
    assert HELD_OUT_SETS["heldout5"] == HELDOUT5
    assert (HELDOUT5 / "README.md").is_file()


def test_fifth_held_out_set_has_the_sizes_and_fields_of_the_brief() -> None:
    assert_sizes_and_fields(HELDOUT5, "H5")


def test_fifth_held_out_set_covers_every_item_level_and_kind() -> None:
    _legit, violations = load_cases(HELDOUT5)
    levels = Counter(c["level"] for c in violations)
    assert set(levels) == set(LEVELS)
    assert all(levels[level] >= len(violations) // 4 for level in LEVELS), levels
    assert_items_and_rules(violations)


def test_every_item_of_articles_nine_and_sixteen_has_all_three_levels() -> None:
    _legit, violations = load_cases(HELDOUT5)
    seen = {(item_of(c["rules"]), c["level"]) for c in violations}
    for item in LEXICAL_ITEMS - {"A17"}:
        assert {level for i, level in seen if i == item} == set(LEVELS), item


def test_zero_width_evasions_survive_the_yaml() -> None:
    _legit, violations = load_cases(HELDOUT5)
    hidden = [c for c in violations if any(ch in c["text"] for ch in ZERO_WIDTH)]
    assert len(hidden) >= 3
    assert all(c["level"] == "evasion" for c in hidden)


def test_fifth_held_out_set_shares_no_text_with_the_other_sets() -> None:
    others = other_texts(HELDOUT5)
    legit, violations = load_cases(HELDOUT5)
    texts = [normal(c["text"]) for c in legit + violations]
    assert len(texts) == len(set(texts))
    # Only this set's ids are reported, so a failure never shows another set's text.
    shared = [c["id"] for c in legit + violations if normal(c["text"]) in others]
    assert not shared, shared
