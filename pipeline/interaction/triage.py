"""Triage of inbox items (第十二条, 第十七条 互动环节的不良信息).

Every item runs through the unit's content rules (``pipeline.rules``, the same checker as
posts). In order:

- **violation**: an error-level finding; proposed for hiding, with the rule and article
  (hiding itself needs a signed approval, see ``replies``);
- **duplicate**: the same person sent the same text before: folded into the first;
- **spam**: a link, or the same remark (not a question) from three or more people (a
  copy-paste flood): folded into the first; the same question from many people stays a
  question for each of them;
- **question**: asks something (the unit's question markers): routed by the unit's rules
  (keywords → department and person) and given a deadline;
- **remark**: anything else (thanks, opinions): no action needed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.interaction.config import InteractionConfig, Route
from pipeline.interaction.store import Item
from pipeline.rules.checker import RuleChecker
from pipeline.rules.detection import Detection

VIOLATION, DUPLICATE, SPAM, QUESTION, REMARK = (
    "violation",
    "duplicate",
    "spam",
    "question",
    "remark",
)
LABELS = {
    VIOLATION: "违规（建议隐藏）",
    DUPLICATE: "重复",
    SPAM: "垃圾信息",
    QUESTION: "咨询",
    REMARK: "留言",
}
SPAM_PEOPLE = 3
_LINK_RE = re.compile(r"https?://|www\.|\.com\b|\.cn\b", re.IGNORECASE)
_NOISE_RE = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Triaged:
    item: Item
    category: str
    findings: tuple[Detection, ...] = ()
    route: Route | None = None
    folded_into: str = ""  # the first item of a duplicate / spam group
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_question(self) -> bool:
        return self.category == QUESTION


def fingerprint(text: str) -> str:
    """The text as compared for duplicates: width-folded, lower-case, without punctuation."""
    return _NOISE_RE.sub("", unicodedata.normalize("NFKC", text).lower())


def is_question(text: str, config: InteractionConfig) -> bool:
    return any(marker in text for marker in config.question_markers)


def route_of(text: str, config: InteractionConfig) -> Route:
    for route in config.routes:
        if any(word in text for word in route.keywords):
            return route
    return config.default_route


def triage(items: Iterable[Item], checker: RuleChecker, config: InteractionConfig) -> list[Triaged]:
    """Every item's category, oldest first (the first of a group is the one kept)."""
    ordered = sorted(items, key=lambda i: (i.when, i.id))
    people: dict[str, set[str]] = {}
    for item in ordered:
        people.setdefault(fingerprint(item.text), set()).add(item.user)
    first_by_person: dict[tuple[str, str], str] = {}
    first_by_text: dict[str, str] = {}
    checked: dict[str, tuple[Detection, ...]] = {}
    result: list[Triaged] = []
    for item in ordered:
        key = fingerprint(item.text)
        errors = checked.get(item.text)
        if errors is None:  # a repeated text is checked once
            errors = tuple(d for d in checker.check_text(item.text) if d.severity == "error")
            checked[item.text] = errors
        if errors:
            result.append(Triaged(item, VIOLATION, errors))
            continue
        first = first_by_person.setdefault((item.user, key), item.id)
        if first != item.id:
            result.append(Triaged(item, DUPLICATE, folded_into=first))
            continue
        question = is_question(item.text, config)
        if _LINK_RE.search(item.text) or (len(people[key]) >= SPAM_PEOPLE and not question):
            lead = first_by_text.setdefault(key, item.id)
            result.append(Triaged(item, SPAM, folded_into=lead if lead != item.id else ""))
            continue
        if question:
            result.append(Triaged(item, QUESTION, route=route_of(item.text, config)))
            continue
        result.append(Triaged(item, REMARK))
    return result
