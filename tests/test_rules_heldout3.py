"""Issue 12: the third held-out set is well formed and the benchmark reads it.

Its figures are measured once by benchmarks/rules_heldout3.py and reported in
docs/dev/rules-figures.md; no test asserts them, so nothing is ever tuned against it."""

from __future__ import annotations

from benchmarks.rules_heldout3 import HELDOUT3, LEVELS, content
from benchmarks.rules_quality import load_cases
from pipeline.rules.semantic.items import LABELS, rule_id


def test_third_held_out_set_covers_every_item_level_and_kind() -> None:
    legit, violations = load_cases(HELDOUT3)
    assert len(violations) >= 120 and len(legit) >= 40
    ids = [c["id"] for c in legit + violations]
    assert len(ids) == len(set(ids))
    assert {c["level"] for c in violations} == set(LEVELS)
    assert sum(c["level"] == "meaning" for c in violations) >= 30
    semantic = {r for c in violations for r in c["rules"] if r.startswith("S")}
    assert semantic == {rule_id(label) for label in LABELS}
    for case in violations:
        assert any(r.startswith("S") for r in case["rules"]), case["id"]
        assert all(content(r) for r in case["rules"]), case["id"]
