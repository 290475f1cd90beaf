"""WeChat direct messages (第十二条 私信): the account's callback receiver and its spool.

WeChat pushes a citizen's message to the account's callback URL (platforms.md,
"Interaction"): XML, signed with the account's callback token (``signature`` = SHA-1 of
the sorted token, ``timestamp`` and ``nonce``). The receiver verifies the signature, reads
the XML strictly (no DTD, no entity, a size cap), and appends the message to a spool file
on the server (``GOVMEDIA_WECHAT_PUSH_SPOOL``, outside the repository: it holds the
citizen's openid, needed to answer; ``wechat_spool``). ``inbox fetch`` reads the spool
after its cursor; the inbox folds a push WeChat repeated (same ``MsgId``).

In plain mode WeChat's signature covers the token, ``timestamp`` and ``nonce``, not the
body: a signed URL anyone saw (a proxy's log, a GET check) would carry any body for ever.
So a signed URL is taken once, and only while its ``timestamp`` is within
``FRESH_SECONDS`` of the real clock (``time.time()``: WeChat signs with its own, never the
unit's demo clock), for a push and for
the GET check alike (red team round 44). The receiver faces the internet: each connection
is idle at most ``IDLE_SECONDS`` and open at most ``WHOLE_IDLES`` times that however
slowly a client drips its bytes, at most ``MAX_CONNECTIONS`` are served at once (others
are closed unanswered, WeChat retries), and a body needs a plain ``Content-Length``. A
record the disk could not take whole is cut off again, so the spool never holds a torn
line, and the push is refused (WeChat retries it).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import socket
import sys
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from pipeline.interaction.wechat_crypt import AES_KEY_ENV, Sealing, Unsealed
from pipeline.interaction.wechat_spool import Pushed, Spool, SpoolError

SPOOL_ENV = "GOVMEDIA_WECHAT_PUSH_SPOOL"
TOKEN_ENV = "GOVMEDIA_WECHAT_CALLBACK_TOKEN"
MAX_BODY = 64 * 1024
FRESH_SECONDS = 300  # a signed URL's timestamp this near the real clock, either way
IDLE_SECONDS = 10.0
WHOLE_IDLES = 3  # a connection's whole life, in idle times: a request drip-fed is cut off
MAX_CONNECTIONS = 32


Refusal = Literal["signature", "message", "no-key", "spool"]
ANSWERS: dict[Refusal, tuple[int, bytes]] = {
    "signature": (403, b"signature"),  # not WeChat's, stale, replayed, not sealed for us
    "message": (400, b"bad message"),  # not a readable message
    "no-key": (400, b"bad message"),  # sealed (safe mode), and no key on this server
    "spool": (503, b"not stored"),  # the disk did not take it: WeChat retries
}


class PushRefused(ValueError):
    """A push the receiver does not store: ``kind`` decides its answer (``ANSWERS``), the
    text says why (for the server's log and ``inbox fetch``'s message)."""

    def __init__(self, kind: Refusal, detail: str = "") -> None:
        super().__init__(detail or kind)
        self.kind: Refusal = kind


def signature(token: str, timestamp: str, nonce: str) -> str:
    return hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()


def check_signature(token: str, query: dict[str, str]) -> None:
    expected = signature(token, query.get("timestamp", ""), query.get("nonce", ""))
    if not token or not hmac.compare_digest(expected, query.get("signature", "")):
        raise PushRefused("signature")


class Signatures:
    """The signed URLs (``timestamp``, ``nonce``) taken within the window: each once."""

    def __init__(self, token: str) -> None:
        self.token = token
        self._taken: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def take(self, query: dict[str, str], now: float | None = None) -> tuple[str, str]:
        """The URL's key once its signature is the token's, fresh and never taken before;
        PushRefused otherwise."""
        check_signature(self.token, query)
        stamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
        now = time.time() if now is None else now
        if not stamp.isdigit() or len(stamp) > 12 or abs(now - int(stamp)) > FRESH_SECONDS:
            raise PushRefused("signature", "stale")
        with self._lock:
            for key, at in list(self._taken.items()):
                if now - at > 2 * FRESH_SECONDS:
                    del self._taken[key]
            if (stamp, nonce) in self._taken:
                raise PushRefused("signature", "replayed")
            self._taken[(stamp, nonce)] = now
        return stamp, nonce

    def release(self, key: tuple[str, str]) -> None:
        """A URL whose push was not stored: WeChat's retry of it may be taken."""
        with self._lock:
            self._taken.pop(key, None)


