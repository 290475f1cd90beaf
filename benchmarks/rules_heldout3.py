"""The whole content checker (lexicons, combinations and the semantic layer) on a held-out
set (``--set heldout3`` to ``heldout59``) and on the held-out half
of the public government corpus (issue 12).

- ``tests/data/heldout3/`` to ``tests/data/heldout59/``: violations (plain wordings, evasions,
  meaning-level cases with no banned word) and legitimate government posts, written before
  the round of tuning they report on and never used to tune; ``heldout4`` to ``heldout59``
  were written blind (see their README.md). Each set is measured once; after
  that it is a used set. A violation counts as caught when a finding of one of its ``rules``
  (the lexical item or its semantic twin ``S…``; 第十七条 cases have only their ``A17-…``
  rule) is reported; legitimate posts count any content finding, semantic warnings included.
- ``$GOVMEDIA_SHARED/corpus/gov/``, held-out half (``pipeline.rules.corpus.half_of``):
  post-sized pieces with any content finding (semantic warnings included) and blocked.

Targets (issue 12): recall ≥ 0.90 any / ≥ 0.75 error on lexical cases, ≥ 0.60 with a
warning on meaning-level cases; legitimate texts ≤ 8 % with any finding, ≤ 1 % blocked.

Run: ``.venv/bin/python benchmarks/rules_heldout3.py
[--set heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|heldout11|heldout12|heldout13|heldout14|heldout15|heldout16|heldout17|heldout18|heldout19|heldout20|heldout21|heldout22|heldout23|heldout24|heldout25|heldout26|heldout27|heldout28|heldout29|heldout30|heldout31|heldout32|heldout33|heldout34|heldout35|heldout36|heldout37|heldout38|heldout39|heldout40|heldout41|heldout42|heldout43|heldout44|heldout45|heldout46|heldout47|heldout48|heldout49|heldout50|heldout51|heldout52|heldout53|heldout54|heldout55|heldout56|heldout57|heldout58|heldout59] [--shared DIR]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.rules_quality import findings_for, load_cases  # noqa: E402
from pipeline.rules import RuleChecker  # noqa: E402
from pipeline.rules.corpus import gov_pieces  # noqa: E402

HELDOUT3 = ROOT / "tests" / "data" / "heldout3"
HELDOUT4 = ROOT / "tests" / "data" / "heldout4"
HELDOUT5 = ROOT / "tests" / "data" / "heldout5"
HELDOUT6 = ROOT / "tests" / "data" / "heldout6"
HELDOUT7 = ROOT / "tests" / "data" / "heldout7"
HELDOUT8 = ROOT / "tests" / "data" / "heldout8"
HELDOUT9 = ROOT / "tests" / "data" / "heldout9"
HELDOUT10 = ROOT / "tests" / "data" / "heldout10"
HELDOUT11 = ROOT / "tests" / "data" / "heldout11"
HELDOUT12 = ROOT / "tests" / "data" / "heldout12"
HELDOUT13 = ROOT / "tests" / "data" / "heldout13"
HELDOUT14 = ROOT / "tests" / "data" / "heldout14"
HELDOUT15 = ROOT / "tests" / "data" / "heldout15"
HELDOUT16 = ROOT / "tests" / "data" / "heldout16"
HELDOUT17 = ROOT / "tests" / "data" / "heldout17"
HELDOUT18 = ROOT / "tests" / "data" / "heldout18"
HELDOUT19 = ROOT / "tests" / "data" / "heldout19"
HELDOUT20 = ROOT / "tests" / "data" / "heldout20"
HELDOUT21 = ROOT / "tests" / "data" / "heldout21"
HELDOUT22 = ROOT / "tests" / "data" / "heldout22"
HELDOUT23 = ROOT / "tests" / "data" / "heldout23"
HELDOUT24 = ROOT / "tests" / "data" / "heldout24"
HELDOUT25 = ROOT / "tests" / "data" / "heldout25"
HELDOUT26 = ROOT / "tests" / "data" / "heldout26"
HELDOUT27 = ROOT / "tests" / "data" / "heldout27"
HELDOUT28 = ROOT / "tests" / "data" / "heldout28"
HELDOUT29 = ROOT / "tests" / "data" / "heldout29"
HELDOUT30 = ROOT / "tests" / "data" / "heldout30"
HELDOUT31 = ROOT / "tests" / "data" / "heldout31"
HELDOUT32 = ROOT / "tests" / "data" / "heldout32"
HELDOUT33 = ROOT / "tests" / "data" / "heldout33"
HELDOUT34 = ROOT / "tests" / "data" / "heldout34"
HELDOUT35 = ROOT / "tests" / "data" / "heldout35"
HELDOUT36 = ROOT / "tests" / "data" / "heldout36"
HELDOUT37 = ROOT / "tests" / "data" / "heldout37"
HELDOUT38 = ROOT / "tests" / "data" / "heldout38"
HELDOUT39 = ROOT / "tests" / "data" / "heldout39"
HELDOUT40 = ROOT / "tests" / "data" / "heldout40"
HELDOUT41 = ROOT / "tests" / "data" / "heldout41"
HELDOUT42 = ROOT / "tests" / "data" / "heldout42"
HELDOUT43 = ROOT / "tests" / "data" / "heldout43"
HELDOUT44 = ROOT / "tests" / "data" / "heldout44"
HELDOUT45 = ROOT / "tests" / "data" / "heldout45"
HELDOUT46 = ROOT / "tests" / "data" / "heldout46"
HELDOUT47 = ROOT / "tests" / "data" / "heldout47"
HELDOUT48 = ROOT / "tests" / "data" / "heldout48"
HELDOUT49 = ROOT / "tests" / "data" / "heldout49"
HELDOUT50 = ROOT / "tests" / "data" / "heldout50"
HELDOUT51 = ROOT / "tests" / "data" / "heldout51"
HELDOUT52 = ROOT / "tests" / "data" / "heldout52"
HELDOUT53 = ROOT / "tests" / "data" / "heldout53"
HELDOUT54 = ROOT / "tests" / "data" / "heldout54"
HELDOUT55 = ROOT / "tests" / "data" / "heldout55"
HELDOUT56 = ROOT / "tests" / "data" / "heldout56"
HELDOUT57 = ROOT / "tests" / "data" / "heldout57"
HELDOUT58 = ROOT / "tests" / "data" / "heldout58"
HELDOUT59 = ROOT / "tests" / "data" / "heldout59"
HELD_OUT_SETS = {
    "heldout3": HELDOUT3,
    "heldout4": HELDOUT4,
    "heldout5": HELDOUT5,
    "heldout6": HELDOUT6,
    "heldout7": HELDOUT7,
    "heldout8": HELDOUT8,
    "heldout9": HELDOUT9,
    "heldout10": HELDOUT10,
    "heldout11": HELDOUT11,
    "heldout12": HELDOUT12,
    "heldout13": HELDOUT13,
    "heldout14": HELDOUT14,
    "heldout15": HELDOUT15,
    "heldout16": HELDOUT16,
    "heldout17": HELDOUT17,
    "heldout18": HELDOUT18,
    "heldout19": HELDOUT19,
    "heldout20": HELDOUT20,
    "heldout21": HELDOUT21,
    "heldout22": HELDOUT22,
    "heldout23": HELDOUT23,
    "heldout24": HELDOUT24,
    "heldout25": HELDOUT25,
    "heldout26": HELDOUT26,
    "heldout27": HELDOUT27,
    "heldout28": HELDOUT28,
    "heldout29": HELDOUT29,
    "heldout30": HELDOUT30,
    "heldout31": HELDOUT31,
    "heldout32": HELDOUT32,
    "heldout33": HELDOUT33,
    "heldout34": HELDOUT34,
    "heldout35": HELDOUT35,
    "heldout36": HELDOUT36,
    "heldout37": HELDOUT37,
    "heldout38": HELDOUT38,
    "heldout39": HELDOUT39,
    "heldout40": HELDOUT40,
    "heldout41": HELDOUT41,
    "heldout42": HELDOUT42,
    "heldout43": HELDOUT43,
    "heldout44": HELDOUT44,
    "heldout45": HELDOUT45,
    "heldout46": HELDOUT46,
    "heldout47": HELDOUT47,
    "heldout48": HELDOUT48,
    "heldout49": HELDOUT49,
    "heldout50": HELDOUT50,
    "heldout51": HELDOUT51,
    "heldout52": HELDOUT52,
    "heldout53": HELDOUT53,
    "heldout54": HELDOUT54,
    "heldout55": HELDOUT55,
    "heldout56": HELDOUT56,
    "heldout57": HELDOUT57,
    "heldout58": HELDOUT58,
    "heldout59": HELDOUT59,
}
# Sets written blind and not yet measured: only their one measurement by this benchmark reads
# them; no test runs the checker or the model on their texts (tests/semantic_reference.py,
# tests/test_check_compiled_cache.py skip them). A set leaves this list once it is measured;
# the training-data tests that compare earlier rounds' sentences with the sets then name it
# among the sets those rounds could not have read (heldout20 to heldout28, measured). A new
# set joins the list when it is written.
KEPT_ASIDE: frozenset[str] = frozenset({"heldout59"})
PREFIXES = ("A9-", "A16-", "A17-", "S9-", "S16")
LEVELS = ("plain", "evasion", "meaning")


def content(rule: str) -> bool:
    return rule.startswith(PREFIXES)


def held_out_set(checker: RuleChecker, directory: Path = HELDOUT3) -> dict[str, Any]:
    legit, violations = load_cases(directory)
    by_level: dict[str, list[int]] = {level: [0, 0, 0] for level in LEVELS}  # n, any, error
    by_item: dict[str, list[int]] = {}
    missed: list[str] = []
    for case in violations:
        found = [f for f in findings_for(checker, case) if f.rule in case["rules"]]
        row = by_level[case["level"]]
        row[0] += 1
        row[1] += bool(found)
        row[2] += any(f.severity == "error" for f in found)
        item = by_item.setdefault(case["rules"][0], [0, 0])
        item[0] += 1
        item[1] += bool(found)
        if not found:
            missed.append(case["id"])
    flagged = blocked = 0
    for case in legit:
        found = [f for f in findings_for(checker, case) if content(f.rule)]
        flagged += bool(found)
        blocked += any(f.severity == "error" for f in found)
    lexical = [by_level["plain"], by_level["evasion"]]
    n_lex = sum(r[0] for r in lexical)
    return {
        "violations": len(violations),
        "recall_any": sum(r[1] for r in by_level.values()) / len(violations),
        "lexical_any": sum(r[1] for r in lexical) / n_lex,
        "lexical_error": sum(r[2] for r in lexical) / n_lex,
        "by_level": by_level,
        "by_item": by_item,
        "missed": missed,
        "legit": len(legit),
        "legit_any": flagged / len(legit),
        "legit_blocked": blocked / len(legit),
    }


def gov_held_out(checker: RuleChecker, shared: Path) -> dict[str, float] | None:
    pieces = gov_pieces(shared, "held-out")
    if not pieces:
        return None
    flagged = blocked = semantic = 0
    for _name, text in pieces:
        found = [d for d in checker.check_text(text) if content(d.rule)]
        flagged += bool(found)
        blocked += any(d.severity == "error" for d in found)
        semantic += any(d.rule.startswith("S") for d in found)
    n = len(pieces)
    return {"pieces": n, "any": flagged / n, "blocked": blocked / n, "semantic": semantic / n}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="留出集与政务语料留出半的内容规则指标")
    parser.add_argument("--set", choices=sorted(HELD_OUT_SETS), default="heldout3", dest="name")
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args(argv)
    shared = args.shared or Path(os.environ.get("GOVMEDIA_SHARED") or ROOT.parent / "shared")
    checker = RuleChecker(None)
    f = held_out_set(checker, HELD_OUT_SETS[args.name])
    print(
        f"{args.name}: {f['violations']} violations, recall any {f['recall_any']:.3f}; "
        f"lexical (plain + evasion) any {f['lexical_any']:.3f}, error {f['lexical_error']:.3f}"
    )
    for level, (n, hit, err) in f["by_level"].items():
        print(f"  {level}: {hit}/{n} any ({hit / n:.3f}), {err}/{n} error")
    print("  by item: " + ", ".join(f"{k} {v[1]}/{v[0]}" for k, v in sorted(f["by_item"].items())))
    print(f"  missed: {' '.join(f['missed'])}")
    print(
        f"  {f['legit']} legitimate posts: any finding {f['legit_any']:.3f} (target ≤ 0.08), "
        f"blocked {f['legit_blocked']:.3f} (target ≤ 0.01)"
    )
    g = gov_held_out(checker, shared)
    if g is None:
        print(f"gov corpus (held-out half): not found under {shared}; skipped")
    else:
        print(
            f"gov corpus (held-out half): {g['pieces']:.0f} pieces, any content finding "
            f"{g['any']:.3f} (semantic {g['semantic']:.3f}), blocked {g['blocked']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
