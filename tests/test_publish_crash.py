"""kill -9 of the publish process at every step, then a rerun: exactly one delivery per
(post, channel) and a complete ledger. Also answers lost on the wire (the call took
effect, the connection dropped): reconciled, never resent."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.publish_support import (
    env_for,
    faults,
    ledger_records,
    publish_process,
    published,
    small_repo,
    stats,
)

OPS = ("wechat.draft", "wechat.submit", "wechat.poll", "weibo.share", "app.push")
POINTS = [f"{when}:{op}" for op in OPS for when in ("before", "after", "recorded")]
# wechat.poll has no intent of its own: "before" is the same moment as recorded:wechat.submit
POINTS.remove("before:wechat.poll")
POSTS = ("2026/03/zhangshang-app-shangxian.md", "2026/11/nianmo-fanzha-tixing.md")


def deliveries(emu: Emulator) -> Counter:
    pub = published(emu)
    counts: Counter = Counter()
    for article in pub["wechat"]:
        counts[("wechat", article["title"])] += 1
    for status in pub["weibo"]:
        counts[("weibo", status["text"].split(" http")[-1])] += 1
    for push in pub["app"]:
        counts[("app", push["item"]["id"])] += 1
    return counts


def assert_exactly_once(repo: Path, emu: Emulator) -> None:
    counts = deliveries(emu)
    assert counts and set(counts.values()) == {1}, counts
    records = ledger_records(repo)
    published_keys = Counter(
        (r["slug"], r["channel"]) for r in records if r["event"] == "published"
    )
    assert set(published_keys.values()) == {1}, published_keys
    assert sum(published_keys.values()) == sum(counts.values())
    # every published record is complete
    for r in records:
        if r["event"] == "published":
            assert r["platform_id"] and r["url"] and r["commit"] and r["run"]
            assert r["detail"]["review"]["stages"]


@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("nth", [1, 2])
def test_kill_at_every_point_then_rerun(
    tmp_path: Path, emulator: Emulator, point: str, nth: int
) -> None:
    repo = small_repo(tmp_path / "unit", POSTS)
    killed = publish_process(repo, env_for(emulator, GOVMEDIA_CRASH_AT=f"{point}#{nth}"))
    # nth=2 reaches points of the second post; a point a run never reaches exits 0
    assert killed.code in (-9, 0), killed.err
    if nth == 1:
        assert killed.code == -9
    rerun = publish_process(repo, env_for(emulator))
    assert rerun.code == 0, rerun.out + rerun.err
    assert_exactly_once(repo, emulator)
    third = publish_process(repo, env_for(emulator))
    assert third.code == 0 and "发布 0 项" in third.out
    assert_exactly_once(repo, emulator)


def test_a_kill_actually_happens(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit", POSTS)
    killed = publish_process(repo, env_for(emulator, GOVMEDIA_CRASH_AT="after:wechat.submit"))
    assert killed.code == -9
    # the WeChat lane's last record (the other platforms' lanes run alongside)
    records = [r for r in ledger_records(repo) if r["platform"] == "wechat"]
    assert records[-1]["event"] == "intent" and records[-1]["detail"]["step"] == "wechat.submit"
    assert stats(emulator)["/cgi-bin/freepublish/submit"] == 1
    publish_process(repo, env_for(emulator))
    # one submit per post: the first post's job was reconciled, not resubmitted
    assert stats(emulator)["/cgi-bin/freepublish/submit"] == len(published(emulator)["wechat"]) == 2
    assert any(r["detail"].get("reconciled") for r in ledger_records(repo))


@pytest.mark.parametrize(
    "path",
    [
        "/cgi-bin/draft/add",
        "/cgi-bin/freepublish/submit",
        "/2/statuses/share.json",
        "/app/push",
    ],
)
def test_answer_lost_after_the_call_took_effect(
    tmp_path: Path, emulator: Emulator, path: str
) -> None:
    repo = small_repo(tmp_path / "unit", POSTS)
    faults(emulator, {"path": path, "drop": "after", "times": 1})
    first = publish_process(repo, env_for(emulator))
    second = publish_process(repo, env_for(emulator))
    assert second.code == 0, first.out + second.out + second.err
    assert_exactly_once(repo, emulator)


def test_connection_dropped_before_the_call_is_retried_next_run(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", POSTS)
    faults(emulator, {"path": "/2/statuses/share.json", "drop": "before", "times": 1})
    first = publish_process(repo, env_for(emulator))
    assert first.code == 1
    second = publish_process(repo, env_for(emulator))
    assert second.code == 0
    assert_exactly_once(repo, emulator)
