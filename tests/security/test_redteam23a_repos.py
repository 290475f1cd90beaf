"""Red team, round 23a: signed claims made in another unit's repository.

An approval binds a path and a blob, a retraction a path, a revocation a commit id; none of
them names a repository. Two units whose rosters list the same people with the same keys
(a reviewer who works for both, a shared leader) each hold signed claims that the other's
evaluator accepted: merged here as a second parent, another unit's approvals of the same
path and blob published here a post nobody of this unit reviewed, its retraction took our
post down, its revocation withdrew our approval. Defence: a claim counts only on a commit
that descends from the first commit of main's first-parent chain (``policy.judge``, code
``in-this-repository``), which the server, ``verify``, ``status``, ``approve``, ``revoke``,
``retract`` and the publisher all read from the same history.

Each test builds both units for real: two bare repositories with the real pre-receive hook,
each with its own first commit, the same roster and keys, claims signed by ``ssh-keygen``
through the real ``approve`` or ``git commit -S``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.errors import GovmediaError
from pipeline.project import Project
from pipeline.publishing.retract import find_approval
from pipeline.review.hooks import install_hooks
from pipeline.review.verify import base_and_tip, review_paths, review_posts
from tests.conftest import Repo
from tests.security.battery_support import (
    HONEST,
    SAMPLE_POSTS,
    Unit,
    accepted,
    post_text,
    sob,
    write_object,
)

POST = "content/posts/2026/11/yanshi-tiaozheng.md"
FOREIGN = "refs/remotes/other/main"
ROOTED = "in-this-repository"


def _other_unit(unit: Unit) -> Unit:
    """Another unit: its own server (hooks installed) and clone, its own first commit, the
    same content, roster, people and keys as ``unit``."""
    root = unit.tmp / "other-unit"
    clone = root / "clone"
    shutil.copytree(unit.clone.path / "content", clone / "content")
    repo = Repo(clone)
    repo.git("init", "-q", "-b", "main")
    repo.commit("另一单位：导入内容与名册", env=unit.unsigned_env("王芳"))
    bare = root / "remote.git"
    repo.git("init", "-q", "--bare", "-b", "main", str(bare))
    repo.git("remote", "add", "origin", str(bare))
    repo.git("push", "-q", "origin", "main")  # the other unit's bootstrap
    install_hooks(bare)
    (bare / "hooks" / "post-receive").unlink(missing_ok=True)
    repo.git("fetch", "-q", "origin")
    other = Unit(bare, repo, unit.keys, root)
    assert other.roster() == unit.roster()
    assert repo.head("main") != unit.clone.head("origin/main")
    return other


def _fetch_other(unit: Unit, other: Unit) -> None:
    """The attacker fetches the other unit's main into this clone."""
    unit.clone.git("fetch", "-q", str(other.bare), f"+refs/heads/main:{FOREIGN}")


def _merge_other(unit: Unit, *extra: str) -> None:
    """Merge the other unit's main as a second parent (this main stays the first parent)."""
    unit.clone.git(
        "merge",
        "-q",
        "--no-ff",
        "--allow-unrelated-histories",
        *extra,
        "-m",
        "Merge",
        FOREIGN,
        env=unit.unsigned_env("王芳"),
    )


def _approved_there(other: Unit) -> None:
    """The other unit publishes POST with its three approvals, all by the real ``approve``."""
    other.branch("post/other")
    other.write(POST, post_text("延时服务调整"))
    other.commit("New post")
    other.approve_all(POST)
    accepted(other, other.push())
    other.fetch()


@pytest.fixture
def other(unit: Unit) -> Unit:
    """Another unit sharing this unit's people and keys (see ``_other_unit``)."""
    return _other_unit(unit)


def _codes(unit: Unit, path: str, ref: str = "HEAD") -> set[str]:
    [review] = review_posts(unit.clone.path, [path], ref)
    assert not review.publishable
    return {s.code for s in review.stages if not s.ok}