def _root(body: bytes) -> ET.Element:
    if len(body) > MAX_BODY or b"<!DOCTYPE" in body.upper() or b"<!ENTITY" in body.upper():
        raise PushRefused("message", "body")
    try:
        return ET.fromstring(body)
    except ET.ParseError:
        raise PushRefused("message", "xml") from None


def parse(
    body: bytes, sealed: Sealing | None = None, query: dict[str, str] | None = None
) -> Pushed | None:
    """The text message in a push; None for other kinds (events, images); PushRefused when
    it is not well-formed XML of a message, or, with the unit's safe-mode ``sealed``, not
    sealed for this account (``wechat_crypt``)."""
    root = _root(body)
    if sealed is not None:
        try:
            root = _root(sealed.open(query or {}, root))
        except Unsealed as exc:
            raise PushRefused("signature", f"sealed: {exc}") from None
    elif root.find("Encrypt") is not None and root.find("MsgType") is None:
        raise PushRefused("no-key")  # safe mode: never ``success`` for a message not read
    fields = {child.tag: (child.text or "").strip() for child in root}
    if fields.get("MsgType") != "text":
        return None
    msg_id, user, at = (
        fields.get("MsgId", ""),
        fields.get("FromUserName", ""),
        fields.get("CreateTime", ""),
    )
    if not msg_id.isdigit() or not user or not at.isdigit() or not fields.get("Content"):
        raise PushRefused("message", "fields")
    return Pushed(msg_id, user, fields["Content"], int(at))


def accept(
    spool: Spool,
    signatures: Signatures,
    query: dict[str, str],
    body: bytes,
    sealed: Sealing | None = None,
) -> tuple[int, bytes]:
    """The receiver's answer to one push: ``success`` once stored, 403 / 400 / 503
    otherwise."""
    try:
        key = signatures.take(query)
    except PushRefused as exc:
        return ANSWERS[exc.kind]
    try:
        pushed = parse(body, sealed, query)
        if pushed is not None:
            try:
                spool.append(pushed)
            except SpoolError as exc:
                raise PushRefused("spool", str(exc)) from None
    except PushRefused as exc:
        signatures.release(key)
        if exc.kind == "no-key":
            sys.stderr.write(f"收到微信安全模式（加密）推送，但未设置 {AES_KEY_ENV}：未保存。\n")
        return ANSWERS[exc.kind]
    return 200, b"success"


class _Receiver(ThreadingHTTPServer):
    """At most ``MAX_CONNECTIONS`` served at once: a connection past them is closed."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


class _Handler(BaseHTTPRequestHandler):
    """One callback request; ``serve`` makes a subclass naming the spool, the signatures
    taken and the unit's safe-mode sealing."""

    timeout: float | None = IDLE_SECONDS  # a slow or half-open connection is closed
    spool: Spool
    signatures: Signatures
    sealed: Sealing | None = None

    def setup(self) -> None:
        super().setup()
        self._cutoff = threading.Timer((self.timeout or IDLE_SECONDS) * WHOLE_IDLES, self._cut)
        self._cutoff.daemon = True
        self._cutoff.start()

    def _cut(self) -> None:  # each byte in time renews ``timeout``: this does not
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def finish(self) -> None:
        self._cutoff.cancel()
        super().finish()

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
            self.signatures.take(query)
        except PushRefused as exc:
            self._reply(*ANSWERS[exc.kind])
            return
        self._reply(200, query.get("echostr", "").encode("utf-8"))

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length") or ""
        if self.headers.get("Transfer-Encoding") or not (length.isascii() and length.isdigit()):
            self._reply(411, b"length required")  # never read -1 (to the end) or chunks
            return
        if int(length) > MAX_BODY:
            self._reply(413, b"too large")
            return
        body = self.rfile.read(int(length))
        self._reply(*accept(self.spool, self.signatures, self._query(), body, self.sealed))

    def log_message(self, format: str, *args: object) -> None:
        return None  # no citizen's openid in the server's log


def serve(
    spool: Spool,
    token: str,
    host: str = "127.0.0.1",
    port: int = 0,
    idle: float = IDLE_SECONDS,
    sealed: Sealing | None = None,
) -> ThreadingHTTPServer:
    """The callback receiver (``govmedia inbox receive``); the caller runs ``serve_forever``.
    With ``sealed`` (the unit's EncodingAESKey and AppID) it takes safe-mode pushes only."""
    settings = {"timeout": idle, "spool": spool, "signatures": Signatures(token), "sealed": sealed}
    return _Receiver((host, port), type("Handler", (_Handler,), settings))
