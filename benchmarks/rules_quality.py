"""Quality of the content rules on the labelled set (tests/data/labelled/*.yml) and the
held-out set (tests/data/heldout/*.yml, written without looking at the lexicons and never
tuned against: its figures are the honest estimate).

- recall: share of violations for which every expected rule is reported (any severity);
- false-positive rate: share of legitimate texts with any content-rule finding at all
  (error or warning);
- both also per evasion: recall on the obfuscated violations alone.

Run: ``.venv/bin/python benchmarks/rules_quality.py`` (targets: recall ≥ 0.95, FPR ≤ 0.02).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.content import parse_post  # noqa: E402
from pipeline.findings import Finding  # noqa: E402
from pipeline.rules import RuleChecker  # noqa: E402
from pipeline.rules.attribution import RepoIndex  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "labelled"
HELDOUT = ROOT / "tests" / "data" / "heldout"
SETS = {"labelled": LABELLED, "held-out": HELDOUT}
RECALL_TARGET = 0.95
FPR_TARGET = 0.02
SCHEMA_RULES = {"A11-01", "A11-02"}


@dataclass
class Result:
    legit: int = 0
    false_positives: list[str] = field(default_factory=list)
    violations: int = 0
    obfuscated: int = 0
    missed: list[str] = field(default_factory=list)
    missed_obfuscated: int = 0

    @property
    def recall(self) -> float:
        return 1 - len(self.missed) / self.violations if self.violations else 0.0

    @property
    def obfuscated_recall(self) -> float:
        return 1 - self.missed_obfuscated / self.obfuscated if self.obfuscated else 0.0

    @property
    def fpr(self) -> float:
        return len(self.false_positives) / self.legit if self.legit else 0.0


def load_cases(
    directory: Path = LABELLED,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    legit = yaml.safe_load((directory / "legit.yml").read_text(encoding="utf-8"))
    violations = yaml.safe_load((directory / "violations.yml").read_text(encoding="utf-8"))
    return legit, violations


def load_all() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Labelled and held-out cases together."""
    legit: list[dict[str, Any]] = []
    violations: list[dict[str, Any]] = []
    for directory in SETS.values():
        more_legit, more_violations = load_cases(directory)
        legit += more_legit
        violations += more_violations
    return legit, violations


def post_text(case: dict[str, Any]) -> str:
    meta = dict(case.get("meta") or {})
    front: dict[str, Any] = {
        "title": case.get("title", "测试文章"),
        "date": "2026-11-20",
        "author": "王芳 <wangfang@example.gov.cn>",
        "channels": ["wechat"],
        **meta,
    }
    return (
        "---\n"
        + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        + "---\n\n"
        + case["text"]
    )


def findings_for(checker: RuleChecker, case: dict[str, Any]) -> list[Finding]:
    """Content-rule findings (and the 第十一条 schema rules) for one labelled case."""
    rel = f"content/posts/2026/11/case-{case['id'].lower()}.md"
    result = parse_post(rel, post_text(case).encode("utf-8"))
    findings = [f for f in result.findings if f.rule in SCHEMA_RULES]
    if result.post is None:
        return findings
    index = RepoIndex(None)
    for other in case.get("others") or []:
        text = (
            f"---\ntitle: {other['title']}\ndate: {other['date']}\n"
            f"original: {'true' if other.get('original', True) else 'false'}\n---\n\n{other['body']}"
        )
        index.add(other["path"], text)
    checker._index = index
    return findings + checker.check_post(result.post)


def evaluate(
    checker: RuleChecker | None = None,
    cases: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None,
) -> Result:
    """Figures over ``cases`` (default: labelled and held-out sets together)."""
    checker = checker or RuleChecker(None)
    legit, violations = cases if cases is not None else load_all()
    result = Result(legit=len(legit), violations=len(violations))
    for case in legit:
        found = findings_for(checker, case)
        if found:
            result.false_positives.append(
                f"{case['id']}: " + "; ".join(f"{f.rule}「{f.match}」" for f in found)
            )
    for case in violations:
        obfuscated = bool(case.get("obfuscated"))
        result.obfuscated += obfuscated
        reported = {f.rule for f in findings_for(checker, case)}
        if not set(case["rules"]) <= reported:
            result.missed.append(f"{case['id']}: expected {case['rules']}, got {sorted(reported)}")
            result.missed_obfuscated += obfuscated
    return result


def report(name: str, result: Result) -> None:
    print(
        f"{name} set: {result.legit} legitimate, {result.violations} violations "
        f"({result.obfuscated} obfuscated)"
    )
    print(f"  recall              {result.recall:.3f}  (target ≥ {RECALL_TARGET})")
    print(f"  recall, obfuscated  {result.obfuscated_recall:.3f}")
    print(f"  false-positive rate {result.fpr:.3f}  (target ≤ {FPR_TARGET})")
    for line in result.missed:
        print("    missed:", line)
    for line in result.false_positives:
        print("    false positive:", line)


def main() -> int:
    checker = RuleChecker(None)
    figures = {}
    for name, directory in SETS.items():
        result = evaluate(checker, load_cases(directory))
        report(name, result)
        figures[name] = {"recall": result.recall, "fpr": result.fpr}
    result = evaluate(checker)
    report("combined", result)
    figures["combined"] = {"recall": result.recall, "fpr": result.fpr}
    if "--json" in sys.argv:
        print(json.dumps(figures))
    return 0 if result.recall >= RECALL_TARGET and result.fpr <= FPR_TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
