"""Citizen interaction on the three emulated platforms (第十二条): comments, replies, hiding.

Comments live in ``state.interactions["comments"]``, one dict per comment with the platform,
its id, the item commented on (``target``: WeChat article id, Weibo status id, app item id),
an opaque user id, the text, the time, and what the account did (``reply``, ``hidden``,
``deleted`` by its author).

- WeChat (errcode shapes): ``POST /cgi-bin/comment/list`` (``msg_data_id`` = the article
  id here, ``index``, ``begin``, ``count`` ≤ 50), ``/cgi-bin/comment/reply/add`` (one reply
  per comment: a second one is errcode 88009), ``/cgi-bin/comment/delete``;
- Weibo: ``GET /2/comments/to_me.json`` (``since_id``, ``max_id``, ``count`` ≤ 200,
  newest first),
  ``POST /2/comments/reply.json`` (``cid``, ``id``, ``comment`` ≤ 140 characters),
  ``POST /2/comments/destroy_batch/own/biz.json`` (``cids``), ``POST /2/statuses/repost.json``
  (``id``, ``status``: a superior account's status reposted);
- app (HMAC-signed like the push): ``GET /app/comments?since=N``, ``POST /app/comments/reply``,
  ``POST /app/comments/hide``.

Control: ``POST /_emulator/interaction`` plants ``{"kind": "comment", "platform", "text",
"user", "target"}`` or withdraws one (``{"kind": "withdraw", "id"}``: the author deleted it).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import time
from typing import Any

from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.platforms.app import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify

Answer = tuple[int, Any, dict[str, str]]
PLATFORMS = ("wechat", "weibo", "app")
WEIBO_LIMIT = 140
CST = dt.timezone(dt.timedelta(hours=8))


@functools.lru_cache(maxsize=4096)
def _weibo_time(at: float) -> str:
    return dt.datetime.fromtimestamp(at, CST).strftime("%a %b %d %H:%M:%S %z %Y")


def _wx(code: int, msg: str) -> Answer:
    return 200, {"errcode": code, "errmsg": msg}, {}


def _wb(code: int, msg: str, path: str) -> Answer:
    return 400, {"error": msg, "error_code": code, "request": path}, {}


class InteractionAPI:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self._index_key: tuple[int, int] = (0, -1)
        self._index: tuple[list[int], list[dict[str, Any]]] = ([], [])

    def routes(self) -> dict[tuple[str, str], Any]:
        from pipeline.emulators.messages_api import MessagesAPI

        return {
            **MessagesAPI(self.state, self._app_ok).routes(),
            ("POST", "/cgi-bin/comment/list"): self.wechat_list,
            ("POST", "/cgi-bin/comment/reply/add"): self.wechat_reply,
            ("POST", "/cgi-bin/comment/delete"): self.wechat_delete,
            ("GET", "/2/comments/to_me.json"): self.weibo_list,
            ("POST", "/2/comments/reply.json"): self.weibo_reply,
            ("POST", "/2/comments/destroy_batch/own/biz.json"): self.weibo_destroy,
            ("POST", "/2/statuses/repost.json"): self.weibo_repost,
            ("GET", "/app/comments"): self.app_list,
            ("POST", "/app/comments/reply"): self.app_reply,
            ("POST", "/app/comments/hide"): self.app_hide,
        }

    # -- state -------------------------------------------------------------------------------

    def _comments(self) -> list[dict[str, Any]]:
        return self.state.interactions.setdefault("comments", [])

    def _weibo_index(self) -> tuple[list[int], list[dict[str, Any]]]:
        """Weibo comments by numeric id, rebuilt when comments were added (under the lock)."""
        comments = self._comments()
        key = (id(comments), len(comments))
        if self._index_key != key:
            rows = sorted(
                (c for c in comments if c["platform"] == "weibo"), key=lambda c: int(c["id"])
            )
            self._index = ([int(c["id"]) for c in rows], rows)
            self._index_key = key
        return self._index

    def _find(self, platform: str, cid: str) -> dict[str, Any] | None:
        for comment in self._comments():
            if comment["platform"] == platform and comment["id"] == cid:
                return comment
        return None

    def _reply(self, comment: dict[str, Any], text: str) -> dict[str, Any]:
        reply = {"id": str(self.state.next_id()), "text": text, "at": self.state.now()}
        comment["reply"] = reply
        return reply

    # -- WeChat ------------------------------------------------------------------------------

    def wechat_list(self, req: Request) -> Answer:
        body = req.json()
        target = str(body.get("msg_data_id", ""))
        begin, count = int(body.get("begin", 0)), int(body.get("count", 50))
        if count > 50 or count < 1 or begin < 0:
            return _wx(40097, "invalid args")
        with self.state.lock:
            rows = [
                c
                for c in self._comments()
                if c["platform"] == "wechat" and c["target"] == target and not c.get("deleted")
            ]
            page = rows[begin : begin + count]
            comments = []
            for c in page:
                item = {
                    "user_comment_id": int(c["id"]),
                    "openid": c["user"],
                    "create_time": int(c["at"]),
                    "content": c["text"],
                    "comment_type": 1 if c.get("selected") else 0,
                }
                if c.get("reply"):
                    item["reply"] = {
                        "content": c["reply"]["text"],
                        "create_time": int(c["reply"]["at"]),
                    }
                comments.append(item)
        return 200, {"errcode": 0, "errmsg": "ok", "total": len(rows), "comment": comments}, {}

    def wechat_reply(self, req: Request) -> Answer:
        body = req.json()
        text = str(body.get("content", ""))
        if not text:
            return _wx(44004, "empty content")
        with self.state.lock:
            comment = self._find("wechat", str(body.get("user_comment_id", "")))
            if comment is None or comment.get("deleted"):
                return _wx(88008, "comment not exists")
            if comment.get("reply"):
                return _wx(88009, "reply already exists")
            self._reply(comment, text)
        return _wx(0, "ok")

    def wechat_delete(self, req: Request) -> Answer:
        body = req.json()
        with self.state.lock:
            comment = self._find("wechat", str(body.get("user_comment_id", "")))
            if comment is None or comment.get("deleted"):
                return _wx(88008, "comment not exists")
            comment["hidden"] = True
        return _wx(0, "ok")

    # -- Weibo -------------------------------------------------------------------------------

    def weibo_list(self, req: Request) -> Answer:
        since = int(req.query.get("since_id") or 0)
        max_id = int(req.query.get("max_id") or 0)
        count = int(req.query.get("count") or 50)
        if count > 200 or count < 1:
            return _wb(10017, "count out of range", req.path)
        with self.state.lock:
            ids, ordered = self._weibo_index()
            first = bisect.bisect_right(ids, since)
            index = (bisect.bisect_right(ids, max_id) if max_id else len(ids)) - 1
            rows = []  # newest first, a page at a time (not a scan of every comment)
            while index >= first and len(rows) < count:
                c = ordered[index]
                if not c.get("deleted") and not c.get("hidden"):
                    rows.append(c)
                index -= 1
            comments = [
                {
                    "id": int(c["id"]),
                    "idstr": c["id"],
                    "created_at": _weibo_time(c["at"]),
                    "text": c["text"],
                    "user": {"id": int(c["user"]), "idstr": c["user"]},
                    "status": {"id": int(c["target"]), "idstr": c["target"]},
                }
                for c in rows
            ]
        return 200, {"comments": comments, "total_number": len(comments)}, {}

    def weibo_reply(self, req: Request) -> Answer:
        form = req.form()
        text = form.get("comment", "")
        if not text:
            return _wb(10016, "miss required parameter (comment)", req.path)
        if len(text) > WEIBO_LIMIT:
            return _wb(20012, "Text too long", req.path)
        with self.state.lock:
            comment = self._find("weibo", form.get("cid", ""))
            if comment is None or comment.get("deleted"):
                return _wb(20101, "target weibo does not exist!", req.path)
            if comment["target"] != form.get("id", ""):
                return _wb(10017, "cid does not belong to id", req.path)
            reply = self._reply(comment, text)
        return 200, {"id": int(reply["id"]), "idstr": reply["id"], "text": text}, {}

    def weibo_destroy(self, req: Request) -> Answer:
        cids = [c for c in req.form().get("cids", "").split(",") if c]
        if not cids or len(cids) > 20:
            return _wb(10017, "cids: 1 to 20 ids", req.path)
        done = []
        with self.state.lock:
            for cid in cids:
                comment = self._find("weibo", cid)
                if comment is not None and not comment.get("deleted"):
                    comment["hidden"] = True
                    done.append({"id": int(cid), "idstr": cid})
        return 200, {"comments": done}, {}

    def weibo_repost(self, req: Request) -> Answer:
        """``statuses/repost``: ``id`` (the status reposted), ``status`` (≤ 140 characters)."""
        form = req.form()
        text = form.get("status", "")
        if len(text) > WEIBO_LIMIT:
            return _wb(20012, "Text too long", req.path)
        with self.state.lock:
            number = 5_000_000_000_000_000 + self.state.next_id()
            status = {
                "id": number,
                "idstr": str(number),
                "mid": str(number),
                "created_at": dt.datetime.fromtimestamp(self.state.now(), CST).strftime(
                    "%a %b %d %H:%M:%S %z %Y"
                ),
                "text": text,
                "retweeted_status": {"idstr": form.get("id", "")},
                "_at": self.state.now(),
            }
            self.state.interactions.setdefault("reposts", []).append(status)
        return 200, {k: v for k, v in status.items() if k != "_at"}, {}

    # -- app ---------------------------------------------------------------------------------

    def _app_ok(self, req: Request) -> bool:
        key = self.state.config.app_key
        return bool(key) and verify(
            key,
            req.headers.get(TIMESTAMP_HEADER.lower(), ""),
            req.body if req.method == "POST" else req.path.encode("utf-8"),
            req.headers.get(SIGNATURE_HEADER.lower(), ""),
            now=time.time(),
        )

    def app_list(self, req: Request) -> Answer:
        if not self._app_ok(req):
            return 401, {"error": "bad signature or stale timestamp"}, {}
        since = int(req.query.get("since") or 0)
        with self.state.lock:
            rows = [
                {
                    "id": c["id"],
                    "item_id": c["target"],
                    "user": c["user"],
                    "text": c["text"],
                    "created_at": int(c["at"]),
                    "replied": bool(c.get("reply")),
                }
                for c in self._comments()
                if c["platform"] == "app" and int(c["id"]) > since and not c.get("deleted")
            ]
        return 200, {"comments": rows[:200]}, {}

    def _app_target(self, req: Request) -> tuple[dict[str, Any] | None, dict[str, Any], Answer]:
        if not self._app_ok(req):
            return None, {}, (401, {"error": "bad signature or stale timestamp"}, {})
        body = req.json()
        comment = self._find("app", str(body.get("id", "")))
        if comment is None or comment.get("deleted"):
            return None, body, (404, {"error": "comment not found"}, {})
        return comment, body, (200, {}, {})

    def app_reply(self, req: Request) -> Answer:
        with self.state.lock:
            comment, body, problem = self._app_target(req)
            if comment is None:
                return problem
            if comment.get("reply"):
                return 409, {"error": "already replied", "reply_id": comment["reply"]["id"]}, {}
            text = str(body.get("text", ""))
            if not text:
                return 422, {"error": "text required"}, {}
            reply = self._reply(comment, text)
        return 201, {"id": reply["id"]}, {}

    def app_hide(self, req: Request) -> Answer:
        with self.state.lock:
            comment, _, problem = self._app_target(req)
            if comment is None:
                return problem
            comment["hidden"] = True
        return 200, {"ok": True}, {}


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
