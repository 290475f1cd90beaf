"""The semantic layer's first inference code, kept as the reference the fast one must equal.

``reference_buckets`` and ``reference_scores`` are the featurizer and scorer as they were
before the throughput pass (issue 17), written out again without their memo tables: the
fast code (``features.buckets``, ``Model.scores``, ``Model.hits``) must give exactly the
same buckets and bit-for-bit the same scores.

``tests/data/semantic_pins.json`` holds a fixed set of sentences (``pinned_set()`` when it
was written: the tricky strings and every 4th distinct sentence of tests/data) with the
scores this code gave them under the shipped model (floats as ``float.hex``), and the model
file's SHA-256.
After a retraining the stored scores no longer apply (the test then compares with this code
only); write them again with ``python tests/semantic_reference.py``.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.rules_heldout3 import KEPT_ASIDE  # noqa: E402
from pipeline.rules.semantic.features import normalize as _normalize  # noqa: E402
from pipeline.rules.semantic.features import sentences, word_units  # noqa: E402
from pipeline.rules.semantic.model import MODEL_PATH, Model  # noqa: E402

PINS = Path(__file__).with_name("data") / "semantic_pins.json"
DATA = Path(__file__).with_name("data")
_SHIFT = 32
_MASK = (1 << _SHIFT) - 1
_MAX_GRAMS = 1 << 24

# Strings that stress the featurizer: full-width forms, white space of every kind, edge
# marks, non-BMP characters, combining marks, mixed scripts, nothing at all.
TRICKY = [
    "",
    " ",
    "　全角空格　与\t制表符\n换行",
    "ＡＢＣ１２３全角字母数字。",
    "Ｆｕｌｌ－ｗｉｄｔｈ　ｔｅｘｔ：疫苗打了会得白血病",
    "\x02\x03控制字符\x02\x03",
    "𠮷野家的𩸽鱼😀😀很好吃",
    "e\u0301te\u0301 café 咖啡",
    "Manifestación ÉTÉ Straße việt nam",
    "ﬁ ligature ＫＭ ㎞ ① ⑴",
    "大家快转！！！大家快转！！！大家快转！！！",
    "a" * 300,
    "疫" * 200,
    "明天上午九点大家到市政府门口集体静坐，人越多越好",
    "十元一千个关注，政务号也能做，考核前冲一冲",
]


def reference_buckets(text: str, orders: tuple[int, ...], size: int) -> list[int]:
    normalized = _normalize(text)
    padded = "\x02" + normalized + "\x03"
    found: set[int] = set()
    for n in orders:
        for i in range(len(padded) - n + 1):
            gram = padded[i : i + n]
            found.add(zlib.crc32(f"{n}{gram}".encode()) % size)
    # round 21: the word units of a sentence in an alphabetic script
    for unit in word_units(normalized):
        found.add(zlib.crc32(f"{len(unit)}{unit}".encode()) % size)
    return sorted(found)


def reference_scores(model: Model, sentence: str) -> dict[str, float]:
    found = reference_buckets(sentence, model.orders, model.size)[:_MAX_GRAMS]
    packed = {}
    for bucket in found:
        value = 0
        for k, row in enumerate(model.weights):
            value |= (row[bucket] + 128) << (_SHIFT * k)
        packed[bucket] = value
    total = sum(map(packed.__getitem__, found))
    n = len(found)
    norm = 1.0 / math.sqrt(n) if n else 0.0
    result = {}
    for k, label in enumerate(model.labels):
        weight = ((total >> (_SHIFT * k)) & _MASK) - 128 * n
        z = model.bias[k] + model.scale[k] * norm * weight
        result[label] = 1.0 / (1.0 + math.exp(-z))
    return result


def model_sha256(path: Path = MODEL_PATH) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_sentences() -> list[str]:
    """Every sentence of the texts of tests/data (labelled and held-out sets but those kept
    aside), in order."""
    import yaml

    found: list[str] = []
    for path in sorted(DATA.glob("*/*.yml")):
        if path.parent.name == "data" or path.parent.name in KEPT_ASIDE:
            continue
        cases = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for case in cases:
            text = str(case.get("text", "")) if isinstance(case, dict) else ""
            found += [text[a:b] for a, b in sentences(text)]
    return found


def pinned_set() -> list[str]:
    """The fixed set: the tricky strings and every 4th distinct sentence of tests/data."""
    distinct = list(dict.fromkeys(data_sentences()))
    return TRICKY + distinct[::4]


def write_pins() -> None:
    from pipeline.rules.semantic.model import load

    model = load()
    chosen = pinned_set()
    doc = {
        "about": "semantic scores of the first implementation (tests/semantic_reference.py)",
        "model_sha256": model_sha256(),
        "labels": list(model.labels),
        "sentences": chosen,
        "scores": [
            [reference_scores(model, s)[label].hex() for label in model.labels] for s in chosen
        ],
    }
    PINS.write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(chosen)} sentences pinned in {PINS.name}")


if __name__ == "__main__":
    write_pins()
