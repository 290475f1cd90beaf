"""``govmedia revoke COMMIT``: a reviewer withdraws their own signature by command.

Everything is real: the unit's bare repository with the pre-receive hook that
``install_hooks`` writes, ssh-keygen keys listed in the roster, approvals made by the real
``approve()``, and the command run as a new ``govmedia`` process under each person's git
identity. The command's commit, pushed to main, makes the merge of an abandoned approval
refused; every refusal writes nothing.
"""

from __future__ import annotations

import pytest

from pipeline.errors import GovmediaError
from pipeline.project import Project
from pipeline.publishing.retract import find_approval
from pipeline.review import trailers
from pipeline.review.verify import review_posts
from tests.conftest import CliResult, run_cli
from tests.security.battery_support import (
    HONEST,
    SAMPLE_POSTS,
    Unit,
    accepted,
    battery_keys,
    battery_template,
    post_text,
    sob,
    unit,
)

__all__ = ["battery_keys", "battery_template", "unit"]  # the battery's fixtures, used here

POST = "content/posts/2026/11/zhoumo-banjian.md"
ABANDONED = "post/abandoned"


def _abandoned_final(unit: Unit) -> str:
    """A post approved three times on a branch never pushed; its 终审 commit. Ends on main."""
    unit.branch(ABANDONED)
    unit.write(POST, post_text("周末办件说明"))
    unit.commit("New post")
    unit.approve_all(POST)
    final = unit.head()
    unit.branch("main")
    return final


def _revoke(unit: Unit, who: str, commit: str, *, key: str | None = None) -> CliResult:
    return run_cli("revoke", commit, cwd=unit.clone.path, env=unit.env(who, key))


def _message(unit: Unit, rev: str = "HEAD") -> str:
    return unit.clone.git("cat-file", "commit", rev).partition("\n\n")[2]


def test_the_command_voids_an_abandoned_approval_on_the_server(unit: Unit) -> None:
    """陈静 revokes her 终审 by command and pushes what it prints; the abandoned branch's
    merge is then refused by the pre-receive hook; approving again counts."""
    final = _abandoned_final(unit)
    result = _revoke(unit, HONEST[2], final[:12])  # a prefix names the commit too
    assert result.code == 0, result.err
    assert "git push origin main" in result.out and "第 3 审（终审）" in result.out
    found = trailers.parse_text(_message(unit))
    assert trailers.parse_revokes(found) == (final,)
    assert trailers.values(found, trailers.SIGNED_OFF_BY) == [sob(HONEST[2])]
    accepted(unit, unit.push())

    unit.branch("merge")
    unit.clone.git(
        "merge", "-q", "--no-ff", "-m", "Merge the post", ABANDONED, env=unit.unsigned_env("王芳")
    )
    [review] = review_posts(unit.clone.path, [POST])
    assert any(s.code == "not-revoked" for s in review.stages)
    assert "撤回" in unit.attack()

    unit.approve(HONEST[2], 3, POST)
    assert review_posts(unit.clone.path, [POST])[0].publishable
    accepted(unit, unit.push())


def test_the_command_voids_a_drafted_retraction(unit: Unit) -> None:
    """A retraction signed on a branch and dropped: revoked by command, it never counts."""
    target = SAMPLE_POSTS[1]
    unit.branch("draft-retraction")
    drafted = unit.retraction(HONEST[2], target)
    unit.branch("main")
    result = _revoke(unit, HONEST[2], drafted)
    assert result.code == 0, result.err
    assert "撤稿" in result.out
    accepted(unit, unit.push())
    unit.branch("merge")
    unit.clone.git(
        "merge", "-q", "--no-ff", "-m", "Merge", "draft-retraction", env=unit.unsigned_env("王芳")
    )
    accepted(unit, unit.push())
    with pytest.raises(GovmediaError, match="撤回"):
        find_approval(Project(unit.reader_clone("reader")), target)


def test_every_refusal_writes_nothing(unit: Unit) -> None:
    """Each check refuses with a Chinese reason and its exit code, and HEAD never moves."""
    final = _abandoned_final(unit)
    post_commit = unit.clone.git("rev-parse", f"{ABANDONED}~3").strip()
    before = unit.head()

    def refused(result: CliResult, code: int, reason: str) -> None:
        assert result.code == code, (result.code, result.out, result.err)
        assert reason in result.err, result.err
        assert unit.head() == before

    refused(_revoke(unit, HONEST[2], "0" * 40), 2, "找不到提交")
    refused(_revoke(unit, HONEST[2], post_commit), 1, "不是审核提交")
    refused(_revoke(unit, HONEST[1], final), 1, "只能撤回本人签名")
    refused(_revoke(unit, "attacker", final), 1, "不在名册")
    unsigned = run_cli("revoke", final, cwd=unit.clone.path, env=unit.unsigned_env(HONEST[2]))
    refused(unsigned, 1, "SSH 签名密钥")
    refused(_revoke(unit, HONEST[2], final, key=HONEST[1]), 1, "不是名册中登记给")

    unit.clone.git("checkout", "-q", ABANDONED)
    before = unit.head()
    refused(_revoke(unit, HONEST[2], final), 1, "主分支")
    unit.branch("main")
    before = unit.head()
    unit.write(SAMPLE_POSTS[1], "changed\n")
    refused(_revoke(unit, HONEST[2], final), 1, "未提交的修改")
    unit.clone.git("checkout", "-q", "--", SAMPLE_POSTS[1])

    assert _revoke(unit, HONEST[2], final).code == 0
    before = unit.head()
    refused(_revoke(unit, HONEST[2], final), 1, "已由主分支上的提交")


def test_a_subject_with_bidi_controls_is_shown_escaped(unit: Unit) -> None:
    """The withdrawn commit's subject is a stranger's text as far as a terminal goes: its
    bidi and control characters are written as escapes in the output and in the message."""
    blob = "0" * 40
    claim = unit.signed(
        HONEST[2],
        "审核：\u202e文标\u202c\n\n" + trailers.format_approval(3, [(POST, blob)], sob(HONEST[2])),
    )
    result = _revoke(unit, HONEST[2], claim)
    assert result.code == 0, result.err
    assert "\u202e" not in result.out and "\\u202e文标\\u202c" in result.out
    subject = _message(unit).split("\n", 1)[0]
    assert "\u202e" not in subject and "\\u202e" in subject
