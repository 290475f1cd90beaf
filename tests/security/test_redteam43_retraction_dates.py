"""Red team round 43 (round 41's leftover): a retraction a killed run finished on the
platform, dated by the rerun that recorded it.

``govmedia retract`` writes a ``retract-intent`` before each deletion and ``retracted``
after the last. A run killed between Weibo deleting the status and the record leaves the
intent alone; the rerun, days later, deletes again (Weibo answers 20101, gone, and the
timeline agrees) and records the retraction on its own clock: a status taken down at
23:50 on 31 December counted as a 撤回 of the next year. Real repository, the real
``govmedia publish`` and ``govmedia retract`` as subprocesses (SIGKILLed at their crash
point) with the publisher's and the emulators' clocks moved, the leader's signed order,
then the real ``govmedia report``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.project import Project
from pipeline.site.archive import load_archive
from tests.conftest import CliResult, run_cli
from tests.publish_support import (
    approve,
    control,
    env_for,
    git,
    ledger_records,
    publish_process,
    published,
    publisher_cli,
    signed_commit,
    small_repo,
)

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"  # addressed to wechat and weibo
PUBLISHED = dt.datetime(2026, 12, 28, 2, 0, tzinfo=dt.UTC)
NEW_YEARS_EVE = dt.datetime(2026, 12, 31, 15, 50, tzinfo=dt.UTC)  # 23:50 China time
AFTER_NEW_YEAR = dt.datetime(2027, 1, 4, 2, 0, tzinfo=dt.UTC)


def _clock(emulator: Emulator, moment: dt.datetime) -> dict[str, str]:
    offset = str(moment.timestamp() - time.time())
    control(emulator, "clock", {"offset": offset})
    return env_for(emulator, GOVMEDIA_EMULATOR_CLOCK=offset)


def _retract_at(repo: Path, emulator: Emulator, moment: dt.datetime, **extra: str) -> CliResult:
    env = {**_clock(emulator, moment), **extra}
    return publisher_cli(repo, env, "retract", POST, "--reason", "信息有误，责令删除", timeout=120)


def _retractions(repo: Path, year: str, tmp_path: Path, account: str = "weibo") -> str:
    """The ``account``'s 撤回数 in ``year``'s assessment (the auditors' CSV)."""
    out = tmp_path / f"report-{year}"
    result = run_cli("report", "--year", year, "--format", "csv", "--out", str(out), cwd=repo)
    assert result.code in (0, 1), result.out + result.err
    rows = list(csv.reader(io.StringIO((out / f"report-{year}.csv").read_text("utf-8-sig"))))
    counts = {r[1]: dict(zip(rows[0], r, strict=True))["撤回数"] for r in rows[1:]}
    return counts[account]


def _killed_retraction(
    tmp_path: Path, emulator: Emulator, crash_at: str, channel: str = "weibo"
) -> Path:
    """Published on ``channel`` alone in December, the leader's order, the retraction run
    of New Year's Eve killed at ``crash_at``, and its rerun four days later."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),), approved=False)
    post = repo / POST  # on one channel: the post's one retraction is the archive's tombstone
    post.write_text(
        post.read_text("utf-8").replace("channels: [wechat, weibo]", f"channels: [{channel}]"),
        "utf-8",
    )
    git(repo, "commit", "-qam", f"{channel} only")
    approve(repo)
    run = publish_process(repo, _clock(emulator, PUBLISHED))
    assert run.code == 0, run.out + run.err
    assert published(emulator)[channel]
    signed_commit(
        repo,
        "陈静",
        "chenjing@example.gov.cn",
        f"撤回：测试\n\nRetracts: {POST}\nSigned-off-by: 陈静 <chenjing@example.gov.cn>\n",
    )
    killed = _retract_at(repo, emulator, NEW_YEARS_EVE, GOVMEDIA_CRASH_AT=crash_at)
    assert killed.code == -9, killed.out + killed.err
    rerun = _retract_at(repo, emulator, AFTER_NEW_YEAR)
    assert rerun.code == 0, rerun.out + rerun.err
    assert not published(emulator)[channel]
    return repo


def _retracted(repo: Path) -> dict:
    (record,) = [r for r in ledger_records(repo) if r["event"] == "retracted"]
    return record


def test_a_status_taken_down_before_a_crash_is_retracted_in_the_year_it_went(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: on New Year's Eve the retraction run is killed just after Weibo deleted the
    status; the rerun of 4 January records it. The 2026 assessment showed no 撤回 and
    2027's one, the archive's tombstone 4 January. Defence: the rerun finds every version
    already gone (Weibo 20101, the timeline agrees) and says so in its record; the readers
    date it by the killed run's retract-intent."""
    repo = _killed_retraction(tmp_path, emulator, "after:weibo.retract")
    record = _retracted(repo)
    assert record["at"].startswith("2027-01-04")  # when the ledger learnt of it
    assert record["detail"]["gone_before"] is True
    assert _retractions(repo, "2026", tmp_path) == "1"
    assert _retractions(repo, "2027", tmp_path) == "0"
    (post,) = load_archive(Project(repo)).posts  # the archive's tombstone says the same
    assert post.retraction is not None and post.retraction.at.startswith("2026-12-31T15:5")


def test_a_status_taken_down_only_by_the_rerun_is_retracted_when_it_went(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Honest counterpart: killed before the call, the status was still up on New Year's
    Eve; the rerun takes it down and the retraction counts in 2027, never back-dated to
    the abandoned attempt."""
    repo = _killed_retraction(tmp_path, emulator, "before:weibo.retract")
    assert "gone_before" not in _retracted(repo)["detail"]
    assert _retractions(repo, "2026", tmp_path) == "0"
    assert _retractions(repo, "2027", tmp_path) == "1"
    (post,) = load_archive(Project(repo)).posts
    assert post.retraction is not None and post.retraction.at.startswith("2027-01-04")
