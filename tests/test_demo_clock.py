"""The demo replays its sample year on the emulators' clock; everything else runs on the
real clock, and the emulator clock setting is refused beside a real platform."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import clock
from pipeline.demo.steps_history import timeline_of
from pipeline.emulators import Emulator
from pipeline.errors import ConfigError
from tests.publish_support import (
    PROJECT_ROOT,
    env_for,
    git,
    ledger_records,
    publish_process,
    published,
    publisher_env,
    small_repo,
)
from tests.publish_support import running_emulator as _running

LOOPBACK = {
    "GOVMEDIA_WECHAT_API": "http://127.0.0.1:9",
    "GOVMEDIA_WEIBO_API": "http://localhost:9",
    "GOVMEDIA_APP_PUSH": "http://[::1]:9/push",
}


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from _running()


def test_emulator_clock_is_honoured_only_beside_loopback_emulators() -> None:
    assert clock.offset({**LOOPBACK, clock.ENV_NAME: "-86400"}) == -86400
    for name, real in (
        ("GOVMEDIA_WECHAT_API", "https://api.weixin.qq.com"),
        ("GOVMEDIA_WEIBO_API", "https://api.weibo.com"),
        ("GOVMEDIA_APP_PUSH", ""),
    ):
        with pytest.raises(ConfigError) as refused:
            clock.offset({**LOOPBACK, name: real, clock.ENV_NAME: "-86400"})
        assert clock.ENV_NAME in str(refused.value) and name in str(refused.value)
    with pytest.raises(ConfigError):
        clock.offset({**LOOPBACK, clock.ENV_NAME: "yesterday"})


def test_without_the_setting_records_use_the_real_clock() -> None:
    before = time.time()
    moment = clock.now({**LOOPBACK})  # emulators alone do not move the clock
    assert before - 1 <= moment.timestamp() <= time.time() + 1
    assert clock.git_dates({}) == {}  # git then dates commits itself


def test_publish_on_a_real_platform_refuses_the_emulator_clock(cli, tmp_path: Path) -> None:
    env = {**LOOPBACK, "GOVMEDIA_WECHAT_API": "https://api.weixin.qq.com"}
    result = cli("publish", cwd=tmp_path, env={**env, clock.ENV_NAME: "-864000"})
    assert result.code == 2, result.out + result.err
    assert clock.ENV_NAME in result.err and "真实时间" in result.err
    assert "Traceback" not in result.err


def test_real_publish_records_real_time(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit", ("2026/03/zhangshang-app-shangxian.md",))
    env = env_for(emulator)
    env.pop(clock.ENV_NAME, None)
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=2)
    run = publish_process(repo, env)
    after = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=2)
    assert run.code == 0, run.err + run.out
    times = [r["at"] for r in ledger_records(repo) if r["event"] == "published"]
    assert times
    for at in times:
        assert before <= dt.datetime.fromisoformat(at.replace("Z", "+00:00")) <= after
    committed = git(repo, "log", "-1", "--format=%cI", "--", "ledger").strip()
    assert before <= dt.datetime.fromisoformat(committed) <= after


def test_replay_publishes_each_post_on_its_own_date(tmp_path: Path, emulator: Emulator) -> None:
    """The demo's server-side replay (pipeline.demo.replay), on a small repository."""
    repo = small_repo(tmp_path / "unit")
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", "main")
    china = dt.timezone(dt.timedelta(hours=8))
    dates = [dt.date(2026, 3, 18), dt.date(2026, 3, 27), dt.date(2026, 11, 18)]
    runs = [dt.datetime.combine(d, dt.time(10, 5), china).isoformat() for d in dates]
    full = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **publisher_env(repo)}
    full.update(env_for(emulator))
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline.demo.replay", *runs],
        cwd=repo,
        env=full,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2026-03：2 次发布运行" in proc.stdout and "2026-11：1 次发布运行" in proc.stdout
    days = {}
    for record in ledger_records(repo):
        if record["event"] == "published":
            at = dt.datetime.fromisoformat(record["at"].replace("Z", "+00:00")).astimezone(china)
            days.setdefault(record["path"], set()).add(at.date())
    assert {path.rsplit("/", 1)[1]: sorted(d) for path, d in days.items()} == {
        "zhangshang-app-shangxian.md": [dates[0]],
        "neimenggu-yiwangtongban-tizhi.md": [dates[1]],
        "nianmo-fanzha-tixing.md": [dates[2]],
    }
    # the platforms show them at those dates too (the emulators' clock moved with ours)
    statuses = {s["created_at"][:10] for s in published(emulator)["weibo"]}
    assert {"Wed Mar 18", "Fri Mar 27", "Wed Nov 18"} <= statuses, statuses
    # the year's ledger commits went to the server in one push
    assert git(remote, "rev-parse", "main").strip() == git(repo, "rev-parse", "main").strip()


def test_sample_timeline_is_a_plausible_year() -> None:
    timeline = timeline_of(PROJECT_ROOT)
    runs = {r.date() for r in timeline.runs}
    past = [s for b in timeline.batches if b.label != "定时" for s, _ in b.drafts]
    assert {s.date for s in past} == runs
    assert timeline.start < min(timeline.runs) and max(timeline.runs) < timeline.present
    for batch in timeline.batches:
        drafted = [when for _, when in batch.drafts]
        stage1, stage2, stage3 = batch.stages
        assert max(drafted) < stage1 < stage2 < stage3
        for sample, when in batch.drafts:
            if batch.label != "定时":
                published = dt.datetime.combine(sample.date, dt.time(10, 5), stage3.tzinfo)
                assert stage3 < published  # reviewed before it goes out on its date
            assert dt.timedelta(hours=1) < stage3 - when < dt.timedelta(days=10)
    months = sorted({f"{d:%Y-%m}" for d in runs})
    assert months == [f"2026-{m:02d}" for m in range(3, 12)]