def _post_here(unit: Unit, branch: str) -> None:
    """Honest: POST on a branch of main, approved here by the real ``approve``, pushed."""
    unit.fetch()
    unit.branch(branch)
    unit.write(POST, post_text("延时服务调整"))
    unit.commit("New post")
    unit.approve_all(POST)
    accepted(unit, unit.push())
    assert unit.review(POST)[0].publishable


def test_approvals_merged_from_another_units_repository_are_refused(
    unit: Unit, other: Unit
) -> None:
    """Attack: the other unit approved POST; an editor of ours merges its main (the post and
    its three signed approvals) and pushes: the same people, keys, path and blob.
    Defence: none of those approval commits descends from our first commit; ``verify``,
    the reader and the server refuse them, and the server refuses the foreign history
    itself. Our reviewers approving the same blob here counts."""
    _approved_there(other)
    _fetch_other(unit, other)
    unit.branch("post/merged")
    _merge_other(unit)
    assert unit.blob(POST) == other.blob(POST, "origin/main")
    assert _codes(unit, POST) == {ROOTED}
    code, report, _ = unit.verify_json("--base", "origin/main")
    assert code != 0
    [entry] = [r for r in report if r.get("path") == POST]
    stages = entry.get("stages")
    assert isinstance(stages, list)
    assert {s.get("code") for s in stages} == {ROOTED}
    assert all("本仓库" in str(s.get("reason")) for s in stages)
    err = unit.attack()
    assert "本仓库" in err and POST in err and "无关的历史" in err

    _post_here(unit, "post/here")


def test_another_units_history_never_joins_main(unit: Unit, other: Unit) -> None:
    """Attack in two pushes: first the other unit's history merged with our tree kept
    (``-s ours``: main's files do not change, so the push looked harmless), its signed
    approvals now ancestors of main; then the post alone, its blob the one they approved.
    Defence: the server refuses the first push (a commit that does not belong to this
    repository); and were it on main, the approvals still would not descend from our first
    commit (the evaluator, on the attacker's branch)."""
    _approved_there(other)
    _fetch_other(unit, other)
    unit.branch("history")
    _merge_other(unit, "-s", "ours")
    assert unit.clone.git("diff", "--name-only", "origin/main", "HEAD") == ""
    err = unit.attack()
    assert "不属于本仓库的历史" in err

    unit.write(POST, post_text("延时服务调整"))
    unit.commit("New post")
    assert unit.blob(POST) == other.blob(POST, "origin/main")
    assert _codes(unit, POST) == {ROOTED}
    _post_here(unit, "post/here")


def test_approvals_on_another_units_branch_that_merged_our_main_do_not_count(
    unit: Unit, other: Unit
) -> None:
    """Attack: descent from our first commit is easy to give a foreign commit: on a branch
    of the other unit's repository, an editor of both merges our main (``-s ours``, nothing
    to see in the diff) and has its reviewers sign POST there; their approvals descend from
    our first commit. Defence: a claim counts only if every root of its ancestry came onto
    main before it did (and the server never lets another root onto main): these have the
    other unit's first commit too, so they count neither here nor there; the real ``approve``
    there refuses to sign on such a branch."""
    other.clone.git("fetch", "-q", str(unit.bare), f"+refs/heads/main:{FOREIGN}")
    other.branch("post/mixed")
    _merge_other(other, "-s", "ours")
    other.write(POST, post_text("延时服务调整"))
    other.commit("New post")
    with pytest.raises(GovmediaError, match="不属于本仓库的历史"):
        other.approve(HONEST[0], 1, POST)  # the real ``approve`` warns the reviewer
    other.approval_all(POST)  # signed by hand (``git commit -S``)
    [there] = review_paths(other.clone.path, [POST], base_and_tip(other.clone.path)[0])
    assert {s.code for s in there.stages if not s.ok} == {ROOTED}  # nor in the other unit
    accepted(other, other.push("HEAD:refs/heads/post/mixed"))  # a branch: judged at main

    unit.clone.git("fetch", "-q", str(other.bare), f"+refs/heads/post/mixed:{FOREIGN}")
    unit.branch("post/mixed")
    _merge_other(unit)
    first = unit.clone.git("rev-list", "--max-parents=0", "--first-parent", "origin/main")
    approvals = unit.clone.git("rev-list", "-3", "HEAD^2").split()
    for oid in approvals:
        assert unit.clone.git("merge-base", "--is-ancestor", first.strip(), oid) == ""
    assert _codes(unit, POST) == {ROOTED}
    err = unit.attack()
    assert "本仓库" in err

    _post_here(unit, "post/here")


