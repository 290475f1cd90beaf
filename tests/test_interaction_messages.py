"""Citizens' direct messages (第十二条 私信) over the real emulator, real git and real signed
approvals: WeChat pushes them to the unit's callback receiver (signed XML), Weibo and the app
are read after a cursor; they join the inbox like comments (minimised, triaged, routed) and
are answered by a reviewed reply sent exactly once — within WeChat's 48-hour window, or
answered publicly / recorded as unanswerable after it."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pipeline.emulators import Emulator
from pipeline.interaction.messages import CONTACTS_FILE
from pipeline.interaction.site_page import answered_page
from pipeline.interaction.wechat_push import SPOOL_ENV, Spool, serve, signature
from pipeline.project import Project
from tests.interaction_support import (
    approve_reply,
    inbox,
    inbox_env,
    messages,
    plant,
    stored,
    unit_repo,
    write_reply,
)
from tests.publish_support import git, ledger_records, stats

TOKEN = "callback-token-THROWAWAY"
QUESTION = "请问公积金提取需要哪些材料？"
ANSWER = "您好，提取公积金请携带身份证和银行卡到3号窗口办理。"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return unit_repo(tmp_path / "unit")


@pytest.fixture
def receiver(tmp_path: Path, emulator: Emulator) -> Iterator[Path]:
    """The unit's WeChat callback receiver on loopback, its spool outside the repository;
    the emulator pushes to it."""
    spool = tmp_path / "server" / "wechat-push.jsonl"
    server = serve(Spool(spool), TOKEN)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/wechat"
    plant(emulator, {"kind": "callback", "url": url, "token": TOKEN})
    try:
        yield spool
    finally:
        server.shutdown()
        server.server_close()


def answered_once(repo: Path, env: dict[str, str], emulator: Emulator, item: str) -> str:
    """An approved reply to the message ``item`` is sent, once; the reply's path."""
    rel = write_reply(repo, "gongjijin", item, ANSWER)
    approve_reply(repo, rel)
    sent = inbox(repo, env, "send")
    assert sent.code == 0 and f"已发送：{rel}" in sent.out, sent.out + sent.err
    assert [r["text"] for r in messages(emulator)[item]["replies"]] == [ANSWER]
    assert "没有待发送" in inbox(repo, env, "send").out
    return rel


def status(repo: Path, env: dict[str, str]) -> dict[str, dict]:
    result = inbox(repo, env, "status", "--format", "json")
    assert result.code == 0, result.err
    return {r["item"]: r for r in json.loads(result.out)}


@pytest.mark.parametrize("platform", ["app", "weibo"])
def test_message_is_fetched_routed_and_answered_once(
    repo: Path, emulator: Emulator, platform: str
) -> None:
    [planted] = plant(
        emulator, {"kind": "message", "platform": platform, "text": QUESTION, "user": "61234"}
    )
    env = inbox_env(emulator)
    first = inbox(repo, env, "fetch")
    assert first.code == 0, first.out + first.err
    assert f"（{platform}）（私信）：读取 1 条，新增 1 条" in first.out
    assert inbox(repo, env, "fetch").code == 0  # again: nothing twice
    [row] = stored(repo)
    item = f"{platform}:m{planted['id']}"
    assert row["id"] == item and row["kind"] == "message" and "61234" not in row["user"]
    assert "61234" not in git(repo, "status", "--porcelain", "--untracked-files=all")
    assert status(repo, env)[item]["category"] == "question"
    rel = answered_once(repo, env, emulator, item)
    path = {"app": "/app/messages/reply", "weibo": "/2/direct_messages/new.json"}[platform]
    assert stats(emulator)[path] == 1
    events = [r["event"] for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]
    assert events == ["interaction-intent", "replied"]
    assert status(repo, env)[item]["state"] == "closed"


def test_wechat_message_pushed_twice_is_stored_once_and_answered_in_the_window(
    repo: Path, emulator: Emulator, receiver: Path
) -> None:
    [planted] = plant(
        emulator,
        {
            "kind": "message",
            "platform": "wechat",
            "text": QUESTION,
            "user": "oCITIZEN1",
            "repeat": 2,
        },
    )
    assert len(receiver.read_text(encoding="utf-8").splitlines()) == 2  # WeChat retried
    env = inbox_env(emulator, **{SPOOL_ENV: str(receiver)})
    assert inbox(repo, env, "fetch").code == 0
    item = f"wechat:m{planted['id']}"
    assert [r["id"] for r in stored(repo)] == [item]
    assert "oCITIZEN1" not in json.dumps(stored(repo))
    contacts = Path(git(repo, "rev-parse", "--absolute-git-dir").strip()) / CONTACTS_FILE
    assert json.loads(contacts.read_text(encoding="utf-8")) == {item: "oCITIZEN1"}
    answered_once(repo, env, emulator, item)
    assert stats(emulator)["/cgi-bin/message/custom/send"] == 1


