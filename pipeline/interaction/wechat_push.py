"""WeChat direct messages (第十二条 私信): the account's callback receiver and its spool.

WeChat pushes a citizen's message to the account's callback URL (platforms.md,
"Interaction"): XML, signed with the account's callback token (``signature`` = SHA-1 of
the sorted token, ``timestamp`` and ``nonce``). The receiver verifies the signature, reads
the XML strictly (no DTD, no entity, a size cap), and appends the message to a spool file
on the server (``GOVMEDIA_WECHAT_PUSH_SPOOL``, outside the repository: it holds the
citizen's openid, needed to answer). ``inbox fetch`` reads the spool after its cursor; the
inbox folds a push WeChat repeated (same ``MsgId``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SPOOL_ENV = "GOVMEDIA_WECHAT_PUSH_SPOOL"
TOKEN_ENV = "GOVMEDIA_WECHAT_CALLBACK_TOKEN"
MAX_BODY = 64 * 1024


class PushRefused(ValueError):
    """A push that is not WeChat's (bad signature) or not a readable message."""


@dataclass(frozen=True)
class Pushed:
    msg_id: str
    user: str  # the citizen's openid (stays in the server's spool)
    text: str
    at: int  # epoch seconds

    def to_json(self) -> str:
        return json.dumps(
            {"msg_id": self.msg_id, "user": self.user, "text": self.text, "at": self.at},
            ensure_ascii=False,
        )


def signature(token: str, timestamp: str, nonce: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()


def check_signature(token: str, query: dict[str, str]) -> None:
    expected = signature(token, query.get("timestamp", ""), query.get("nonce", ""))
    if not token or not hmac.compare_digest(expected, query.get("signature", "")):
        raise PushRefused("signature")


def parse(body: bytes) -> Pushed | None:
    """The text message in a push; None for other kinds (events, images); PushRefused when
    it is not well-formed XML of a message."""
    if len(body) > MAX_BODY or b"<!DOCTYPE" in body.upper() or b"<!ENTITY" in body.upper():
        raise PushRefused("body")
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        raise PushRefused("xml") from None
    fields = {child.tag: (child.text or "").strip() for child in root}
    if fields.get("MsgType") != "text":
        return None
    msg_id, user, at = (
        fields.get("MsgId", ""),
        fields.get("FromUserName", ""),
        fields.get("CreateTime", ""),
    )
    if not msg_id.isdigit() or not user or not at.isdigit() or not fields.get("Content"):
        raise PushRefused("fields")
    return Pushed(msg_id, user, fields["Content"], int(at))


class Spool:
    """Append-only JSON lines of accepted pushes; the cursor is a line count."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def append(self, pushed: Pushed) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = (pushed.to_json() + "\n").encode("utf-8")
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)

    def read(self, cursor: int) -> tuple[list[dict[str, object]], int]:
        """The records after line ``cursor`` (whole lines only) and the new cursor."""
        if not self.path.is_file():
            return [], cursor
        lines = self.path.read_bytes().split(b"\n")
        whole = lines[:-1]  # a last line without newline is still being written
        found = []
        for line in whole[cursor:]:
            try:
                found.append(json.loads(line))
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise PushRefused(f"spool line {len(found) + cursor + 1}") from None
        return found, len(whole)


def accept(spool: Spool, token: str, query: dict[str, str], body: bytes) -> tuple[int, bytes]:
    """The receiver's answer to one push: ``success`` once stored, 403 / 400 otherwise."""
    try:
        check_signature(token, query)
    except PushRefused:
        return 403, b"signature"
    try:
        pushed = parse(body)
    except PushRefused:
        return 400, b"bad message"
    if pushed is not None:
        spool.append(pushed)
    return 200, b"success"


def serve(spool: Spool, token: str, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """The callback receiver (``govmedia inbox receive``); the caller runs ``serve_forever``."""

    class Handler(BaseHTTPRequestHandler):
        def _query(self) -> dict[str, str]:
            return {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}

        def _reply(self, status: int, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # the platform's URL check: echo ``echostr`` when signed
            query = self._query()
            try:
                check_signature(token, query)
            except PushRefused:
                self._reply(403, b"signature")
                return
            self._reply(200, query.get("echostr", "").encode("utf-8"))

        def do_POST(self) -> None:
            size = int(self.headers.get("Content-Length") or 0)
            if size > MAX_BODY:
                self._reply(413, b"too large")
                return
            self._reply(*accept(spool, token, self._query(), self.rfile.read(size)))

        def log_message(self, format: str, *args: object) -> None:
            return None  # no citizen's openid in the server's log

    return ThreadingHTTPServer((host, port), Handler)
