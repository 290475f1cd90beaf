"""群发 exactly once past the platform's 24-hour clientmsgid window, and in the watch: a
recorded msg_id is reconciled with message/mass/get, an unrecorded one is never resent
blindly after a day, and a mass send deleted on the platform is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.platforms.wechat import WeChatClient
from tests.conftest import run_cli
from tests.publish_support import (
    CREDS,
    SMALL_POSTS,
    control,
    git,
    ledger_records,
    publish_process,
    publisher_env,
    small_repo,
)
from tests.test_publish_mass import (
    NOTICE,
    crashed_in_the_mass_send,
    env,
    mass_sends,
    wechat_published,
)
from tests.watch_support import watch_json

A_DAY_AND_MORE = 25 * 3600


def test_an_unrecorded_mass_send_is_not_resent_past_the_window(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = crashed_in_the_mass_send(tmp_path, emulator, "after:wechat.mass")
    control(emulator, "clock", {"advance": A_DAY_AND_MORE})  # the platform's clock only
    rerun = publish_process(repo, env(emulator))
    text = rerun.out + rerun.err
    assert rerun.code != 0, text
    assert len(mass_sends(emulator)) == 1  # the platform would have sent it again
    assert "不自动重发" in text and "govmedia ledger mass" in text and "--not-sent" in text
    assert "Traceback" not in text
    assert wechat_published(repo) == []
    assert publish_process(repo, env(emulator)).code != 0  # refused again, not resent
    assert len(mass_sends(emulator)) == 1
    msg_id = mass_sends(emulator)[0]["msg_id"]
    recorded = run_cli(
        "ledger", "mass", NOTICE, "--sent", "--msg-id", msg_id,
        cwd=repo, env={**env(emulator), **publisher_env(repo)},
    )  # fmt: skip
    assert recorded.code == 0, recorded.out + recorded.err
    assert "不会再发送" in recorded.out
    assert publish_process(repo, env(emulator)).code == 0
    assert len(mass_sends(emulator)) == 1
    [record] = wechat_published(repo)
    assert record["platform_id"] == f"mass:{msg_id}"
    assert git(repo, "status", "--porcelain", "--", "ledger") == ""  # committed, signed


def test_a_mass_send_confirmed_not_sent_is_sent_by_the_next_run(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", (SMALL_POSTS[0],))
    killed = publish_process(repo, env(emulator, GOVMEDIA_CRASH_AT="before:wechat.mass"))
    assert killed.code != 0 and mass_sends(emulator) == []
    control(emulator, "clock", {"advance": A_DAY_AND_MORE})
    refused = publish_process(repo, env(emulator))
    assert refused.code != 0 and mass_sends(emulator) == []
    both = {**env(emulator), **publisher_env(repo)}
    wrong = run_cli("ledger", "mass", NOTICE, cwd=repo, env=both)
    assert wrong.code != 0 and "--not-sent" in wrong.err and "Traceback" not in wrong.err
    recorded = run_cli("ledger", "mass", NOTICE, "--not-sent", cwd=repo, env=both)
    assert recorded.code == 0, recorded.out + recorded.err
    again = publish_process(repo, env(emulator))
    assert again.code == 0, again.out + again.err
    assert len(mass_sends(emulator)) == 1 and len(wechat_published(repo)) == 1
    nothing = run_cli("ledger", "mass", NOTICE, "--sent", cwd=repo, env=both)
    assert nothing.code != 0 and "没有这篇文章结果未知的群发" in nothing.err


def test_a_recorded_msg_id_is_reconciled_not_resent_after_a_day(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = crashed_in_the_mass_send(tmp_path, emulator, "recorded:wechat.mass")
    [submitted] = [r for r in ledger_records(repo) if r["event"] == "submitted"]
    control(emulator, "clock", {"advance": A_DAY_AND_MORE})
    rerun = publish_process(repo, env(emulator))
    assert rerun.code == 0, rerun.out + rerun.err
    assert len(mass_sends(emulator)) == 1
    [record] = wechat_published(repo)
    assert record["platform_id"] == "mass:" + str(submitted["detail"]["msg_id"])


@pytest.mark.parametrize("point", ["after:wechat.mass_get", "recorded:wechat.mass_get"])
def test_a_kill_while_reconciling_a_mass_send_never_sends_it_again(
    tmp_path: Path, emulator: Emulator, point: str
) -> None:
    repo = crashed_in_the_mass_send(tmp_path, emulator, "recorded:wechat.mass")
    # the reconciling run is killed too: after asking the platform, or after recording
    again = publish_process(repo, env(emulator, GOVMEDIA_CRASH_AT=point))
    assert again.code != 0 and len(mass_sends(emulator)) == 1
    rerun = publish_process(repo, env(emulator))
    assert rerun.code == 0, rerun.out + rerun.err
    assert len(mass_sends(emulator)) == 1
    assert len(wechat_published(repo)) == 1


def test_the_watch_reports_a_mass_send_deleted_on_the_platform(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", (SMALL_POSTS[0],))
    assert publish_process(repo, env(emulator)).code == 0
    code, found = watch_json(repo, emulator, GOVMEDIA_WECHAT_MASS_CATEGORIES="通知公告")
    assert code == 0 and found == []
    [record] = wechat_published(repo)
    msg_id = record["platform_id"].removeprefix("mass:")
    creds = (CREDS["GOVMEDIA_WECHAT_APPID"], CREDS["GOVMEDIA_WECHAT_SECRET"])
    with WeChatClient(emulator.url, *creds) as client:
        client.mass_delete(msg_id)  # in the console, outside the retraction process
    code, found = watch_json(repo, emulator)
    assert code == 1
    [missing] = [f for f in found if f["kind"] == "missing"]
    assert missing["platform_id"] == record["platform_id"] and "群发" in missing["message"]
