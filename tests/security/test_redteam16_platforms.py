"""Red team, round 16b: the platforms' side (threat class 9, a hostile platform reply).

Each test drives the real ``govmedia publish`` (a new process) or the real clients against
the loopback emulator or a loopback HTTP server of its own, in a git repository built in
``tmp_path`` with real signed approvals.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from pipeline.emulators import Emulator
from pipeline.platforms.app_channel import AppChannel
from pipeline.platforms.errors import PlatformError, Retryable, Uncertain
from pipeline.platforms.http import RetryPolicy
from pipeline.platforms.settings import Settings
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.weibo import WeiboClient
from tests.publish_support import (
    CREDS,
    SAMPLE,
    SITE,
    WECHAT_BIZ,
    add_approved_post,
    approve,
    control,
    env_for,
    faults,
    git,
    ledger_records,
    publish_process,
    published,
    retract_in_process,
    small_repo,
)
from tests.security.replies_support import leaks, ledger_text
from tests.watch_support import plant as plant_item
from tests.watch_support import published_repo, running_webhook, watch, watch_json

FIRST = "content/posts/2026/03/zhangshang-app-shangxian.md"
SECOND = "content/posts/2026/11/nianmo-fanzha-tixing.md"
SECOND_TITLE = "年底办事高峰 谨防电信网络诈骗"
TOKEN = CREDS["GOVMEDIA_WEIBO_TOKEN"]
SITE_LINK = SITE + "2026/11/nianmo-fanzha-tixing/"


def _published_ids(repo: Path, path: str) -> dict[str, str]:
    return {
        r["platform"]: r["platform_id"]
        for r in ledger_records(repo)
        if r["event"] == "published" and r["path"] == path
    }


def _mass_sends(emulator: Emulator) -> list[dict]:
    return httpx.get(emulator.url + "/_emulator/mass", timeout=10).json()["mass"]


def test_a_reply_claiming_another_posts_article_is_never_recorded_for_this_one(
    tmp_path: Path, emulator: Emulator
) -> None:
    """WeChat's ``freepublish/get`` and Weibo's ``statuses/share`` answer success with the id
    of an article the ledger already records for another post. Recorded as it came, the
    ledger said the new post lived at the old post's article, and retracting the new post
    deleted the old one on both platforms (a 责令删除 of one post took another down)."""
    repo = small_repo(tmp_path / "unit", (FIRST.removeprefix("content/posts/"),))
    env = env_for(emulator)
    first = publish_process(repo, env)
    assert first.code == 0, first.out + first.err
    old = _published_ids(repo, FIRST)
    assert set(old) == {"wechat", "weibo", "app"}

    add_approved_post(repo, SECOND)
    faults(
        emulator,
        {"path": "/cgi-bin/freepublish/get", "merge": {"article_id": old["wechat"]}, "times": -1},
        {
            "path": "/2/statuses/share.json",
            "merge": {"id": int(old["weibo"]), "idstr": old["weibo"]},
        },
    )
    run = publish_process(repo, env)
    httpx.delete(emulator.url + "/_emulator/faults", timeout=10).raise_for_status()
    new = _published_ids(repo, SECOND)
    assert new.get("wechat") != old["wechat"] and new.get("weibo") != old["weibo"], run.out

    # the honest listing decides: the post is recorded at its own article, once
    if set(new) != {"wechat", "weibo"}:
        rerun = publish_process(repo, env)
        assert rerun.code == 0, rerun.out + rerun.err
        new = _published_ids(repo, SECOND)
    live = published(emulator)
    assert len(live["wechat"]) == 2 and len(live["weibo"]) == 2
    ours = [a for a in live["wechat"] if a["title"] == SECOND_TITLE]
    assert [a["article_id"] for a in ours] == [new["wechat"]]
    done = [r for r in ledger_records(repo) if r["event"] == "published" and r["path"] == SECOND]
    assert sorted(r["platform"] for r in done) == ["wechat", "weibo"]

    # retracting the new post leaves the old one on every platform
    code, lines = retract_in_process(repo, emulator, SECOND)
    assert code == 0, lines
    after = published(emulator)
    assert [a["article_id"] for a in after["wechat"]] == [old["wechat"]]
    assert [str(s["id"]) for s in after["weibo"]] == [old["weibo"]]


class DripServer:
    """A loopback HTTP server that answers one byte at a time, each well inside the client's
    read timeout, for ``seconds``: the headers (``part="headers"``) or a JSON body."""

    def __init__(self, part: str, seconds: float = 10.0, gap: float = 0.25) -> None:
        self.part, self.seconds, self.gap = part, seconds, gap
        self.requests = 0
        self.stopped = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            if self.stopped.is_set():  # the wake-up connection of close()
                conn.close()
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            self.requests += 1
            if self.part == "headers":
                head, drip = b"HTTP/1.1 200 OK\r\n", b"X-Slow: " + b"a" * 4000
            else:
                head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                head += b"Content-Length: 4000\r\n\r\n"
                drip = b"{" + b" " * 3999
            end = time.monotonic() + self.seconds
            try:
                conn.sendall(head)
                for byte in drip:
                    if self.stopped.is_set() or time.monotonic() > end:
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(self.gap)
            except OSError:
                return

    def close(self) -> None:
        """Stop the accept loop before the listener's descriptor is closed: closed under a
        thread about to call ``accept``, the number could be reused by the next test's
        emulator and that thread would take the emulator's connections."""
        self.stopped.set()
        with contextlib.suppress(OSError):
            socket.create_connection(self.listener.getsockname(), timeout=2).close()
        self.thread.join(timeout=5)
        assert not self.thread.is_alive(), "the drip server's accept loop did not stop"
        self.listener.close()


