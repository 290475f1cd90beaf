"""``scripts/train``: trains the semantic model from the labelled data and writes model.json.

Development only: needs the ``[train]`` extra (scikit-learn, numpy). The same data, options
and seed give the same weights, byte for byte. Thresholds are chosen per item as the lowest
score reaching the precision target on out-of-fold scores of a grouped 5-fold
cross-validation (a template's fillings, a sentence, a government file stay in one fold), so
on wordings the scoring model never saw; ``--no-cv`` uses one group split instead. The
validation (out-of-fold) and held-out figures are printed and stored in the model's
``training`` block. Hand-written sentences weigh ``--sentence-weight`` (3) in the fit: a
template gives up to ``--per-template`` fillings of one wording, a sentence only itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.rules.semantic import dataset
from pipeline.rules.semantic.dataset import DataError, Example
from pipeline.rules.semantic.features import buckets, east_asian
from pipeline.rules.semantic.items import LABELS
from pipeline.rules.semantic.model import FORMAT, MODEL_PATH, Model, encode_weights, from_json

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data" / "semantic"
ORDERS = (1, 2, 3)
MIN_CJK = 6
FOLDS = 5
FLOOR = 0.35  # no item warns below this score, whatever the validation split says


def _shared_default() -> Path:
    env = os.environ.get("GOVMEDIA_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="scripts/train", description="训练语义模型（第九条、第十六条）"
    )
    p.add_argument("--data", type=Path, default=DATA, help="标注数据目录")
    p.add_argument("--out", type=Path, default=MODEL_PATH, help="模型输出文件")
    p.add_argument("--shared", type=Path, default=None, help="共享数据目录（COLD、政府文本）")
    p.add_argument("--no-shared", action="store_true", help="只用仓库内的数据训练")
    p.add_argument("--seed", type=int, default=20261202)
    p.add_argument("--buckets", type=int, default=1 << 16)
    p.add_argument("--per-template", type=int, default=60)
    p.add_argument("--cold-limit", type=int, default=2000)
    p.add_argument("--gov-limit", type=int, default=20000)
    p.add_argument("--c", type=float, default=4.0, help="正则化强度的倒数 C")
    p.add_argument(
        "--sentence-weight", type=float, default=3.0, help="手写句子（sentences*.jsonl）的样本权重"
    )
    p.add_argument("--precision", type=float, default=0.8, help="每项阈值的精确率目标")
    p.add_argument("--no-cv", action="store_true", help="跳过交叉验证")
    return p


def load_examples(args: argparse.Namespace) -> tuple[list[Example], list[Example], dict[str, Any]]:
    data: Path = args.data
    examples: list[Example] = []
    sources: dict[str, Any] = {}
    for path in sorted(data.glob("templates*.yml")):
        examples += dataset.expand_templates(path, args.per_template, args.seed)
        sources[path.name] = dataset.fingerprint([path])
    for path in sorted(data.glob("sentences*.jsonl")):
        examples += dataset.read_jsonl(path, path.stem)
        sources[path.name] = dataset.fingerprint([path])
    heldout = dataset.read_jsonl(data / "heldout.jsonl", "heldout")
    sources["heldout.jsonl"] = dataset.fingerprint([data / "heldout.jsonl"])
    shared = None if args.no_shared else (args.shared or _shared_default())
    cold = shared / "datasets" / "cold" if shared else None
    if cold and (cold / "train.csv").is_file():
        extra = dataset.cold_examples(cold, args.cold_limit, args.seed)
        examples += extra
        sources["COLD"] = {
            "files": "train.csv, dev.csv",
            "sha256_16": dataset.fingerprint([cold / "train.csv", cold / "dev.csv"]),
            "examples": len(extra),
            "licence": "Apache-2.0 (thu-coai/COLDataset)",
        }
    else:
        print("提示：未找到 COLD 数据集，第九条（四）（八）只用仓库内数据训练。", file=sys.stderr)
    if shared and dataset.gov_files(shared):
        extra = dataset.gov_examples(shared, args.gov_limit, args.seed, MIN_CJK)
        examples += extra
        sources["gov"] = {
            "files": len(dataset.gov_files(shared)),
            "half": "tuning (pipeline.rules.corpus.half_of: sha256 of the file name)",
            "examples": len(extra),
        }
    else:
        print("提示：未找到公开政府文本，反例只用仓库内数据。", file=sys.stderr)
    return examples, heldout, sources


def featurize(examples: Sequence[Example], size: int) -> Any:
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for ex in examples:
        found = buckets(ex.text, ORDERS, size)
        indices.extend(found)
        indptr.append(len(indices))
    values = np.empty(len(indices), dtype=np.float64)
    for i in range(len(examples)):
        a, b = indptr[i], indptr[i + 1]
        values[a:b] = 1.0 / np.sqrt(b - a) if b > a else 0.0
    return csr_matrix((values, indices, indptr), shape=(len(examples), size))


def targets(examples: Sequence[Example]) -> Any:
    import numpy as np

    return np.array([[lab in ex.labels for lab in LABELS] for ex in examples], dtype=np.int8)


def sample_weights(examples: Sequence[Example], sentence_weight: float) -> Any:
    """Per-example weights: a hand-written sentence (``sentences*.jsonl``) weighs
    ``sentence_weight``; a template filling, a COLD row and a government sentence weigh 1."""
    import numpy as np

    return np.array(
        [sentence_weight if ex.source.startswith("sentences") else 1.0 for ex in examples]
    )


def script_groups(examples: Sequence[Example]) -> Any:
    """1 for an example written with Han characters, kana or Hangul, 0 for one in an
    alphabetic script only (the two share almost no grams)."""
    import numpy as np

    return np.array([east_asian(ex.text) for ex in examples], dtype=np.int8)


def balanced(column: Any, groups: Any) -> Any:
    """Per-example class weights of one item, ``n / (2 · count of the class)`` (scikit-learn's
    "balanced") counted over the examples with Han characters, kana or Hangul (group 1) and
    applied to every example; over all examples when that group lacks a class. Round 22:
    counted over all examples, round 21's positives in other languages (about 26 an item)
    lowered the weight of every Chinese positive of the item, by up to a tenth where an item
    had few, and Chinese meaning-level cases near a threshold fell under it; counted over the
    Chinese group, data in other scripts leaves every weight as it was and its positives weigh
    as much as Chinese ones."""
    import numpy as np

    member = groups == 1
    base = column[member] if member.any() and 0 < column[member].sum() < member.sum() else column
    n = len(base)
    positives = int(base.sum())
    return np.where(column == 1, n / (2.0 * positives), n / (2.0 * (n - positives)))


def fit(
    x: Any, y: Any, c: float, seed: int, weights: Any = None, groups: Any = None
) -> tuple[Any, Any]:
    """One logistic regression per item (liblinear: deterministic for a seed), its classes
    balanced as the Chinese group counts them (:func:`balanced`; all examples when ``groups``
    is None)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((len(LABELS), x.shape[1]))
    bias = np.zeros(len(LABELS))
    if groups is None:
        groups = np.ones(x.shape[0], dtype=np.int8)
    if weights is None:
        weights = np.ones(x.shape[0])
    for k in range(len(LABELS)):
        if y[:, k].min() == y[:, k].max():
            raise DataError(f"条目 {LABELS[k]} 在训练集中没有正例或没有反例")
        clf = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=1000)
        clf.fit(x, y[:, k], sample_weight=weights * balanced(y[:, k], groups))
        coef[k] = clf.coef_[0]
        bias[k] = clf.intercept_[0]
    return coef, bias


