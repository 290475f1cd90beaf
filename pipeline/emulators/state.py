"""The emulators' in-memory state (optionally saved to a JSON file after each change)."""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.emulators.faults import FaultBook


@dataclass
class EmulatorConfig:
    wechat_appid: str = ""
    wechat_secret: str = ""
    weibo_token: str = ""
    app_key: str = ""
    weibo_safe_domains: tuple[str, ...] = ("gov.example.cn", "127.0.0.1", "localhost")
    weibo_hourly_limit: int = 30  # posts per user per app per hour (platforms.md)
    wechat_daily_limit: int | None = None  # freepublish/submit per day; None: no quota
    token_ttl: int = 7200
    wechat_material_cap: int | None = 1000  # permanent thumb/voice/video materials
    wechat_mass_period: str = "day"  # 群发 quota: "day" (subscription) or "month" (service)
    wechat_mass_limit: int = 1  # 1 a day (subscription) or 4 a month (service)

    @classmethod
    def from_env(cls) -> EmulatorConfig:
        """Credentials the emulator accepts: the same environment variables the clients read."""
        from urllib.parse import urlparse

        domains = list(cls.weibo_safe_domains)
        site = os.environ.get("GOVMEDIA_SITE_URL", "")
        host = urlparse(site).hostname if site else None
        if host and host not in domains:
            domains.append(host)
        return cls(
            wechat_appid=os.environ.get("GOVMEDIA_WECHAT_APPID", ""),
            wechat_secret=os.environ.get("GOVMEDIA_WECHAT_SECRET", ""),
            weibo_token=os.environ.get("GOVMEDIA_WEIBO_TOKEN", ""),
            app_key=os.environ.get("GOVMEDIA_APP_HMAC_KEY", ""),
            weibo_safe_domains=tuple(domains),
        )


PERSISTED = (
    "tokens",
    "images",
    "materials",
    "drafts",
    "jobs",
    "articles",
    "statuses",
    "app_items",
    "app_keys",
    "counter",
    "clock_offset",
    "submits",
    "plants",
    "mass",
    "short_urls",
)


@dataclass
class EmulatorState:
    config: EmulatorConfig
    path: Path | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)
    faults: FaultBook = field(default_factory=FaultBook)
    tokens: dict[str, float] = field(default_factory=dict)  # token -> expiry (emulator time)
    images: dict[str, int] = field(default_factory=dict)  # uploadimg url -> size
    materials: dict[str, dict[str, Any]] = field(default_factory=dict)
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    app_items: dict[str, dict[str, Any]] = field(default_factory=dict)  # feed item id -> push
    app_keys: dict[str, dict[str, Any]] = field(default_factory=dict)  # idempotency key -> answer
    counter: int = 0
    clock_offset: float = 0.0
    submits: list[float] = field(default_factory=list)  # freepublish/submit times
    requests: dict[str, int] = field(default_factory=dict)
    plants: list[dict[str, Any]] = field(default_factory=list)  # plant.py's undo journal
    mass: dict[str, dict[str, Any]] = field(default_factory=dict)  # 群发 msg_id -> send
    short_urls: dict[str, str] = field(default_factory=dict)  # Weibo t.cn link -> long URL

    def now(self) -> float:
        return time.time() + self.clock_offset

    def next_id(self) -> int:
        with self.lock:
            self.counter += 1
            return self.counter

    def count(self, path: str) -> None:
        with self.lock:
            self.requests[path] = self.requests.get(path, 0) + 1

    def load(self) -> None:
        if self.path and self.path.is_file():
            data = json.loads(self.path.read_text(encoding="utf-8"))
            for name in PERSISTED:
                if name in data:
                    setattr(self, name, data[name])

    def save(self) -> None:
        if not self.path:
            return
        with self.lock:
            data = {name: getattr(self, name) for name in PERSISTED}
            tmp = self.path.with_suffix(self.path.suffix + ".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)

    def published(self) -> dict[str, list[dict[str, Any]]]:
        """Everything received and not deleted, per platform (``GET /_emulator/published``)."""
        with self.lock:
            wechat = [
                {k: v for k, v in article.items() if k != "content"}
                | {"content": article["content"]}
                for article in self.articles.values()
                if not article.get("deleted")
            ]
            # the text as received (links as sent), not as shown (t.cn short links)
            weibo = [
                {**s, "text": s.get("_received", s["text"])}
                for s in self.statuses
                if not s.get("deleted")
            ]
            app = [p for p in self.app_items.values() if not p.get("retracted")]
            return {"wechat": wechat, "weibo": weibo, "app": app}

    def mass_sends(self) -> list[dict[str, Any]]:
        """群发 not deleted (``GET /_emulator/mass``): msg_id, clientmsgid, titles."""
        with self.lock:
            return [
                {
                    "msg_id": msg_id,
                    "clientmsgid": sent["clientmsgid"],
                    "titles": [a.get("title", "") for a in sent["articles"]],
                }
                for msg_id, sent in self.mass.items()
                if len(sent["deleted"]) < len(sent["articles"])
            ]
