"""Red team, round 24: ``govmedia verify`` shows replies' and reposts' findings as posts'.

An auditor, or CI, reading ``govmedia verify`` (text or ``--format json``) saw the check
findings of posts only: a public answer whose citizen's question carries a rumour the
semantic layer warns of, or a repost with a warning-level headline word, was listed with
its approvals and nothing else, so what the reviewers acknowledged (and what they were
shown) never reached the report. Defence: ``verify`` checks replies, hide orders and
reposts at the revision it judges, with main's unit files, through the same check as
``inbox check`` and ``approve`` (``interaction.check.check_and_show`` from
``review.findings_at``), and reports their findings as it does a post's.
In a shallow clone ``verify`` cannot judge ancestry (round 23a): it says so and exits
non-zero instead of refusing approvals the server accepts.
Real repositories, real ssh-keygen signatures, the loopback emulators and the real CLI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.emulators import Emulator
from tests.conftest import CliResult, run_cli
from tests.interaction_support import (
    approve_reply_cli,
    fetched_comment,
    unit_repo,
    write_reply,
)
from tests.publish_support import git
from tests.security.battery_support import Unit, accepted, clone_of, post_text
from tests.security.test_redteam23b_answers import ANSWER, CLEAN, RUMOUR

REPOST = "content/reposts/2026/12/gongnuan.md"
POST = "content/posts/2026/11/yanshi-tiaozheng.md"
FRONT = (
    '---\nsource:\n  account: 呼伦贝尔发布\n  id: "4999000000000001"\nchannel: weibo\n'
    "author: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-02\n---\n"
)


def _approve(repo: Path, rel: str, stage: int, *ack: str) -> None:
    signed = approve_reply_cli(repo, rel, stage, *ack)
    assert signed.code == 0, signed.out + signed.err


def _repost(repo: Path, body: str) -> None:
    target = repo / REPOST
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(FRONT + body + "\n", encoding="utf-8")
    git(repo, "add", REPOST)
    git(repo, "commit", "-qm", "Repost")


def _verify(repo: Path) -> tuple[CliResult, dict[str, dict[str, Any]]]:
    result = run_cli("verify", "--format", "json", cwd=repo)
    assert "Traceback" not in result.err, result.err
    return result, {item["path"]: item for item in json.loads(result.out)}


def test_verify_reports_a_replys_and_a_reposts_findings_and_acknowledgements(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack (the auditor's blind spot): a public answer whose question warns S9-06 and a
    repost warning A16-02, both acknowledged at 初审; ``verify`` showed neither finding.
    Defence: both are listed, as committed (the work tree's later edit changes nothing),
    with each stage's acknowledgements, in the JSON and in the text."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", RUMOUR, "7")
    git(repo, "checkout", "-q", "-b", "reply/answer")
    rel = write_reply(repo, "answer", item, ANSWER, extra="public: true\n")
    _approve(repo, rel, 1, "S9-06")
    _repost(repo, "删前速看：今冬供暖保障措施，请市民周知。")
    _approve(repo, REPOST, 1, "A16-02")
    (repo / REPOST).write_text(FRONT + "今冬供暖保障措施，请市民周知。\n", encoding="utf-8")

    result, items = _verify(repo)
    assert result.code == 1  # neither is fully approved yet
    reply, repost = items[rel], items[REPOST]
    assert "S9-06" in {f["rule"] for f in reply["findings"]}, reply
    assert "A16-02" in {f["rule"] for f in repost["findings"]}, repost
    for entry, rule in ((reply, "S9-06"), (repost, "A16-02")):
        acked = [a["rule"] for s in entry["stages"] for a in s["acknowledged"]]
        assert rule in acked, entry

    text = run_cli("verify", cwd=repo)
    assert "[S9-06]" in text.out and "[A16-02]" in text.out, text.out


def test_verify_of_a_clean_reply_lists_no_finding(tmp_path: Path, emulator: Emulator) -> None:
    """Honest path: a clean public answer, signed at both stages without ``--ack``, is
    publishable in ``verify`` with an empty list of findings."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", CLEAN, "7")
    git(repo, "checkout", "-q", "-b", "reply/clean")
    rel = write_reply(repo, "clean", item, ANSWER, extra="public: true\n")
    _approve(repo, rel, 1)
    _approve(repo, rel, 3)
    result, items = _verify(repo)
    assert result.code == 0, result.out + result.err
    assert items[rel]["findings"] == [] and items[rel]["publishable"] is True


def test_verify_in_a_shallow_clone_says_it_cannot_judge(unit: Unit) -> None:
    """Shallow clones (round 23a's note): a post fully approved on a branch the server
    holds was reported not publishable by ``verify`` in a clone two commits deep (its
    初审 and 复审 lie past the clone's edge): a refusal the server would not make.
    Defence: ``verify`` names the shallow history in Chinese and exits non-zero without a
    verdict; in a whole clone the same branch is publishable."""
    unit.branch("post/shallow")
    unit.write(POST, post_text("延时服务调整"))
    unit.commit("新稿：延时服务调整")
    unit.approve_all(POST)
    accepted(unit, unit.push("HEAD:refs/heads/post/shallow"))

    shallow = clone_of(unit, "post/shallow", "shallow", depth=2)
    for fmt in ("json", "text"):
        result = run_cli("verify", "--format", fmt, cwd=shallow)
        assert result.code != 0 and "Traceback" not in result.err, result.err
        assert "浅克隆" in result.err and "git fetch --unshallow" in result.err, result.err
        assert "不可发布" not in result.out and not result.out.strip().startswith("["), result.out

    whole = clone_of(unit, "post/shallow", "whole")
    result = run_cli("verify", "--format", "json", cwd=whole)
    assert result.code == 0, result.out + result.err
    assert json.loads(result.out)[0]["publishable"] is True
