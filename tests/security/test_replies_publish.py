"""Threat class 9 end to end: ``govmedia publish`` (a new process) against hostile replies.

Each run must end with a non-zero exit (or the channel deferred), a Chinese message, no
traceback, and no secret in any encoding in stdout, stderr or the ledger; a later honest
run publishes every channel exactly once and records only checked ids and URLs.
"""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote, quote_plus

import httpx
import pytest

from pipeline.emulators import Emulator
from tests.publish_support import (
    CREDS,
    SMALL_POSTS,
    env_for,
    faults,
    ledger_records,
    publish_process,
    published,
    small_repo,
)
from tests.security.replies_support import leaks, ledger_text

SECRET = CREDS["GOVMEDIA_WECHAT_SECRET"]
TOKEN = CREDS["GOVMEDIA_WEIBO_TOKEN"]
POST = (SMALL_POSTS[0],)  # wechat, weibo and app


def assert_clean(repo: Path, *outputs: str) -> None:
    for text in (*outputs, ledger_text(repo)):
        assert not leaks(text), leaks(text)
        assert "Traceback" not in text
        assert "javascript:" not in text.lower()


def assert_once_everywhere(repo: Path, emulator: Emulator) -> None:
    pub = published(emulator)
    assert {k: len(v) for k, v in pub.items()} == {"wechat": 1, "weibo": 1, "app": 1}
    done = [r for r in ledger_records(repo) if r["event"] == "published"]
    assert sorted(r["platform"] for r in done) == ["app", "wechat", "weibo"]
    for record in done:
        if record["platform"] != "app":
            assert record["url"].startswith(("https://", emulator.url + "/s?")), record


def test_hostile_token_reply_fails_in_chinese_without_secret(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", POST)
    encoded = base64.b64encode(SECRET.encode()).decode()
    reply = {
        "errcode": 0,
        "access_token": "EMUx",
        "expires_in": f"7200 secret={quote(SECRET)} {encoded}",
    }
    faults(emulator, {"path": "/cgi-bin/stable_token", "reply": reply, "times": -1})
    env = env_for(emulator)
    run = publish_process(repo, env)
    assert run.code == 1, run.out + run.err
    assert "微信公众号 stable_token：平台应答异常" in run.out and "expires_in" in run.out
    assert_clean(repo, run.out, run.err)
    failed = [r for r in ledger_records(repo) if r["event"] == "failed"]
    assert [r["detail"]["error"] for r in failed] == ["BadReply"]
    # the platform answers honestly again: the rerun publishes everything once
    clear_faults(emulator)
    rerun = publish_process(repo, env)
    assert rerun.code == 0, rerun.out + rerun.err
    assert_once_everywhere(repo, emulator)
    assert_clean(repo, rerun.out, rerun.err)


@pytest.mark.parametrize(
    "echo",
    [
        quote(SECRET, safe=""),
        quote(SECRET, safe="").lower(),
        quote_plus(SECRET),
        base64.urlsafe_b64encode(SECRET.encode()).decode().rstrip("="),
        "".join(f"\\u{ord(c):04x}" for c in SECRET),
        SECRET.encode().hex(),
    ],
    ids=["quote", "quote-lower", "quote_plus", "urlsafe-b64", "json-u", "hex"],
)
def test_secret_echoed_by_the_platform_is_not_written_anywhere(
    tmp_path: Path, emulator: Emulator, echo: str
) -> None:
    repo = small_repo(tmp_path / "unit", POST)
    faults(
        emulator,
        {
            "path": "/cgi-bin/draft/add",
            "reply": {"errcode": 45166, "errmsg": f"content rejected, appsecret={echo}"},
        },
        {
            "path": "/2/statuses/share.json",
            "reply": {"error_code": 10017, "error": f"bad request token={echo}"},
            "status": 400,
        },
    )
    run = publish_process(repo, env_for(emulator))
    assert run.code == 1
    assert "45166" in run.out and "10017" in run.out
    assert_clean(repo, run.out, run.err)
    messages = [r["detail"].get("message", "") for r in ledger_records(repo)]
    assert any("45166" in m for m in messages)


def test_javascript_url_in_publish_reply_never_reaches_the_ledger(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", POST)
    detail = {"count": 1, "item": [{"idx": 1, "article_url": "javascript:alert(document.domain)"}]}
    faults(
        emulator,
        {"path": "/cgi-bin/freepublish/get", "merge": {"article_detail": detail}, "times": -1},
        {"path": "/2/statuses/share.json", "merge": {"idstr": "javascript:alert(1)"}},
    )
    env = env_for(emulator)
    run = publish_process(repo, env)
    assert run.code == 1
    assert "article_detail" in run.out and "平台应答异常" in run.out
    assert_clean(repo, run.out, run.err)
    records = ledger_records(repo)
    assert not any(r["event"] == "published" and r["platform"] == "wechat" for r in records)
    # the lying share reply is not used: the status is found in the timeline in the same run
    weibo = [r for r in records if r["event"] == "published" and r["platform"] == "weibo"]
    assert len(weibo) == 1 and weibo[0]["detail"]["reconciled"] is True
    assert weibo[0]["platform_id"].isdigit() and weibo[0]["url"].startswith("https://weibo.com/")
    # honest again: WeChat polls the job it already has, Weibo is not sent again: once each
    clear_faults(emulator)
    rerun = publish_process(repo, env)
    assert rerun.code == 0, rerun.out + rerun.err
    assert_once_everywhere(repo, emulator)
    assert_clean(repo, rerun.out, rerun.err)


def test_non_json_and_oversized_replies_defer_or_fail(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit", POST)
    faults(
        emulator,
        {"path": "/cgi-bin/material/add_material", "raw": f"<html>{SECRET}</html>", "times": -1},
        {"path": "/2/statuses/share.json", "oversize": 5 * 1024 * 1024},
        {"path": "/app/push", "raw": "OK", "status": 201, "times": -1},
    )
    run = publish_process(repo, env_for(emulator))
    assert run.code == 1
    assert "推迟" in run.out and "失败" in run.out
    assert_clean(repo, run.out, run.err)
    assert "<html>" not in run.out


def clear_faults(emulator: Emulator) -> None:
    httpx.delete(emulator.url + "/_emulator/faults", timeout=10).raise_for_status()