def quantize(coef: Any, bias: Any) -> dict[str, Any]:
    import numpy as np

    scale = np.abs(coef).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(coef / scale[:, None]), -127, 127).astype(np.int8)
    return {
        "bias": [round(float(b), 6) for b in bias],
        "scale": [float(np.float32(s)) for s in scale],
        "weights": encode_weights([row.tolist() for row in q]),
    }


def document(size: int, params: dict[str, Any], thresholds: dict[str, float]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "labels": list(LABELS),
        "orders": list(ORDERS),
        "buckets": size,
        "min_cjk": MIN_CJK,
        **params,
        "thresholds": thresholds,
    }


def score_all(model: Model, examples: Sequence[Example]) -> list[dict[str, float]]:
    return [model.scores(ex.text) for ex in examples]


def choose_threshold(pairs: list[tuple[float, bool]], target: float) -> float:
    """The lowest score whose predictions reach ``target`` precision (ties included); when
    no score does (an item the model separates poorly), the target is lowered in steps of
    0.1 down to 0.6 before the item is all but switched off (0.95)."""
    ranked = sorted(pairs, reverse=True)
    goal = target
    while goal >= 0.6 - 1e-9:
        best = None
        positives = 0
        for flagged, (score, truth) in enumerate(ranked, 1):
            positives += truth
            if truth and positives / flagged >= goal:
                best = score
        if best is not None:
            return round(max(min(best, 0.95), FLOOR), 4)
        goal -= 0.1
    return 0.95


def metrics(
    scores: list[dict[str, float]], examples: Sequence[Example], thresholds: dict[str, float]
) -> dict[str, dict[str, float | int]]:
    out: dict[str, dict[str, float | int]] = {}
    for label in LABELS:
        tp = fp = fn = 0
        for s, ex in zip(scores, examples, strict=True):
            hit = s[label] >= thresholds[label]
            truth = label in ex.labels
            tp += hit and truth
            fp += hit and not truth
            fn += truth and not hit
        out[label] = {
            "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
            "support": tp + fn,
        }
    negatives = [s for s, ex in zip(scores, examples, strict=True) if not ex.labels]
    flagged = sum(any(s[k] >= thresholds[k] for k in LABELS) for s in negatives)
    out["negatives"] = {"flagged": flagged, "total": len(negatives)}
    return out


