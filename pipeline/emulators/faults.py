"""Fault injection for the emulators (``POST /_emulator/faults`` with a JSON list).

Each rule is an object; the rules apply in order, each for ``times`` matching requests
(default 1; ``-1`` for ever). Kinds:

- ``{"path": "/cgi-bin/draft/add", "error": 45009}`` — answer with that error code, in
  the platform's own error shape (WeChat errcode, Weibo error_code, app HTTP status);
- ``{"path": ..., "error": 20032, "acted": true}`` — process the request, then answer with
  that error (Weibo 20032 "update success, while server slow": the status is live);
- ``{"path": ..., "latency": 2.5}`` — sleep before answering;
- ``{"path": ..., "drop": "before" | "after"}`` — close the connection without an answer,
  before processing the request or after processing it (the call took effect, the answer
  was lost: what exactly-once must survive);
- ``{"expire_tokens": true}`` — every WeChat token issued so far expires now (42001);
  with ``"after": N`` it happens after N more WeChat API calls (a token expiring mid-run);
- ``{"publish_status": 4}`` — the next publish job ends with that status (2, 3, 4 …);
- ``{"publishing_polls": K}`` — the next publish job stays 'publishing' for K polls.

Hostile replies (threat class 9: a platform, or something on the way, answers badly):

- ``{"path": ..., "reply": {...}}`` — answer with exactly that JSON value (the request is
  not processed); ``"merge": {...}`` instead processes it and overrides those top-level
  fields of the real answer (e.g. a ``javascript:`` URL in a publish reply);
- ``{"path": ..., "raw": "text"}`` — answer with that body as it is (not JSON);
- ``{"path": ..., "oversize": N}`` — answer with a JSON body of more than N bytes;
- ``"content_type"``, ``"status"`` and ``"headers"`` set the answer's Content-Type, HTTP
  status and further headers (e.g. a ``Retry-After`` that is not a number).

``path`` may be ``"*"`` for any API path; ``times`` counts the matching requests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Fault:
    path: str = "*"
    times: int = 1
    error: int | None = None
    acted: bool = False
    latency: float = 0.0
    drop: str = ""
    expire_tokens: bool = False
    after: int = 0
    publish_status: int | None = None
    publishing_polls: int = 0
    reply: Any = None
    merge: dict[str, Any] | None = None
    raw: str | None = None
    oversize: int = 0
    content_type: str = ""
    status: int | None = None
    headers: dict[str, str] | None = None

    @classmethod
    def parse(cls, data: dict[str, Any]) -> Fault:
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        fault = cls(**data)
        if fault.drop not in ("", "before", "after"):
            raise ValueError("drop must be 'before' or 'after'")
        if fault.merge is not None and not isinstance(fault.merge, dict):
            raise ValueError("merge must be an object")
        return fault

    @property
    def replaces(self) -> bool:
        """The answer is made up here; the request itself is not processed."""
        return self.reply is not None or self.raw is not None or self.oversize > 0

    def matches(self, path: str) -> bool:
        return self.path == "*" or self.path == path


@dataclass
class FaultBook:
    rules: list[Fault] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, items: list[dict[str, Any]]) -> None:
        parsed = [Fault.parse(item) for item in items]
        with self.lock:
            self.rules.extend(parsed)

    def clear(self) -> None:
        with self.lock:
            self.rules.clear()

    def take(self, path: str) -> list[Fault]:
        """The request-scoped rules that fire for ``path`` (consuming one use each)."""
        fired: list[Fault] = []
        with self.lock:
            for rule in list(self.rules):
                if rule.expire_tokens or rule.publish_status is not None or rule.publishing_polls:
                    continue
                if rule.matches(path):
                    fired.append(rule)
                    self._use(rule)
        return fired

    def take_job_rule(self) -> Fault | None:
        with self.lock:
            for rule in self.rules:
                if rule.publish_status is not None or rule.publishing_polls:
                    self._use(rule)
                    return rule
        return None

    def tick_token_expiry(self) -> bool:
        """Count one WeChat call; True when a token-expiry rule fires now."""
        with self.lock:
            for rule in self.rules:
                if rule.expire_tokens:
                    if rule.after > 0:
                        rule.after -= 1
                        continue
                    self._use(rule)
                    return True
        return False

    def _use(self, rule: Fault) -> None:
        if rule.times > 0:
            rule.times -= 1
            if rule.times == 0:
                self.rules.remove(rule)

    def to_json(self) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(rule.__dict__) for rule in self.rules]
