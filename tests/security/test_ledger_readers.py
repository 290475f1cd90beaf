"""Readers trust the ledger only after ``verify_history``; the publisher signs its commits.

Real publishing runs against the loopback emulators, real git signatures, the real CLI.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.errors import ConfigError
from pipeline.ledger import Ledger, Record
from pipeline.ledger_history import clear_cache
from pipeline.ledger_trust import (
    LedgerTrustError,
    step_problems,
    trusted_ledger,
    verify_history,
)
from pipeline.project import Project
from pipeline.review.roster import parse_roster
from tests.conftest import run_cli
from tests.publish_support import (
    env_for,
    git,
    publish_process,
    published,
    publisher_env,
    small_repo,
)
from tests.security.ledger_support import signed_commit

EDITOR = ("王芳", "wangfang@example.gov.cn")


@pytest.fixture
def repo(tmp_path: Path, emulator: Emulator) -> Path:
    """A unit repository whose main holds one honest, publisher-signed publishing run."""
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    run = publish_process(repo, env_for(emulator))
    assert run.code == 0, run.out + run.err
    return repo


def deliveries(emu: Emulator) -> int:
    return sum(len(v) for v in published(emu).values())


def roster_at(repo: Path, rev: str):
    return parse_roster(git(repo, "show", f"{rev}:content/roster.yml"))


def test_honest_run_commits_a_signed_append_that_passes(repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD").strip()
    parent = git(repo, "rev-parse", "HEAD^").strip()
    assert git(repo, "log", "-1", "--format=%s", head).startswith("Ledger: publish run")
    assert git(repo, "cat-file", "commit", head).count("BEGIN SSH SIGNATURE") == 1
    assert git(repo, "log", "-1", "--format=%an <%ae>", head).strip() == (
        "govmedia 发布 <publisher@example.gov.cn>"
    )
    assert step_problems(repo, parent, head, roster_at(repo, parent)) == []
    assert verify_history(repo, "main").tip == head


def forge_tombstone(repo: Path) -> str:
    """An editor's own commit on main retracting the last published post in the ledger
    (a line only the publisher may write): the forged commit's id."""
    path = sorted((repo / "ledger").glob("*.jsonl"))[0]
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    line.update(event="retracted", detail={"reason": "伪造", "approved_by": "陈静"})
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    forged = signed_commit(repo, "Ledger: forged tombstone", None, who=EDITOR)
    return forged


def test_readers_refuse_a_history_with_an_unsigned_ledger_step(
    repo: Path, emulator: Emulator
) -> None:
    before = deliveries(emulator)
    forged = forge_tombstone(repo)
    with pytest.raises(LedgerTrustError) as info:
        trusted_ledger(Project(repo))
    assert forged[:12] in str(info.value) and "签名" in str(info.value)
    env = env_for(emulator)
    for args in (["publish"], ["publish", "--dry-run"], ["build"], ["watch"]):
        result = run_cli(*args, cwd=repo, env=env)
        assert result.code != 0, args
        assert forged[:12] in result.err and "发布台账不可信" in result.err, result.err
        assert "Traceback" not in result.err
    report = run_cli("report", "--year", "2026", "--out", str(repo.parent / "r"), cwd=repo)
    assert report.code != 0 and forged[:12] in report.err
    assert deliveries(emulator) == before
    # the honest path: without the forged step, every reader works again
    git(repo, "reset", "-q", "--hard", "HEAD^")
    clear_cache(repo)
    assert run_cli("publish", cwd=repo, env={**env, **publisher_env(repo)}).code == 0
    assert run_cli("watch", cwd=repo, env=env).code == 0


def test_deleting_the_ledger_does_not_publish_twice(repo: Path, emulator: Emulator) -> None:
    before = deliveries(emulator)
    git(repo, "rm", "-q", "-r", "ledger")
    git(repo, "commit", "-q", "-m", "Clean up")
    run = publish_process(repo, env_for(emulator))
    assert run.code != 0 and "删除" in run.err and "Traceback" not in run.err
    assert deliveries(emulator) == before


