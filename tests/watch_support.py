"""Helpers for the account-watch tests: a published unit repository, planting, a webhook."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from pipeline.emulators import Emulator
from tests.conftest import CliResult, run_cli
from tests.publish_support import env_for, ledger_records, publish_process, small_repo

READ_PATHS = {
    "/cgi-bin/stable_token",
    "/cgi-bin/token",
    "/cgi-bin/freepublish/batchget",
    "/cgi-bin/freepublish/get",
    "/2/statuses/user_timeline.json",
    "/app/items",
}


def published_repo(tmp: Path, emu: Emulator) -> Path:
    repo = small_repo(tmp / "unit")
    run = publish_process(repo, env_for(emu))
    assert run.code == 0, run.out + run.err
    return repo


def plant(emu: Emulator, **spec: Any) -> list[dict[str, Any]]:
    response = httpx.post(emu.url + "/_emulator/plant", json=spec, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["planted"]


def unplant(emu: Emulator) -> int:
    return httpx.delete(emu.url + "/_emulator/plant", timeout=10).json()["undone"]


def watch(repo: Path, emu: Emulator, *args: str, **env: str) -> CliResult:
    return run_cli("watch", *args, cwd=repo, env=env_for(emu, **env))


def watch_json(repo: Path, emu: Emulator, *args: str, **env: str) -> tuple[int, list[dict]]:
    result = watch(repo, emu, "--format", "json", *args, **env)
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)


def published_ids(repo: Path, platform: str) -> list[str]:
    return [
        r["platform_id"]
        for r in ledger_records(repo)
        if r["event"] == "published" and r["platform"] == platform
    ]


def published_record(repo: Path, platform: str) -> dict[str, Any]:
    return next(
        r for r in ledger_records(repo) if r["event"] == "published" and r["platform"] == platform
    )


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Webhook:
    """A real HTTP server on loopback recording every POST (the alert receiver)."""

    server: ThreadingHTTPServer
    received: list[Received] = field(default_factory=list)
    status: int = 200

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks/govmedia?token=HOOKTOKEN-secret-123"


def running_webhook() -> Iterator[Webhook]:
    hook: Webhook

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            hook.received.append(
                Received({k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length))
            )
            self.send_response(hook.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    hook = Webhook(server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
