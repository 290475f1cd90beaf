"""Issue 12: the second held-out set and the held-out half of the public corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.rules_fresh import HELDOUT2, fresh_set, gov_half
from benchmarks.rules_quality import load_cases
from pipeline.rules import RuleChecker
from pipeline.rules.corpus import body_of, half_of, pieces_of


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def test_halves_are_fixed_by_name_and_pieces_are_post_sized() -> None:
    assert half_of("a.md") == half_of("a.md")
    assert {half_of(f"{i}.md") for i in range(20)} == {"tuning", "held-out"}
    assert body_of("---\ntitle: x\n---\n\n正文") == "正文"
    pieces = pieces_of("\n\n".join(["段落" * 200] * 5))
    assert len(pieces) == 3 and all(len(p) <= 1000 for p in pieces)


def test_second_held_out_set_covers_the_new_evasions() -> None:
    legit, violations = load_cases(HELDOUT2)
    assert len(legit) >= 20 and len(violations) >= 30
    ids = [c["id"] for c in legit + violations]
    assert len(ids) == len(set(ids))


def test_second_held_out_set_meets_the_issue_targets(checker: RuleChecker) -> None:
    figures = fresh_set(checker)
    assert figures["recall_any"] >= 0.90
    assert figures["recall_error"] >= 0.75
    assert figures["legit_any"] <= 0.08
    assert figures["legit_blocked"] <= 0.01


def test_government_corpus_false_positive_targets(corpus: Path, checker: RuleChecker) -> None:
    for half in ("tuning", "held-out"):
        figures = gov_half(checker, corpus.parent, half)
        assert figures is not None
        assert figures["any"] <= 0.08, half
        assert figures["blocked"] <= 0.01, half
