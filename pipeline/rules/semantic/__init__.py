"""The learned semantic layer: sentences that mean a violation with no banned word in them.

A multi-label classifier (hashed character n-grams, one-vs-rest logistic regression trained
offline by ``scripts/train``) over the items of 第九条 and 第十六条. Its findings are
warnings naming the item, the sentence and the score, for the reviewers to look at.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.rules.detection import Detection
from pipeline.rules.semantic.features import sentences
from pipeline.rules.semantic.items import ITEMS, rule_id
from pipeline.rules.semantic.model import Model, load


@lru_cache(maxsize=1)
def default_model() -> Model:
    return load()


def detect(text: str, masked: str, model: Model | None = None) -> list[Detection]:
    """One warning per sentence and item whose score reaches the item's threshold.

    ``masked`` is ``text`` with code, URLs and link targets blanked (same length).
    """
    model = model or default_model()
    found: list[Detection] = []
    for start, end in sentences(masked):
        for label, score, threshold in model.hits(masked[start:end]):
            article, what = ITEMS[label]
            message = (
                f"语义模型提示：本句疑似{what}（{article}，得分 {score:.2f}，阈值 {threshold:.2f}）；"
                "未命中词表，请审核人核实此句。修改建议：属实且必要时写明来源，否则改写或删除"
            )
            found.append(Detection(start, end, rule_id(label), article, "warning", message))
    return found