@pytest.mark.parametrize("public", [False, True])
def test_wechat_message_past_48_hours(
    repo: Path, emulator: Emulator, receiver: Path, public: bool
) -> None:
    """Past the window no customer-service message can go out: with ``public: true`` (and
    the unit's public page on) the answer is published on the archive instead, otherwise
    the item records why it was not answered, and ``inbox status`` shows the reason."""
    [planted] = plant(
        emulator,
        {
            "kind": "message",
            "platform": "wechat",
            "text": QUESTION,
            "user": "oLATE",
            "at": time.time() - 49 * 3600,
        },
    )
    env = inbox_env(emulator, **{SPOOL_ENV: str(receiver)})
    assert inbox(repo, env, "fetch").code == 0
    item = f"wechat:m{planted['id']}"
    rel = write_reply(repo, "late", item, ANSWER, extra="public: true\n" if public else "")
    approve_reply(repo, rel)
    result = inbox(repo, env, "send")
    assert result.code == 0 and "Traceback" not in result.err
    assert "/cgi-bin/message/custom/send" not in stats(emulator)
    assert not messages(emulator)[item].get("replies")
    records = [r for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]
    row = status(repo, env)[item]
    if public:
        assert "已改为公开答复" in result.out
        assert records[-1]["event"] == "replied" and records[-1]["detail"]["via"] == "public"
        docs = repo.parent / "docs"
        docs.mkdir()
        answered_page(Project(repo), docs)
        assert ANSWER in (docs / "hudong.md").read_text(encoding="utf-8")
        assert row["state"] == "closed"
    else:
        assert "48 小时" in result.out
        assert [r["event"] for r in records] == ["unanswerable"]
        assert row["outcome"] == "unanswerable" and "48 小时" in row["reason"]
        text = inbox(repo, env, "status")
        assert "无法答复 1 条" in text.out and "48 小时" in text.out
    assert "没有待发送" in inbox(repo, env, "send").out


def test_callback_receiver_refuses_forged_and_malformed_pushes(tmp_path: Path) -> None:
    spool = tmp_path / "spool.jsonl"
    server = serve(Spool(spool), TOKEN)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/wechat"
    good = {"timestamp": str(int(time.time())), "nonce": "n1"}
    good["signature"] = signature(TOKEN, good["timestamp"], good["nonce"])
    echoed = {**good, "nonce": "n2", "signature": signature(TOKEN, good["timestamp"], "n2")}
    body = (
        "<xml><FromUserName>o1</FromUserName><CreateTime>1700000000</CreateTime>"
        "<MsgType>text</MsgType><Content>请问</Content><MsgId>42</MsgId></xml>"
    ).encode()
    try:
        with httpx.Client(timeout=10, trust_env=False) as http:
            assert (
                http.post(url, params={**good, "signature": "0" * 40}, content=body).status_code
                == 403
            )
            assert http.post(url, params=good, content=b"<xml><MsgType>text").status_code == 400
            bomb = b'<!DOCTYPE x [<!ENTITY a "aaaa">]><xml>&a;</xml>'
            assert http.post(url, params=good, content=bomb).status_code == 400
            assert not spool.exists()
            answer = http.post(url, params=good, content=body)
            assert answer.status_code == 200 and answer.text == "success"
            echo = http.get(url, params={**echoed, "echostr": "hello"})
            assert echo.text == "hello"
    finally:
        server.shutdown()
        server.server_close()
    rows, cursor = Spool(spool).read("")
    assert rows == [{"msg_id": "42", "user": "o1", "text": "请问", "at": 1700000000}]
    assert Spool(spool).read(cursor) == ([], cursor)  # read to its end


def test_malformed_message_list_stores_nothing_and_keeps_the_cursor(
    repo: Path, emulator: Emulator
) -> None:
    plant(emulator, {"kind": "message", "platform": "app", "text": QUESTION, "user": "a1"})
    httpx.post(
        emulator.url + "/_emulator/faults",
        json=[{"path": "/app/messages", "reply": {"messages": [{"id": "x", "text": 3}]}}],
        timeout=10,
    ).raise_for_status()
    env = inbox_env(emulator)
    broken = inbox(repo, env, "fetch")
    assert broken.code == 1 and "Traceback" not in broken.err
    assert "（app）（私信）：拉取失败" in broken.out
    assert not any(r["kind"] == "message" for r in stored(repo))
    again = inbox(repo, env, "fetch")  # the fault is spent: the same message, read again
    assert again.code == 0 and "（app）（私信）：读取 1 条，新增 1 条" in again.out


def test_platform_refusing_past_the_window_is_recorded_not_retried(
    repo: Path, emulator: Emulator, receiver: Path
) -> None:
    """Within the window by our clock, past it by WeChat's (errcode 45015): recorded with
    its reason like a window passed before sending, never retried."""
    [planted] = plant(
        emulator, {"kind": "message", "platform": "wechat", "text": QUESTION, "user": "oSKEW"}
    )
    env = inbox_env(emulator, **{SPOOL_ENV: str(receiver)})
    assert inbox(repo, env, "fetch").code == 0
    item = f"wechat:m{planted['id']}"
    rel = write_reply(repo, "skew", item, ANSWER)
    approve_reply(repo, rel)
    httpx.post(emulator.url + "/_emulator/clock", json={"advance": 49 * 3600}, timeout=10)
    result = inbox(repo, env, "send")
    assert result.code == 0 and "48 小时" in result.out, result.out + result.err
    events = [r["event"] for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]
    assert events == ["interaction-intent", "unanswerable"]
    assert "没有待发送" in inbox(repo, env, "send").out
    assert stats(emulator)["/cgi-bin/message/custom/send"] == 1
