"""Loading and scoring the semantic model: JSON only (nothing in it can execute code)."""

from __future__ import annotations

import base64
import json
import math
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import GovmediaError
from pipeline.rules.semantic.features import buckets

FORMAT = "govmedia-semantic/1"
MODEL_PATH = Path(__file__).with_name("model.json")
_SHIFT = 32  # bits per label field: 255 * 2**24 grams never overflow one
_MASK = (1 << _SHIFT) - 1
_MAX_GRAMS = 1 << 24


class ModelError(GovmediaError):
    """The model file is missing or malformed (its message is Chinese, for the user)."""

    exit_code = 2


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    orders: tuple[int, ...]
    size: int
    min_cjk: int
    bias: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[array[int], ...]  # one int8 row of ``size`` per label
    thresholds: dict[str, float]
    meta: dict[str, object]

    # Every label's weight of a bucket packed into one int, a field of _SHIFT bits each (offset
    # by 128 so that fields stay non-negative): one C-level sum adds all labels at once.
    packed: dict[int, int] = field(default_factory=dict, compare=False, repr=False)

    def _pack(self, bucket: int) -> int:
        value = 0
        for k, row in enumerate(self.weights):
            value |= (row[bucket] + 128) << (_SHIFT * k)
        self.packed[bucket] = value
        return value

    def scores(self, sentence: str) -> dict[str, float]:
        """The probability of each label for one sentence."""
        found = buckets(sentence, self.orders, self.size)[:_MAX_GRAMS]
        packed = self.packed
        for bucket in found:
            if bucket not in packed:
                self._pack(bucket)
        total = sum(map(packed.__getitem__, found))
        n = len(found)
        norm = 1.0 / math.sqrt(n) if n else 0.0
        result = {}
        for k, label in enumerate(self.labels):
            weight = ((total >> (_SHIFT * k)) & _MASK) - 128 * n
            z = self.bias[k] + self.scale[k] * norm * weight
            result[label] = 1.0 / (1.0 + math.exp(-z))
        return result


def encode_weights(rows: list[list[int]]) -> str:
    """int8 rows (label-major) as one base64 string."""
    data = array("b")
    for row in rows:
        data.extend(row)
    return base64.b64encode(data.tobytes()).decode("ascii")


def from_json(data: dict[str, object], where: str) -> Model:
    """A Model from the parsed JSON document; ModelError naming ``where`` when it is wrong."""
    try:
        if data.get("format") != FORMAT:
            raise ModelError(f"{where}：不是语义模型文件（format 应为 {FORMAT}）")
        labels = tuple(str(x) for x in data["labels"])  # type: ignore[attr-defined]
        size = int(data["buckets"])  # type: ignore[call-overload]
        raw = array("b")
        raw.frombytes(base64.b64decode(str(data["weights"]), validate=True))
        if len(raw) != size * len(labels):
            raise ModelError(f"{where}：权重数量与标签数、桶数不符")
        return Model(
            labels=labels,
            orders=tuple(int(n) for n in data["orders"]),  # type: ignore[attr-defined]
            size=size,
            min_cjk=int(data["min_cjk"]),  # type: ignore[call-overload]
            bias=tuple(float(x) for x in data["bias"]),  # type: ignore[attr-defined]
            scale=tuple(float(x) for x in data["scale"]),  # type: ignore[attr-defined]
            weights=tuple(raw[k * size : (k + 1) * size] for k in range(len(labels))),
            thresholds={str(k): float(v) for k, v in data["thresholds"].items()},  # type: ignore[attr-defined]
            meta=dict(data.get("training", {})),  # type: ignore[call-overload]
        )
    except ModelError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{where}：语义模型文件格式错误（{type(exc).__name__}）") from None


def load(path: Path = MODEL_PATH) -> Model:
    """Read a model file: plain JSON, weights as base64 int8 (no pickle, no code)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ModelError(f"{path.name}：无法读取语义模型文件") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ModelError(f"{path.name}：语义模型不是合法的 JSON（第 {exc.lineno} 行）") from None  # type: ignore[attr-defined]
    if not isinstance(data, dict):
        raise ModelError(f"{path.name}：语义模型文件格式错误")
    return from_json(data, path.name)
