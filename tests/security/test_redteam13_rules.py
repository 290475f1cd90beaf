"""Red team, round 13: the unit's rule files under another name than ``content/rules/``.

``approve`` signs a post only while ``content/rules/`` and ``content/accounts.yml`` are
main's or approved on the branch. It compared them with ``git diff -- content/rules/``:
that pathspec misses a symlink named ``content/rules`` (a file, not a folder, to git) and a
folder spelled ``content/RULES/`` — which the check reads all the same: the symlink is
followed, and on the reviewers' Windows or macOS clones ``RULES`` is ``rules``. A branch
could then carry an allowlist the reviewers never approved, collect three approvals on the
silenced check and drop it before the push. Each test runs the real ``approve`` (real
signed commits) and the real pre-receive hook of a bare repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.errors import GovmediaError
from pipeline.review.hooks import install_hooks
from tests.conftest import PROJECT_ROOT, Repo
from tests.security.battery_support import HONEST, Unit, accepted, post_text
from tests.security.redteam_support import approve_acked, approve_chain
from tests.security.test_interaction_integrity import REPLY, known_item, reply_text
from tests.security.test_redteam_rules import ALLOW_ENTRY, FORBIDDEN, POST, SERVICE, TITLE
from tests.security.test_rules_redos import RULES, rule_file

ALLOWLIST = (PROJECT_ROOT / "content/rules/allow.yml").read_text(encoding="utf-8")
ALLOWING = ALLOWLIST.replace("allow:\n", "allow:\n" + ALLOW_ENTRY, 1)


@pytest.fixture
def bare_unit(unit: Unit) -> Unit:
    """The seeded unit, but its main has no ``content/rules/`` (a unit with no rule files
    of its own): a new server whose bootstrap is main without the folder."""
    unit.branch("seed")
    unit.clone.git("rm", "-r", "-q", "content/rules")
    unit.commit("A unit without rule files of its own")
    bare = unit.tmp / "norules.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    unit.clone.git("push", "-q", str(bare), "seed:refs/heads/main")
    install_hooks(bare)
    (bare / "hooks" / "post-receive").unlink(missing_ok=True)
    unit.clone.git("remote", "set-url", "origin", str(bare))
    unit.clone.git("fetch", "-q", "--prune", "origin")
    return Unit(bare, Repo(unit.clone.path), unit.keys, unit.tmp)


def _forbidden_post(unit: Unit) -> None:
    unit.write(POST, post_text(TITLE).replace(SERVICE, FORBIDDEN))
    unit.commit("New post")


def test_a_symlink_named_content_rules_is_a_change_of_the_rules(bare_unit: Unit) -> None:
    """Attack: main has no ``content/rules/``; the branch commits ``content/rules`` as a
    symlink to a folder outside ``content/`` holding an allowlist of the post's forbidden
    phrase. The check follows the link and finds nothing; the diff of ``content/rules/``
    saw nothing either, so the reviewers signed, and the push without the link was
    accepted. Defence: every change whose path is ``content/rules`` or under it, a symlink
    included, is a change of the rules: ``approve`` refuses to sign."""
    unit = bare_unit
    unit.branch("symlinked-rules")
    _forbidden_post(unit)
    with pytest.raises(GovmediaError, match="A9-13"):  # the check refuses the post as it is
        approve_acked(unit, HONEST[0], 1, POST)
    unit.write("drafts/allow.yml", ALLOWING)
    os.symlink("../drafts", unit.clone.path / "content/rules")
    unit.commit("Notes")
    with pytest.raises(GovmediaError, match="规则文件"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_a_rules_folder_spelled_in_capitals_is_a_change_of_the_rules(bare_unit: Unit) -> None:
    """Attack: the branch adds ``content/RULES/allow.yml``. On a reviewer's Windows or macOS
    clone it is ``content/rules/allow.yml``, which the check reads; the diff of
    ``content/rules/`` is case-sensitive and saw nothing. Defence: a path that a
    case-insensitive, normalising file system stores under ``content/rules/`` (or as
    ``content/accounts.yml``) is a change of the rules: ``approve`` refuses to sign."""
    unit = bare_unit
    unit.branch("capital-rules")
    _forbidden_post(unit)
    unit.write("content/RULES/allow.yml", ALLOWING)
    unit.commit("Notes")
    with pytest.raises(GovmediaError, match="规则文件"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_a_rule_file_named_with_escape_codes_is_shown_escaped(bare_unit: Unit) -> None:
    """Attack: the branch names its unapproved rule file with terminal escape codes, so the
    refusal printed on the reviewer's terminal rewrites itself. Defence: the refusal shows
    the path escaped (``content_limits.shown``), as every other path from a branch."""
    unit = bare_unit
    unit.branch("escaped-rules")
    _forbidden_post(unit)
    unit.write("content/rules/a\x1b[2Kb.yml", ALLOWING)
    unit.commit("Notes")
    with pytest.raises(GovmediaError, match="规则文件") as refused:
        approve_acked(unit, HONEST[0], 1, POST)
    assert "\x1b" not in str(refused.value)
    assert "a\\u001b[2Kb.yml" in str(refused.value)


def test_accounts_spelled_in_capitals_is_a_change_of_the_accounts(unit: Unit) -> None:
    """The same for ``accounts.yml`` under another case or a joiner HFS+ leaves out of a
    name: ``approve`` refuses while it is not approved."""
    unit.branch("capital-accounts")
    unit.write(POST, post_text(TITLE))
    unit.commit("New post")
    accounts = (unit.clone.path / "content/accounts.yml").read_text(encoding="utf-8")
    unit.write("content/Accounts\u200c.yml", accounts)
    unit.commit("Notes")
    with pytest.raises(GovmediaError, match="账号台账"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_an_allowlist_approved_first_is_used_in_a_unit_without_rule_files(
    bare_unit: Unit,
) -> None:
    """Honest counterpart: the unit adds ``content/rules/allow.yml`` on the branch, it is
    approved on its own, then the post under it. The server checks a push's posts with
    main's rule files (round 17), so the push bringing both is refused, naming the post's
    finding and the way out; the allowlist pushed first, the post is accepted after it."""
    unit = bare_unit
    unit.branch("allowlist")
    unit.write("content/rules/allow.yml", ALLOWING)
    unit.commit("Allowlist a phrase")
    approve_chain(unit, "content/rules/allow.yml")
    allowlist = unit.head()
    _forbidden_post(unit)
    approve_chain(unit, POST)
    err = unit.attack()
    assert f"{POST}:" in err and "先单独推送" in err, err
    accepted(unit, unit.push(f"{allowlist}:refs/heads/main"))
    accepted(unit, unit.push())
    shutil.rmtree(unit.tmp / "reader", ignore_errors=True)
    [review] = unit.review(POST)
    assert review.publishable, [s.reason for s in review.stages]
    assert isinstance(unit.tmp, Path)


def test_an_allowlist_committed_while_a_reply_is_approved(unit: Unit) -> None:
    """Attack: the rule-file gate of ``approve`` held for posts and reposts only. An answer
    to a citizen carries a forbidden phrase; the branch allowlists it while 初审 and 终审
    sign the reply (their check then finds nothing) and reverts the allowlist before the
    push, which brings only the approved reply, sent to the citizen. Defence: a reply or a
    hide order is judged by main's rule files too: ``approve`` refuses while they differ."""
    known_item(unit)
    unit.branch("reply-allowlist")
    unit.write(REPLY, reply_text().replace("您好，社保卡补办请到3号窗口。", FORBIDDEN))
    unit.commit("Reply to a citizen")
    with pytest.raises(GovmediaError, match="A9-13"):  # the reply's own check refuses it
        unit.approve("张伟", 1, REPLY)
    unit.write("content/rules/allow.yml", ALLOWING)
    unit.commit("Allowlist a phrase (temporarily)")
    with pytest.raises(GovmediaError, match="规则文件"):
        unit.approve("张伟", 1, REPLY)


def test_a_unit_rule_file_spelled_otherwise_is_refused_by_the_server(unit: Unit) -> None:
    """Attack: the server reads every unit rule file a push brings as the check does and
    refuses a pattern that backtracks, even with three valid approvals; it looked only under
    ``content/rules/``. ``content/RULES/a99-x.yml`` is read as a rule file on the reviewers'
    Windows and macOS clones (every ``govmedia check`` there hangs) but was never gated.
    Defence: a file the push adds under a unit folder or name spelled otherwise (case,
    Unicode form, a joiner HFS+ leaves out) is refused; spelled right, the same file is
    judged as before."""
    spelled = "content/RULES/a99-x.yml"
    unit.branch("rules-spelled")
    unit.write(spelled, rule_file("(a+)+$"))
    unit.commit("Add a unit rule")
    unit.approval_all(spelled)  # three valid signatures
    err = unit.attack()
    assert spelled in err and "content/rules/" in err, err
    # Honest counterpart: under its own spelling the gate reads it (and refuses the regex).
    unit.clone.git("mv", spelled, RULES)
    unit.commit("Move the rule")
    unit.approval_all(RULES)
    err = unit.attack()
    assert "灾难性回溯" in err, err
