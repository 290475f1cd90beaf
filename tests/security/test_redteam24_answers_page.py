"""Red team, round 24: the public answers page shows each answer's review record.

A post's archive page shows who approved it and the warnings each reviewer acknowledged
before signing. A public answer publishes a citizen's question whole under the unit's
name; when the question carried a warning (a rumour the semantic layer flags), the
reviewers' acknowledgement was recorded in their approval commits and shown nowhere: a
reader of the page could not tell the warning was seen and accepted, nor by whom.
Defence: each entry of the page ends with its review record (``interaction.site_review``):
the approvals the one evaluator counts for the version sent, and every
``Acknowledged-Warning`` of those commits, each text through ``html_sanitize.md_text``.
Real repositories, real ssh-keygen signatures, the loopback emulators, the real CLI and a
real site build.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from tests.interaction_support import (
    answers_page,
    approve_reply_cli,
    fetched_comment,
    inbox,
    inbox_env,
    unit_repo,
    write_reply,
)
from tests.publish_support import git
from tests.security.test_redteam23b_answers import ANSWER, CLEAN, RUMOUR


def _approve(repo: Path, rel: str, stage: int, *ack: str) -> None:
    signed = approve_reply_cli(repo, rel, stage, *ack)
    assert signed.code == 0, signed.out + signed.err


def _answered_and_built(repo: Path, emulator: Emulator, question: str, *ack: str) -> str:
    """A public answer to ``question``, approved at both stages on a branch, merged into
    main, sent over the emulator, the site built: the page's HTML."""
    item, _ = fetched_comment(repo, emulator, "weibo", question, "7")
    git(repo, "checkout", "-q", "-b", "reply/answer")
    rel = write_reply(repo, "answer", item, ANSWER, extra="public: true\n")
    _approve(repo, rel, 1, *ack)
    _approve(repo, rel, 3, *ack)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "reply/answer")
    sent = inbox(repo, inbox_env(emulator), "send")
    assert sent.code == 0 and "Traceback" not in sent.err, sent.out + sent.err
    return answers_page(repo)


def test_a_public_answers_acknowledged_warning_is_shown_on_the_page(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack (what the public is shown): a question warned S9-06, both reviewers
    acknowledged it, the page showed the question and the answer only. Defence: the entry
    names both approvals and each acknowledged warning."""
    repo = unit_repo(tmp_path / "unit")
    page = _answered_and_built(repo, emulator, RUMOUR, "S9-06")
    assert "打完都不孕了" in page and "12345" in page
    assert "审核记录" in page and "初审 张伟" in page and "终审 李强" in page, page
    assert "审核人已确认的警告" in page
    for reviewer in ("初审 张伟", "终审 李强"):  # each reviewer who acknowledged it
        assert f"<li>{reviewer}：第 1 行 [S9-06]「" in page, page


def test_an_honest_public_answer_shows_its_approvals_and_no_warning(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Honest path: a clean question, signed without ``--ack``: the record names the two
    approvals and lists no acknowledged warning."""
    repo = unit_repo(tmp_path / "unit")
    page = _answered_and_built(repo, emulator, CLEAN)
    assert "审核记录" in page and "初审 张伟" in page and "终审 李强" in page, page
    assert "审核人已确认的警告" not in page
