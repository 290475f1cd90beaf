"""Chinese names of the publication ledger's events, for people (summaries, reports)."""

from __future__ import annotations

from collections.abc import Mapping

EVENT_NAMES = {
    "intent": "发布意图",
    "drafted": "已建草稿",
    "submitted": "已提交发布",
    "published": "已发布",
    "failed": "失败",
    "deferred": "推迟",
    "retract-intent": "撤回意图",
    "retracted": "已撤回",
}


def event_name(event: str) -> str:
    return EVENT_NAMES.get(event, event)


def event_summary(counts: Mapping[str, int]) -> str:
    """``已建草稿 39，失败 1``: counts per event, in the order a post goes through them."""
    order = list(EVENT_NAMES)
    keys = sorted(counts, key=lambda e: (order.index(e) if e in order else len(order), e))
    return "，".join(f"{event_name(k)} {counts[k]}" for k in keys)
