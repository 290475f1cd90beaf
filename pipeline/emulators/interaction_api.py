"""Citizen interaction on the three emulated platforms (第十二条): comments, replies, hiding.

Comments live in ``state.interactions["comments"]``, one dict per comment with the platform,
its id, the item commented on (``target``: WeChat article id, Weibo status id, app item id),
an opaque user id, the text, the time, and what the account did (``reply``, ``hidden``,
``deleted`` by its author) — comment_store.py. Each platform's routes are in their own
module: wechat_comments.py (errcode shapes), weibo_comments.py (with the repost of a
superior account's status), app_comments.py (HMAC-signed like the push); private messages
in messages_api.py. This module joins their routes and plants what citizens do.

Control: ``POST /_emulator/interaction`` plants ``{"kind": "comment", "platform", "text",
"user", "target"}`` or withdraws one (``{"kind": "withdraw", "id"}``: the author deleted it).
"""

from __future__ import annotations

import json
from typing import Any

from pipeline.emulators.app_comments import AppComments
from pipeline.emulators.comment_store import PLATFORMS, Answer
from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.emulators.wechat_comments import WeChatComments
from pipeline.emulators.weibo_comments import WeiboComments


class InteractionAPI:
    """The routes of the three platforms' comment modules and of the private messages."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self.wechat = WeChatComments(state)
        self.weibo = WeiboComments(state)
        self.app = AppComments(state)

    def routes(self) -> dict[tuple[str, str], Any]:
        from pipeline.emulators.messages_api import MessagesAPI

        return {
            **MessagesAPI(self.state, self.app).routes(),
            **self.wechat.routes(),
            **self.weibo.routes(),
            **self.app.routes(),
        }


# -- planting (control endpoint) -------------------------------------------------------------


def _newest_target(state: EmulatorState, platform: str) -> str:
    if platform == "wechat":
        live = [a for a in state.articles.values() if not a.get("deleted")]
        if live:
            return str(max(live, key=lambda a: a["create_time"])["article_id"])
    elif platform == "weibo":
        statuses = [s for s in state.statuses if not s.get("deleted")]
        if statuses:
            return str(statuses[-1]["idstr"])
    elif state.app_items:
        return str(list(state.app_items)[-1])
    raise ValueError(f"no published item on {platform} to comment on")


def plant(state: EmulatorState, spec: dict[str, Any]) -> dict[str, Any]:
    """Plant one citizen comment, or withdraw one (its author deleted it)."""
    from pipeline.emulators import messages_api

    kind = spec.get("kind")
    with state.lock:
        if kind == "message":
            return messages_api.plant_message(state, spec)
        if kind == "callback":
            return messages_api.set_callback(state, spec)
        comments = state.interactions.setdefault("comments", [])
        if kind == "withdraw":
            for comment in comments:
                if comment["id"] == str(spec.get("id", "")):
                    comment["deleted"] = True
                    return {
                        "kind": "withdraw",
                        "platform": comment["platform"],
                        "id": comment["id"],
                    }
            raise ValueError("no such comment")
        if kind != "comment":
            raise ValueError("kind must be comment, withdraw, message or callback")
        platform = str(spec.get("platform") or "weibo")
        if platform not in PLATFORMS:
            raise ValueError(f"platform must be one of {PLATFORMS}")
        text = spec.get("text")
        if not isinstance(text, str) or not text:
            raise ValueError("text required")
        target = str(spec.get("target") or _newest_target(state, platform))
        number = state.next_id()
        user = str(spec.get("user") or (6_000_000_000 + number))
        if platform == "wechat" and not spec.get("user"):
            user = f"oUSER{number:012d}"
        comment = {
            "platform": platform,
            "id": str(spec.get("id") or 3_000_000_000 + number),
            "target": target,
            "user": user,
            "text": text,
            "at": float(spec.get("at") or state.now()),
        }
        comments.append(comment)
        return {"kind": "comment", "platform": platform, "id": comment["id"], "target": target}


def handle(state: EmulatorState, req: Request) -> Answer:
    """``GET`` lists every comment with the account's actions; ``POST`` plants (a list too)."""
    if req.method == "GET":
        with state.lock:
            return (
                200,
                {
                    "comments": list(state.interactions.get("comments", [])),
                    "reposts": list(state.interactions.get("reposts", [])),
                    "messages": list(state.interactions.get("messages", [])),
                },
                {},
            )
    try:
        specs = json.loads(req.body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return 400, {"error": "body is not JSON"}, {}
    specs = [specs] if isinstance(specs, dict) else specs
    if not isinstance(specs, list) or not all(isinstance(s, dict) for s in specs):
        return 400, {"error": "a JSON object or a list of objects"}, {}
    try:
        planted = [plant(state, spec) for spec in specs]
    except ValueError as exc:
        return 400, {"error": str(exc)}, {}
    from pipeline.emulators.messages_api import deliver

    deliver(state)  # WeChat pushes messages to the unit's callback, when it has one
    state.save()
    return 200, {"planted": planted}, {}


def plant_comment_command(args: Any) -> int:
    """``govmedia emulate --plant comment|message --platform P --text T [--id TARGET] --url URL``."""
    import httpx

    from pipeline.errors import UsageError

    message = args.plant == "message"
    if not args.text:
        raise UsageError(
            f"--plant {args.plant} 需要 --text（{'私信' if message else '评论'}内容）。"
        )
    spec: dict[str, Any] = {"kind": args.plant, "platform": args.platform or "weibo"}
    spec["text"] = args.text
    if args.plant_id and not message:
        spec["target"] = args.plant_id
    endpoint = args.url.rstrip("/") + "/_emulator/interaction"
    try:
        with httpx.Client(timeout=10, trust_env=False) as http:
            response = http.post(endpoint, json=spec)
    except httpx.HTTPError as exc:
        raise UsageError(
            f"无法连接模拟器 {args.url}（{type(exc).__name__}）：请确认已启动。"
        ) from None
    data = response.json()
    if response.status_code != 200:
        raise UsageError(f"模拟器拒绝了请求：{data.get('error', response.status_code)}")
    for item in data.get("planted", []):
        if message:
            print(f"已添加网民私信：平台 {item['platform']}  私信 {item['id']}")
            continue
        print(
            f"已添加网民评论：平台 {item['platform']}  评论 {item['id']}  评论对象 {item['target']}"
        )
    return 0
