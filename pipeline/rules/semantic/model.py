"""Loading and scoring the semantic model: JSON only (nothing in it can execute code)."""

from __future__ import annotations

import base64
import json
import math
import struct
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import GovmediaError
from pipeline.rules.semantic.features import bucket_set, worth_scoring

FORMAT = "govmedia-semantic/1"
MODEL_PATH = Path(__file__).with_name("model.json")
_SHIFT = 32  # bits per label field: 255 * 2**24 grams never overflow one
_MASK = (1 << _SHIFT) - 1
_MAX_GRAMS = 1 << 24
_EDGE = 1e-6  # thresholds closer than this to 0 or 1 get no gate
_HITS_LIMIT = 1 << 16  # sentences remembered by Model.hits (then cleared)


class ModelError(GovmediaError):
    """The model file is missing or malformed (its message is Chinese, for the user)."""

    exit_code = 2


class _Packed(dict[int, int]):
    """bucket -> every label's weight of it packed into one int, a field of _SHIFT bits per
    label (offset by 128 so that fields stay non-negative): one C-level sum adds all labels
    at once. Filled on first use of a bucket (``__missing__``): the bucket's weights are one
    strided slice of the label-major rows, already offset (``_OFFSET``), and their fields
    one ``struct`` call, not a Python loop over the labels."""

    def __init__(self, weights: tuple[array[int], ...]) -> None:
        super().__init__()
        self.weights = weights
        self._size = len(weights[0]) if weights else 0
        self._flat = b"".join(row.tobytes() for row in weights).translate(_OFFSET)
        self._fields = struct.Struct(f"<{len(weights)}I")  # _SHIFT (32) bits a field

    def __missing__(self, bucket: int) -> int:
        if not 0 <= bucket < self._size:
            raise IndexError(bucket)
        fields = self._fields.pack(*self._flat[bucket :: self._size])
        value = self[bucket] = int.from_bytes(fields, "little")
        return value


# An int8 weight's byte (two's complement) -> the weight + 128 as an unsigned byte.
_OFFSET = bytes(i ^ 0x80 for i in range(256))


Hit = tuple[str, float, float]  # (label, score, threshold) of a score reaching its threshold


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
    # run-time tables, derived from the fields above (see _Packed, hits)
    packed: _Packed = field(init=False, compare=False, repr=False)
    _gates: tuple[tuple[int, str, float, float], ...] = field(init=False, compare=False, repr=False)
    _hits: dict[str, tuple[Hit, ...]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "packed", _Packed(self.weights))
        gates = []
        for k, label in enumerate(self.labels):
            threshold = self.thresholds.get(label)
            if threshold is not None:
                gates.append((k, label, threshold, _lowest_z(threshold)))
        object.__setattr__(self, "_gates", tuple(gates))
        object.__setattr__(self, "_hits", {})

    def _totals(self, sentence: str) -> tuple[int, int]:
        """(every label's weight sum packed in one int, number of distinct buckets)."""
        found = bucket_set(sentence, self.orders, self.size)
        if len(found) > _MAX_GRAMS:
            found = set(sorted(found)[:_MAX_GRAMS])
        return sum(map(self.packed.__getitem__, found)), len(found)

    def scores(self, sentence: str) -> dict[str, float]:
        """The probability of each label for one sentence."""
        total, n = self._totals(sentence)
        norm = 1.0 / math.sqrt(n) if n else 0.0
        result = {}
        for k, label in enumerate(self.labels):
            weight = ((total >> (_SHIFT * k)) & _MASK) - 128 * n
            z = self.bias[k] + self.scale[k] * norm * weight
            result[label] = 1.0 / (1.0 + math.exp(-z))
        return result

    def hits(self, sentence: str) -> tuple[Hit, ...]:
        """The labels whose score reaches their threshold, in label order, for a sentence
        worth scoring (``min_cjk``; none for another): exactly what ``scores`` and
        ``thresholds`` give, computed only where a score can reach it (``_lowest_z``), and
        remembered per sentence (boilerplate recurs across posts)."""
        known = self._hits.get(sentence)
        if known is not None:
            return known
        if len(self._hits) >= _HITS_LIMIT:
            self._hits.clear()
        if not worth_scoring(sentence, self.min_cjk):
            self._hits[sentence] = ()
            return ()
        total, n = self._totals(sentence)
        norm = 1.0 / math.sqrt(n) if n else 0.0
        found = []
        for k, label, threshold, lowest in self._gates:
            weight = ((total >> (_SHIFT * k)) & _MASK) - 128 * n
            z = self.bias[k] + self.scale[k] * norm * weight
            if z < lowest:
                continue
            score = 1.0 / (1.0 + math.exp(-z))
            if not score < threshold:  # as detect compared them (NaN included)
                found.append((label, score, threshold))
        result = self._hits[sentence] = tuple(found)
        return result


def _lowest_z(threshold: float) -> float:
    """A z below which the score ``1 / (1 + exp(-z))`` is certainly below ``threshold``:
    the threshold's logit less a margin (1e-6 in z moves a score by at least 1e-12 here,
    far more than the rounding of ``exp`` and ``log``); scores that pass are still compared
    with the threshold exactly as computed. -inf (no gate) for a threshold near 0 or 1."""
    if not _EDGE < threshold < 1.0 - _EDGE:
        return -math.inf
    return math.log(threshold / (1.0 - threshold)) - 1e-6


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
        orders = tuple(int(n) for n in data["orders"])  # type: ignore[attr-defined]
        if size < 1 or any(n < 1 for n in orders):
            raise ModelError(f"{where}：n 元组阶数与桶数应为正整数")
        raw = array("b")
        raw.frombytes(base64.b64decode(str(data["weights"]), validate=True))
        if len(raw) != size * len(labels):
            raise ModelError(f"{where}：权重数量与标签数、桶数不符")
        return Model(
            labels=labels,
            orders=orders,
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
