"""Red team, round 23b: a public answer's question, published with warnings nobody saw.

The public answers page (政务留言板, ``public_page: true``) shows a citizen's question whole
beside the reviewed answer marked ``public: true``. Since round 13 the question passes the
content rules as an error check at ``inbox check`` and ``approve``; its warnings (the
semantic layer's, a warning-level rule's) were dropped, and the two reviewers saw the
question only as the first 40 characters of ``inbox status``. A question carrying a
meaning-level rumour or a marketing offer that no word of a lexicon refuses went onto the
unit's site under its name, signed by reviewers who were never shown a warning.
Defence: the check keeps the question's warnings (and the answer's), ``approve`` shows the
question and the answer whole as the page will show them and refuses to sign until every
warning is acknowledged with ``--ack`` (recorded as ``Acknowledged-Warning`` trailers, as a
post's are), and ``govmedia status`` lists them with the ``--ack`` to give.
Real repositories, real ssh-keygen signatures, the loopback emulators and the real CLI.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.conftest import run_cli
from tests.interaction_support import (
    approve_reply_cli,
    fetched_comment,
    inbox,
    inbox_env,
    unit_repo,
    write_reply,
)
from tests.publish_support import git

# No word of a lexicon: the semantic layer warns (S9-06, a rumour; S16, follower marketing).
RUMOUR = "请问新冠疫苗打了会导致不孕吗？听说隔壁小区好几个人打完都不孕了"
OFFER = "想让政务号粉丝多起来的，可以找我们合作，效果看得见，考核轻松过"
ANSWER = "您好，相关问题请以卫生健康部门的官方发布为准，也可拨打12345咨询。"
CLEAN = "请问社保卡丢了以后，应该在哪里补办？需要带身份证原件和户口本吗？周六上午能不能办理？"


def _head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.mark.parametrize(
    ("question", "rule"), [(RUMOUR, "S9-06"), (OFFER, "S16")], ids=["rumour", "offer"]
)
def test_a_public_answers_question_with_a_warning_is_shown_and_acknowledged(
    tmp_path: Path, emulator: Emulator, question: str, rule: str
) -> None:
    """Attack: a citizen's question carries a rumour (or a marketing offer) the semantic
    layer only warns of; the unit's honest answer says ``public: true``; ``inbox check``
    passed silently and both reviewers signed without being shown the warning or more
    than 40 characters of the question, and the page published it whole. Defence: the
    check reports the question's warning, ``approve`` shows the question whole and refuses
    until the warning is acknowledged, and records the acknowledgement."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", question, "7")
    git(repo, "checkout", "-q", "-b", "reply/answer")
    rel = write_reply(repo, "answer", item, ANSWER, extra="public: true\n")
    checked = inbox(repo, inbox_env(emulator), "check", rel)
    assert checked.code == 0, checked.out + checked.err  # a warning: never an error
    assert rule in checked.out and "公开答复" in checked.out and rel in checked.out

    status = run_cli("status", cwd=repo)
    assert status.code == 0, status.out + status.err
    assert f"问：{question}" in status.out and f"答：{ANSWER}" in status.out
    assert f"[{rule}]" in status.out and f"--ack {rule}" in status.out, status.out

    head = _head(repo)
    refused = approve_reply_cli(repo, rel, 1)
    printed = refused.out + refused.err
    assert refused.code != 0 and "Traceback" not in printed, printed
    assert f"问：{question}" in printed, printed  # the whole question, as the page shows it
    assert "尚未确认" in printed and f"[{rule}]" in printed and f"--ack {rule}" in printed
    assert _head(repo) == head  # nothing signed

    for stage in (1, 3):  # both reviewers are shown it, and each acknowledges it
        signed = approve_reply_cli(repo, rel, stage, rule)
        assert signed.code == 0, signed.out + signed.err
        assert f"问：{question}" in signed.out, signed.out
        message = git(repo, "log", "-1", "--format=%B")
        assert f"Acknowledged-Warning: {rel}:1 {rule}" in message, message


def test_a_warning_on_the_answer_itself_must_be_acknowledged(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The answer reaches the citizen (and the page): a warning on it (here a
    warning-level headline word, A16-02) is acknowledged like a post's before anyone signs."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", CLEAN, "7")
    git(repo, "checkout", "-q", "-b", "reply/warned")
    rel = write_reply(repo, "warned", item, "您好，删前速看：补办请到政务服务大厅3号窗口。")
    head = _head(repo)
    refused = approve_reply_cli(repo, rel, 1)
    assert refused.code != 0 and "[A16-02]" in refused.out + refused.err
    assert _head(repo) == head
    signed = approve_reply_cli(repo, rel, 1, "A16-02")
    assert signed.code == 0, signed.out + signed.err
    assert f"Acknowledged-Warning: {rel}:" in git(repo, "log", "-1", "--format=%B")


def test_an_honest_public_answer_is_signed_with_its_whole_question_shown(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Honest path: a clean question longer than ``inbox status`` shows, answered publicly,
    is signed without any ``--ack``; the reviewer is shown it whole; ``status`` too."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", CLEAN, "7")
    assert len(CLEAN) > 40
    git(repo, "checkout", "-q", "-b", "reply/clean")
    rel = write_reply(repo, "clean", item, ANSWER, extra="public: true\n")
    status = run_cli("status", cwd=repo)
    assert f"问：{CLEAN}" in status.out and "--ack" not in status.out, status.out
    signed = approve_reply_cli(repo, rel, 1)
    assert signed.code == 0, signed.out + signed.err
    assert f"问：{CLEAN}" in signed.out and f"答：{ANSWER}" in signed.out
    assert "Acknowledged-Warning" not in git(repo, "log", "-1", "--format=%B")
