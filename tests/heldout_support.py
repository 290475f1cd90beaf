"""Checks shared by the held-out set tests (tests/test_rules_heldout4.py, …5.py): the fields
and ids of a set, the rules each violation is filed under, and the texts of the other sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from benchmarks.rules_heldout3 import content
from benchmarks.rules_quality import load_cases
from pipeline.rules.semantic.items import LABELS, rule_id

LEXICAL_ITEMS = {f"A9-{n:02d}" for n in range(1, 14)} | {"A16-01", "A17"}

Case = dict[str, Any]


def item_of(rules: list[str]) -> str:
    """The item a case is filed under: ``A9-NN``, ``A16-01`` or ``A17`` (any of its rules)."""
    first = rules[0]
    return "A17" if first.startswith("A17-") else first


def normal(text: str) -> str:
    return "".join(text.split())


def assert_sizes_and_fields(folder: Path, prefix: str, min_legit: int = 120) -> None:
    """At least 150 violations and ``min_legit`` legitimate cases, each with exactly the
    brief's fields, ids ``<prefix>V…`` / ``<prefix>L…`` used once, a title and a text."""
    legit, violations = load_cases(folder)
    assert len(violations) >= 150 and len(legit) >= min_legit
    assert all(set(c) == {"id", "title", "rules", "level", "text"} for c in violations)
    assert all(set(c) == {"id", "title", "text"} for c in legit)
    assert all(c["id"].startswith(prefix + "V") for c in violations)
    assert all(c["id"].startswith(prefix + "L") for c in legit)
    ids = [c["id"] for c in legit + violations]
    assert len(ids) == len(set(ids))
    for case in legit + violations:
        assert isinstance(case["title"], str) and case["title"].strip(), case["id"]
        assert isinstance(case["text"], str) and case["text"].strip(), case["id"]


def assert_items_and_rules(violations: list[Case]) -> None:
    """Every lexical item and semantic label is covered, and each case's rules have the shape
    of its item: ``A9-NN`` with ``S9-NN``, ``A16-01`` with ``A16-02`` and ``S16``, one ``A17-…``."""
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


def other_texts(folder: Path) -> set[str]:
    """The texts (whitespace removed) of every held-out set beside ``folder``."""
    texts: set[str] = set()
    for path in sorted(folder.parent.glob("*/*.yml")):
        if path.parent != folder:
            cases = yaml.safe_load(path.read_text(encoding="utf-8"))
            texts |= {normal(c["text"]) for c in cases}
    return texts
