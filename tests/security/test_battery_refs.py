"""Attack battery, class 7: refs other than branches.

Only ``refs/heads/<name>`` may be pushed (name not ``HEAD``, not containing ``refs/``): a tag
named ``main`` would shadow the branch for ``git rev-parse main``, ``refs/replace/*`` would
swap objects (the roster) under readers, ``refs/notes/*`` and other namespaces are not the
pipeline's.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.security.battery_support import (
    MAIN,
    ROSTER,
    Unit,
    accepted,
    post_text,
    with_puppets,
)

POST = "content/posts/2026/11/weishenhe.md"


def unreviewed_commit(unit: Unit) -> str:
    """A commit on top of main bringing an unreviewed post."""
    unit.branch("unreviewed")
    unit.write(POST, post_text("未经审核的文章"))
    return unit.commit("Unreviewed post")


def tag_named_main(unit: Unit) -> list[str]:
    unreviewed_commit(unit)
    return ["HEAD:refs/tags/main"]


def annotated_tag(unit: Unit) -> list[str]:
    unreviewed_commit(unit)
    unit.clone.git("tag", "-a", "-m", "发布", "v1")
    return ["refs/tags/v1:refs/tags/v1"]


def replace_roster_blob(unit: Unit) -> list[str]:
    roster_blob = unit.blob(ROSTER, "origin/main")
    evil = unit.hash_blob(with_puppets(unit.roster("origin/main"), unit.keys))
    path = unit.tmp / "evil-roster.yml"
    path.write_text(with_puppets(unit.roster("origin/main"), unit.keys), encoding="utf-8")
    assert unit.clone.git("hash-object", "-w", str(path)).strip() == evil
    unit.clone.git("replace", "-f", roster_blob, evil)
    return [f"refs/replace/{roster_blob}:refs/replace/{roster_blob}"]


def notes(unit: Unit) -> list[str]:
    unit.clone.git("notes", "add", "-m", "Review-Stage: 3", "origin/main")
    return ["refs/notes/commits:refs/notes/commits"]


def branch_named_head(unit: Unit) -> list[str]:
    unreviewed_commit(unit)
    return ["HEAD:refs/heads/HEAD"]


def branch_containing_refs(unit: Unit) -> list[str]:
    unreviewed_commit(unit)
    return ["HEAD:refs/heads/refs/heads/main"]


def remote_tracking_ref(unit: Unit) -> list[str]:
    unreviewed_commit(unit)
    return ["HEAD:refs/remotes/origin/main"]


def pull_ref(unit: Unit) -> list[str]:
    unreviewed_commit(unit)
    return ["HEAD:refs/pull/1/head"]


@pytest.mark.parametrize(
    "make",
    [
        tag_named_main,
        annotated_tag,
        replace_roster_blob,
        notes,
        branch_named_head,
        branch_containing_refs,
        remote_tracking_ref,
        pull_ref,
    ],
)
def test_refs_outside_refs_heads_are_refused(unit: Unit, make: Callable[[Unit], list[str]]) -> None:
    """Attack: push a ref outside ``refs/heads/<name>`` (a tag named main, a replace ref for
    the roster blob, notes, a branch named HEAD or containing ``refs/``, other namespaces).
    Defence: pre-receive refuses it; the server's refs stay as they were. Honest: an
    ordinary working branch is accepted."""
    refspecs = make(unit)
    unit.attack(*refspecs)
    assert unit.server_ref("main") == unit.server_ref(MAIN)
    unit.branch("feature/honest")
    unit.write("content/posts/2026/11/zhengchang.md", post_text("正常的工作分支"))
    unit.commit("Work in progress")
    accepted(unit, unit.push("HEAD:refs/heads/feature/honest"))
