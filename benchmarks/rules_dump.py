"""Case by case: what the whole content checker reports on each case of the named used
sets and, with ``--corpus``, on each piece of the public government corpus (issue 12).

A rule round compares two dumps (before and after its change, one file each) to see
every case that changed, not only the totals: ``diff`` of the two outputs lists them.
Kept-aside sets (``KEPT_ASIDE`` of ``rules_heldout3.py``) are refused: their one
measurement is the benchmark's, and no dump of them may steer a change.

Run: ``.venv/bin/python benchmarks/rules_dump.py heldout7 heldout8 … [--corpus]
[--shared DIR] > dump.json`` (one JSON object a line, sorted).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.rules_heldout3 import HELD_OUT_SETS, KEPT_ASIDE, content  # noqa: E402
from benchmarks.rules_quality import findings_for, load_cases  # noqa: E402
from pipeline.rules import RuleChecker  # noqa: E402
from pipeline.rules.corpus import gov_pieces  # noqa: E402


def case_rows(checker: RuleChecker, name: str) -> list[dict[str, Any]]:
    legit, violations = load_cases(HELD_OUT_SETS[name])
    rows = [_row(checker, name, case, violation=True) for case in violations]
    return rows + [_row(checker, name, case, violation=False) for case in legit]


def _row(
    checker: RuleChecker, name: str, case: dict[str, Any], *, violation: bool
) -> dict[str, Any]:
    """A violation counts its own rules' findings (missed / warning / error), a legitimate
    post every content finding (clean / warned / blocked)."""
    found = [
        f
        for f in findings_for(checker, case)
        if (f.rule in case["rules"] if violation else content(f.rule))
    ]
    labels = ("missed", "warning", "error") if violation else ("clean", "warned", "blocked")
    status = labels[0]
    if found:
        status = labels[2] if any(f.severity == "error" for f in found) else labels[1]
    row: dict[str, Any] = {
        "set": name,
        "id": case["id"],
        "kind": "violation" if violation else "legit",
    }
    if violation:
        row["level"] = case["level"]
    row["status"] = status
    row["rules"] = sorted({f"{f.rule}:{f.severity}" for f in found})
    return row


def corpus_rows(checker: RuleChecker, shared: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number, (file, text) in enumerate(gov_pieces(shared, "all")):
        found = [d for d in checker.check_text(text) if content(d.rule)]
        if found:
            rows.append(
                {
                    "set": "corpus",
                    "id": f"{file}#{number}",
                    "kind": "legit",
                    "status": "blocked" if any(d.severity == "error" for d in found) else "warned",
                    "rules": sorted({f"{d.rule}:{d.severity}" for d in found}),
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="逐条列出留出集与政务语料的内容规则结果")
    parser.add_argument("sets", nargs="*", help="已用过的留出集，如 heldout7")
    parser.add_argument("--used", action="store_true", help="全部已用过的留出集")
    parser.add_argument("--corpus", action="store_true", help="并列出政务语料每段的结果")
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args(argv)
    names = list(args.sets)
    if args.used:
        names += [n for n in HELD_OUT_SETS if n not in KEPT_ASIDE and n not in names]
    for name in names:
        if name in KEPT_ASIDE:
            print(
                f"{name} 是留出待测的集合：只由 rules_heldout3.py 测一次，不逐条列出。",
                file=sys.stderr,
            )
            return 2
        if name not in HELD_OUT_SETS:
            print(f"没有名为 {name} 的留出集。", file=sys.stderr)
            return 2
    checker = RuleChecker(None)
    rows: list[dict[str, Any]] = []
    for name in names:
        rows += case_rows(checker, name)
    if args.corpus:
        shared = args.shared or Path(os.environ.get("GOVMEDIA_SHARED") or ROOT.parent / "shared")
        if not (shared / "corpus").is_dir():
            print(f"找不到政务语料：{shared}/corpus（用 --shared 指定）", file=sys.stderr)
            return 2
        rows += corpus_rows(checker, shared)
    for row in rows:
        print(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
