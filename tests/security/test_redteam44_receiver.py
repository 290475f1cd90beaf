"""Red team round 44: the WeChat callback receiver as the internet reaches it.

A real receiver on loopback (``serve`` in this process, or ``govmedia inbox receive`` in a
new one), real HTTP requests and raw sockets from a client written here.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pipeline.interaction.wechat_push import (
    MAX_CONNECTIONS,
    SPOOL_ENV,
    TOKEN_ENV,
    Spool,
    serve,
    signature,
)
from tests.conftest import PROJECT_ROOT

TOKEN = "callback-token-THROWAWAY-44"


def push_xml(msg_id: int, text: str, user: str = "oCITIZEN44") -> bytes:
    return (
        f"<xml><ToUserName>gh_unit</ToUserName><FromUserName>{user}</FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType>text</MsgType>"
        f"<Content>{text}</Content><MsgId>{msg_id}</MsgId></xml>"
    ).encode()


def signed(nonce: str, at: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if at is None else at)
    return {"timestamp": stamp, "nonce": nonce, "signature": signature(TOKEN, stamp, nonce)}


@pytest.fixture
def receiver(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    spool = tmp_path / "server" / "wechat-push.jsonl"
    server = serve(Spool(spool), TOKEN, idle=1.0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/wechat", spool
    finally:
        server.shutdown()
        server.server_close()


def texts(spool: Path) -> list[object]:
    return [r["text"] for r in Spool(spool).read("")[0]]


def test_a_signed_url_seen_once_never_carries_another_citizens_message(
    receiver: tuple[str, Path],
) -> None:
    """Plain mode signs the URL, not the body: a URL from a log, a replay an hour later or
    the GET check's URL carried any forged message into the inbox."""
    url, spool = receiver
    honest = signed("a1b2c3")
    with httpx.Client(timeout=10, trust_env=False) as http:
        assert http.post(url, params=honest, content=push_xml(1, "请问公积金")).text == "success"
        replayed = http.post(url, params=honest, content=push_xml(2, "伪造：请拨打138"))
        assert replayed.status_code == 403
        logged = signed("d4e5f6", at=int(time.time()) - 3600)  # a signed URL from a log
        assert http.post(url, params=logged, content=push_xml(3, "伪造一")).status_code == 403
        future = signed("g7h8", at=int(time.time()) + 3600)
        assert http.post(url, params=future, content=push_xml(4, "伪造二")).status_code == 403
        check = signed("e1e2e3")
        assert http.get(url, params={**check, "echostr": "8844"}).text == "8844"
        assert http.get(url, params={**check, "echostr": "x"}).status_code == 403  # once
        assert http.post(url, params=check, content=push_xml(5, "伪造三")).status_code == 403
        # a push refused for its body is not spent: WeChat's retry of it is taken
        retry = signed("r1r2")
        assert http.post(url, params=retry, content=b"<xml><MsgType>text").status_code == 400
        assert http.post(url, params=retry, content=push_xml(6, "再问")).text == "success"
    assert texts(spool) == ["请问公积金", "再问"]


