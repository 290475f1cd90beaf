"""A real loopback HTTP proxy in front of the platform emulators that breaks replies.

The publisher's clients talk to the proxy (``GOVMEDIA_WECHAT_API`` etc. point at it); the
proxy forwards every request to the emulator unchanged, except for the rules it was given:

- ``path``: the API path the rule applies to (``/cgi-bin/freepublish/submit`` ...)
- ``mode``: ``malformed`` (200 with an HTML body), ``truncated`` (the real status and
  headers, half the body, then the connection closes), ``5xx`` (502 with a JSON error
  body), ``lying`` (200 ``{}``), ``lying-ok`` (200 with a success code and no id)
- ``forward``: whether the emulator sees the request first (the call took effect and only
  the answer is broken) or never (nothing happened)
- ``times``: how many requests the rule spoils (then it is used up)

The emulator's own state stays the truth the tests audit (``/_emulator/published``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

MODES = ("malformed", "truncated", "5xx", "lying", "lying-ok")
HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"}


@dataclass
class Rule:
    path: str
    mode: str
    forward: bool
    times: int = 1


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    upstream: str
    rules: list[Rule]
    lock: threading.Lock
    spoiled: list[tuple[str, str, bool]]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def _rule(self) -> Rule | None:
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            for rule in self.server.rules:
                if rule.path == path and rule.times > 0:
                    rule.times -= 1
                    self.server.spoiled.append((path, rule.mode, rule.forward))
                    return rule
        return None

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        rule = self._rule()
        upstream: httpx.Response | None = None
        if rule is None or rule.forward:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP | {"host"}}
            upstream = httpx.request(
                self.command,
                self.server.upstream + self.path,
                content=body,
                headers=headers,
                timeout=30,
            )
        if rule is None:
            assert upstream is not None
            self._send(upstream.status_code, upstream.content, upstream.headers)
            return
        if rule.mode == "malformed":
            self._send(
                200, b"<html><body>502 Bad Gateway</body></html>", {"Content-Type": "text/html"}
            )
        elif rule.mode == "5xx":
            payload = json.dumps({"errcode": -1, "errmsg": "system error", "error": "busy"})
            self._send(502, payload.encode(), {"Content-Type": "application/json"})
        elif rule.mode == "lying":
            self._send(200, b"{}", {"Content-Type": "application/json"})
        elif rule.mode == "lying-ok":
            payload = json.dumps({"errcode": 0, "errmsg": "ok"})
            self._send(200, payload.encode(), {"Content-Type": "application/json"})
        else:  # truncated: the real answer's first half, then the connection ends
            content = upstream.content if upstream is not None else b'{"errcode": 0, "media_id": "'
            self.send_response(upstream.status_code if upstream is not None else 200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content[: max(1, len(content) // 2)])
            self.wfile.flush()
            self.close_connection = True

    def _send(self, status: int, content: bytes, headers: Any) -> None:
        self.send_response(status)
        for key, value in dict(headers).items():
            if key.lower() not in HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    do_GET = _handle
    do_POST = _handle


@dataclass
class Proxy:
    server: _Server
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, *rules: Rule) -> None:
        with self.server.lock:
            self.server.rules.extend(rules)

    @property
    def spoiled(self) -> list[tuple[str, str, bool]]:
        with self.server.lock:
            return list(self.server.spoiled)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start_proxy(upstream: str) -> Proxy:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.upstream = upstream.rstrip("/")
    server.rules = []
    server.lock = threading.Lock()
    server.spoiled = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    return Proxy(server, thread)


def running_proxy(upstream: str) -> Iterator[Proxy]:
    proxy = start_proxy(upstream)
    try:
        yield proxy
    finally:
        proxy.stop()
