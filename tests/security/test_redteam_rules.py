"""Red team: the unit's rule files judge the posts of the branch that changes them.

``content/rules/`` (the unit's terms, allowlist and rule files) is what ``govmedia check``
and the check that ``govmedia approve`` runs before signing judge a post with, read from
the reviewer's working tree. The server refuses an unapproved change of those files, but
it judges only the net change of a push: an allowlist committed on the branch while the
reviewers sign, and removed again before the push, never reaches it. Each test runs the
real ``approve`` (real signed commits) and the real pre-receive hook of a bare repository.
"""

from __future__ import annotations

import json

import pytest

from pipeline.errors import GovmediaError
from tests.conftest import run_cli
from tests.security.battery_support import ALLOW, HONEST, Unit, accepted, post_text
from tests.security.redteam_support import approve_acked, approve_chain

POST = "content/posts/2026/11/jiazheng-tixing.md"
# A sentence the package lexicon refuses (A9-13, an illegal service) unless allowlisted.
FORBIDDEN = "窗口可办理假证。"
TITLE = "办证服务"
SERVICE = "政务服务大厅工作日延时服务至18时30分。"  # the sample sentence of ``post_text``
ALLOW_ENTRY = "  - phrase: 办理假证\n    rules: [A9-13]\n    reason: 窗口便民服务\n"
STRICT_RULE = "content/rules/a99-jiazheng.yml"
UNIT_WARNING = "本单位不提供加急出证服务"
WARNING_RULE = (
    "kind: pattern\nrules:\n  - id: A9-13\n    name: jiaji-chuzheng\n    level: warning\n"
    f"    message: {UNIT_WARNING}\n    pattern: '加急出证'\n"
)


def _post(unit: Unit) -> None:
    unit.write(POST, post_text(TITLE).replace(SERVICE, FORBIDDEN))
    unit.commit("New post")


def _allowlisted(unit: Unit) -> str:
    text = (unit.clone.path / ALLOW).read_text(encoding="utf-8")
    return text.replace("allow:\n", "allow:\n" + ALLOW_ENTRY, 1)


def test_allowlist_committed_during_the_approvals_and_reverted_before_the_push(
    unit: Unit,
) -> None:
    """Attack: the editor commits an allowlist entry for the forbidden phrase on the branch,
    the reviewers' ``approve`` then finds nothing, and the entry is reverted before the push:
    the server sees only the post, with three valid approvals of its blob.
    Defence: ``approve`` refuses to sign a post while the branch's rule files differ from
    main's and are not approved themselves; with main's rules it refuses the post (A9-13)."""
    unit.branch("flip-flop")
    original = (unit.clone.path / ALLOW).read_text(encoding="utf-8")
    _post(unit)
    unit.write(ALLOW, _allowlisted(unit))
    unit.commit("Allowlist a phrase (temporarily)")
    with pytest.raises(GovmediaError, match="规则文件"):
        approve_acked(unit, HONEST[0], 1, POST)
    # Without the allowlist the check itself refuses the post: nothing can be signed.
    unit.write(ALLOW, original)
    unit.commit("Revert the allowlist")
    with pytest.raises(GovmediaError, match="A9-13"):
        approve_acked(unit, HONEST[0], 1, POST)
    assert unit.push()[0] is False  # and the server refuses the unapproved post


def test_an_allowlist_the_reviewers_approved_first_is_used(unit: Unit) -> None:
    """Honest counterpart: the allowlist is reviewed on its own (three stages), then the post
    is approved under it. The server checks a push's posts with main's rule files (round
    17): the push bringing both is refused and says to push the allowlist first; pushed in
    that order, both are accepted."""
    unit.branch("allowlist")
    unit.write(ALLOW, _allowlisted(unit))
    unit.commit("Allowlist a phrase")
    approve_chain(unit, ALLOW)
    allowlist = unit.head()
    _post(unit)
    approve_chain(unit, POST)
    err = unit.attack()
    assert f"{POST}:" in err and "先单独推送" in err, err
    accepted(unit, unit.push(f"{allowlist}:refs/heads/main"))
    accepted(unit, unit.push())


