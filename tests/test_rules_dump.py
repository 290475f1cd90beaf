"""benchmarks/rules_dump.py: case by case, and never a kept-aside set."""

from __future__ import annotations

import json

import pytest

from benchmarks import rules_dump
from benchmarks.rules_heldout3 import KEPT_ASIDE


def test_a_kept_aside_set_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    for name in sorted(KEPT_ASIDE):
        assert rules_dump.main([name]) == 2
        assert "留出待测" in capsys.readouterr().err
    assert rules_dump.main(["heldout999"]) == 2
    assert "没有名为 heldout999" in capsys.readouterr().err


def test_every_case_of_a_used_set_has_one_row(capsys: pytest.CaptureFixture[str]) -> None:
    assert rules_dump.main(["heldout3"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    from benchmarks.rules_heldout3 import HELD_OUT_SETS
    from benchmarks.rules_quality import load_cases

    legit, violations = load_cases(HELD_OUT_SETS["heldout3"])
    assert [r["id"] for r in rows] == [c["id"] for c in violations + legit]
    by_id = {r["id"]: r for r in rows}
    for case in violations:
        row = by_id[case["id"]]
        assert row["status"] in {"missed", "warning", "error"}
        # what is counted is a finding of one of the case's own rules
        assert all(r.split(":")[0] in case["rules"] for r in row["rules"])
        assert (row["status"] == "missed") == (not row["rules"])
    assert any(r["status"] == "error" for r in rows)  # the checker ran
    assert {r["status"] for r in rows if r["kind"] == "legit"} <= {"clean", "warned", "blocked"}