@pytest.mark.parametrize("part", ["headers", "body"])
def test_a_platform_that_answers_one_byte_at_a_time_cannot_hold_a_run(
    part: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every gap inside the read timeout (20 s), so no timeout fired: a platform, or
    anything on the way, dripping its answer held the publishing run, its lock and every
    later run (a retraction ordered under 第二十条 included) for as long as it liked. Each
    exchange now has a deadline over the whole answer, headers and body."""
    monkeypatch.setenv("GOVMEDIA_HTTP_DEADLINE", "1")
    server = DripServer(part)
    client = WeiboClient(
        server.url, TOKEN, retry=RetryPolicy(attempts=1, base_delay=0.01), rip="127.0.0.1"
    )
    try:
        start = time.monotonic()
        with pytest.raises(Retryable) as read:
            client.user_timeline()
        assert time.monotonic() - start < 4.0
        assert "结果未知" in str(read.value) or "未收到完整应答" in str(read.value)
        start = time.monotonic()
        with pytest.raises(Uncertain) as shared:  # the call may have acted: never resent
            client.share(f"【测试】正文 {SITE_LINK}")
        assert time.monotonic() - start < 4.0
        assert server.requests == 2
        for error in (read.value, shared.value):
            assert TOKEN not in str(error) and "Traceback" not in str(error)
    finally:
        client.close()
        server.close()


def test_an_honest_slow_answer_inside_the_deadline_is_read(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deadline spans the exchange, not the run: an answer that takes a while (the
    emulator's latency) but ends inside it is used as before."""
    monkeypatch.setenv("GOVMEDIA_HTTP_DEADLINE", "3")
    faults(emulator, {"path": "/2/statuses/user_timeline.json", "latency": 1.0})
    client = WeiboClient(emulator.url, TOKEN, retry=RetryPolicy(attempts=1), rip="127.0.0.1")
    try:
        assert client.user_timeline()["statuses"] == []
    finally:
        client.close()


def test_a_mass_send_reply_naming_another_posts_msg_id_is_never_recorded_for_this_one(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The same lie on 群发: ``message/mass/sendall`` answers with the ``msg_id`` of another
    post's mass send. Recorded, retracting the new post deleted the old one from every
    follower's message list (``message/mass/delete`` cannot be undone). The answer is now
    never recorded; the next run resends with the same ``clientmsgid`` inside the
    platform's window, and the platform names the real send without sending twice."""
    repo = small_repo(tmp_path / "unit", (FIRST.removeprefix("content/posts/"),))
    env = env_for(emulator, GOVMEDIA_WECHAT_MASS_CATEGORIES="通知公告")
    assert publish_process(repo, env).code == 0
    old = _published_ids(repo, FIRST)["wechat"]
    assert old.startswith("mass:")
    control(emulator, "clock", {"advance": 86_400})  # the next day's quota

    target = repo / SECOND
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (SAMPLE / SECOND.removeprefix("content/")).read_text(encoding="utf-8")
    target.write_text(
        text.replace("category: 便民服务\n", "category: 便民服务\nwechat: {send: mass}\n", 1),
        encoding="utf-8",
    )
    git(repo, "add", SECOND)
    git(repo, "commit", "-q", "-m", "Mass-send the fraud warning")
    approve(repo, [SECOND])
    faults(
        emulator,
        {
            "path": "/cgi-bin/message/mass/sendall",
            "merge": {"msg_id": int(old.removeprefix("mass:"))},
        },
    )
    publish_process(repo, env)
    assert _published_ids(repo, SECOND).get("wechat") != old

    rerun = publish_process(repo, env)
    assert rerun.code == 0, rerun.out + rerun.err
    new = _published_ids(repo, SECOND)["wechat"]
    sends = _mass_sends(emulator)
    assert len(sends) == 2  # the new post reached followers once
    assert {f"mass:{s['msg_id']}" for s in sends} == {old, new}

    code, lines = retract_in_process(repo, emulator, SECOND)
    assert code == 0, lines
    assert [f"mass:{s['msg_id']}" for s in _mass_sends(emulator)] == [old]


def test_a_secret_a_platform_puts_in_the_article_link_never_reaches_the_run_output(
    tmp_path: Path, emulator: Emulator
) -> None:
    """``freepublish/get`` names the article link; one that carries the AppSecret (echoed
    by a hostile or broken platform) was scrubbed from the ledger record but printed as it
    came in the run's 已发布 line: on the operator's terminal, the CI log, and through the
    post-receive hook on the terminal of whoever pushed. The run now reports the link the
    ledger recorded, scrubbed like every record."""
    repo = small_repo(tmp_path / "unit", (SECOND.removeprefix("content/posts/"),))
    secret = CREDS["GOVMEDIA_WECHAT_SECRET"]
    # WeChat's long form, the one bound to the account since round 25
    link = f"{emulator.url}/s?__biz={quote(WECHAT_BIZ)}&mid=1&idx=1&sn={quote(secret)}"
    detail = {"count": 1, "item": [{"idx": 1, "article_url": link}]}
    faults(emulator, {"path": "/cgi-bin/freepublish/get", "merge": {"article_detail": detail}})
    run = publish_process(repo, env_for(emulator))
    assert run.code == 0, run.out + run.err
    assert "已发布" in run.out
    for text in (run.out, run.err, ledger_text(repo)):
        assert not leaks(text), leaks(text)


def test_a_secret_in_what_an_account_shows_never_reaches_the_watch_report_or_alert(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The watch quotes what an account shows (an excerpt of each finding) in its text
    and JSON reports and in the signed alert. A listing that carries a credential (a
    platform echoing the token, or whoever took the account over posting it) went out
    as it came: the excerpt is now scrubbed like every message, then shown."""
    repo = published_repo(tmp_path, emulator)
    token, secret = CREDS["GOVMEDIA_WEIBO_TOKEN"], CREDS["GOVMEDIA_WECHAT_SECRET"]
    plant_item(emulator, kind="outside", platform="weibo", text=f"令牌 {token}")
    plant_item(emulator, kind="outside", platform="wechat", title="公告", text=f"密钥 {secret}")
    hooks = running_webhook()
    hook = next(hooks)
    try:
        key = {"GOVMEDIA_WATCH_WEBHOOK": hook.url, "GOVMEDIA_WATCH_HMAC_KEY": "k" * 32}
        text = watch(repo, emulator, **key)
        code, found = watch_json(repo, emulator)
    finally:
        hooks.close()
    assert text.code == 1 and code == 1
    assert {f["kind"] for f in found} == {"outside"} and len(found) == 2
    assert "令牌" in text.out and "密钥" in text.out
    bodies = [r.body.decode("utf-8") for r in hook.received]
    assert bodies
    for output in (text.out, text.err, json.dumps(found, ensure_ascii=False), *bodies):
        assert not leaks(output), leaks(output)


class Recorder(BaseHTTPRequestHandler):
    """A loopback server: the bodies it receives; answers each with ``answer(server)``."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.server.bodies.append(self.rfile.read(length))  # type: ignore[attr-defined]
        status, headers = self.server.answer  # type: ignore[attr-defined]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


def _recorder(status: int, headers: dict[str, str]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.bodies, server.answer = [], (status, headers)  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_to_another_host_never_carries_the_appsecret_there(status: int) -> None:
    """Held: the token call carries the AppSecret in its body; a platform (or anything on the
    way) answering it with a redirect to another host gets no second request there (the
    clients never follow redirects), and the answer is a typed error without the secret."""
    elsewhere = _recorder(200, {})
    host, port = elsewhere.server_address[:2]
    api = _recorder(status, {"Location": f"http://{host}:{port}/cgi-bin/stable_token"})
    secret = CREDS["GOVMEDIA_WECHAT_SECRET"]
    client = WeChatClient(
        f"http://127.0.0.1:{api.server_address[1]}",
        CREDS["GOVMEDIA_WECHAT_APPID"],
        secret,
        retry=RetryPolicy(attempts=1),
    )
    try:
        with pytest.raises(PlatformError) as refused:
            client.token()
        assert len(api.bodies) == 1 and secret in api.bodies[0].decode()
        assert elsewhere.bodies == []
        assert secret not in str(refused.value)
    finally:
        client.close()
        for server in (api, elsewhere):
            server.shutdown()
            server.server_close()


def test_a_draft_media_id_of_another_post_is_never_recorded_for_this_one(
    tmp_path: Path, emulator: Emulator
) -> None:
    """``draft/add`` answers with the media id of another post's draft. Recorded as this
    post's draft, it was submitted in its place: the other post's draft had left the box,
    so every run met 40007 and stopped the post for an operator (had it still been there,
    the other post's text would have gone out recorded as this one). The answer is now
    never recorded; the next run finds this post's own draft in the draft box."""
    repo = small_repo(tmp_path / "unit", (FIRST.removeprefix("content/posts/"),))
    env = env_for(emulator)
    assert publish_process(repo, env).code == 0
    [old] = [
        r["detail"]["media_id"]
        for r in ledger_records(repo)
        if r["event"] == "drafted" and r["path"] == FIRST
    ]
    add_approved_post(repo, SECOND)
    faults(emulator, {"path": "/cgi-bin/draft/add", "merge": {"media_id": old}})
    publish_process(repo, env)
    rerun = publish_process(repo, env)
    assert rerun.code == 0, rerun.out + rerun.err
    drafts = [
        r["detail"]["media_id"]
        for r in ledger_records(repo)
        if r["event"] == "drafted" and r["path"] == SECOND
    ]
    assert drafts and old not in drafts
    ours = [a for a in published(emulator)["wechat"] if a["title"] == SECOND_TITLE]
    assert len(ours) == 1 and [ours[0]["article_id"]] == [_published_ids(repo, SECOND)["wechat"]]


class Pages(BaseHTTPRequestHandler):
    """A loopback app list: each GET answered with ``server.pages[path]`` (JSON), its path
    and signature header recorded."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        signature = self.headers.get("X-Govmedia-Signature", "")
        self.server.seen.append((self.path, signature))  # type: ignore[attr-defined]
        page = self.server.pages.get(self.path, {"items": []})  # type: ignore[attr-defined]
        body = json.dumps(page).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _pages(pages: dict[str, dict]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    server.seen, server.pages = [], pages  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_the_app_lists_next_page_is_never_fetched_from_another_host() -> None:
    """The app's item list (read by the watch, the ledger rebuild and the reconciling of a
    push) follows JSON Feed ``next_url``; any ``next_url`` was followed, to any host and
    scheme, with the request signed by the app's HMAC key: an answer (or anything on the
    way) sent the publishing server, signed, to a host of its choosing, in plain http too.
    Only a page on the list's own scheme, host and port is fetched now; another is a bad
    reply and the listing stops. Paging on the list's own host is followed as before."""
    elsewhere = _pages({})
    other = f"http://127.0.0.1:{elsewhere.server_address[1]}/items?page=3"
    own = _pages({"/items?page=2": {"items": [], "next_url": other}})
    own.pages["/items"] = {"items": [], "next_url": "/items?page=2"}  # type: ignore[attr-defined]
    base = f"http://127.0.0.1:{own.server_address[1]}"
    settings = Settings(app_push=f"{base}/app/push", app_hmac_key=CREDS["GOVMEDIA_APP_HMAC_KEY"])
    channel = AppChannel(settings, env={"GOVMEDIA_APP_LIST": f"{base}/items"})
    try:
        with pytest.raises(PlatformError) as refused:
            channel.list_since()
        assert "next_url" in str(refused.value)
        assert [path for path, _ in own.seen] == ["/items", "/items?page=2"]  # type: ignore[attr-defined]
        assert all(sig.startswith("sha256=") for _, sig in own.seen)  # type: ignore[attr-defined]
        assert elsewhere.seen == []  # type: ignore[attr-defined]
    finally:
        channel.close()
        for server in (own, elsewhere):
            server.shutdown()
            server.server_close()
