"""Red team, round 20: the citizens' side (第十二条). A platform dating a comment in the far
past: the comment is planted on the real loopback emulator and the real ``govmedia inbox``
runs in a new process over a git repository in ``tmp_path``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx

from pipeline.emulators import Emulator
from pipeline.interaction.store import CST
from pipeline.ledger import Ledger, Record
from tests.interaction_support import inbox, inbox_env, plant, platform_items, stored, unit_repo

QUESTION = "请问社保卡补办需要带什么材料？"
OPENED = dt.date(2026, 3, 2)  # the sample unit's WeChat and Weibo accounts (开设日期)


def _at(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, 10, tzinfo=CST).timestamp()


def test_a_comment_dated_before_its_account_existed_is_dated_when_it_was_fetched(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A platform dated a comment in 2001, years before the account was opened (its 开设
    日期 in the unit's registry): it was stored so, counted as overdue at once under
    第十二条 and in 2001's annual report. No citizen commented on an account that did not
    exist: its time is now the fetch's, and the reply deadline counts from the fetch."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    plant(
        emulator,
        {"kind": "comment", "platform": "wechat", "text": QUESTION, "at": _at(dt.date(2001, 1, 2))},
    )
    fetched = inbox(repo, inbox_env(emulator), "fetch")
    assert fetched.code == 0, fetched.out + fetched.err
    [row] = stored(repo)
    assert row["at"] == row["fetched_at"], row
    status = inbox(repo, inbox_env(emulator), "status")
    assert QUESTION in status.out and "已逾期" not in status.out, status.out


def test_a_comment_dated_after_its_account_opened_keeps_its_time(
    tmp_path: Path, emulator: Emulator
) -> None:
    """An old comment the account could have had (after its opening day) keeps the
    platform's time: only a time the account cannot have is replaced."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    day = OPENED + dt.timedelta(days=1)
    plant(emulator, {"kind": "comment", "platform": "weibo", "text": QUESTION, "at": _at(day)})
    fetched = inbox(repo, inbox_env(emulator), "fetch")
    assert fetched.code == 0, fetched.out + fetched.err
    [row] = stored(repo)
    assert dt.datetime.fromisoformat(row["at"]).astimezone(CST).date() == day, row


def test_a_comment_dated_before_its_article_was_published_is_dated_when_it_was_fetched(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The account was open, but the article the comment is on was published yesterday (the
    ledger's ``published`` record) and the platform dates the comment ten days ago: it was
    stored so, three working days late or more at once. A comment is never older than its
    article: its time is now the fetch's."""
    repo = unit_repo(tmp_path / "unit")
    answer = httpx.post(
        emulator.url + "/_emulator/plant",
        json=[{"kind": "outside", "platform": "wechat"}],
        timeout=10,
    )
    answer.raise_for_status()
    [article] = [str(p["id"]) for p in answer.json()["planted"]]
    now = dt.datetime.now(dt.UTC)
    with Ledger(repo / "ledger") as ledger:
        ledger.append(
            Record(
                event="published",
                slug="2026-11-nianmo-fanzha-tixing",
                channel="wechat",
                at=(now - dt.timedelta(days=1)).isoformat(timespec="seconds"),
                platform="wechat",
                platform_id=article,
            )
        )
    ago = (now - dt.timedelta(days=10)).timestamp()
    plant(
        emulator,
        {"kind": "comment", "platform": "wechat", "text": QUESTION, "at": ago, "target": article},
    )
    fetched = inbox(repo, inbox_env(emulator), "fetch")
    assert fetched.code == 0, fetched.out + fetched.err
    [row] = stored(repo)
    assert row["target"] == article and row["at"] == row["fetched_at"], row
