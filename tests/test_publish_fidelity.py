"""Replies that lie, and live-post events, through a real ``govmedia publish`` and watch.

An answer that says nothing (a 502 with a JSON body, ``{}``, an id-less success) is never
recorded as published nor refused by guess: the platform's listing decides, in the same
run when it can, else in the next one, and the account watch does not call it a hijack.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from pipeline.emulators import Emulator
from tests.publish_support import (
    SMALL_POSTS,
    env_for,
    faults,
    ledger_records,
    publish_process,
    published,
    small_repo,
)
from tests.watch_support import watch_json

POST = (SMALL_POSTS[0],)  # wechat, weibo and app


def events(repo: Path, platform: str, event: str) -> list[dict]:
    return [r for r in ledger_records(repo) if r["platform"] == platform and r["event"] == event]


def clear(emulator: Emulator) -> None:
    httpx.delete(emulator.url + "/_emulator/faults", timeout=10).raise_for_status()


def test_weibo_502_with_a_json_body_is_not_published_and_the_rerun_sends_once(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", POST)
    faults(emulator, {"path": "/2/statuses/share.json", "reply": {"ok": 1}, "status": 502})
    run = publish_process(repo, env_for(emulator))
    assert run.code == 1 and "推迟" in run.out and "Traceback" not in run.err
    assert events(repo, "weibo", "published") == []
    assert published(emulator)["weibo"] == []
    again = publish_process(repo, env_for(emulator))
    assert again.code == 0, again.out + again.err
    assert len(published(emulator)["weibo"]) == 1
    [record] = events(repo, "weibo", "published")
    assert record["platform_id"].isdigit() and record["platform_id"] != "None"


def test_an_id_less_answer_to_a_share_that_went_out_is_reconciled_in_the_same_run(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", POST)
    faults(emulator, {"path": "/2/statuses/share.json", "merge": {"id": None, "idstr": None}})
    run = publish_process(repo, env_for(emulator))
    assert run.code == 0, run.out + run.err
    [record] = events(repo, "weibo", "published")
    [live] = published(emulator)["weibo"]
    assert record["platform_id"] == live["idstr"] and record["detail"]["reconciled"] is True


def test_weibo_20032_is_live_and_recorded_with_its_id(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit", POST)
    faults(emulator, {"path": "/2/statuses/share.json", "error": 20032, "acted": True})
    run = publish_process(repo, env_for(emulator))
    assert run.code == 0, run.out + run.err
    [record] = events(repo, "weibo", "published")
    [live] = published(emulator)["weibo"]
    assert record["platform_id"] == live["idstr"]  # retract can delete it


def test_status_5_after_success_is_a_live_post_event_never_republished(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", POST)
    faults(emulator, {"publish_status": 5})
    run = publish_process(repo, env_for(emulator))
    assert (
        run.code == 1
        and "之后状态变为 5（成功后用户删除）" in run.out
        and "不会自动重发" in run.out
    )
    [record] = events(repo, "wechat", "published")
    assert record["detail"]["publish_status"] == 5 and record["platform_id"]
    again = publish_process(repo, env_for(emulator))
    assert again.code == 0 and "发布 0 项" in again.out
    assert len(events(repo, "wechat", "intent")) == 2  # draft + submit, once
    code, found = watch_json(repo, emulator)
    missing = [f for f in found if f["platform"] == "wechat"]
    assert code == 1 and [f["kind"] for f in missing] == ["missing"]
    assert "状态 5" in missing[0]["message"]


def test_a_lying_submit_reply_is_not_a_hijack_and_the_rerun_records_it(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", POST)
    faults(emulator, {"path": "/cgi-bin/freepublish/submit", "merge": {"publish_id": None}})
    run = publish_process(repo, env_for(emulator))
    assert run.code == 1 and events(repo, "wechat", "published") == []
    assert len(published(emulator)["wechat"]) == 1  # it did go out
    code, found = watch_json(repo, emulator)
    kinds = {f["kind"] for f in found if f["platform"] == "wechat"}
    assert kinds == {"unconfirmed"}, found  # never "outside" (a hijack alarm)
    clear(emulator)
    again = publish_process(repo, env_for(emulator))
    assert again.code == 0, again.out + again.err
    assert len(published(emulator)["wechat"]) == 1
    [record] = events(repo, "wechat", "published")
    assert record["detail"]["reconciled"] is True
    code, found = watch_json(repo, emulator)
    assert code == 0, found
