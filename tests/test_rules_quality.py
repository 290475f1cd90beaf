"""Quality bar of the content rules (not speed): the labelled and held-out sets, and the
public corpus."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from benchmarks.rules_quality import (
    FPR_TARGET,
    HELDOUT,
    RECALL_TARGET,
    evaluate,
    load_all,
    load_cases,
)
from pipeline.rules import RuleChecker

ITEMS = {f"A9-{i:02d}" for i in range(1, 14)}
ANY_FINDING_TARGET = 0.08  # issue 12: legitimate texts with any finding


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def test_labelled_set_is_large_balanced_and_covers_every_item() -> None:
    legit, violations = load_cases()
    assert len(legit) + len(violations) >= 150
    assert abs(len(legit) - len(violations)) <= 0.2 * len(violations)
    assert sum(bool(v.get("obfuscated")) for v in violations) * 3 >= len(violations)
    covered = Counter(rule for v in violations for rule in v["rules"])
    assert set(covered) >= ITEMS
    assert any(r.startswith("A11-") for r in covered) and any(r.startswith("A16-") for r in covered)
    ids = [c["id"] for c in legit + violations]
    assert len(ids) == len(set(ids))


def test_held_out_set_is_large_and_balanced() -> None:
    """Written without looking at the lexicons; never tuned against case by case."""
    legit, violations = load_cases(HELDOUT)
    assert len(legit) >= 40 and len(violations) >= 40
    assert sum(bool(v.get("obfuscated")) for v in violations) * 3 >= len(violations)
    covered = {rule for v in violations for rule in v["rules"]}
    assert covered >= ITEMS | {"A11-01", "A16-01", "A17-01", "A17-02", "A17-03"}
    legit_all, violations_all = load_all()
    ids = [c["id"] for c in legit_all + violations_all]
    assert len(ids) == len(set(ids))


def test_recall_and_false_positive_rate_meet_the_bar(checker: RuleChecker) -> None:
    """Over the labelled and the held-out sets together."""
    result = evaluate(checker)
    assert result.violations == len(load_all()[1])
    assert result.recall >= RECALL_TARGET, result.missed
    # The lexical rules (A…) keep their own bar; the semantic layer's findings (S…) are
    # warnings for reviewers and count against the bar for any finding (8 %).
    lexical = [fp for fp in result.false_positives if re.search(r"(^|; |: )A\d", fp)]
    assert len(lexical) / result.legit <= FPR_TARGET, lexical
    assert result.fpr <= ANY_FINDING_TARGET, result.false_positives


def test_public_government_texts_raise_no_error(corpus, checker: RuleChecker) -> None:
    """Every body in ../shared/corpus/gov/: warnings are fine, errors would be wrong."""
    texts = sorted((corpus / "gov").rglob("*.md"))
    assert len(texts) > 100
    errors = []
    for path in texts:
        text = path.read_text(encoding="utf-8")
        m = re.match(r"---\n.*?\n---\n", text, re.DOTALL)
        body = text[m.end() :] if m else text
        for d in checker.check_text(body):
            if d.severity == "error":
                errors.append(f"{path.name}: {d.rule}「{body[d.start : d.end]}」")
    assert errors == []
