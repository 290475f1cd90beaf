"""The app push endpoint emulator: HMAC-checked, idempotent by ``Idempotency-Key``."""

from __future__ import annotations

import json
import time
from typing import Any

from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.platforms.app import KEY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify

Answer = tuple[int, dict[str, Any], dict[str, str]]
PUSH_PATH = "/app/push"


class AppAPI:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> dict[tuple[str, str], Any]:
        return {("POST", PUSH_PATH): self.push, ("GET", "/app/items"): self.items}

    def push(self, req: Request) -> Answer:
        ok = verify(
            self.state.config.app_key,
            req.headers.get(TIMESTAMP_HEADER.lower(), ""),
            req.body,
            req.headers.get(SIGNATURE_HEADER.lower(), ""),
            # The sender signs with its real clock: freshness is judged against real time,
            # not the emulated clock that ``/_emulator/clock`` moves for rate windows.
            now=time.time(),
        )
        if not self.state.config.app_key or not ok:
            return 401, {"error": "bad signature or stale timestamp"}, {}
        key = req.headers.get(KEY_HEADER.lower(), "")
        if not key:
            return 400, {"error": "Idempotency-Key required"}, {}
        try:
            payload = json.loads(req.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return 400, {"error": "body is not JSON"}, {}
        item = payload.get("item") if isinstance(payload, dict) else None
        kind = payload.get("type") if isinstance(payload, dict) else None
        if kind not in ("item", "retraction") or not isinstance(item, dict) or not item.get("id"):
            return 422, {"error": "type must be item|retraction and item.id is required"}, {}
        if kind == "item" and not (item.get("content_html") or item.get("content_text")):
            return 422, {"error": "item needs content_html or content_text"}, {}
        with self.state.lock:
            if key in self.state.app_keys:
                return 200, {**self.state.app_keys[key], "duplicate": True}, {}
            push_id = f"push-{self.state.next_id()}"
            if kind == "item":
                self.state.app_items[str(item["id"])] = {
                    "push_id": push_id,
                    "key": key,
                    "item": item,
                    "received_at": self.state.now(),
                }
            else:
                target = self.state.app_items.get(str(item["id"]))
                if target is not None:
                    target["retracted"] = True
                    target["retraction"] = item
            answer = {"id": push_id}
            self.state.app_keys[key] = answer
        return 201, {**answer, "duplicate": False}, {}

    def items(self, req: Request) -> Answer:
        with self.state.lock:
            return 200, {"items": list(self.state.app_items.values())}, {}