def fold_of(ex: Example) -> int:
    """Cross-validation folds by group: a template's fillings, a sentence, a government file."""
    return zlib.crc32(ex.group.encode()) % FOLDS


def train_model(
    train: Sequence[Example], size: int, c: float, seed: int, sentence_weight: float = 1.0
) -> tuple[dict[str, Any], Model]:
    weights = sample_weights(train, sentence_weight)
    x = featurize(train, size)
    coef, bias = fit(x, targets(train), c, seed, weights, script_groups(train))
    params = quantize(coef, bias)
    provisional = document(size, params, dict.fromkeys(LABELS, 0.5))
    return params, from_json(provisional, "model")


def out_of_fold(
    examples: Sequence[Example], size: int, c: float, seed: int, sentence_weight: float = 1.0
) -> tuple[list[dict[str, float]], list[Example]]:
    """Every example scored by a model trained without its group (grouped cross-validation)."""
    pooled: list[dict[str, float]] = []
    pooled_ex: list[Example] = []
    for fold in range(FOLDS):
        part = [ex for ex in examples if fold_of(ex) != fold]
        test = [ex for ex in examples if fold_of(ex) == fold]
        _, fold_model = train_model(part, size, c, seed, sentence_weight)
        pooled += score_all(fold_model, test)
        pooled_ex += test
    return pooled, pooled_ex


def pick_thresholds(
    scores: list[dict[str, float]], examples: Sequence[Example], target: float
) -> dict[str, float]:
    return {
        label: choose_threshold(
            [(s[label], label in ex.labels) for s, ex in zip(scores, examples, strict=True)],
            target,
        )
        for label in LABELS
    }


def run(args: argparse.Namespace) -> int:
    examples, heldout, sources = load_examples(args)
    size = args.buckets
    if args.no_cv:
        # Quick mode: thresholds on one validation split by group (a template's fillings, a
        # sentence, a government file never straddle it); the model learns from the rest.
        mask = [zlib.crc32(f"{args.seed}:{ex.group}".encode()) % FOLDS == 0 for ex in examples]
        train = [ex for ex, v in zip(examples, mask, strict=True) if not v]
        valid = [ex for ex, v in zip(examples, mask, strict=True) if v]
        params, model = train_model(train, size, args.c, args.seed, args.sentence_weight)
        valid_scores = score_all(model, valid)
    else:
        # Thresholds on out-of-fold scores: each example scored by a model that never saw its
        # group, so they are chosen on unseen wordings; the shipped model learns from all.
        train = list(examples)
        valid_scores, valid = out_of_fold(examples, size, args.c, args.seed, args.sentence_weight)
        params, _ = train_model(train, size, args.c, args.seed, args.sentence_weight)
    print(f"训练样本 {len(train)} 条，验证样本 {len(valid)} 条，留出样本 {len(heldout)} 条。")
    thresholds = pick_thresholds(valid_scores, valid, args.precision)
    final = from_json(document(size, params, thresholds), "model")
    report: dict[str, Any] = {
        "seed": args.seed,
        "c": args.c,
        "sentence_weight": args.sentence_weight,
        "per_template": args.per_template,
        "cold_limit": args.cold_limit,
        "gov_limit": args.gov_limit,
        "precision_target": args.precision,
        "threshold_split": "one group split" if args.no_cv else "grouped 5-fold out-of-fold",
        "class_balance": "counted over the examples with Han, kana or Hangul",
        "sources": sources,
        "examples": {"train": len(train), "validation": len(valid), "heldout": len(heldout)},
        "validation": metrics(valid_scores, valid, thresholds),
        "heldout": metrics(score_all(final, heldout), heldout, thresholds),
    }
    doc = document(size, params, thresholds)
    doc["training"] = report
    args.out.write_text(
        json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8"
    )
    print_report(report)
    print("阈值：" + "，".join(f"{k} {v:.2f}" for k, v in thresholds.items()))
    print(f"模型已写入 {args.out.name}")
    return 0


def print_report(report: dict[str, Any]) -> None:
    parts = [p for p in ("cross_validation", "validation", "heldout") if p in report]
    print("| 条目 | " + " | ".join(f"{p} 精确率 / 召回率（正例数）" for p in parts) + " |")
    for label in LABELS:
        cells = []
        for p in parts:
            m = report[p][label]
            cells.append(f"{m['precision']:.3f} / {m['recall']:.3f} ({m['support']})")
        print(f"| {label} | " + " | ".join(cells) + " |")
    for p in parts:
        neg = report[p]["negatives"]
        print(f"{p}：合法句子被标记 {neg['flagged']}/{neg['total']}")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("需要训练依赖：pip install -e '.[train]'", file=sys.stderr)
        return 2
    try:
        return run(args)
    except DataError as exc:
        print(f"训练数据错误：{exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"无法读写文件：{exc.filename}（{exc.strerror}）", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
