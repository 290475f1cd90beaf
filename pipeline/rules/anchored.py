"""Semantic warnings made errors by a strong word in the same sentence (issue 12, round 7).

The semantic layer reports a sentence whose meaning scores past an item's threshold, as a
warning for the reviewers. Held-out sets 4–7 showed where that leaves plain and evaded
violations: found, but blocked only when a lexicon or a combination also names them. A
sentence that the model flags *and* that holds an offer, a call to act or an unambiguous
insult of the item's subject (``semantic_anchors.yml``, data) is no longer a doubt: it is
reported once more as an error of the lexical item (``S9-02`` → ``A9-02``, ``S16`` →
``A16-01``), on the same span, naming the word. The warning stays, so the reviewers still
see the score.

Rebuttals, warnings and enforcement news use the same words (``赶紧取钱的说法不实``): no
sentence is raised when an enforcement or warning word covers it (its own sentence or a
neighbouring one, :func:`pipeline.rules.framing.framed`, in any post) or when it calls the
claim a rumour, a lie or a scam (``REFUTING``, ``不实``, ``谣言`` …).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from pipeline import yamlutil
from pipeline.rules.advice import advise
from pipeline.rules.detection import Detection
from pipeline.rules.framing import REFUTING, framed
from pipeline.rules.normalize import compact, normalise

_FILE = "semantic_anchors.yml"


def _key(word: str) -> str:
    return compact(normalise(word)).text


@lru_cache(maxsize=1)
def anchors() -> dict[str, tuple[str, ...]]:
    """Semantic rule id -> its anchor words, normalised and compacted."""
    raw = resources.files("pipeline.rules").joinpath(_FILE).read_text(encoding="utf-8")
    data = yamlutil.load_data(raw) or {}
    return {str(rule): tuple(_key(str(w)) for w in words) for rule, words in data.items()}


def lexical_rule(semantic_rule: str) -> str:
    """The lexical item a semantic rule stands for: ``S9-02`` → ``A9-02``, ``S16`` → ``A16-01``."""
    return "A16-01" if semantic_rule == "S16" else "A" + semantic_rule[1:]


def escalate(found: list[Detection], text: str) -> list[Detection]:
    """An error of the lexical item for each semantic finding in ``found`` whose sentence
    (``text[start:end]``) holds one of its rule's anchor words."""
    if not found:
        return []  # most posts: the anchor file is not even read
    table = anchors()
    errors: list[Detection] = []
    for d in found:
        words = table.get(d.rule)
        if not words:
            continue
        sentence = compact(normalise(text[d.start : d.end])).text
        word = next((w for w in words if w in sentence), None)
        if word is None or framed(text, d.start, d.end):
            continue
        if any(r in sentence for r in REFUTING):
            continue
        rule = lexical_rule(d.rule)
        message = (
            f"语义模型判断本句违反{d.article}，且同句出现强信号词「{word}」"
            "（出价、联系方式、号召行动或明确的侮辱）"
        )
        message = advise(rule, message, False)
        errors.append(Detection(d.start, d.end, rule, d.article, "error", message))
    return errors