def raw_request(url: str, head: str, body: bytes, wait: float = 4.0) -> bytes:
    """The receiver's answer to one raw request, the connection kept open for writing."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(head.encode() + body)
        try:
            return sock.recv(4096)
        except TimeoutError:
            return b""


@pytest.mark.parametrize(
    "length",
    ["Content-Length: -1", "Content-Length: 1e3", "Transfer-Encoding: chunked"],
)
def test_a_body_length_that_is_not_a_plain_number_is_refused_at_once(
    receiver: tuple[str, Path], length: str
) -> None:
    """``Content-Length: -1`` had the receiver read the connection to its end (memory
    without bound while a client keeps sending); ``1e3`` was an uncaught error."""
    url, spool = receiver
    query = "&".join(f"{k}={v}" for k, v in signed("len44").items())
    body = push_xml(7, "请问")
    chunked = length.startswith("Transfer")
    payload = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n" if chunked else body
    head = f"POST /wechat?{query} HTTP/1.1\r\nHost: x\r\n{length}\r\n\r\n"
    started = time.monotonic()
    answer = raw_request(url, head, payload, wait=0.9)  # under the receiver's idle time
    assert answer.startswith(b"HTTP/1.0 411"), answer
    assert time.monotonic() - started < 0.9
    assert not spool.exists()


def test_half_open_connections_neither_pile_up_threads_nor_shut_out_wechat(
    receiver: tuple[str, Path],
) -> None:
    url, spool = receiver
    host, port = url.split("//")[1].split("/")[0].split(":")
    before = threading.active_count()
    idle = []
    try:
        for _ in range(4 * MAX_CONNECTIONS):
            sock = socket.create_connection((host, int(port)), timeout=5)
            sock.sendall(b"POST /wechat?timestamp=1 HTTP/1.1\r\nHost: x\r\n")  # never ends
            idle.append(sock)
        time.sleep(0.3)
        # a connection's thread and its cut-off timer, for the ones served
        assert threading.active_count() - before <= 2 * MAX_CONNECTIONS + 2
        time.sleep(1.5)  # past the receiver's idle time: every slow client was let go
        with httpx.Client(timeout=5, trust_env=False) as http:
            pushed = http.post(url, params=signed("late44"), content=push_xml(8, "还在吗"))
        assert pushed.text == "success"
    finally:
        for sock in idle:
            sock.close()
    assert texts(spool) == ["还在吗"]


def test_a_request_drip_fed_a_byte_at_a_time_is_cut_off(receiver: tuple[str, Path]) -> None:
    """Each byte within the idle time renewed it: a client dripping its headers held a
    connection (of the few served at once) for as long as it liked."""
    url, _ = receiver
    host, port = url.split("//")[1].split("/")[0].split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"POST /wechat HTTP/1.1\r\n")
        cut = False
        while time.monotonic() - started < 8:
            time.sleep(0.4)  # within the receiver's idle time (1 s)
            try:
                sock.sendall(b"X")
            except OSError:
                cut = True
                break
            sock.settimeout(0.01)
            try:
                if sock.recv(1) == b"":
                    cut = True
                    break
            except TimeoutError:
                pass
            finally:
                sock.settimeout(5)
    assert cut and time.monotonic() - started < 5  # three idle times, then cut off


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_receiver(
    spool: Path, limit: int | None, **extra: str
) -> tuple[subprocess.Popen[str], str]:
    """``govmedia inbox receive`` in a new process; ``limit``: the largest file it may
    write (RLIMIT_FSIZE: a full disk, as the kernel tells a writer)."""

    def cap() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        SPOOL_ENV: str(spool),
        TOKEN_ENV: TOKEN,
        **extra,
    }
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "inbox", "receive", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=cap,  # the child's own limit, set before it runs
    )
    url = f"http://127.0.0.1:{port}/wechat"
    for _ in range(100):
        try:
            httpx.get(url, timeout=1, trust_env=False)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError(proc.communicate()[1])


def stop(proc: subprocess.Popen[str]) -> str:
    """The receiver stopped; what it told its operator (stderr)."""
    proc.terminate()
    return proc.communicate(timeout=10)[1]


def test_a_push_the_disk_cannot_take_whole_leaves_no_torn_record(tmp_path: Path) -> None:
    """A full disk took part of a record and the receiver said ``success``: the citizen's
    message was lost, and the next record, glued to the torn line, made the spool unreadable:
    no WeChat message was ever fetched again."""
    spool = tmp_path / "server" / "wechat-push.jsonl"
    spool.parent.mkdir()
    first = '{"msg_id": "1", "user": "oA", "text": "第一条", "at": 1765000000}\n'
    spool.write_text(first, encoding="utf-8")
    size = spool.stat().st_size
    proc, url = start_receiver(spool, limit=size + 40)
    try:
        long = "我想问一下社区养老服务中心的开放时间和报名办法" * 2
        answer = httpx.post(url, params=signed("full1"), content=push_xml(2, long), timeout=10)
    finally:
        stop(proc)
    assert answer.status_code == 503  # not stored: WeChat retries it
    assert spool.stat().st_size == size
    proc, url = start_receiver(spool, limit=None)
    try:
        with httpx.Client(timeout=10, trust_env=False) as http:
            later = http.post(url, params=signed("room1"), content=push_xml(3, "第三条"))
            retried = http.post(url, params=signed("room2"), content=push_xml(2, long))
    finally:
        stop(proc)
    assert later.text == "success" and retried.text == "success"
    assert texts(spool) == ["第一条", "第三条", long]
