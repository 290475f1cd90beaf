"""One real HTTP server on loopback serving the three emulated APIs and the control API.

Control endpoints (JSON):

- ``GET /_emulator/published`` — per platform, everything received and not deleted;
- ``GET|POST|DELETE /_emulator/faults`` — list, add (a JSON list, see faults.py), clear;
- ``POST /_emulator/config`` — change limits at run time (``weibo_hourly_limit``,
  ``wechat_daily_limit``, ``token_ttl``);
- ``POST /_emulator/clock`` — ``{"advance": seconds}`` moves the emulators' clock (a new
  day for the WeChat quota, a new hour for Weibo's window); ``{"offset": seconds}`` sets it
  that far ahead of real time (the demo replays its sample year with it, pipeline/clock.py);
- ``GET /_emulator/stats`` — requests received per path;
- ``GET|POST|DELETE /_emulator/plant`` — plant discrepancies for the watch (plant.py);
- ``GET|POST /_emulator/interaction`` — plant citizens' comments (interaction_api.py).
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pipeline import clock
from pipeline.emulators import interaction_api, plant
from pipeline.emulators.app_api import AppAPI
from pipeline.emulators.faults import Fault
from pipeline.emulators.interaction_api import InteractionAPI
from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorConfig, EmulatorState
from pipeline.emulators.wechat_api import WeChatAPI
from pipeline.emulators.weibo_api import WeiboAPI
from pipeline.errors import UsageError

Answer = tuple[int, Any, dict[str, str]]
MAX_BODY = 25 * 1024 * 1024


class _Dropped(Exception):
    """Close the connection without an answer (fault injection)."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    app: EmulatorApp

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that hangs up mid-answer (a timeout, a killed publisher) is normal here;
        # anything else is printed as socketserver does.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # headers and body go out in two writes: without NODELAY, Nagle + delayed ACK
        # would add ~40 ms to every keep-alive exchange
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        return  # silent: request lines carry access tokens

    def date_time_string(self, timestamp: float | None = None) -> str:
        # the ``Date`` header on the emulators' clock (moved by ``/_emulator/clock``), as a
        # platform's own clock: clients measure its time windows with it
        return super().date_time_string(
            self.server.app.state.now() if timestamp is None else timestamp
        )

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, {"error": "body too large"}, {})
            return
        body = self.rfile.read(length) if length else b""
        req = Request.build(self.command, self.path, dict(self.headers.items()), body)
        try:
            status, payload, headers = self.server.app.dispatch(req)
        except _Dropped:
            self.close_connection = True
            return
        self._send(status, payload, headers)

    def _send(self, status: int, payload: Any, headers: dict[str, str]) -> None:
        if isinstance(payload, bytes):
            data, ctype = payload, "application/octet-stream"
        elif isinstance(payload, str):
            data = payload.encode("utf-8")
            ctype = "text/html; charset=utf-8"
        else:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            ctype = "application/json; charset=utf-8"
        headers = dict(headers)
        ctype = headers.pop("Content-Type", ctype)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = _handle


