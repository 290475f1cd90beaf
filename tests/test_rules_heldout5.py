"""Issue 12: the fifth held-out set is well formed and the benchmark reads it.

The set was written blind (tests/data/heldout5/README.md). Its figures are measured once, by
``benchmarks/rules_heldout3.py --set heldout5``; no test asserts them and no test prints them,
so nothing is ever tuned against it. This file checks the schema only."""

from __future__ import annotations

from collections import Counter

import yaml

from benchmarks.rules_heldout3 import HELD_OUT_SETS, HELDOUT5, LEVELS, content
from benchmarks.rules_quality import load_cases
from pipeline.rules.semantic.items import LABELS, rule_id

LEXICAL_ITEMS = {f"A9-{n:02d}" for n in range(1, 14)} | {"A16-01", "A17"}
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def item_of(rules: list[str]) -> str:
    """The item a case is filed under: ``A9-NN``, ``A16-01`` or ``A17`` (any of its rules)."""
    first = rules[0]
    return "A17" if first.startswith("A17-") else first


def test_fifth_held_out_set_is_registered_with_the_benchmark() -> None:
    assert HELD_OUT_SETS["heldout5"] == HELDOUT5
    assert (HELDOUT5 / "README.md").is_file()


def test_fifth_held_out_set_has_the_sizes_and_fields_of_the_brief() -> None:
    legit, violations = load_cases(HELDOUT5)
    assert len(violations) >= 150 and len(legit) >= 120
    assert all(set(c) == {"id", "title", "rules", "level", "text"} for c in violations)
    assert all(set(c) == {"id", "title", "text"} for c in legit)
    assert all(c["id"].startswith("H5V") for c in violations)
    assert all(c["id"].startswith("H5L") for c in legit)
    ids = [c["id"] for c in legit + violations]
    assert len(ids) == len(set(ids))
    for case in legit + violations:
        assert isinstance(case["title"], str) and case["title"].strip(), case["id"]
        assert isinstance(case["text"], str) and case["text"].strip(), case["id"]


def test_fifth_held_out_set_covers_every_item_level_and_kind() -> None:
    _legit, violations = load_cases(HELDOUT5)
    levels = Counter(c["level"] for c in violations)
    assert set(levels) == set(LEVELS)
    assert all(levels[level] >= len(violations) // 4 for level in LEVELS), levels
    assert {item_of(c["rules"]) for c in violations} == LEXICAL_ITEMS
    semantic = {r for c in violations for r in c["rules"] if r.startswith("S")}
    assert semantic == {rule_id(label) for label in LABELS}
    for case in violations:
        rules = case["rules"]
        assert all(content(r) for r in rules), case["id"]
        if rules[0].startswith("A9-"):
            assert rules == [rules[0], "S" + rules[0][1:]], case["id"]
        elif rules[0].startswith("A16-"):
            assert rules == ["A16-01", "A16-02", "S16"], case["id"]
        else:
            assert len(rules) == 1 and rules[0].startswith("A17-"), case["id"]


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
    data = HELDOUT5.parent
    others: set[str] = set()
    for path in sorted(data.glob("*/*.yml")):
        if path.parent != HELDOUT5:
            cases = yaml.safe_load(path.read_text(encoding="utf-8"))
            others |= {normal(c["text"]) for c in cases}
    legit, violations = load_cases(HELDOUT5)
    texts = [normal(c["text"]) for c in legit + violations]
    assert len(texts) == len(set(texts))
    # Only this set's ids are reported, so a failure never shows another set's text.
    shared = [c["id"] for c in legit + violations if normal(c["text"]) in others]
    assert not shared, shared


def normal(text: str) -> str:
    return "".join(text.split())
