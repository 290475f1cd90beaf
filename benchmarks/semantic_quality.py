"""The semantic layer (第九条 items, 第十六条) on data it never trained on.

- held-out sentences (data/semantic/heldout.jsonl): precision and recall per item at the
  model's thresholds;
- false positives on real public government texts (``$GOVMEDIA_SHARED/corpus/gov``): the
  share of documents, and of sentences, with any semantic warning — on the held-out half of
  the files (``pipeline.rules.corpus.half_of``: unseen by the trainer and by lexicon curation)
  and on all files; skipped without the corpus;
- cost: the semantic layer's time over those texts as a ratio of the whole content-rules
  check of the same texts in the same run (the baseline).

Run: ``.venv/bin/python benchmarks/semantic_quality.py [--shared DIR]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.rules import RuleChecker, semantic  # noqa: E402
from pipeline.rules.normalize import mask_markup  # noqa: E402
from pipeline.rules.semantic import dataset  # noqa: E402
from pipeline.rules.semantic.features import sentences, worth_scoring  # noqa: E402
from pipeline.rules.semantic.items import LABELS, rule_id  # noqa: E402

FPR_TARGET = 0.08
SAMPLE = 20


def heldout() -> None:
    model = semantic.default_model()
    examples = dataset.read_jsonl(ROOT / "data" / "semantic" / "heldout.jsonl", "heldout")
    print(f"留出句子 {len(examples)} 条（阈值为模型内各条目阈值）：")
    print("| 条目 | 精确率 | 召回率 | 正例数 |")
    hits_total = positives_total = 0
    for label in LABELS:
        tp = fp = fn = 0
        for ex in examples:
            hit = rule_id(label) in {d.rule for d in semantic.detect(ex.text, ex.text, model)}
            truth = label in ex.labels
            tp += hit and truth
            fp += hit and not truth
            fn += truth and not hit
        hits_total += tp
        positives_total += tp + fn
        precision = f"{tp / (tp + fp):.3f}" if tp + fp else "—"
        print(f"| {label} | {precision} | {tp / (tp + fn):.3f} | {tp + fn} |")
    negatives = [ex for ex in examples if not ex.labels]
    flagged = sum(bool(semantic.detect(ex.text, ex.text, model)) for ex in negatives)
    print(f"总召回率 {hits_total / positives_total:.3f}；合法句子被标记 {flagged}/{len(negatives)}")


def government(shared: Path) -> None:
    if not dataset.gov_files(shared, "all"):
        print("跳过政府文本误报率：corpus/gov 不存在（设置 GOVMEDIA_SHARED 或 --shared）")
        return
    model = semantic.default_model()
    halves = {half: dataset.gov_files(shared, half) for half in ("tuning", "held-out")}
    results: dict[str, list[tuple[int, int, dict[str, int]]]] = {"tuning": [], "held-out": []}
    elapsed = 0.0
    chars = 0
    for half, files in halves.items():
        for path in files:
            body = dataset.gov_body(path)
            masked = mask_markup(body)
            chars += len(body)
            start = time.perf_counter()
            found = semantic.detect(body, masked, model)
            elapsed += time.perf_counter() - start
            total = sum(worth_scoring(masked[a:b], model.min_cjk) for a, b in sentences(masked))
            per_rule: dict[str, int] = {}
            for d in found:
                per_rule[d.rule] = per_rule.get(d.rule, 0) + 1
            results[half].append((len({d.start for d in found}), total, per_rule))
    both = results["tuning"] + results["held-out"]
    for name, rows in (("未参与训练的一半", results["held-out"]), ("全部", both)):
        docs = sum(1 for r in rows if r[0])
        flagged = sum(r[0] for r in rows)
        total = sum(r[1] for r in rows)
        merged: dict[str, int] = {}
        for r in rows:
            for k, v in r[2].items():
                merged[k] = merged.get(k, 0) + v
        print(
            f"政府文本（{name}，{len(rows)} 篇）：有语义警告的文档 {docs}（{docs / len(rows):.1%}，"
            f"目标 ≤ {FPR_TARGET:.0%}）；句子 {flagged}/{total}（{flagged / max(total, 1):.3%}）；"
            f"按条目 {dict(sorted(merged.items()))}"
        )
    print(f"语义层吞吐：{chars / elapsed / 1e6:.2f} M 字符/秒（{chars / 1e6:.2f} M 字符）")
    sample = [dataset.gov_body(p) for p in halves["held-out"][:SAMPLE]]
    checker = RuleChecker(None)
    checker.check_text(sample[0])
    best_sem = best_all = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for body in sample:
            semantic.detect(body, mask_markup(body), model)
        best_sem = min(best_sem, time.perf_counter() - start)
        start = time.perf_counter()
        for body in sample:
            checker.check_text(body)
        best_all = min(best_all, time.perf_counter() - start)
    print(
        f"同一次运行中 {len(sample)} 篇文本三次取最好：语义层 {best_sem:.2f} s，"
        f"整个内容规则检查（含语义层）{best_all:.2f} s，比值 {best_sem / best_all:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="语义层质量基准")
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args(argv)
    shared = args.shared or Path(os.environ.get("GOVMEDIA_SHARED") or ROOT.parent / "shared")
    heldout()
    government(shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
