"""群发 (mass send) end to end: chosen per post or by category, counted against the quota
with a clear deferral, exactly once across a crash, retracted by the signed approval."""

from __future__ import annotations

from pathlib import Path

import httpx

from pipeline.emulators import Emulator
from pipeline.platforms.channels import Channels
from pipeline.platforms.settings import load_settings
from pipeline.project import Project
from pipeline.publishing.retract import run_retract
from tests.publish_support import (
    SMALL_POSTS,
    approve,
    control,
    env_for,
    git,
    ledger_records,
    publish_process,
    published,
    publisher_env,
    signed_commit,
    small_repo,
)

NOTICE = "content/posts/" + SMALL_POSTS[0]  # category 通知公告
OTHER = "content/posts/" + SMALL_POSTS[2]  # category 便民服务, mass by its front matter


def mass_sends(emu: Emulator) -> list[dict]:
    return httpx.get(emu.url + "/_emulator/mass", timeout=10).json()["mass"]


def env(emu: Emulator, **extra: str) -> dict[str, str]:
    return env_for(emu, GOVMEDIA_WECHAT_MASS_CATEGORIES="通知公告", **extra)


def mass_repo(tmp_path: Path) -> Path:
    repo = small_repo(tmp_path / "unit", (SMALL_POSTS[0], SMALL_POSTS[2]), approved=False)
    path = repo / OTHER
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "category: 便民服务\n", "category: 便民服务\nwechat: {send: mass}\n", 1
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "Mass-send the fraud warning")
    approve(repo)
    return repo


def crashed_in_the_mass_send(tmp_path: Path, emulator: Emulator, crash_at: str) -> Path:
    """A unit with the notice, whose publish run was killed at ``crash_at`` after WeChat
    took its one mass send."""
    repo = small_repo(tmp_path / "unit", (SMALL_POSTS[0],))
    killed = publish_process(repo, env(emulator, GOVMEDIA_CRASH_AT=crash_at))
    assert killed.code != 0 and len(mass_sends(emulator)) == 1
    return repo


def wechat_published(repo: Path) -> list[dict]:
    return [
        r for r in ledger_records(repo) if r["platform"] == "wechat" and r["event"] == "published"
    ]


def test_mass_sends_count_the_quota_defer_and_retract(tmp_path: Path, emulator: Emulator) -> None:
    repo = mass_repo(tmp_path)
    run = publish_process(repo, env(emulator))
    assert run.code == 1 and "群发次数已用完" in run.out, run.out + run.err
    assert len(mass_sends(emulator)) == 1 and published(emulator)["wechat"] == []
    [first] = wechat_published(repo)
    assert first["platform_id"].startswith("mass:") and first["detail"]["send"] == "mass"
    control(emulator, "clock", {"advance": 86_400})  # the next day's quota
    again = publish_process(repo, env(emulator))
    assert again.code == 0, again.out + again.err
    assert len(mass_sends(emulator)) == 2 and len(wechat_published(repo)) == 2
    assert publish_process(repo, env(emulator)).code == 0
    assert len(mass_sends(emulator)) == 2  # nothing sent twice
    signed_commit(
        repo,
        "陈静",
        "chenjing@example.gov.cn",
        f"撤回：测试\n\nRetracts: {NOTICE}\nSigned-off-by: 陈静 <chenjing@example.gov.cn>\n",
    )
    settings = load_settings(repo, {**env(emulator), **publisher_env(repo)})
    lines: list[str] = []
    code = run_retract(
        Project(repo), NOTICE, "信息有误", channels=Channels(settings), say=lines.append
    )
    assert code == 0, lines
    [left] = mass_sends(emulator)  # the notice's mass send is deleted, the other stays
    assert left["titles"] != ["“掌上牙克石·政务服务”APP上线试运行"]
    retracted = [r for r in ledger_records(repo) if r["event"] == "retracted"]
    assert any(r["platform_id"].startswith("mass:") for r in retracted)


def test_a_crash_after_the_mass_send_never_sends_it_twice(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = crashed_in_the_mass_send(tmp_path, emulator, "after:wechat.mass")
    assert wechat_published(repo) == []
    rerun = publish_process(repo, env(emulator))
    assert rerun.code == 0, rerun.out + rerun.err
    assert len(mass_sends(emulator)) == 1  # the resend was answered with the first send
    [record] = wechat_published(repo)
    assert record["detail"]["reconciled"] is True
    assert record["platform_id"] == "mass:" + mass_sends(emulator)[0]["msg_id"]
