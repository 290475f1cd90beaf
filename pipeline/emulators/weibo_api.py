"""The Weibo API v2 emulator: share, destroy, user_timeline, short_url/expand.

Each behaviour cites the open.weibo.com page it follows (``wiki:`` below: open.weibo.com/wiki/
…); ``unconfirmed`` marks a detail no primary source confirmed.
"""

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
TOPIC = re.compile(r"#[^#\s]{1,64}#")
BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def weibo_length(text: str) -> int:
    """Weibo's count: non-ASCII characters one each, ASCII ones half, rounded up."""
    return (sum(1 if ord(ch) < 128 else 2 for ch in text) + 1) // 2


def err(code: int, msg: str, path: str) -> Answer:
    status = 403 if code in (10014, 21327, 21332) else 400
    return status, {"error": msg, "error_code": code, "request": path}, {}


def new_status(state: EmulatorState, text: str, source: str, now: float) -> dict[str, Any]:
    """A status of the account as the platform stores it (a new id, Weibo's time format)."""
    number = 5_000_000_000_000_000 + state.next_id()
    created = dt.datetime.fromtimestamp(now, dt.timezone(dt.timedelta(hours=8)))
    return {
        "id": number,
        "idstr": str(number),
        "mid": str(number),
        "created_at": created.strftime("%a %b %d %H:%M:%S %z %Y"),
        "text": text,
        "source": source,
        "user": {"id": UID, "idstr": str(UID), "screen_name": "牙克石市政务服务局"},
        "_at": now,
    }


class WeiboAPI:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("POST", "/2/statuses/share.json"): self.share,
            ("POST", "/2/statuses/destroy.json"): self.destroy,
            ("GET", "/2/statuses/user_timeline.json"): self.timeline,
            ("GET", "/2/short_url/expand.json"): self.expand,
        }

    def check_token(self, req: Request) -> Answer | None:
        """wiki: Error_code — 21301 no credential, 21332 an invalid access token."""
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
        form = req.form()
        text = form.get("status", "")
        if not text:
            return err(10016, "miss required parameter (status)", req.path)
        # wiki: 2/statuses/share — rip (the acting user's real IP) is required
        if not form.get("rip"):
            return err(10016, "miss required parameter (rip)", req.path)
        # wiki: 2/statuses/share — at most 140 Chinese characters, counted as Weibo does:
        # an ASCII character is half of one
        if weibo_length(text) > 140:
            return err(
                20012, "Text too long, please input text less than 140 characters!", req.path
            )
        # wiki: 2/statuses/share — 「#话题#」 is not allowed in shared text (error code unconfirmed)
        if TOPIC.search(text):
            return err(10017, "topic is not allowed in share text", req.path)
        hosts = {urlparse(u).hostname for u in URL.findall(text)}
        if not hosts & set(self.state.config.weibo_safe_domains):
            return err(10017, "text not find domain!", req.path)
        with self.state.lock:
            now = self.state.now()
            live = [s for s in self.state.statuses if not s.get("deleted")]
            # wiki: Error_code — 20019 repeated text (within a day: unconfirmed window)
            if any(
                s.get("_received", s["text"]) == text and now - s["_at"] < DUPLICATE_WINDOW
                for s in live
            ):
                return err(20019, "Repeated weibo text!", req.path)
            # wiki: Rate-limiting — about 30 posts per user per app per hour (10023)
            recent = [s for s in self.state.statuses if now - s["_at"] < 3600]
            if len(recent) >= self.state.config.weibo_hourly_limit:
                return err(10023, "User requests out of rate limit!", req.path)
            status = new_status(self.state, text, "govmedia", now)  # its id first, then links
            # wiki: Short_URL — links in a status are stored and shown as t.cn links
            status["text"] = URL.sub(lambda m: self._shorten(m.group(0)), text)
            status["_received"] = text
            if "pic" in req.files():
                status["pic_size"] = len(req.files()["pic"][1])
            self.state.statuses.append(status)
        return 200, _public(status), {}

    def _shorten(self, url: str) -> str:
        for short, long in self.state.short_urls.items():
            if long == url:
                return short
        number = self.state.next_id() + 1_000_000
        slug = ""
        while number:
            number, digit = divmod(number, 62)
            slug = BASE62[digit] + slug
        short = f"http://t.cn/{slug}"
        self.state.short_urls[short] = url
        return short

    def expand(self, req: Request) -> Answer:
        """wiki: 2/short_url/expand — ``url_short`` repeated (at most 20)."""
        shorts = req.query_all("url_short")
        if not shorts or len(shorts) > 20:
            return err(10016, "miss required parameter (url_short)", req.path)
        with self.state.lock:
            urls = [
                {
                    "url_short": short,
                    "url_long": self.state.short_urls.get(short, ""),
                    "type": 0,
                    "result": short in self.state.short_urls,
                }
                for short in shorts
            ]
        return 200, {"urls": urls}, {}

    def destroy(self, req: Request) -> Answer:
        """wiki: 2/statuses/destroy — 20101 when it does not exist (path unconfirmed)."""
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
        """wiki: 2/statuses/user_timeline — own statuses, newest first, count ≤ 100."""
        count = max(1, min(int(req.query.get("count", "20") or 20), 100))
        page = max(1, int(req.query.get("page", "1") or 1))
        with self.state.lock:
            live = [s for s in reversed(self.state.statuses) if not s.get("deleted")]
            chunk = live[(page - 1) * count : page * count]
            return 200, {"statuses": [_public(s) for s in chunk], "total_number": len(live)}, {}


def _public(status: dict[str, Any]) -> dict[str, Any]:
    """The status as the API shows it (private ``_`` fields and the deletion mark left out)."""
    return {k: v for k, v in status.items() if not k.startswith("_") and k != "deleted"}
