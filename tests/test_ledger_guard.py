"""A ledger that survives disk and hand (issue 16, items 3, 5, 6 and 7), through the real
``govmedia publish`` in new processes against the loopback emulator:

- publishing from a detached HEAD or another branch, or with ``ledger/`` as a file, is
  refused with a message, before any platform call;
- a deleted or emptied ledger stops publishing (the committed records are missing);
- ``index.lock`` left by a killed process of ours is cleared; anyone else's is reported;
- records a killed run wrote are committed by the next run, even one with nothing to do;
- a torn last line is cut and its intent reconciled; a bad line in the middle names its
  file, line and the repair; a record whose checksum does not match is refused.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.errors import ConfigError
from pipeline.ledger import Ledger, Record
from tests.faults.audit import assert_exactly_once
from tests.faults.support import govmedia, unit_copy
from tests.publish_support import env_for, git, published, stats

ONE_POST = ("2026/11/nianmo-fanzha-tixing.md",)


@pytest.fixture
def repo(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unit_copy(tmp_path_factory, tmp_path / "unit", ONE_POST)


def _calls(emu: Emulator) -> int:
    return sum(n for path, n in stats(emu).items() if not path.startswith("/_emulator"))


# -- item 7: the branch and the ledger folder ---------------------------------------------------


def test_detached_head_is_refused_before_any_call(repo: Path, emulator: Emulator) -> None:
    git(repo, "checkout", "-q", "--detach", "main")
    run = govmedia(repo, env_for(emulator), "publish")
    assert run.code != 0 and "分离头指针" in run.err and "git checkout main" in run.err
    assert _calls(emulator) == 0 and not (repo / "ledger").exists()


def test_another_branch_is_refused(repo: Path, emulator: Emulator) -> None:
    git(repo, "checkout", "-q", "-b", "draft")
    run = govmedia(repo, env_for(emulator), "publish")
    assert run.code != 0 and "分支 draft" in run.err
    assert _calls(emulator) == 0


def test_ledger_as_a_file_is_refused(repo: Path, emulator: Emulator) -> None:
    assert govmedia(repo, env_for(emulator), "publish").code == 0
    shutil.rmtree(repo / "ledger")
    (repo / "ledger").write_text("not a folder\n", encoding="utf-8")
    before = _calls(emulator)
    run = govmedia(repo, env_for(emulator), "publish")
    assert run.code != 0 and "ledger 不是目录" in run.err, run.err
    assert "Traceback" not in run.err
    assert _calls(emulator) == before
    assert len(published(emulator)["wechat"]) == 1


# -- item 3: a deleted or emptied ledger ---------------------------------------------------------


@pytest.mark.parametrize("damage", ["deleted", "emptied"])
def test_a_lost_ledger_stops_publishing(repo: Path, emulator: Emulator, damage: str) -> None:
    assert govmedia(repo, env_for(emulator), "publish").code == 0
    files = sorted((repo / "ledger").glob("*.jsonl"))
    assert files
    if damage == "deleted":
        shutil.rmtree(repo / "ledger")
    else:
        for path in files:
            path.write_text("", encoding="utf-8")
    run = govmedia(repo, env_for(emulator), "publish")
    assert run.code != 0 and "发布台账缺失或被清空" in run.err, run.out + run.err
    assert "govmedia ledger rebuild" in run.err
    assert len(published(emulator)["wechat"]) == 1 and len(published(emulator)["weibo"]) == 1


# -- item 6: index.lock and records left uncommitted --------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_our_stale_index_lock_is_cleared(repo: Path, emulator: Emulator) -> None:
    gitdir = repo / ".git"
    (gitdir / "index.lock").write_bytes(b"")
    (gitdir / "govmedia-git.json").write_text(json.dumps({"pid": _dead_pid(), "start": "1"}))
    run = govmedia(repo, env_for(emulator), "publish")
    assert run.code == 0, run.out + run.err
    assert "index.lock" in run.out
    assert not (gitdir / "index.lock").exists()
    assert git(repo, "status", "--porcelain", "--", "ledger") == ""
    assert_exactly_once(repo, emulator)


def test_someone_elses_index_lock_is_reported_not_removed(repo: Path, emulator: Emulator) -> None:
    (repo / ".git" / "index.lock").write_bytes(b"")
    run = govmedia(repo, env_for(emulator), "publish")
    assert run.code != 0 and "index.lock 存在" in run.err
    assert (repo / ".git" / "index.lock").exists()
    assert _calls(emulator) == 0


def test_records_of_a_killed_run_are_committed_by_a_run_with_nothing_to_do(
    repo: Path, emulator: Emulator
) -> None:
    killed = govmedia(repo, env_for(emulator, GOVMEDIA_CRASH_AT="recorded:weibo.share"), "publish")
    assert killed.code == -9
    assert git(repo, "status", "--porcelain", "--", "ledger")  # written, not committed
    rerun = govmedia(repo, env_for(emulator), "publish")
    assert rerun.code == 0, rerun.out + rerun.err
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--", "ledger") == ""
    idle = govmedia(repo, env_for(emulator), "publish")
    assert idle.code == 0 and "发布 0 项" in idle.out
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--", "ledger") == ""
    assert_exactly_once(repo, emulator)


def test_records_left_uncommitted_by_an_idle_run_are_committed(
    repo: Path, emulator: Emulator
) -> None:
    assert govmedia(repo, env_for(emulator), "publish").code == 0
    # a run killed between its last append and its commit: records on disk only
    ledger = Ledger(repo / "ledger")
    ledger.append(
        Record(event="skipped", slug="x", channel="wechat", run="20260101T000000Z-deadbeef")
    )
    git(repo, "add", "ledger")  # staged, as a kill inside "git commit" leaves it
    idle = govmedia(repo, env_for(emulator), "publish")
    assert idle.code == 0, idle.err
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--", "ledger") == ""
    subject = git(repo, "log", "-1", "--format=%s")
    assert "interrupted run" in subject


# -- item 5: torn tails, bad lines, checksums ----------------------------------------------------


def test_torn_tail_is_cut_and_its_intent_reconciled(repo: Path, emulator: Emulator) -> None:
    killed = govmedia(repo, env_for(emulator, GOVMEDIA_CRASH_AT="after:weibo.share"), "publish")
    assert killed.code == -9
    newest = max((repo / "ledger").glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
    with open(newest, "ab") as handle:  # a disk that filled up mid-append
        handle.write(b'{"event": "published", "slug": "nianmo-fanz')
    rerun = govmedia(repo, env_for(emulator), "publish")
    assert rerun.code == 0, rerun.out + rerun.err
    assert "已截去" in rerun.out
    for path in (repo / "ledger").glob("*.jsonl"):
        assert path.read_bytes().endswith(b"\n")
    assert_exactly_once(repo, emulator)
    again = govmedia(repo, env_for(emulator), "watch")
    assert "JSON" not in again.err


def test_a_bad_line_in_the_middle_names_file_line_and_repair(repo: Path) -> None:
    ledger = Ledger(repo / "ledger")
    run = "20260101T000000Z-0badf11e"
    for slug in ("a", "b"):
        ledger.append(Record(event="skipped", slug=slug, channel="wechat", run=run))
    path = repo / "ledger" / f"{run}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], "{torn", lines[1]]) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        list(ledger.records())
    message = str(caught.value)
    assert f"ledger/{run}.jsonl:2" in message
    assert "git checkout main -- ledger/" in message and "govmedia ledger rebuild" in message


def test_a_record_changed_by_hand_fails_its_checksum(repo: Path) -> None:
    ledger = Ledger(repo / "ledger")
    run = "20260101T000000Z-00c0ffee"
    ledger.append(Record(event="published", slug="a", channel="wechat", run=run, platform_id="1"))
    ledger.append(Record(event="skipped", slug="b", channel="wechat", run=run))
    path = repo / "ledger" / f"{run}.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace('"1"', '"2"', 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="校验和不符"):
        list(ledger.records())
