"""Red team, round 32: the times of the public record. The annual assessment (the report
and the archive's governance page) gives each account's median review time; it took the
start of the review from the post's first commit, whose author date the editor writes
(``git commit --date``), a fact nobody signs or reviews. A unit repository in
``tmp_path``, a bare server with the real pre-receive, real ssh-keygen signatures, a real
push and the real publisher against the loopback emulators."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.governance.period import parse_year
from pipeline.governance.report import build_report
from pipeline.governance.report_format import to_markdown
from pipeline.review.hooks import install_hooks
from tests.publish_support import (
    SAMPLE,
    SMALL_POSTS,
    approve,
    env_for,
    git,
    ledger_records,
    publish_process,
    small_repo,
)

POST = f"content/posts/{SMALL_POSTS[2]}"
# The editor's claim: the notice was drafted at the start of the year.
CLAIMED = "2026-01-05T09:00:00+08:00"


def _server(repo: Path) -> Path:
    """A bare server holding ``repo``'s main (the bootstrap), then the real hooks; the
    post-receive publisher is left out (this test runs the publisher itself)."""
    bare = repo.parent / "server.git"
    git(repo.parent, "init", "-q", "--bare", "-b", "main", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "-q", "origin", "main")
    install_hooks(bare)
    (bare / "hooks" / "post-receive").unlink()
    return bare


def _backdated_draft(repo: Path) -> None:
    """The editor's commit of the post, its author date set to ``CLAIMED``."""
    target = repo / POST
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SAMPLE / POST.removeprefix("content/"), target)
    git(repo, "add", POST)
    env = {**os.environ, "GIT_AUTHOR_DATE": CLAIMED}
    subprocess.run(["git", "commit", "-q", "-m", "年末反诈提醒"], cwd=repo, env=env, check=True)


def test_the_editors_commit_date_never_sets_the_review_time(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The editor dates the post's commit at the start of the year; the server takes the
    push (a commit's dates are whatever its maker wrote), the three reviewers sign within a
    minute and the post goes out. The assessment said the review took over 8,000 hours
    (the editor's date to 终审): a figure of the public record nobody approved, which the editor
    could equally shrink, or empty by dating the commit after the review (a post whose
    start is after its 终审 was left out of the median). The review time now runs from
    初审 to 终审, both signed approval commits: the editor's date changes nothing. Pinned
    beside it: a ``.mailmap`` in the publisher's clone (``log.mailmap`` on) renames no
    signer of the record (govmedia asks git for no mailmap-applied name)."""
    repo = small_repo(tmp_path / "unit", posts=(), approved=False)
    _server(repo)
    _backdated_draft(repo)
    approve(repo, [POST])
    pushed = subprocess.run(
        ["git", "push", "origin", "main"], cwd=repo, capture_output=True, text=True
    )
    assert pushed.returncode == 0, pushed.stderr  # the server judges blobs, not dates
    assert git(repo, "log", "--format=%aI", "-1", "--", POST).strip() == CLAIMED

    # pinned: a mailmap in the publisher's clone renames nobody in the record
    (repo / ".mailmap").write_text("王局长 <chenjing@example.gov.cn>\n", encoding="utf-8")
    git(repo, "config", "log.mailmap", "true")
    published = publish_process(repo, env_for(emulator))
    assert published.code == 0, published.out + published.err
    record = next(r for r in ledger_records(repo) if r["event"] == "published")
    stages = {s["stage"]: s["at"] for s in record["detail"]["review"]["stages"]}
    signers = [s["by"].split(" <")[0] for s in record["detail"]["review"]["stages"]]
    assert signers == ["张伟", "李强", "陈静"], signers
    signed = dt.datetime.fromisoformat(stages[3]) - dt.datetime.fromisoformat(stages[1])

    year = int(record["at"][:4])
    report = build_report([repo], parse_year(str(year)), dt.date(year, 12, 31))
    latencies = [h for a in report.accounts for h in a.latencies]
    assert latencies, "the first publications give a review time"
    for hours in latencies:
        assert hours == signed.total_seconds() / 3600  # 初审 to 终审, as signed
        assert hours < 1, latencies  # never the editor's two months
    assert "从初审到终审用时中位数" in to_markdown(report)


def test_a_draft_dated_after_its_review_is_still_counted(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The other direction of the same lie: the editor dates the post's commit a year
    ahead, after every review stage, and the post was left out of the median (a review
    time below zero is no figure), so an editor chose which reviews the assessment
    counts. The signed stages decide now: the post is counted."""
    repo = small_repo(tmp_path / "unit", posts=(), approved=False)
    target = repo / POST
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SAMPLE / POST.removeprefix("content/"), target)
    git(repo, "add", POST)
    ahead = {**os.environ, "GIT_AUTHOR_DATE": "2099-01-01T09:00:00+08:00"}
    subprocess.run(["git", "commit", "-q", "-m", "年末反诈提醒"], cwd=repo, env=ahead, check=True)
    approve(repo, [POST])
    published = publish_process(repo, env_for(emulator))
    assert published.code == 0, published.out + published.err
    record = next(r for r in ledger_records(repo) if r["event"] == "published")
    year = int(record["at"][:4])
    report = build_report([repo], parse_year(str(year)), dt.date(year, 12, 31))
    counted = [a for a in report.accounts if a.published]
    assert counted and all(len(a.latencies) == a.published for a in counted)
