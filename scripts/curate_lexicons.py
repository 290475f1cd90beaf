#!/usr/bin/env python3
"""Development aid for curating pipeline/rules/lexicons (never needed at run time).

Reads the public lexicons in ../shared/corpus/lexicons (when this checkout sits beside
it) and reports, per rule:
- which of our terms appear in an upstream list (so the `src:` marks stay accurate);
- upstream candidates for the rule's categories that are NOT in our lexicon and never
  occur in the legitimate texts of ../shared/corpus/gov (suggestions for a human to
  review; nothing is imported automatically).

Usage: .venv/bin/python scripts/curate_lexicons.py [--shared DIR] [--suggest N]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.rules.lexicon import load_lexicons  # noqa: E402

# Upstream files that feed each rule (relative to the lexicons folder).
SOURCES: dict[str, list[str]] = {
    "A9-02": ["konsheng-Sensitive-lexicon/反动词库.txt"],
    "A9-05": [
        "houbb-sensitive-word/categories-2020/邪教.txt",
        "konsheng-Sensitive-lexicon/暴恐词库.txt",
    ],
    "A9-07": [
        "houbb-sensitive-word/categories-2020/色情类.txt",
        "houbb-sensitive-word/categories-2020/毒品.txt",
        "houbb-sensitive-word/categories-2020/暴力.txt",
        "konsheng-Sensitive-lexicon/色情类型.txt",
        "konsheng-Sensitive-lexicon/涉枪涉爆.txt",
    ],
    "A9-08": ["houbb-sensitive-word/categories-2020/辱骂.txt"],
    "A9-13": [
        "houbb-sensitive-word/categories-2020/其他.txt",
        "houbb-sensitive-word/categories-2020/广告.txt",
    ],
}
CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,6}$")


def words(path: Path) -> set[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {line.strip() for line in text.splitlines() if line.strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--suggest", type=int, default=15)
    args = parser.parse_args()
    lexicons_dir = args.shared / "corpus" / "lexicons"
    gov_dir = args.shared / "corpus" / "gov"
    if not lexicons_dir.is_dir():
        print(f"{lexicons_dir} 不存在：没有可参考的公开词库。")
        return 0
    gov = "".join(p.read_text(encoding="utf-8") for p in sorted(gov_dir.rglob("*.md")))
    lexicons = load_lexicons(None)
    upstream_all: dict[str, set[str]] = {}
    for folder in ("houbb-sensitive-word", "konsheng-Sensitive-lexicon"):
        merged: set[str] = set()
        for path in (lexicons_dir / folder).rglob("*.txt"):
            if "LICENSE" not in path.name:
                merged |= words(path)
        upstream_all[folder.split("-")[0]] = merged
    for rule, lexicon in sorted(lexicons.by_rule.items()):
        print(f"== {rule} {lexicon.title}")
        for term in lexicon.terms:
            found = [name for name, ws in upstream_all.items() if term.text in ws]
            print(f"   {term.text:<12} upstream: {','.join(found) or '-'}")
        ours = {t.text for t in lexicon.terms}
        candidates: set[str] = set()
        for rel in SOURCES.get(rule, []):
            candidates |= {w for w in words(lexicons_dir / rel) if CJK_WORD.match(w)}
        fresh = sorted(w for w in candidates - ours if w not in gov)[: args.suggest]
        if fresh:
            print(f"   suggestions (absent from gov corpus, review by hand): {'、'.join(fresh)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
