"""Citizens' direct messages on the three emulated platforms (第十二条 私信).

Messages live in ``state.interactions["messages"]``: the platform, the message id, an opaque
user id, the text, the time, and the account's answers (``replies``).

- WeChat: a message is pushed to the account's callback URL as the platform does (XML,
  ``signature`` = SHA-1 of the sorted token, timestamp and nonce), when the unit has set one
  (``{"kind": "callback", "url", "token"}`` on ``/_emulator/interaction``); the account
  answers with ``POST /cgi-bin/message/custom/send`` (``touser``, ``msgtype: text``,
  ``text.content``) within 48 hours of the citizen's last message, else errcode 45015.
- Weibo (*unconfirmed*: the private-message interface of the v2 API):
  ``GET /2/direct_messages.json`` (``since_id``, ``count`` ≤ 200, newest first) and
  ``POST /2/direct_messages/new.json`` (``uid``, ``text`` ≤ 300 characters).
- app (HMAC-signed like its comments): ``GET /app/messages?since=N``,
  ``POST /app/messages/reply`` (``id``, ``text``; a second answer is 409).

Planting: ``{"kind": "message", "platform", "text", "user", "at", "id", "repeat"}``;
``repeat`` pushes a WeChat message more than once, as the platform retries a push it
thinks was not received.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from typing import Any
from xml.sax.saxutils import escape

from pipeline.emulators.app_comments import AppComments
from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState

Answer = tuple[int, Any, dict[str, str]]
WINDOW = 48 * 3600
WEIBO_DM_LIMIT = 300
CST = dt.timezone(dt.timedelta(hours=8))
ACCOUNT = "gh_emulator0001"


def push_signature(token: str, timestamp: str, nonce: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()


def push_xml(message: dict[str, Any]) -> bytes:
    return (
        "<xml>"
        f"<ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
        f"<FromUserName><![CDATA[{message['user']}]]></FromUserName>"
        f"<CreateTime>{int(message['at'])}</CreateTime>"
        "<MsgType><![CDATA[text]]></MsgType>"
        f"<Content>{escape(message['text'])}</Content>"
        f"<MsgId>{message['id']}</MsgId>"
        "</xml>"
    ).encode()


class MessagesAPI:
    def __init__(self, state: EmulatorState, app: AppComments) -> None:
        self.state = state
        self.app = app  # the app's HMAC check and signed listing (interaction_api)

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("POST", "/cgi-bin/message/custom/send"): self.wechat_send,
            ("GET", "/2/direct_messages.json"): self.weibo_list,
            ("POST", "/2/direct_messages/new.json"): self.weibo_send,
            ("GET", "/app/messages"): self.app_list,
            ("POST", "/app/messages/reply"): self.app_reply,
        }

    def _messages(self, platform: str) -> list[dict[str, Any]]:
        rows = self.state.interactions.setdefault("messages", [])
        return [m for m in rows if m["platform"] == platform]

    def _answer(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        reply = {"id": str(self.state.next_id()), "text": text, "at": self.state.now()}
        message.setdefault("replies", []).append(reply)
        return reply

    # -- WeChat: customer-service message within 48 hours ------------------------------------

    def wechat_send(self, req: Request) -> Answer:
        body = req.json()
        text = (body.get("text") or {}).get("content", "") if isinstance(body, dict) else ""
        if body.get("msgtype") != "text" or not text:
            return 200, {"errcode": 44004, "errmsg": "empty content"}, {}
        with self.state.lock:
            mine = [m for m in self._messages("wechat") if m["user"] == body.get("touser")]
            if not mine:
                return 200, {"errcode": 40003, "errmsg": "invalid openid"}, {}
            last = max(mine, key=lambda m: m["at"])
            if self.state.now() - last["at"] > WINDOW:
                return 200, {"errcode": 45015, "errmsg": "response out of time limit"}, {}
            self._answer(last, text)
        return 200, {"errcode": 0, "errmsg": "ok"}, {}

    # -- Weibo -------------------------------------------------------------------------------

    def weibo_list(self, req: Request) -> Answer:
        since = int(req.query.get("since_id") or 0)
        count = int(req.query.get("count") or 50)
        if not 1 <= count <= 200:
            return 400, {"error": "count", "error_code": 10017, "request": req.path}, {}
        with self.state.lock:
            rows = [m for m in self._messages("weibo") if int(m["id"]) > since]
            rows = sorted(rows, key=lambda m: -int(m["id"]))[:count]
            found = [
                {
                    "id": int(m["id"]),
                    "idstr": m["id"],
                    "created_at": dt.datetime.fromtimestamp(m["at"], CST).strftime(
                        "%a %b %d %H:%M:%S %z %Y"
                    ),
                    "text": m["text"],
                    "sender_id": int(m["user"]),
                    "sender": {"id": int(m["user"]), "idstr": m["user"]},
                }
                for m in rows
            ]
        return 200, {"direct_messages": found, "total_number": len(found)}, {}

    def weibo_send(self, req: Request) -> Answer:
        form = req.form()
        text = form.get("text", "")
        if not text:
            return 400, {"error": "text", "error_code": 10016, "request": req.path}, {}
        if len(text) > WEIBO_DM_LIMIT:
            return 400, {"error": "Text too long", "error_code": 20012, "request": req.path}, {}
        with self.state.lock:
            mine = [m for m in self._messages("weibo") if m["user"] == form.get("uid")]
            if not mine:
                return 400, {"error": "no such user", "error_code": 20003, "request": req.path}, {}
            reply = self._answer(max(mine, key=lambda m: m["at"]), text)
        return 200, {"id": int(reply["id"]), "idstr": reply["id"], "text": text}, {}

    # -- app ---------------------------------------------------------------------------------

    def app_list(self, req: Request) -> Answer:
        return self.app.listing(
            req,
            "messages",
            lambda: self._messages("app"),
            lambda m: {"replied": bool(m.get("replies"))},
        )

    def app_reply(self, req: Request) -> Answer:
        if not self.app.app_ok(req):
            return 401, {"error": "bad signature or stale timestamp"}, {}
        body = req.json()
        with self.state.lock:
            found = [m for m in self._messages("app") if m["id"] == str(body.get("id", ""))]
            if not found or found[0].get("deleted"):
                return 404, {"error": "message not found"}, {}
            if found[0].get("replies"):
                return 409, {"error": "already replied"}, {}
            text = str(body.get("text", ""))
            if not text:
                return 422, {"error": "text required"}, {}
            reply = self._answer(found[0], text)
        return 201, {"id": reply["id"]}, {}


def plant_message(state: EmulatorState, spec: dict[str, Any]) -> dict[str, Any]:
    """One citizen's message (under ``state.lock``); WeChat's pushes are sent by ``deliver``."""
    platform = str(spec.get("platform") or "wechat")
    if platform not in ("wechat", "weibo", "app"):
        raise ValueError("platform must be wechat, weibo or app")
    text = spec.get("text")
    if not isinstance(text, str) or not text:
        raise ValueError("text required")
    number = state.next_id()
    default_user = f"oUSER{number:012d}" if platform == "wechat" else str(6_000_000_000 + number)
    message = {
        "platform": platform,
        "id": str(spec.get("id") or 7_000_000_000 + number),
        "user": str(spec.get("user") or default_user),
        "text": text,
        "at": float(spec.get("at") or state.now()),
    }
    rows = state.interactions.setdefault("messages", [])
    if not any(m["platform"] == platform and m["id"] == message["id"] for m in rows):
        rows.append(message)
    repeat = int(spec.get("repeat") or 1)
    if platform == "wechat":
        state.interactions.setdefault("outbox", []).extend([message] * max(1, min(repeat, 3)))
    return {"kind": "message", "platform": platform, "id": message["id"]}


def set_callback(state: EmulatorState, spec: dict[str, Any]) -> dict[str, Any]:
    url, token = spec.get("url"), spec.get("token")
    if not isinstance(url, str) or not url.startswith("http") or not isinstance(token, str):
        raise ValueError("callback needs url and token")
    state.interactions["callback"] = {"url": url, "token": token}
    return {"kind": "callback", "url": url}


def deliver(state: EmulatorState) -> int:
    """Push the waiting WeChat messages to the unit's callback (outside the state lock); a
    push the callback does not take stays waiting. Returns how many were taken."""
    import httpx

    with state.lock:
        callback = state.interactions.get("callback")
        waiting = list(state.interactions.get("outbox", []))
    if not callback or not waiting:
        return 0
    taken = 0
    with httpx.Client(timeout=5, trust_env=False) as http:
        for message in waiting:
            # WeChat signs with its real clock, the message's CreateTime is the emulator's
            stamp, nonce = str(int(time.time())), secrets.token_hex(4)
            params = {
                "timestamp": stamp,
                "nonce": nonce,
                "signature": push_signature(callback["token"], stamp, nonce),
            }
            try:
                answer = http.post(callback["url"], params=params, content=push_xml(message))
            except httpx.HTTPError:
                break
            if answer.status_code != 200:
                break
            taken += 1
    with state.lock:
        del state.interactions.setdefault("outbox", [])[:taken]
    return taken
