"""Red team, round 16b: the platforms' side (threat class 9, a hostile platform reply).

Each test drives the real ``govmedia publish`` (a new process) or the real clients against
the loopback emulator or a loopback HTTP server of its own, in a git repository built in
``tmp_path`` with real signed approvals.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx

from pipeline.emulators import Emulator
from pipeline.platforms.channels import Channels
from pipeline.platforms.settings import load_settings
from pipeline.project import Project
from pipeline.publishing.retract import run_retract
from tests.publish_support import (
    SAMPLE,
    approve,
    env_for,
    faults,
    git,
    ledger_records,
    publish_process,
    published,
    publisher_env,
    signed_commit,
    small_repo,
)

FIRST = "content/posts/2026/03/zhangshang-app-shangxian.md"
SECOND = "content/posts/2026/11/nianmo-fanzha-tixing.md"
SECOND_TITLE = "年底办事高峰 谨防电信网络诈骗"


def _published_ids(repo: Path, path: str) -> dict[str, str]:
    return {
        r["platform"]: r["platform_id"]
        for r in ledger_records(repo)
        if r["event"] == "published" and r["path"] == path
    }


def _add_second_post(repo: Path) -> None:
    target = repo / SECOND
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SAMPLE / SECOND.removeprefix("content/"), target)
    git(repo, "add", SECOND)
    git(repo, "commit", "-q", "-m", "New post")
    approve(repo, [SECOND])


def _retract(repo: Path, emulator: Emulator, path: str) -> tuple[int, list[str]]:
    signed_commit(
        repo,
        "陈静",
        "chenjing@example.gov.cn",
        f"撤回：测试\n\nRetracts: {path}\nSigned-off-by: 陈静 <chenjing@example.gov.cn>\n",
    )
    lines: list[str] = []
    settings = load_settings(repo, {**env_for(emulator), **publisher_env(repo)})
    code = run_retract(
        Project(repo), path, "信息有误，责令删除", channels=Channels(settings), say=lines.append
    )
    return code, lines


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

    _add_second_post(repo)
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
    code, lines = _retract(repo, emulator, SECOND)
    assert code == 0, lines
    after = published(emulator)
    assert [a["article_id"] for a in after["wechat"]] == [old["wechat"]]
    assert [str(s["id"]) for s in after["weibo"]] == [old["weibo"]]
