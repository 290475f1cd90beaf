"""第十二条 end to end over the real emulator, real git and real signed approvals:
citizens comment → ``inbox fetch`` (idempotent, personal data minimised) → triage and routing
→ ``inbox status`` with working-day deadlines → a reviewed reply sent exactly once."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from pipeline.emulators import Emulator
from pipeline.interaction.site_page import answered_page
from pipeline.project import Project
from tests.conftest import run_cli
from tests.interaction_support import (
    approve_reply,
    comments,
    fetched_comment,
    inbox,
    inbox_env,
    inbox_id,
    messages,
    plant,
    platform_items,
    stored,
    unit_repo,
    write_reply,
)
from tests.publish_support import approve, git, ledger_records, stats

PHONE = "13912345678"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return unit_repo(tmp_path / "unit")


def test_fetch_is_idempotent_resumable_and_minimises_personal_data(
    repo: Path, emulator: Emulator
) -> None:
    platform_items(emulator)
    planted = plant(
        emulator,
        {
            "kind": "comment",
            "platform": "weibo",
            "text": f"请问社保卡怎么补办？我的电话{PHONE}",
            "user": "1888",
        },
        {"kind": "comment", "platform": "wechat", "text": "大厅周六开门吗？"},
        {"kind": "comment", "platform": "app", "text": "感谢窗口工作人员！", "target": "post-1"},
    )
    env = inbox_env(emulator)
    first = inbox(repo, env, "fetch")
    assert first.code == 0, first.err
    rows = stored(repo)
    assert sorted(r["id"] for r in rows) == sorted(inbox_id(p) for p in planted)
    weibo = next(r for r in rows if r["channel"] == "weibo")
    assert PHONE not in json.dumps(rows, ensure_ascii=False)
    assert "1888" not in weibo["user"] and weibo["user"].startswith("u-")
    assert (repo / "interaction" / "cursors.json").is_file()
    # a second fetch, and one after the cursor file is lost, store nothing twice
    assert inbox(repo, env, "fetch").code == 0
    (repo / "interaction" / "cursors.json").unlink()
    assert inbox(repo, env, "fetch").code == 0
    assert len(stored(repo)) == 3
    plant(emulator, {"kind": "comment", "platform": "weibo", "text": "新的留言", "user": "1999"})
    assert inbox(repo, env, "fetch").code == 0
    assert len(stored(repo)) == 4


def test_status_routes_questions_and_marks_overdue(repo: Path, emulator: Emulator) -> None:
    platform_items(emulator)
    plant(
        emulator,
        {"kind": "comment", "platform": "weibo", "text": "请问养老保险怎么转移？", "user": "1"},
        {"kind": "comment", "platform": "weibo", "text": "请问养老保险怎么转移？", "user": "1"},
        {"kind": "comment", "platform": "weibo", "text": "办证大厅在哪里？", "user": "2"},
        {
            "kind": "comment",
            "platform": "weibo",
            "text": "详见 http://spam.example.com",
            "user": "3",
        },
        {"kind": "comment", "platform": "weibo", "text": "出售枪支弹药，联系QQ", "user": "4"},
    )
    env = inbox_env(emulator)
    assert inbox(repo, env, "fetch").code == 0
    today = dt.date.today()
    result = inbox(repo, {**env, "GOVMEDIA_TODAY": today.isoformat()}, "status", "--format", "json")
    assert result.code == 0, result.err
    rows = {r["item"]: r for r in json.loads(result.out)}
    categories = sorted(r["category"] for r in rows.values())
    assert categories == ["duplicate", "question", "question", "spam", "violation"]
    social = [r for r in rows.values() if r["category"] == "question" and "sunli" in r["person"]]
    assert len(social) == 1 and social[0]["department"] == "社会保障服务科"
    other = [r for r in rows.values() if r["category"] == "question" and "zhangwei" in r["person"]]
    assert len(other) == 1
    violation = next(r for r in rows.values() if r["category"] == "violation")
    assert violation["rules"]
    later = (
        today.replace(year=today.year + 1)
        if today.month != 2
        else today.replace(day=1, year=today.year + 1)
    )
    overdue = inbox(repo, {**env, "GOVMEDIA_TODAY": later.isoformat()}, "status")
    assert overdue.code == 0
    assert "已逾期" in overdue.out and "孙丽" in overdue.out and "社会保障服务科" in overdue.out
    assert "建议隐藏的违规评论 1 条" in overdue.out
    watched = run_cli(
        "watch", "--format", "json", cwd=repo, env={**env, "GOVMEDIA_TODAY": later.isoformat()}
    )
    assert watched.code == 1, watched.err
    late = [f for f in json.loads(watched.out) if f["kind"] == "reply-overdue"]
    assert len(late) == 2 and all("逾期" in f["message"] for f in late)
    assert any("社会保障服务科 孙丽" in f["message"] for f in late)
    calm = run_cli(
        "watch", "--format", "json", cwd=repo, env={**env, "GOVMEDIA_TODAY": today.isoformat()}
    )
    assert not [f for f in json.loads(calm.out) if f["kind"] == "reply-overdue"]


def test_reviewed_reply_is_sent_exactly_once_with_a_ledger_record(
    repo: Path, emulator: Emulator
) -> None:
    question = "请问社保卡怎么补办？<script>alert(1)</script>"
    item, _ = fetched_comment(repo, emulator, "weibo", question, "7")
    env = inbox_env(emulator)
    rel = write_reply(
        repo,
        "shebaoka",
        item,
        "您好，社保卡补办可在政务服务大厅3号窗口当场办理。",
        extra="public: true\n",
    )
    # not yet approved: never sent
    early = inbox(repo, env, "send")
    assert early.code == 0 and "未完成审核" in early.out
    assert not comments(emulator)[item].get("reply")
    approve_reply(repo, rel)
    sent = inbox(repo, env, "send")
    assert sent.code == 0, sent.out + sent.err
    assert comments(emulator)[item]["reply"]["text"].startswith("您好，社保卡补办")
    again = inbox(repo, env, "send")
    assert again.code == 0 and "没有待发送" in again.out
    assert stats(emulator)["/2/comments/reply.json"] == 1
    events = [r["event"] for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]
    assert events == ["interaction-intent", "replied"]
    status = inbox(repo, env, "status", "--format", "json")
    assert json.loads(status.out)[0]["state"] == "closed"
    year = str(dt.date.today().year)
    report = run_cli("report", "--year", year, "--format", "md", cwd=repo, env=env)
    assert report.code == 0, report.out + report.err
    text = (repo / "reports" / f"report-{year}.md").read_text(encoding="utf-8")
    section = text[text.index("### 网民互动（第十二条）") :]
    assert "| 1 | 1/1 | 1/1 |" in section
    docs = repo.parent / "docs"
    docs.mkdir()
    assert answered_page(Project(repo), docs) == [("网民留言答复", "hudong.md")]
    page = (docs / "hudong.md").read_text(encoding="utf-8")
    assert "3号窗口当场办理" in page and "请问社保卡怎么补办" in page
    assert "<script>" not in page and "u-" not in page


def test_reply_to_a_comment_deleted_by_its_author_is_recorded_not_lost(
    repo: Path, emulator: Emulator
) -> None:
    item, cid = fetched_comment(repo, emulator, "weibo", "请问几点下班？", "8")
    env = inbox_env(emulator)
    rel = write_reply(repo, "xiaban", item, "您好，工作日17:30下班。")
    approve_reply(repo, rel)
    plant(emulator, {"kind": "withdraw", "id": cid})
    result = inbox(repo, env, "send")
    assert result.code == 0 and "网民已删除该评论" in result.out
    events = [r["event"] for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]
    assert events == ["interaction-intent", "unanswerable"]
    assert "没有待发送" in inbox(repo, env, "send").out


def test_weibo_reply_over_140_characters_is_refused_at_check_time(
    repo: Path, emulator: Emulator
) -> None:
    item, _ = fetched_comment(repo, emulator, "weibo", "请问？", "9")
    env = inbox_env(emulator)
    rel = write_reply(repo, "long", item, "您好" * 71)
    result = inbox(repo, env, "check", rel)
    assert result.code == 1
    assert "R12-length" in result.out and "142" in result.out and f"{rel}:6" in result.out


def test_malformed_reply_file_names_file_line_and_field(repo: Path, emulator: Emulator) -> None:
    rel = "content/replies/2026/12/bad.md"
    (repo / rel).parent.mkdir(parents=True)
    (repo / rel).write_text("---\nitem: 42\nauthor: 王芳\n---\n\n", encoding="utf-8")
    result = inbox(repo, inbox_env(emulator), "check", rel)
    assert result.code == 1 and "Traceback" not in result.err
    assert f"{rel}:2" in result.out and "item" in result.out
    assert f"{rel}:3" in result.out and "author" in result.out


def test_expired_token_and_malformed_platform_answer_store_nothing(
    repo: Path, emulator: Emulator
) -> None:
    platform_items(emulator)
    plant(emulator, {"kind": "comment", "platform": "weibo", "text": "请问？", "user": "5"})
    env = inbox_env(emulator, GOVMEDIA_WEIBO_TOKEN="2.00expiredTHROWAWAY")
    result = inbox(repo, env, "fetch")
    assert result.code == 1 and "Traceback" not in result.err
    assert (
        "（weibo）：拉取失败" in result.out
        and "2.00expiredTHROWAWAY" not in result.out + result.err
    )
    assert not any(r["channel"] == "weibo" for r in stored(repo))
    httpx.post(
        emulator.url + "/_emulator/faults",
        json=[{"path": "/2/comments/to_me.json", "reply": {"comments": "not a list"}}],
        timeout=10,
    ).raise_for_status()
    broken = inbox(repo, inbox_env(emulator), "fetch")
    assert broken.code == 1 and "（weibo）：拉取失败" in broken.out
    assert not any(r["channel"] == "weibo" for r in stored(repo))
    assert inbox(repo, inbox_env(emulator), "fetch").code == 0
    assert any(r["channel"] == "weibo" for r in stored(repo))


def test_fetch_without_salt_is_refused_in_chinese(repo: Path, emulator: Emulator) -> None:
    env = inbox_env(emulator, GOVMEDIA_INTERACTION_SALT="")
    result = inbox(repo, env, "fetch")
    assert result.code == 2 and "GOVMEDIA_INTERACTION_SALT" in result.err
    assert not (repo / "interaction").exists()


@pytest.mark.parametrize("platform", ["weibo", "app", "wechat"])
def test_answer_lost_mid_send_is_never_sent_twice(
    repo: Path, emulator: Emulator, platform: str
) -> None:
    """The reply reached the platform but its answer was lost (connection dropped): the next
    run reconciles — WeChat and the app refuse a second reply, which proves the first one
    arrived — or, on Weibo, leaves it for a person; the citizen never gets it twice."""
    item, _ = fetched_comment(repo, emulator, platform, "请问周末办公吗？", "77")
    env = inbox_env(emulator)
    rel = write_reply(repo, "zhoumo", item, "您好，周六上午正常办公。")
    approve_reply(repo, rel)
    path = {
        "weibo": "/2/comments/reply.json",
        "app": "/app/comments/reply",
        "wechat": "/cgi-bin/comment/reply/add",
    }[platform]
    httpx.post(
        emulator.url + "/_emulator/faults", json=[{"path": path, "drop": "after"}], timeout=10
    ).raise_for_status()
    first = inbox(repo, env, "send")
    assert "Traceback" not in first.err
    assert comments(emulator)[item]["reply"]["text"] == "您好，周六上午正常办公。"
    second = inbox(repo, env, "send")
    third = inbox(repo, env, "send")
    assert stats(emulator)[path] <= 3  # retried at most by the client's own idempotent retries
    events = [r["event"] for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]
    if platform == "weibo":
        assert "人工核对" in second.out and "人工核对" in third.out
        assert "replied" not in events
    else:
        assert events[-1] == "replied" and events.count("replied") == 1
    assert comments(emulator)[item]["reply"]["text"] == "您好，周六上午正常办公。"


def test_expired_wechat_token_mid_fetch_is_refreshed(repo: Path, emulator: Emulator) -> None:
    platform_items(emulator)
    plant(emulator, {"kind": "comment", "platform": "wechat", "text": "请问？", "user": "o1"})
    httpx.post(
        emulator.url + "/_emulator/faults", json=[{"expire_tokens": True, "after": 1}], timeout=10
    ).raise_for_status()
    result = inbox(repo, inbox_env(emulator), "fetch")
    assert result.code == 0, result.out + result.err
    assert any(r["channel"] == "wechat" for r in stored(repo))


@pytest.mark.parametrize(
    ("kind", "platform", "text", "said", "planted"),
    [
        ("comment", "weibo", "请问大厅几点开门？", "已添加网民评论", comments),
        ("message", "app", "请问怎么预约？", "已添加网民私信", messages),
    ],
    ids=["comment", "message"],
)
def test_emulate_plants_a_citizen_comment_or_message(
    tmp_path: Path,
    emulator: Emulator,
    kind: str,
    platform: str,
    text: str,
    said: str,
    planted: Callable[[Emulator], dict[str, dict[str, Any]]],
) -> None:
    platform_items(emulator)
    args = ("emulate", "--plant", kind, "--platform", platform, "--url", emulator.url)
    result = run_cli(*args, "--text", text, cwd=tmp_path)
    assert result.code == 0, result.err
    assert said in result.out
    assert [c["text"] for c in planted(emulator).values()] == [text]
    missing = run_cli(*args, cwd=tmp_path)
    assert missing.code == 2 and "--text" in missing.err and "Traceback" not in missing.err


def test_repost_of_a_superior_account_is_reviewed_attributed_and_sent_once(
    repo: Path, emulator: Emulator
) -> None:
    """第十二条 转发上级: a repost task needs the three stages like a post; the 第十一条
    attribution is added automatically and counted against Weibo's 140 characters."""
    rel = "content/reposts/2026/12/gongnuan.md"
    target = repo / rel
    target.parent.mkdir(parents=True)
    front = (
        '---\nsource:\n  account: 呼伦贝尔发布\n  id: "4999000000000001"\nchannel: weibo\n'
        "author: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-02\n---\n"
    )
    target.write_text(front + "供" * 135 + "\n", encoding="utf-8")
    env = inbox_env(emulator)
    too_long = inbox(repo, env, "check", rel)
    assert (
        too_long.code == 1
        and "R12-length" in too_long.out
        and "转发自@呼伦贝尔发布" in too_long.out
    )
    target.write_text(front + "今冬供暖保障措施，请市民周知。\n", encoding="utf-8")
    assert inbox(repo, env, "check", rel).code == 0
    git(repo, "add", rel)
    git(repo, "commit", "-qm", "Repost")
    early = inbox(repo, env, "send")
    assert "未完成审核" in early.out
    approve(repo, [rel])  # 初审, 复审, 终审 like a post
    assert inbox(repo, env, "send").code == 0
    assert "没有待发送" in inbox(repo, env, "send").out
    reposts = httpx.get(emulator.url + "/_emulator/interaction", timeout=10).json()["reposts"]
    assert [r["text"] for r in reposts] == ["今冬供暖保障措施，请市民周知。 //转发自@呼伦贝尔发布"]
    assert reposts[0]["retweeted_status"]["idstr"] == "4999000000000001"
    events = [r["event"] for r in ledger_records(repo) if r["slug"] == f"interaction:{rel}"]
    assert events == ["interaction-intent", "reposted"]
