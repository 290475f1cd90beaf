"""The citizens' comments the interaction emulators share (interaction_api.py): one list in
``state.interactions["comments"]``, one dict per comment with the platform, its id, the item
commented on (``target``), an opaque user id, the text, the time, and what the account did
(``reply``, ``hidden``, ``deleted`` by its author). Callers hold ``state.lock``."""

from __future__ import annotations

from typing import Any

from pipeline.emulators.state import EmulatorState

Answer = tuple[int, Any, dict[str, str]]
PLATFORMS = ("wechat", "weibo", "app")


def comment_list(state: EmulatorState) -> list[dict[str, Any]]:
    return state.interactions.setdefault("comments", [])


def find(
    state: EmulatorState, platform: str, cid: str, target: str | None = None
) -> dict[str, Any] | None:
    """The comment ``cid`` of ``platform`` (on ``target`` when given: WeChat numbers its
    comments per article, so a comment id names one only with its article)."""
    for comment in comment_list(state):
        same = comment["platform"] == platform and comment["id"] == cid
        if same and (target is None or comment["target"] == target):
            return comment
    return None


def add_reply(state: EmulatorState, comment: dict[str, Any], text: str) -> dict[str, Any]:
    reply = {"id": str(state.next_id()), "text": text, "at": state.now()}
    comment["reply"] = reply
    return reply
