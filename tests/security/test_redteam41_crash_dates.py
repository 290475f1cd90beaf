"""Red team, round 41: a publication the platform took before a crash, dated by the run that
found it.

A publishing run killed between the platform accepting a post and the ledger recording it
leaves an ``intent`` record; the next run finds the post on the account and records it
``published`` (reconciled). That record is dated when the later run wrote it, which may be
days after the post went out: at a year's end it moved a post published on 31 December
into the next year's assessment. Real repository, the publisher's signed ledger, the real
``govmedia publish`` SIGKILLed at its crash point on the loopback emulators, then the real
``govmedia report``.
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
from tests.conftest import run_cli
from tests.publish_support import (
    control,
    env_for,
    ledger_records,
    publish_process,
    published,
    small_repo,
)

POST = "2026/11/nianmo-fanzha-tixing.md"  # addressed to the wechat and weibo accounts
NEW_YEARS_EVE = dt.datetime(2026, 12, 31, 15, 50, tzinfo=dt.UTC)  # 23:50 China time
AFTER_NEW_YEAR = dt.datetime(2027, 1, 4, 2, 0, tzinfo=dt.UTC)


def _run_at(repo: Path, emulator: Emulator, moment: dt.datetime, **extra: str):
    """``govmedia publish`` with the publisher's and the emulators' clocks at ``moment``."""
    offset = str(moment.timestamp() - time.time())
    control(emulator, "clock", {"offset": offset})
    return publish_process(repo, env_for(emulator, GOVMEDIA_EMULATOR_CLOCK=offset, **extra))


def _published_in(repo: Path, year: str, tmp_path: Path) -> dict[str, str]:
    """发布篇数 per account in ``year``'s assessment (the auditors' CSV)."""
    out = tmp_path / f"report-{year}"
    result = run_cli("report", "--year", year, "--format", "csv", "--out", str(out), cwd=repo)
    assert result.code in (0, 1), result.out + result.err
    rows = list(csv.reader(io.StringIO((out / f"report-{year}.csv").read_text("utf-8-sig"))))
    return {r[1]: dict(zip(rows[0], r, strict=True))["发布篇数"] for r in rows[1:]}


def _weibo_records(repo: Path, event: str) -> list[dict]:
    return [r for r in ledger_records(repo) if r["event"] == event and r["channel"] == "weibo"]


def test_a_post_out_before_a_crash_stays_in_the_year_it_went_out(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: the run on New Year's Eve is killed just after Weibo took the status; the
    next run, four days later, finds it on the timeline and records it. The 2026
    assessment showed 0 Weibo posts and 2027's showed 1, though the status went out at
    23:50 on 31 December. Defence: a publication recorded by a later run than the intent
    that sent it is dated by that intent (the last sending step the ledger holds for the
    version, on the publisher's clock), never by the run that found it."""
    repo = small_repo(tmp_path / "unit", (POST,))
    killed = _run_at(repo, emulator, NEW_YEARS_EVE, GOVMEDIA_CRASH_AT="after:weibo.share")
    assert killed.code == -9, killed.out + killed.err
    assert len(published(emulator)["weibo"]) == 1  # the platform took it
    assert not _weibo_records(repo, "published")

    rerun = _run_at(repo, emulator, AFTER_NEW_YEAR)
    assert rerun.code == 0, rerun.out + rerun.err
    assert len(published(emulator)["weibo"]) == 1  # found, never sent again
    (record,) = _weibo_records(repo, "published")
    assert record["detail"].get("reconciled") is True
    assert record["at"].startswith("2027-01-04")  # the ledger keeps when it learnt of it

    assert _published_in(repo, "2026", tmp_path)["weibo"] == "1"
    assert _published_in(repo, "2027", tmp_path)["weibo"] == "0"
    (post,) = load_archive(Project(repo)).posts  # the archive's 发布渠道 says the same
    (weibo,) = [c for c in post.channels if c.id == "weibo"]
    assert weibo.at.startswith("2026-12-31T15:5"), weibo.at


def test_a_post_sent_only_after_the_crash_counts_when_it_went_out(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Honest counterpart: killed before the call, nothing reached Weibo on New Year's Eve;
    the next run sends it (its own intent) and the post counts in 2027, never back-dated to
    the abandoned attempt."""
    repo = small_repo(tmp_path / "unit", (POST,))
    killed = _run_at(repo, emulator, NEW_YEARS_EVE, GOVMEDIA_CRASH_AT="before:weibo.share")
    assert killed.code == -9, killed.out + killed.err
    assert not published(emulator)["weibo"]

    rerun = _run_at(repo, emulator, AFTER_NEW_YEAR)
    assert rerun.code == 0, rerun.out + rerun.err
    assert len(published(emulator)["weibo"]) == 1
    assert _published_in(repo, "2026", tmp_path)["weibo"] == "0"
    assert _published_in(repo, "2027", tmp_path)["weibo"] == "1"
    (post,) = load_archive(Project(repo)).posts
    (weibo,) = [c for c in post.channels if c.id == "weibo"]
    assert weibo.at.startswith("2027-01-04"), weibo.at
