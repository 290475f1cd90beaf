"""Comments on the app emulator, HMAC-signed like the push: ``GET /app/comments?since=N``,
``POST /app/comments/reply``, ``POST /app/comments/hide``. The comments themselves:
comment_store.py; the signature check is shared with the app's private messages."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pipeline.emulators.comment_store import Answer, add_reply, comment_list, find
from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.platforms.app import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify


class AppComments:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("GET", "/app/comments"): self.app_list,
            ("POST", "/app/comments/reply"): self.app_reply,
            ("POST", "/app/comments/hide"): self.app_hide,
        }

    def app_ok(self, req: Request) -> bool:
        key = self.state.config.app_key
        return bool(key) and verify(
            key,
            req.headers.get(TIMESTAMP_HEADER.lower(), ""),
            req.body if req.method == "POST" else req.path.encode("utf-8"),
            req.headers.get(SIGNATURE_HEADER.lower(), ""),
            now=time.time(),
        )

    def listing(
        self,
        req: Request,
        key: str,
        rows: Callable[[], list[dict[str, Any]]],
        extra: Callable[[dict[str, Any]], dict[str, Any]],
    ) -> Answer:
        """A signed ``GET …?since=N`` of the app (comments, messages): the rows not deleted
        whose id is above N, oldest first, at most 200, each with ``extra`` fields."""
        if not self.app_ok(req):
            return 401, {"error": "bad signature or stale timestamp"}, {}
        since = int(req.query.get("since") or 0)
        with self.state.lock:
            found = [
                {
                    "id": row["id"],
                    **extra(row),
                    "user": row["user"],
                    "text": row["text"],
                    "created_at": int(row["at"]),
                }
                for row in rows()
                if int(row["id"]) > since and not row.get("deleted")
            ]
        return 200, {key: found[:200]}, {}

    def app_list(self, req: Request) -> Answer:
        return self.listing(
            req,
            "comments",
            lambda: [c for c in comment_list(self.state) if c["platform"] == "app"],
            lambda c: {"item_id": c["target"], "replied": bool(c.get("reply"))},
        )

    def _app_target(self, req: Request) -> tuple[dict[str, Any] | None, dict[str, Any], Answer]:
        if not self.app_ok(req):
            return None, {}, (401, {"error": "bad signature or stale timestamp"}, {})
        body = req.json()
        comment = find(self.state, "app", str(body.get("id", "")))
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
            reply = add_reply(self.state, comment, text)
        return 201, {"id": reply["id"]}, {}

    def app_hide(self, req: Request) -> Answer:
        with self.state.lock:
            comment, _, problem = self._app_target(req)
            if comment is None:
                return problem
            comment["hidden"] = True
        return 200, {"ok": True}, {}
