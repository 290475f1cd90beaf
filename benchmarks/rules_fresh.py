"""Content rules on sets never used for tuning (issue 12): the second held-out set and the
held-out half of the public government corpus.

- ``tests/data/heldout2/``: violations and legitimate posts written after the engine
  changes of issue 12 and never used to change the engine. Reports recall with any
  content finding and with an error, and legitimate posts with any finding / blocked.
- ``$GOVMEDIA_SHARED/corpus/gov/``: real government texts cut into post-sized pieces
  (paragraphs up to about 1,000 characters). Files are split in two halves by a hash of
  their name: the *tuning* half may be used to curate terms (``govmedia rules curate
  --half tuning``), the *held-out* half only to measure. Reports the share of pieces
  with any content finding (第九、十六、十七条) and with an error.

Run: ``.venv/bin/python benchmarks/rules_fresh.py [--shared DIR]``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.rules_quality import findings_for, load_cases  # noqa: E402
from pipeline.rules import RuleChecker  # noqa: E402
from pipeline.rules.corpus import gov_pieces  # noqa: E402

HELDOUT2 = ROOT / "tests" / "data" / "heldout2"
CONTENT_PREFIXES = ("A9-", "A16-", "A17-")


def content(rule: str) -> bool:
    return rule.startswith(CONTENT_PREFIXES)


def fresh_set(checker: RuleChecker) -> dict[str, float]:
    legit, violations = load_cases(HELDOUT2)
    any_hit = error_hit = 0
    for case in violations:
        found = [f for f in findings_for(checker, case) if f.rule in case["rules"]]
        any_hit += bool(found)
        error_hit += any(f.severity == "error" for f in found)
        if not found:
            print(f"    missed: {case['id']} expected {case['rules']}")
    flagged = blocked = 0
    for case in legit:
        found = [f for f in findings_for(checker, case) if content(f.rule)]
        flagged += bool(found)
        blocked += any(f.severity == "error" for f in found)
        if found:
            print(
                f"    legit flagged: {case['id']}: "
                + "; ".join(f"{f.rule}「{f.match}」({f.severity})" for f in found)
            )
    return {
        "violations": len(violations),
        "recall_any": any_hit / len(violations),
        "recall_error": error_hit / len(violations),
        "legit": len(legit),
        "legit_any": flagged / len(legit),
        "legit_blocked": blocked / len(legit),
    }


def gov_half(checker: RuleChecker, shared: Path, half: str) -> dict[str, float] | None:
    pieces = gov_pieces(shared, half)
    if not pieces:
        return None
    flagged = blocked = 0
    for name, text in pieces:
        found = [d for d in checker.check_text(text) if content(d.rule)]
        flagged += bool(found)
        if any(d.severity == "error" for d in found):
            blocked += 1
            for d in found:
                # Details of the tuning half only: the held-out half is never studied.
                if d.severity == "error" and half == "tuning":
                    print(f"    {half} blocked: {name}: {d.rule}「{text[d.start : d.end]}」")
    return {"pieces": len(pieces), "any": flagged / len(pieces), "blocked": blocked / len(pieces)}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    shared = Path(os.environ.get("GOVMEDIA_SHARED", ROOT.parent / "shared"))
    if "--shared" in args:
        shared = Path(args[args.index("--shared") + 1])
    checker = RuleChecker(None)
    f = fresh_set(checker)
    print(
        f"held-out set 2: {f['violations']:.0f} violations, recall any {f['recall_any']:.3f}, "
        f"error {f['recall_error']:.3f}; {f['legit']:.0f} legitimate, any finding "
        f"{f['legit_any']:.3f}, blocked {f['legit_blocked']:.3f}"
    )
    for half in ("held-out", "tuning"):
        g = gov_half(checker, shared, half)
        if g is None:
            print(f"gov corpus ({half} half): not found under {shared}; skipped")
            continue
        print(
            f"gov corpus ({half} half): {g['pieces']:.0f} pieces, any content finding "
            f"{g['any']:.3f} (target ≤ 0.08), blocked {g['blocked']:.3f} (target ≤ 0.01)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
