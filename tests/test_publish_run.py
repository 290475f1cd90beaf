"""Publishing end to end against the real loopback emulators (review module: test double)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.platforms.weibo import status_length
from tests.publish_support import (
    CREDS,
    approve,
    control,
    env_for,
    faults,
    git,
    ledger_records,
    publish_process,
    published,
    small_repo,
    stats,
)

CHANNELS = {"wechat", "weibo", "app"}


def channel_counts(pub: dict) -> Counter:
    return Counter({platform: len(items) for platform, items in pub.items()})


def test_happy_path_every_channel_then_nothing_twice(tmp_path: Path, emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    env = env_for(emulator)
    first = publish_process(repo, env)
    assert first.code == 0, first.err + first.out
    pub = published(emulator)
    # 3 posts; the fanzha notice goes to wechat+weibo+app too? count from the posts themselves
    wanted = Counter()
    for rec in ledger_records(repo):
        if rec["event"] == "published":
            wanted[rec["platform"]] += 1
    assert wanted == channel_counts(pub)
    assert set(wanted) == CHANNELS
    # WeChat: inline styles only, uploaded images, numbered references
    article = next(a for a in pub["wechat"] if "APP" in a["title"])
    assert "<style" not in article["content"] and 'style="' in article["content"]
    assert "mmbiz.qpic.cn" in article["content"] and "参考链接" in article["content"]
    assert "<a " not in article["content"]
    # Weibo: ≤ 140 characters with the archive link
    for status in pub["weibo"]:
        assert (
            status_length(status["text"]) <= 140
            and "http://127.0.0.1:8000/posts/" in status["text"]
        )
    # app: JSON Feed items with stable ids
    for push in pub["app"]:
        item = push["item"]
        assert item["id"] == "govmedia:" + item["_govmedia"]["slug"]
        assert item["url"] == f"http://127.0.0.1:8000/posts/{item['_govmedia']['slug']}.html"
    # the ledger is committed on main, one commit for the run
    log = git(repo, "log", "--format=%s", "-1")
    assert log.startswith("Ledger: publish run")
    assert git(repo, "status", "--porcelain", "--", "ledger") == ""
    # the published record carries the review record, drafted_at and the title
    rec = next(r for r in ledger_records(repo) if r["event"] == "published")
    assert [s["stage"] for s in rec["detail"]["review"]["stages"]] == [1, 2, 3]
    assert rec["detail"]["review"]["drafted_at"] and rec["detail"]["title"]
    assert rec["commit"] and rec["run"] and rec["blob"] and rec["platform_id"]

    before = stats(emulator)
    second = publish_process(repo, env)
    assert second.code == 0, second.err
    assert channel_counts(published(emulator)) == channel_counts(pub)
    after = stats(emulator)
    for path in ("/cgi-bin/freepublish/submit", "/2/statuses/share.json", "/app/push"):
        assert after.get(path, 0) == before.get(path, 0)
    assert git(repo, "log", "--format=%s", "-1") == log  # nothing new to commit


def test_repost_attribution_on_every_channel(tmp_path: Path, emulator) -> None:
    repo = small_repo(tmp_path / "unit", ("2026/03/neimenggu-yiwangtongban-tizhi.md",))
    assert publish_process(repo, env_for(emulator)).code == 0
    pub = published(emulator)
    assert "转载自内蒙古自治区人民政府网" in pub["wechat"][0]["content"]
    assert "转载自内蒙古自治区人民政府网" in pub["weibo"][0]["text"]
    item = pub["app"][0]["item"]
    assert item["_govmedia"]["source"]["name"] == "内蒙古自治区人民政府网"
    assert "转载自" in item["content_html"]


def test_dry_run_prints_the_plan_and_calls_nothing(tmp_path: Path, emulator, cli) -> None:
    repo = small_repo(tmp_path / "unit")
    result = cli("publish", "--dry-run", cwd=repo, env=env_for(emulator))
    assert result.code == 0, result.err
    assert "发布计划" in result.out and "发布：《" in result.out
    assert not stats(emulator)
    assert not (repo / "ledger").exists()


def test_unapproved_and_scheduled_posts_wait(tmp_path: Path, emulator) -> None:
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    future = repo / "content/posts/2099/01/weilai-tongzhi.md"
    future.parent.mkdir(parents=True)
    future.write_text(
        "---\ntitle: 未来的通知\ndate: 2099-01-05\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        "channels: [weibo]\n---\n\n定时发布的通知正文。\n",
        encoding="utf-8",
    )
    draft = repo / "content/posts/2026/11/weishenhe-gao.md"
    draft.write_text(
        "---\ntitle: 尚未审核的稿件\ndate: 2026-11-02\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        "channels: [weibo]\n---\n\n这篇未审核，不应发布。\n",
        encoding="utf-8",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "More posts")
    run = publish_process(repo, env_for(emulator))
    texts = [s["text"] for s in published(emulator)["weibo"]]
    assert not any("未来的通知" in t or "尚未审核" in t for t in texts)
    assert "定时发布" in run.out and "weishenhe-gao" in run.out


def test_quota_hit_resumes_on_next_run(tmp_path: Path, emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    control(emulator, "config", {"wechat_daily_limit": 1})
    first = publish_process(repo, env_for(emulator))
    assert first.code == 1
    assert "今日" in first.out
    assert len(published(emulator)["wechat"]) == 1
    failed = [r for r in ledger_records(repo) if r["event"] == "failed"]
    assert failed and failed[-1]["detail"]["code"] == 45009 and failed[-1]["detail"]["retry"]
    control(emulator, "clock", {"advance": 86_400})  # the next day: a new quota
    control(emulator, "config", {"wechat_daily_limit": 10})
    second = publish_process(repo, env_for(emulator))
    assert second.code == 0, second.out + second.err
    wechat = published(emulator)["wechat"]
    assert len(wechat) == 3 and len({a["title"] for a in wechat}) == 3


def test_token_expiring_mid_batch(tmp_path: Path, emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    faults(emulator, {"expire_tokens": True, "after": 6})
    run = publish_process(repo, env_for(emulator))
    assert run.code == 0, run.out + run.err
    assert len(published(emulator)["wechat"]) == 3
    assert stats(emulator)["/cgi-bin/stable_token"] == 2  # fetched, then refreshed once


def test_post_edited_after_publishing_is_a_correction(tmp_path: Path, emulator) -> None:
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    assert publish_process(repo, env_for(emulator)).code == 0
    post = repo / "content/posts/2026/11/nianmo-fanzha-tixing.md"
    old_blob = git(repo, "rev-parse", "HEAD:content/posts/2026/11/nianmo-fanzha-tixing.md").strip()
    post.write_text(
        post.read_text(encoding="utf-8") + "\n更正：咨询电话为 12345。\n", encoding="utf-8"
    )
    git(repo, "commit", "-qam", "Correct the hotline")
    stale = publish_process(repo, env_for(emulator))  # earlier approvals are stale now
    assert "暂不发布" in stale.out and len(published(emulator)["weibo"]) == 1
    approve(repo, ["content/posts/2026/11/nianmo-fanzha-tixing.md"])
    run = publish_process(repo, env_for(emulator))
    assert run.code == 0, run.out + run.err
    assert "更正" in run.out
    corrections = [
        r
        for r in ledger_records(repo)
        if r["event"] == "published" and r["detail"].get("correction_of")
    ]
    assert {r["platform"] for r in corrections} == {"wechat", "weibo"}  # the post's channels
    assert all(r["detail"]["correction_of"] == old_blob for r in corrections)
    pub = published(emulator)
    assert any(s["text"].startswith("【更正】") for s in pub["weibo"])
    assert len(pub["weibo"]) == 2 and len(pub["wechat"]) == 2


def test_permanent_audit_failure_is_recorded_not_retried(tmp_path: Path, emulator) -> None:
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    faults(emulator, {"publish_status": 4})
    first = publish_process(repo, env_for(emulator))
    assert first.code == 1 and "平台审核不通过" in first.out
    second = publish_process(repo, env_for(emulator))
    assert "平台拒绝了此版本" in second.out or "须修改" in second.out
    assert stats(emulator)["/cgi-bin/freepublish/submit"] == 1


def test_job_staying_publishing_is_polled_not_resubmitted(tmp_path: Path, emulator) -> None:
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    faults(emulator, {"publishing_polls": 50})
    env = env_for(emulator, GOVMEDIA_MAX_POLLS="3")
    first = publish_process(repo, env)
    assert first.code == 1 and "仍在发布中" in first.out
    second = publish_process(repo, env_for(emulator, GOVMEDIA_MAX_POLLS="100"))
    assert second.code == 0, second.out
    assert stats(emulator)["/cgi-bin/freepublish/submit"] == 1
    assert len(published(emulator)["wechat"]) == 1


def test_no_credential_in_any_output(tmp_path: Path, emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    faults(
        emulator,
        {"path": "/cgi-bin/draft/add", "error": 40164, "times": 1},
        {"path": "/2/statuses/share.json", "error": 21327, "times": 1},
        {"path": "/app/push", "error": 401, "times": 1},
    )
    first = publish_process(repo, env_for(emulator))
    second = publish_process(repo, env_for(emulator))
    text = first.out + first.err + second.out + second.err
    text += "".join(p.read_text(encoding="utf-8") for p in (repo / "ledger").glob("*.jsonl"))
    text += git(repo, "log", "-p")
    assert "IP 白名单" in text and "重新授权" in text
    for secret in CREDS.values():
        if "appid" in secret.lower() or secret.startswith("wx"):
            continue  # the appid is not a secret
        assert secret not in text