def test_publish_refuses_without_a_publisher_key(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    run = publish_process(repo, {**env_for(emulator), "GOVMEDIA_PUBLISHER_KEY": ""})
    assert run.code != 0 and "GOVMEDIA_PUBLISHER_KEY" in run.err and "Traceback" not in run.err
    assert deliveries(emulator) == 0
    # a key that is not the roster's publisher is refused too, before any platform call
    stranger = tmp_path / "stranger"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(stranger)], check=True)
    run = publish_process(repo, {**env_for(emulator), "GOVMEDIA_PUBLISHER_KEY": str(stranger)})
    assert run.code != 0 and "publishers" in run.err
    assert deliveries(emulator) == 0
    # --no-commit writes the local ledger only, and needs no key
    local = run_cli(
        "publish", "--no-commit", cwd=repo, env={**env_for(emulator), "GOVMEDIA_PUBLISHER_KEY": ""}
    )
    assert local.code == 0 and deliveries(emulator) > 0
    assert git(repo, "status", "--porcelain", "--", "ledger").strip()


def test_a_bad_line_gives_a_chinese_file_and_line_error(repo: Path, emulator: Emulator) -> None:
    path = sorted((repo / "ledger").glob("*.jsonl"))[0]
    lines = path.read_text(encoding="utf-8").count("\n")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{broken\n")
        handle.write(json.dumps({"event": "x", "slug": "s", "channel": "c"}) + "\n")
    with pytest.raises(ConfigError, match=rf"^ledger/{path.name}:{lines + 1}: .*JSON"):
        list(Ledger(repo / "ledger").records())
    result = publish_process(repo, env_for(emulator))
    assert result.code != 0 and f"ledger/{path.name}:{lines + 1}" in result.err
    assert "Traceback" not in result.err
    wrong_type = json.dumps({"event": "published", "slug": "s", "channel": "c", "detail": "x"})
    path.write_text(wrong_type + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^ledger/{path.name}:1: .*detail"):
        list(Ledger(repo / "ledger").records())


def test_a_torn_tail_is_cut_so_the_next_commit_stays_valid(repo: Path, emulator: Emulator) -> None:
    path = sorted((repo / "ledger").glob("*.jsonl"))[-1]
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"event": "intent", "slug": "half')  # a crash mid-write
    assert [r.slug for r in Ledger(repo / "ledger").records()]  # the torn tail is skipped
    # the same file: a run's own (ledger/<run>.jsonl), or a month's for a record without run
    Ledger(repo / "ledger").append(Record("reconciled", "s", "wechat", run=path.stem))
    assert "half" not in path.read_text(encoding="utf-8")
    signed_commit(repo, "Ledger: after a crash", _publisher(repo))
    parent = git(repo, "rev-parse", "HEAD^").strip()
    head = git(repo, "rev-parse", "HEAD").strip()
    assert step_problems(repo, parent, head, roster_at(repo, parent)) == []


def test_verified_tips_are_cached_but_new_steps_are_checked(repo: Path) -> None:
    clear_cache(repo)
    first = verify_history(repo, "main")
    assert first.checked >= 1 and not first.from_cache
    assert verify_history(repo, "main").from_cache
    Ledger(repo / "ledger").append(Record("published", "x", "wechat", at="2026-11-02T00:00:00Z"))
    signed_commit(repo, "Ledger: honest", _publisher(repo))
    clear_cache()  # the in-process memo only: the git directory still knows the old tip
    later = verify_history(repo, "main")
    assert later.checked == 1 and later.from_cache
    Ledger(repo / "ledger").append(Record("published", "y", "wechat", at="2026-11-03T00:00:00Z"))
    forged = signed_commit(repo, "Ledger: forged", None, who=EDITOR)
    with pytest.raises(LedgerTrustError, match=forged[:12]):
        verify_history(repo, "main")


def _publisher(repo: Path):
    from tests.review_support import Key

    private = Path(publisher_env(repo)["GOVMEDIA_PUBLISHER_KEY"])
    return Key(private, private.with_name("publisher.pub").read_text().strip())
