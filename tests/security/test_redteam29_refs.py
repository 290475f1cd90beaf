"""Red team round 29: refs other than branches, in the hosted publisher's clone.

The unit's own server refuses every ref outside ``refs/heads/`` and its work clone fetches
no tags (class 2). A forge has no pre-receive: anyone who may push a branch there (to open
a pull request) may usually push a tag too, and branch protection does not cover tags.
``publish.yml`` and ``watch.yml`` check out with ``fetch-depth: 0``, which fetches every
tag. Git resolves a bare name as ``refs/tags/<name>`` before ``refs/heads/<name>``, and the
publisher named its branch bare (``main``) where it verified the ledger's history, read the
roster that names the publisher key, compared the committed ledger and pushed: a tag
``main`` made the publisher verify a history other than the one it reads (a forged ledger
step on the branch went unnoticed), refuse its own key, and fail to push (``src refspec
main matches more than one``). Now every branch the publisher reads is ``refs/heads/<name>``.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.review.verify import review_posts
from tests.conftest import run_cli
from tests.publish_support import add_approved_post, env_for, git, publisher_cli
from tests.security.battery_support import ROSTER, Unit, post_text, with_puppets
from tests.security.ledger_support import signed_commit
from tests.security.test_ledger_readers import EDITOR, deliveries
from tests.security.test_ledger_readers import repo as repo  # the unit, published
from tests.security.test_redteam27_orphan_pr import _forge_tombstone
from tests.security.test_redteam27_roster_steps import _ci_verify

PUPPET_POST = "content/posts/2026/11/weishenhe.md"
NEW_POST = "content/posts/2026/03/dating-kaifang-shijian.md"


def _forge(repo: Path) -> Path:
    """A hookless bare remote (the forge) holding the unit's main as ``origin``."""
    forge = repo.parent / "forge.git"
    git(repo.parent, "init", "-q", "--bare", "-b", "main", str(forge))
    git(repo, "remote", "add", "origin", str(forge))
    git(repo, "push", "-q", "origin", "main")
    git(repo, "fetch", "-q", "origin")
    return forge


def _tag_fetched(repo: Path, forge: Path, name: str, target: str) -> None:
    """An editor pushes tag ``name`` to the forge; the workflow's checkout fetches it."""
    git(repo, "push", "-q", "origin", f"{target}:refs/tags/{name}")
    git(repo, "fetch", "-q", "--tags", "origin")
    assert git(repo, "rev-parse", f"refs/tags/{name}").strip() == target


def test_a_tag_named_main_never_hides_a_forged_ledger_step(repo: Path, emulator: Emulator) -> None:
    """Attack: main holds an editor's unsigned ledger step (a retraction only the publisher
    may write, past the forge's check); a tag ``main`` names the honest commit before it.
    The publisher verified the tag's history and read the branch's ledger: the forged line
    was believed. Now the branch's own history is verified and the run stops."""
    forge = _forge(repo)
    honest = git(repo, "rev-parse", "HEAD").strip()
    _forge_tombstone(repo)  # a well-formed line (checksum and all): only its signer is wrong
    forged = signed_commit(repo, "Ledger: forged tombstone", None, who=EDITOR)
    git(repo, "push", "-q", "origin", "main")
    _tag_fetched(repo, forge, "main", honest)
    before = deliveries(emulator)
    for args in (("publish", "--dry-run"), ("publish", "--push")):
        result = publisher_cli(repo, env_for(emulator), *args, timeout=120)
        assert result.code != 0, result.out + result.err
        assert "发布台账不可信" in result.err and forged[:12] in result.err, result.err
        assert "Traceback" not in result.err
    assert deliveries(emulator) == before


def test_a_tag_named_main_changes_nothing_the_hosted_publisher_does(
    repo: Path, emulator: Emulator
) -> None:
    """Attack: a tag ``main`` at the unit's first commit, whose roster has no publisher key.
    The publisher read the publisher key's roster from the tag and refused its own key, and
    its push of ``main`` was ambiguous. Now the run publishes the newly approved post,
    commits the ledger with the branch's roster, and pushes the branch; the tag stays."""
    forge = _forge(repo)
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    add_approved_post(repo, NEW_POST)
    git(repo, "push", "-q", "origin", "main")
    _tag_fetched(repo, forge, "main", first)
    before = deliveries(emulator)
    result = publisher_cli(repo, env_for(emulator), "publish", "--push", timeout=120)
    assert result.code == 0, result.out + result.err
    assert deliveries(emulator) > before
    tip = git(repo, "rev-parse", "refs/heads/main").strip()
    assert git(forge, "rev-parse", "refs/heads/main").strip() == tip
    assert git(repo, "log", "-1", "--format=%s", tip).startswith("Ledger:")
    assert git(forge, "rev-parse", "refs/tags/main").strip() == first
    # the readers of the ledger on that clone read the branch too
    assert run_cli("publish", "--dry-run", cwd=repo, env=env_for(emulator)).code == 0


def test_a_replace_ref_in_the_checks_clone_never_swaps_the_roster(unit: Unit) -> None:
    """Pinned: a forge runs no pre-receive, so a replace ref swapping main's roster blob for
    one with puppets can sit in a clone that fetched it (``git fetch origin
    'refs/replace/*:refs/replace/*'``). Plain git then reads the puppets' roster; verify,
    status and the publisher's readers read the approved one (``--no-replace-objects``),
    and the puppets' approvals count for nothing."""
    roster_blob = unit.blob(ROSTER, "origin/main")
    evil = unit.tmp / "evil-roster.yml"
    evil.write_text(with_puppets(unit.roster("origin/main"), unit.keys), encoding="utf-8")
    replacement = unit.clone.git("hash-object", "-w", str(evil)).strip()
    unit.clone.git("replace", "-f", roster_blob, replacement)
    assert "傀儡丙" in unit.clone.git("show", f"origin/main:{ROSTER}")  # git obeys the ref
    unit.branch("puppets")
    unit.write(PUPPET_POST, post_text("未经审核的文章"))
    unit.commit("新文章")
    unit.approval_all(PUPPET_POST, people=("傀儡甲", "傀儡乙", "傀儡丙"))
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1 and f"file={PUPPET_POST}" in out and "三审未完成" in out, out + err
    (review,) = review_posts(unit.clone.path, [PUPPET_POST], "HEAD")
    assert not review.publishable