class EmulatorApp:
    def __init__(self, state: EmulatorState, base_url: str) -> None:
        self.state = state
        self.wechat = WeChatAPI(state, base_url)
        self.weibo = WeiboAPI(state)
        self.app = AppAPI(state)
        self.interaction = InteractionAPI(state)
        self.routes: dict[tuple[str, str], Any] = {
            **self.wechat.routes(),
            **self.weibo.routes(),
            **self.app.routes(),
            **self.interaction.routes(),
        }

    def dispatch(self, req: Request) -> Answer:
        if req.path.startswith("/_emulator/"):
            return self.control(req)
        if req.method == "GET" and (req.path == "/s" or req.path.startswith("/s/")):
            key = req.path[3:] or f"{req.query.get('mid', '')}_{req.query.get('idx', '')}"
            page = self.wechat.publish.article_page(key)
            return (200, page, {}) if page else (404, {"error": "not found"}, {})
        handler = self.routes.get((req.method, req.path))
        if handler is None:
            return 404, {"error": f"no such endpoint: {req.method} {req.path}"}, {}
        self.state.count(req.path)
        drop_after = False
        acted_error: Fault | None = None
        hostile: list[Fault] = []
        for fault in self.state.faults.take(req.path):
            if fault.latency:
                time.sleep(fault.latency)
            if fault.drop == "before":
                raise _Dropped
            drop_after = drop_after or fault.drop == "after"
            if fault.error is not None and fault.acted:
                acted_error = fault  # processed below, then answered with the error
                continue
            if fault.error is not None:
                return self._fault_error(req, fault)
            if fault.replaces:
                return _hostile(fault, (200, {}, {}))
            if fault.merge is not None or fault.content_type or fault.status or fault.headers:
                hostile.append(fault)
        if req.path.startswith("/cgi-bin/") and req.path not in (
            "/cgi-bin/token",
            "/cgi-bin/stable_token",
        ):
            problem = self.wechat.check_token(req)
            if problem:
                return problem
        elif req.path.startswith("/2/"):
            problem = self.weibo.check_token(req)
            if problem:
                return problem
        answer = handler(req)
        self.state.save()
        if drop_after:
            raise _Dropped
        if acted_error is not None and answer[0] == 200:
            return self._fault_error(req, acted_error)
        for fault in hostile:
            answer = _hostile(fault, answer)
        return answer

    def _fault_error(self, req: Request, fault: Fault) -> Answer:
        code = int(fault.error or 0)
        if req.path.startswith("/cgi-bin/"):
            return 200, {"errcode": code, "errmsg": "injected fault"}, {}
        if req.path.startswith("/2/"):
            return (
                400,
                {"error": "injected fault", "error_code": str(code), "request": req.path},
                {},
            )
        headers = {"Retry-After": "1"} if code == 429 else {}
        return code, {"error": "injected fault"}, headers

    def _clock(self, req: Request) -> Answer:
        """``{"offset": s}`` sets the clock that far ahead of real time, ``{"advance": s}``
        moves it; each value and the result pass pipeline.clock's one offset parser."""
        body = req.json()
        try:
            with self.state.lock:
                base = self.state.clock_offset
                if "offset" in body:
                    base = clock.parse_offset(body["offset"])
                moved = clock.parse_offset(base + clock.parse_offset(body.get("advance", 0)))
                self.state.clock_offset = moved
        except ValueError as exc:
            return 400, {"error": str(exc)}, {}
        return 200, {"clock_offset": moved}, {}

    def control(self, req: Request) -> Answer:
        name = req.path.removeprefix("/_emulator/")
        if name == "published" and req.method == "GET":
            return 200, self.state.published(), {}
        if name == "mass" and req.method == "GET":
            return 200, {"mass": self.state.mass_sends()}, {}
        if name == "faults":
            if req.method == "POST":
                try:
                    items = json.loads(req.body.decode("utf-8") or "[]")
                    if isinstance(items, dict):
                        items = [items]
                    self.state.faults.add(items)
                except (ValueError, TypeError) as exc:
                    return 400, {"error": str(exc)}, {}
            elif req.method == "DELETE":
                self.state.faults.clear()
            return 200, {"faults": self.state.faults.to_json()}, {}
        if name == "config" and req.method == "POST":
            for key, value in req.json().items():
                if key in (
                    "weibo_hourly_limit",
                    "wechat_daily_limit",
                    "token_ttl",
                    "wechat_material_cap",
                    "wechat_mass_period",
                    "wechat_mass_limit",
                ):
                    setattr(self.state.config, key, value)
            return 200, {"ok": True}, {}
        if name == "clock" and req.method == "POST":
            return self._clock(req)
        if name == "stats" and req.method == "GET":
            with self.state.lock:
                return 200, {"requests": dict(self.state.requests)}, {}
        if name == "plant":  # discrepancies for the account watch (plant.py)
            return plant.handle(self.state, self.wechat.base_url, req)
        if name == "interaction":  # citizens' comments (interaction_api.py)
            return interaction_api.handle(self.state, req)
        return 404, {"error": "unknown control endpoint"}, {}


def _hostile(fault: Fault, answer: Answer) -> Answer:
    """The answer as a hostile-reply fault reshapes it (faults.py)."""
    status, payload, headers = answer
    if fault.reply is not None:
        payload = fault.reply
    elif fault.raw is not None:
        payload = fault.raw.encode("utf-8")
        headers = {**headers, "Content-Type": "text/plain; charset=utf-8"}
    elif fault.oversize > 0:
        payload = {"errcode": 0, "errmsg": "ok", "padding": "x" * fault.oversize}
    if fault.merge is not None and isinstance(payload, dict):
        payload = {**payload, **fault.merge}
    if fault.content_type:
        headers = {**headers, "Content-Type": fault.content_type}
    if fault.headers:
        headers = {**headers, **{str(k): str(v) for k, v in fault.headers.items()}}
    if fault.status is not None:
        status = fault.status
    return status, payload, headers


@dataclass
class Emulator:
    server: _Server
    thread: threading.Thread | None
    state: EmulatorState

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def app_push_url(self) -> str:
        return self.url + "/app/push"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self.thread is not None:
            self.thread.join(timeout=5)
        self.state.close()  # the last snapshot of --state


def make_server(
    host: str = "127.0.0.1",
    port: int = 0,
    config: EmulatorConfig | None = None,
    state_path: Path | None = None,
) -> Emulator:
    if not clock.loopback_host(host):
        raise UsageError(f"模拟器只能监听本机回环地址（127.0.0.1 / ::1），不接受 {host}。")
    state = EmulatorState(config=config or EmulatorConfig.from_env(), path=state_path)
    state.load()
    server = _Server((host, port), _Handler)
    emulator = Emulator(server=server, thread=None, state=state)
    server.app = EmulatorApp(state, emulator.url)
    return emulator


def start_emulator(
    host: str = "127.0.0.1",
    port: int = 0,
    config: EmulatorConfig | None = None,
    state_path: Path | None = None,
) -> Emulator:
    """Start the emulator in a daemon thread (tests, demo, benchmarks); ``.stop()`` ends it."""
    emulator = make_server(host, port, config, state_path)
    emulator.thread = threading.Thread(
        target=emulator.server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="govmedia-emulator",
        daemon=True,
    )
    emulator.thread.start()
    return emulator