def test_a_main_with_two_roots_counts_only_claims_of_its_first(unit: Unit, other: Unit) -> None:
    """Several roots: a main that took another history in before this server refused it
    (here: pushed while the pre-receive hook was away, as at the bootstrap) has two root
    commits. The other history's own approvals, ancestors of main, still count for nothing
    (they do not descend from main's first commit); approvals made here on a branch of the
    merged main, whose ancestry ends at both roots, count."""
    _approved_there(other)
    _fetch_other(unit, other)
    unit.branch("history")
    _merge_other(unit, "-s", "ours")
    hook = unit.bare / "hooks" / "pre-receive"
    away = hook.rename(unit.bare / "pre-receive.away")
    accepted(unit, unit.push())
    away.rename(hook)
    unit.fetch()
    roots = unit.clone.git("rev-list", "--max-parents=0", "origin/main").split()
    assert len(roots) == 2

    unit.branch("post/later")
    unit.write(POST, post_text("延时服务调整"))
    unit.commit("New post")
    assert _codes(unit, POST) == {ROOTED}
    err = unit.attack()
    assert "本仓库" in err

    unit.approve_all(POST)
    accepted(unit, unit.push())
    assert unit.review(POST)[0].publishable


def test_a_retraction_from_another_units_repository_takes_nothing_down(
    unit: Unit, other: Unit
) -> None:
    """Attack: the other unit's leader retracts its copy of a post whose path is ours too;
    its history merged here took our post down everywhere. Defence: the server refuses the
    foreign history, and ``retract`` on a history holding it finds no valid retraction (it
    does not descend from our first commit); our leader's retraction here counts."""
    target = SAMPLE_POSTS[1]
    other.branch("retract")
    other.retraction(HONEST[2], target)
    accepted(other, other.push())
    _fetch_other(unit, other)
    unit.branch("history")
    _merge_other(unit, "-s", "ours")
    assert "不属于本仓库的历史" in unit.attack()
    with pytest.raises(GovmediaError, match="本仓库"):
        find_approval(Project(unit.clone.path), target, ref="refs/heads/history")

    unit.branch("again")
    ours = unit.retraction(HONEST[2], target)
    accepted(unit, unit.push())
    found = find_approval(Project(unit.reader_clone("reader-ours")), target)
    assert (found.commit, found.approved_by) == (ours, sob(HONEST[2]))


def test_a_revocation_from_another_units_repository_withdraws_nothing(
    unit: Unit, other: Unit
) -> None:
    """Attack: our post is published with its three approvals; in the other unit's
    repository the 终审 reviewer signs a ``Revokes:`` naming our 终审 commit (a revocation
    meant for a copy of it there, or one the attacker obtained); merged here, it withdrew
    our approval and stopped the post. Defence: the server refuses the foreign history,
    and on a history holding it the revocation withdraws nothing (it does not descend from
    our first commit); the same revocation signed here does."""
    unit.branch("post/ours")
    unit.write(POST, post_text("延时服务调整"))
    unit.commit("New post")
    unit.approve_all(POST)
    final = unit.head()
    accepted(unit, unit.push())

    message = f"撤回审核意见\n\nRevokes: {final}\nSigned-off-by: {sob(HONEST[2])}\n"
    other.branch("revoke")
    other.signed(HONEST[2], message)
    accepted(other, other.push())
    _fetch_other(unit, other)
    unit.branch("history", "post/ours")
    _merge_other(unit, "-s", "ours")
    assert "不属于本仓库的历史" in unit.attack()
    assert review_posts(unit.clone.path, [POST], "history")[0].publishable

    unit.branch("revoke", "post/ours")
    unit.signed(HONEST[2], message)
    accepted(unit, unit.push())
    [review] = unit.review(POST)
    assert not review.publishable
    assert any(s.code == "not-revoked" for s in review.stages)


