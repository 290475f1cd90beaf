"""Red team round 46 (round 43's leftover): a WeChat retraction a killed run finished,
dated by the rerun.

``govmedia retract`` writes a ``retract-intent`` before each deletion and ``retracted``
after the last. Killed just after ``freepublish/delete`` took the article down at 23:50 on
New Year's Eve, the run leaves the intent alone; the rerun of 4 January calls
``freepublish/delete`` again. The platform's documentation gives one answer to a deletion,
``{"errcode": 0}``, and says nothing of an article already deleted: answered with success
(as the emulator does), the rerun took the deletion for its own and the retraction counted
in 2027, the archive's tombstone 4 January. Real repository, the real ``govmedia publish``
and ``govmedia retract`` as subprocesses (SIGKILLed at their crash point) with the
publisher's and the emulator's clocks moved, the leader's signed order, the real
``govmedia report``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.project import Project
from pipeline.site.archive import load_archive
from tests.conftest import CliResult
from tests.publish_support import (
    SMALL_POSTS,
    ledger_records,
    publish_process,
    publisher_cli,
    signed_commit,
    small_repo,
    stats,
)
from tests.security.test_redteam43_retraction_dates import (
    AFTER_NEW_YEAR,
    NEW_YEARS_EVE,
    PUBLISHED,
    _clock,
    _retractions,
)
from tests.security.test_redteam43_retraction_dates import (
    _killed_retraction as _killed_on,
)


def _wechat_retractions(repo: Path, year: str, tmp_path: Path) -> str:
    """The WeChat account's 撤回数 in ``year``'s assessment (the auditors' CSV)."""
    return _retractions(repo, year, tmp_path, "wechat")


def _killed_retraction(tmp_path: Path, emulator: Emulator, crash_at: str) -> tuple[Path, int]:
    """Published on WeChat in December, the leader's order, the retraction run of New
    Year's Eve killed at ``crash_at``, its rerun four days later; and how many
    ``freepublish/delete`` calls the platform received."""
    repo = _killed_on(tmp_path, emulator, crash_at, "wechat")
    return repo, stats(emulator).get("/cgi-bin/freepublish/delete", 0)


def _retracted(repo: Path) -> dict:
    (record,) = [r for r in ledger_records(repo) if r["event"] == "retracted"]
    return record


def test_an_article_deleted_before_a_crash_is_retracted_in_the_year_it_went(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: killed just after WeChat deleted the article on New Year's Eve; the rerun's
    second ``freepublish/delete`` is answered with success. Defence: a retraction asks the
    published list before deleting; an article it no longer shows was gone before this
    run's call (``gone_before``), and the readers date it by the killed run's intent. The
    call is still made (a list that hides a live article cannot keep it up)."""
    repo, deletes = _killed_retraction(tmp_path, emulator, "after:wechat.retract")
    record = _retracted(repo)
    assert record["at"].startswith("2027-01-04")  # when the ledger learnt of it
    assert record["detail"].get("gone_before") is True
    assert deletes == 2
    assert _wechat_retractions(repo, "2026", tmp_path) == "1"
    assert _wechat_retractions(repo, "2027", tmp_path) == "0"
    (post,) = load_archive(Project(repo)).posts
    assert post.retraction is not None and post.retraction.at.startswith("2026-12-31T15:5")


def test_an_article_deleted_only_by_the_rerun_is_retracted_when_it_went(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Honest counterpart: killed before the call, the article was still up on New Year's
    Eve; the rerun takes it down and the retraction counts in 2027, never back-dated."""
    repo, deletes = _killed_retraction(tmp_path, emulator, "before:wechat.retract")
    assert "gone_before" not in _retracted(repo)["detail"]
    assert deletes == 1
    assert _wechat_retractions(repo, "2026", tmp_path) == "0"
    assert _wechat_retractions(repo, "2027", tmp_path) == "1"
    (post,) = load_archive(Project(repo)).posts
    assert post.retraction is not None and post.retraction.at.startswith("2027-01-04")


MASS = "content/posts/" + SMALL_POSTS[0]  # category 通知公告: a 群发 when the unit says so
MASS_ENV = {"GOVMEDIA_WECHAT_MASS_CATEGORIES": "通知公告"}


def _mass_retract(repo: Path, emulator: Emulator, moment: dt.datetime, **extra: str) -> CliResult:
    env = {**_clock(emulator, moment), **MASS_ENV, **extra}
    return publisher_cli(repo, env, "retract", MASS, "--reason", "信息有误，责令删除", timeout=120)


def _killed_mass_retraction(tmp_path: Path, emulator: Emulator, crash_at: str) -> Path:
    """The notice mass-sent in December, the leader's order, the retraction run of New
    Year's Eve killed at ``crash_at`` and its rerun four days later."""
    repo = small_repo(tmp_path / "unit", (SMALL_POSTS[0],))
    run = publish_process(repo, {**_clock(emulator, PUBLISHED), **MASS_ENV})
    assert run.code == 0, run.out + run.err
    signed_commit(
        repo,
        "陈静",
        "chenjing@example.gov.cn",
        f"撤回：测试\n\nRetracts: {MASS}\nSigned-off-by: 陈静 <chenjing@example.gov.cn>\n",
    )
    killed = _mass_retract(repo, emulator, NEW_YEARS_EVE, GOVMEDIA_CRASH_AT=crash_at)
    assert killed.code == -9, killed.out + killed.err
    rerun = _mass_retract(repo, emulator, AFTER_NEW_YEAR)
    assert rerun.code == 0, rerun.out + rerun.err
    return repo


def _mass_retracted(repo: Path) -> dict:
    (record,) = [
        r for r in ledger_records(repo) if r["event"] == "retracted" and r["channel"] == "wechat"
    ]
    assert record["platform_id"].startswith("mass:")
    return record


def test_a_mass_send_deleted_before_a_crash_is_retracted_in_the_year_it_went(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: the same for a 群发: ``message/mass/delete`` answers a second deletion with
    success, and the retraction counted in 2027. Defence: the send's status is asked first
    (``message/mass/get``: DELETE, deleted after sending); the call is still made."""
    repo = _killed_mass_retraction(tmp_path, emulator, "after:wechat.retract")
    assert _mass_retracted(repo)["detail"].get("gone_before") is True
    assert stats(emulator).get("/cgi-bin/message/mass/delete", 0) == 2
    assert _wechat_retractions(repo, "2026", tmp_path) == "1"
    assert _wechat_retractions(repo, "2027", tmp_path) == "0"


def test_a_mass_send_deleted_only_by_the_rerun_is_retracted_when_it_went(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Honest counterpart: killed before the call, the 群发 is deleted by the rerun and
    counts in 2027."""
    repo = _killed_mass_retraction(tmp_path, emulator, "before:wechat.retract")
    assert "gone_before" not in _mass_retracted(repo)["detail"]
    assert stats(emulator).get("/cgi-bin/message/mass/delete", 0) == 1
    assert _wechat_retractions(repo, "2026", tmp_path) == "0"
    assert _wechat_retractions(repo, "2027", tmp_path) == "1"
