"""A command that judges a branch by main reads main's tip once: the base it starts from
and the tip whose roster and unit files judge it come from the same reading
(``verify.base_and_tip``), so a ``git fetch`` that moves ``origin/main`` while
``approve`` runs cannot pair the roster of one tip with the rule files of another.

Counted: the review's readings of the one reader both share (``git.fetched_tip``, through
``verify.target_tip``). The content check's own reading of main's tip
(``rules.copy_order.main_tip``: which copy of a text is the original) is not threaded
through yet."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline import git
from pipeline.review import verify
from pipeline.review.approve import approve
from tests.conftest import Repo
from tests.test_review_protocol import POST, build_world


def _count_tip_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every reading of main's tip made by the review (``verify.target_tip``)."""
    reads: list[str] = []
    real = git.fetched_tip

    def counted(branch: str, *, cwd: str | Path) -> str | None:
        if sys._getframe(1).f_globals["__name__"] == verify.__name__:
            reads.append(branch)
        return real(branch, cwd=cwd)

    monkeypatch.setattr(git, "fetched_tip", counted)
    return reads


def test_approve_reads_main_tip_once(
    tmp_path: Path, sample_repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = build_world(tmp_path, sample_repo)
    for key, value in world.env("张伟").items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(world.repo.path)
    reads = _count_tip_reads(monkeypatch)
    result = approve(world.repo.path, [POST], 1, env=world.env("张伟"))
    assert result.stage == 1 and result.approves
    assert reads == [verify.TARGET_BRANCH], reads


def test_base_and_tip_agree_with_their_parts(tmp_path: Path, sample_repo: Repo) -> None:
    world = build_world(tmp_path, sample_repo)
    root = world.repo.path
    base, tip = verify.base_and_tip(root)
    assert tip == verify.target_tip(root) == world.repo.git("rev-parse", "origin/main").strip()
    assert base == git.merge_base(tip, "HEAD", cwd=root)
