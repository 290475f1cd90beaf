"""The Weibo API v2 emulator: share, destroy, user_timeline (error shapes of platforms.md)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlparse

from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState

Answer = tuple[int, dict[str, Any], dict[str, str]]
URL = re.compile(r"https?://[^\s]+")
UID = 7_100_000_001
DUPLICATE_WINDOW = 24 * 3600


def err(code: int, msg: str, path: str) -> Answer:
    status = 403 if code in (10014, 21327, 21332) else 400
    return status, {"error": msg, "error_code": code, "request": path}, {}


class WeiboAPI:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("POST", "/2/statuses/share.json"): self.share,
            ("POST", "/2/statuses/destroy.json"): self.destroy,
            ("GET", "/2/statuses/user_timeline.json"): self.timeline,
        }

    def check_token(self, req: Request) -> Answer | None:
        token = req.form().get("access_token") if req.method == "POST" else None
        if not token:
            auth = req.headers.get("authorization", "")
            token = auth.removeprefix("OAuth2 ").strip() if auth.startswith("OAuth2 ") else ""
        if not token:
            return err(21301, "auth faild!", req.path)
        if token != self.state.config.weibo_token:
            return err(21332, "invalid_access_token", req.path)
        return None

    def share(self, req: Request) -> Answer:
        text = req.form().get("status", "")
        if not text:
            return err(10016, "miss required parameter (status)", req.path)
        if len(text) > 140:
            return err(
                20012, "Text too long, please input text less than 140 characters!", req.path
            )
        hosts = {urlparse(u).hostname for u in URL.findall(text)}
        if not hosts & set(self.state.config.weibo_safe_domains):
            return err(10017, "text not find domain!", req.path)
        with self.state.lock:
            now = self.state.now()
            live = [s for s in self.state.statuses if not s.get("deleted")]
            if any(s["text"] == text and now - s["_at"] < DUPLICATE_WINDOW for s in live):
                return err(20019, "Repeated weibo text!", req.path)
            recent = [s for s in self.state.statuses if now - s["_at"] < 3600]
            if len(recent) >= self.state.config.weibo_hourly_limit:
                return err(10023, "User requests out of rate limit!", req.path)
            number = 5_000_000_000_000_000 + self.state.next_id()
            created = dt.datetime.fromtimestamp(now, dt.timezone(dt.timedelta(hours=8)))
            status = {
                "id": number,
                "idstr": str(number),
                "mid": str(number),
                "created_at": created.strftime("%a %b %d %H:%M:%S %z %Y"),
                "text": text,
                "source": "govmedia",
                "user": {"id": UID, "idstr": str(UID), "screen_name": "牙克石市政务服务局"},
                "_at": now,
            }
            if "pic" in req.files():
                status["pic_size"] = len(req.files()["pic"][1])
            self.state.statuses.append(status)
        return 200, _public(status), {}

    def destroy(self, req: Request) -> Answer:
        status_id = req.form().get("id", "")
        with self.state.lock:
            for status in self.state.statuses:
                if status["idstr"] == status_id:
                    if status.get("deleted"):
                        break
                    status["deleted"] = True
                    return 200, _public(status), {}
        return err(20101, "Target weibo does not exist!", req.path)

    def timeline(self, req: Request) -> Answer:
        count = max(1, min(int(req.query.get("count", "20") or 20), 100))
        page = max(1, int(req.query.get("page", "1") or 1))
        with self.state.lock:
            live = [s for s in reversed(self.state.statuses) if not s.get("deleted")]
            chunk = live[(page - 1) * count : page * count]
            return 200, {"statuses": [_public(s) for s in chunk], "total_number": len(live)}, {}


def _public(status: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in status.items() if not k.startswith("_") and k != "deleted"}
