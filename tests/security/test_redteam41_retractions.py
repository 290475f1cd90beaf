"""Red team, round 41: what the assessment counts as a retraction (撤回, 第二十条 责令删除).

A retraction takes the post down from every account it reached and also closes the
channels it has not reached yet (a delivery deferred by the platform's window), so that no
later run sends it. The assessment counted those closing records as retractions: the
auditors' CSV showed a 撤回 on an account the post never appeared on. Real repository,
the real ``govmedia publish`` against the loopback emulators with a platform answering
"rate limit", a leader's signed retraction order, then the real ``govmedia report``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pipeline.emulators import Emulator
from tests.conftest import run_cli
from tests.publish_support import (
    env_for,
    faults,
    ledger_records,
    publish_process,
    published,
    retract_in_process,
    small_repo,
)

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"  # addressed to wechat and weibo
SLUG = "nianmo-fanzha-tixing"


def _rows(repo: Path, tmp_path: Path) -> dict[str, dict[str, str]]:
    """The 2026 assessment's CSV, a row per account."""
    out = tmp_path / "report"
    result = run_cli("report", "--year", "2026", "--format", "csv", "--out", str(out), cwd=repo)
    assert result.code in (0, 1), result.out + result.err
    rows = list(csv.reader(io.StringIO((out / "report-2026.csv").read_text("utf-8-sig"))))
    return {r[1]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


def test_a_channel_closed_before_the_post_reached_it_is_no_retraction(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: Weibo answers "hourly limit" to the first share, so the post goes out on
    WeChat only; a leader orders it retracted. WeChat's article is deleted and the Weibo
    channel closed. The 2026 assessment reported one 撤回 on Weibo, with the reason and
    the approver, where the post never appeared. Defence: a ``retracted`` record counts
    only after a ``published`` record of the post on that channel (since its last
    retraction); the closing record stays in the ledger and still stops every later run."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),))
    faults(emulator, {"path": "/2/statuses/share.json", "error": 10023, "times": 1})
    first = publish_process(repo, env_for(emulator))
    assert first.code == 1 and "未完成 1 项" in first.out, first.out + first.err  # deferred
    assert len(published(emulator)["wechat"]) == 1 and not published(emulator)["weibo"]
    code, lines = retract_in_process(repo, emulator, POST)
    assert code == 0, lines
    closed = {r["channel"] for r in ledger_records(repo) if r["event"] == "retracted"}
    assert closed == {"wechat", "weibo"}  # the Weibo channel is closed in the ledger

    rows = _rows(repo, tmp_path)
    assert (rows["wechat"]["发布篇数"], rows["wechat"]["撤回数"]) == ("1", "1")
    assert SLUG in rows["wechat"]["撤回明细"]
    assert (rows["weibo"]["发布篇数"], rows["weibo"]["撤回数"]) == ("0", "0")
    assert rows["weibo"]["撤回明细"] == ""
    assert publish_process(repo, env_for(emulator)).code == 0
    assert not published(emulator)["weibo"]  # and the closed channel is never sent


def test_a_post_taken_down_from_every_account_counts_on_each(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Honest counterpart: published on WeChat and Weibo, then retracted: one 撤回 on each
    account, and each still counts the post as published (it went out)."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),))
    assert publish_process(repo, env_for(emulator)).code == 0
    assert len(published(emulator)["weibo"]) == 1
    code, lines = retract_in_process(repo, emulator, POST)
    assert code == 0, lines
    rows = _rows(repo, tmp_path)
    for account in ("wechat", "weibo"):
        assert (rows[account]["发布篇数"], rows[account]["撤回数"]) == ("1", "1"), account
        assert SLUG in rows[account]["撤回明细"]
