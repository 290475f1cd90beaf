"""The emulators' in-memory state, optionally kept in a JSON file (``--state``).

The file is a periodic snapshot, not a rewrite per request: a change marks the state
dirty, and a background writer replaces the file (write to a temporary file, then
``os.replace``) at most every ``SNAPSHOT_SECONDS`` while there are changes, and once more
when the emulator stops. Publishing 500 posts no longer rewrites the whole, growing file
1,500+ times. A ``kill -9`` of the emulator loses at most the last interval's changes.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.emulators.faults import FaultBook
from pipeline.errors import UsageError

SNAPSHOT_SECONDS = 0.2


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
    "interactions",
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
    interactions: dict[str, Any] = field(default_factory=dict)  # interaction_api.py
    mass: dict[str, dict[str, Any]] = field(default_factory=dict)  # 群发 msg_id -> send
    short_urls: dict[str, str] = field(default_factory=dict)  # Weibo t.cn link -> long URL
    _dirty: threading.Event = field(default_factory=threading.Event)
    _writer: threading.Thread | None = None
    _closed: bool = False
    _write_lock: threading.Lock = field(default_factory=threading.Lock)
    snapshots: int = 0  # snapshots written (the benchmark reports it)

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
        """Read the state file; UsageError (naming the file and field) when it is not one."""
        if not self.path or not self.path.exists():
            return
        if not self.path.is_file():
            raise UsageError(f"--state {self.path}：不是文件。")
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            where = f"第 {exc.lineno} 行：" if isinstance(exc, json.JSONDecodeError) else ""
            raise UsageError(
                f"--state {self.path}：{where}不是模拟器状态文件（应为 govmedia emulate 保存的 JSON）。"
            ) from None
        if not isinstance(data, dict):
            raise UsageError(f"--state {self.path}：顶层应为 JSON 对象。")
        for name in PERSISTED:
            if name not in data:
                continue
            expected = type(getattr(self, name))
            value = data[name]
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if type(value) is not expected:
                raise UsageError(
                    f"--state {self.path}：字段 {name} 应为 {expected.__name__}，"
                    f"实际为 {type(value).__name__}。"
                )
            setattr(self, name, value)

    def save(self) -> None:
        """Mark the state changed; the background writer snapshots it soon."""
        if not self.path or self._closed:
            return
        self._dirty.set()
        if self._writer is None:
            with self.lock:
                if self._writer is None:
                    self._writer = threading.Thread(
                        target=self._write_loop, name="govmedia-emulator-state", daemon=True
                    )
                    self._writer.start()

    def _write_loop(self) -> None:
        while not self._closed:
            self._dirty.wait()
            if self._closed:
                break
            time.sleep(SNAPSHOT_SECONDS)  # gather the changes of a burst into one write
            self.flush()

    def flush(self) -> None:
        """Write the snapshot now when anything changed since the last one."""
        if not self.path:
            return
        with self._write_lock:  # snapshots land in the order they were taken
            with self.lock:
                if not self._dirty.is_set():
                    return
                self._dirty.clear()
                data = {name: getattr(self, name) for name in PERSISTED}
                text = json.dumps(data, ensure_ascii=False)
            tmp = self.path.with_suffix(self.path.suffix + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, self.path)
            self.snapshots += 1

    def close(self) -> None:
        """The last snapshot; no writer afterwards."""
        self.flush()
        self._closed = True
        self._dirty.set()  # wake the writer so that it ends

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