def test_a_unit_rule_deleted_during_the_approvals(unit: Unit) -> None:
    """Attack: main holds a unit rule refusing the phrase; the branch deletes that rule file
    while the reviewers sign (the server would refuse the deletion, so it is restored).
    Defence: a deleted rule file is a change of the rules: ``approve`` refuses."""
    rule = (
        "kind: pattern\nrules:\n  - id: A9-13\n    name: jiaji-chuzheng\n    level: error\n"
        "    message: 本单位不提供加急出证服务\n    pattern: '加急出证'\n"
    )
    unit.branch("rule")
    unit.write(STRICT_RULE, rule)
    unit.commit("A unit rule")
    approve_chain(unit, STRICT_RULE)
    accepted(unit, unit.push())
    unit.write(POST, post_text(TITLE).replace(SERVICE, "窗口可代办加急出证。"))
    unit.commit("New post")
    with pytest.raises(GovmediaError, match="本单位不提供加急出证服务"):
        approve_acked(unit, HONEST[0], 1, POST)
    unit.clone.git("rm", "-q", STRICT_RULE)
    unit.commit("Drop the unit rule (temporarily)")
    with pytest.raises(GovmediaError, match="规则文件"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_an_uncommitted_rule_change_in_the_reviewers_tree_is_refused(unit: Unit) -> None:
    """The check of ``approve`` reads the working tree's rules: an uncommitted edit of them
    (left by a checkout, a stash, a script) makes the shown findings untrustworthy."""
    unit.branch("dirty")
    _post(unit)
    unit.write(ALLOW, _allowlisted(unit))
    with pytest.raises(GovmediaError, match="未提交"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_allowlist_on_a_branch_that_does_not_share_mains_history(unit: Unit) -> None:
    """Attack: the same allowlist on an orphan branch (main's files, no common commit), so
    the change under review has no merge base with main to compare the rule files with.
    Defence: ``approve`` then compares them with main's tip and refuses as before."""
    unit.clone.git("checkout", "-q", "--orphan", "orphan", "origin/main")
    _post(unit)
    unit.write(ALLOW, _allowlisted(unit))
    unit.commit("Orphan with an allowlist")
    assert unit.clone.git("merge-base", "--all", "HEAD", "origin/main", check=False) == ""
    with pytest.raises(GovmediaError, match="规则文件"):
        approve_acked(unit, HONEST[0], 1, POST)


def _shown_to_reviewers(unit: Unit) -> tuple[list[str], str]:
    """What ``govmedia verify`` shows of ``POST``: the messages of its unwaived findings
    (JSON) and the text report."""
    data = json.loads(run_cli("verify", "--format", "json", cwd=unit.clone.path).out)
    [review] = [r for r in data if r["path"] == POST]
    messages = [
        f"{f['rule']} {f['match']} {f['message']}"
        for f in review["findings"]
        if not f.get("waived")
    ]
    return messages, run_cli("verify", cwd=unit.clone.path).out


def test_verify_shows_findings_of_mains_rule_files_never_the_branchs(unit: Unit) -> None:
    """Attack: ``govmedia verify`` (and ``status``) show reviewers the check findings of the
    version they sign, and read the rule files from the branch: the branch allowlists its
    post's forbidden phrase and deletes main's unit rule, so the reviewers see a clean post.
    Defence: those findings are judged by main's ``content/rules/``, accounts and roster
    (``findings_at``); a rule file the branch changes counts once it is on main."""
    unit.branch("rule")
    unit.write(STRICT_RULE, WARNING_RULE)
    unit.commit("A unit rule")
    approve_chain(unit, STRICT_RULE)
    accepted(unit, unit.push())

    unit.branch("quiet")
    unit.write(POST, post_text(TITLE).replace(SERVICE, FORBIDDEN + "也可代办加急出证。"))
    unit.write(ALLOW, _allowlisted(unit))
    unit.clone.git("rm", "-q", STRICT_RULE)
    unit.commit("New post, its rules quietened")
    messages, text = _shown_to_reviewers(unit)
    assert any("假证" in m for m in messages), messages
    assert UNIT_WARNING in text  # the warning line of the deleted unit rule

    # Honest counterpart: the allowlist is reviewed and merged first; then it is main's.
    unit.branch("allowlist")
    unit.write(ALLOW, _allowlisted(unit))
    unit.commit("Allowlist a phrase")
    approve_chain(unit, ALLOW)
    accepted(unit, unit.push())
    unit.branch("post")
    _post(unit)
    messages, _ = _shown_to_reviewers(unit)
    assert not [m for m in messages if "假证" in m], messages