def _transplant(repo: Path, oid: str, parent: str) -> str:
    """The commit object ``oid`` with its one parent replaced by ``parent``, everything else
    (tree, author, message, the signature header) kept byte for byte; written, not checked."""
    raw = subprocess.run(
        ["git", "cat-file", "commit", oid], cwd=repo, capture_output=True, check=True
    ).stdout
    head, _, body = raw.partition(b"\n\n")
    lines = head.split(b"\n")
    assert sum(line.startswith(b"parent ") for line in lines) == 1
    lines = [b"parent " + parent.encode() if x.startswith(b"parent ") else x for x in lines]
    assert any(x.startswith(b"gpgsig ") for x in lines)
    return write_object(repo, b"\n".join(lines) + b"\n\n" + body)


def test_foreign_approvals_transplanted_onto_our_history_no_longer_verify(
    unit: Unit, other: Unit
) -> None:
    """Attack: the descent rule bypassed by rewriting the other unit's three signed approval
    commits onto our branch (each one's parent replaced, its signature header kept), so they
    descend from our first commit. Held: the signed bytes are the whole commit object but
    the signature header, parent lines included; a new parent is a new payload the
    reviewer never signed, so the signature is bad (a cherry-pick or rebase drops it
    altogether). Only the reviewer's own key can sign the transplant: a new approval here."""
    _approved_there(other)
    chain = other.clone.git("rev-list", "--reverse", "origin/main~3..origin/main").split()
    assert len(chain) == 3
    _fetch_other(unit, other)
    unit.branch("post/transplant")
    unit.write(POST, post_text("延时服务调整"))
    tip = unit.commit("New post")
    assert unit.blob(POST) == other.blob(POST, "origin/main")
    for oid in chain:
        tip = _transplant(unit.clone.path, oid, tip)
    unit.clone.git("reset", "-q", "--hard", tip)
    assert unit.clone.git("merge-base", "--is-ancestor", "origin/main", "HEAD") == ""
    assert _codes(unit, POST) == {"signature-valid"}
    err = unit.attack()
    assert "签名无效" in err


def test_a_shallow_clone_counts_claims_less_never_more(unit: Unit) -> None:
    """Shallow clones: the clone's edge cuts ancestry and never adds any. A post approved on
    a branch and merged into main is publishable in a whole clone; in a clone two commits
    deep the 终审 it still holds sits past the edge of main's first parents, so it does not
    belong to the repository there (and the earlier stages are missing): not publishable."""
    unit.branch("post/merged")
    unit.write(POST, post_text("延时服务调整"))
    unit.commit("New post")
    unit.approve_all(POST)
    unit.branch("main-moves")
    unit.write("content/posts/2026/11/other-note.md", post_text("另一篇"))
    unit.commit("Another post")
    unit.approve_all("content/posts/2026/11/other-note.md")
    unit.clone.git(
        "merge", "-q", "--no-ff", "-m", "Merge", "post/merged", env=unit.unsigned_env("王芳")
    )
    accepted(unit, unit.push())
    assert review_posts(unit.reader_clone("whole"), [POST])[0].publishable

    shallow = unit.tmp / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{unit.bare}", str(shallow)],
        check=True,
        capture_output=True,
    )
    [review] = review_posts(shallow, [POST])
    assert not review.publishable
    assert review.stages[2].code == ROOTED
    assert {s.code for s in review.stages[:2]} == {"approval-present"}
