"""A command that judges a branch by main reads main's tip once: the base it starts from
and the tip whose roster and unit files judge it come from the same reading
(``verify.base_and_tip``), so a ``git fetch`` that moves ``origin/main`` while
``approve`` runs cannot pair the roster of one tip with the rule files of another.

Counted: the review's readings of the one reader both share (``git.fetched_tip``, through
``verify.target_tip``), and the content check's (``rules.copy_order.main_tip``: which copy
of a text is the original, and whether ``check`` says there was no main to order by), once
per run (``copy_order.read_once``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from pipeline import git
from pipeline.review import verify
from pipeline.review.approve import approve
from pipeline.rules import copy_order
from tests.conftest import Repo
from tests.test_review_protocol import POST, build_world


def _count_tip_reads(monkeypatch: pytest.MonkeyPatch, by: str = verify.__name__) -> list[str]:
    """Every reading of main's tip made by the module ``by`` (the review's
    ``verify.target_tip`` unless told)."""
    reads: list[str] = []
    real = git.fetched_tip

    def counted(branch: str, *, cwd: str | Path) -> str | None:
        if sys._getframe(1).f_globals["__name__"] == by:
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


@pytest.mark.parametrize("cached", [True, False])
def test_check_reads_main_tip_once(
    cached: bool, tmp_path: Path, sample_repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.commands import check

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = sample_repo.path
    post = next((root / "content" / "posts").rglob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\n新增一段说明。\n", encoding="utf-8")
    monkeypatch.chdir(root)
    built: list[bool] = []
    real_index = copy_order.held_posts

    def held(where: Path) -> frozenset[str] | None:
        built.append(True)
        return real_index(where)

    monkeypatch.setattr(copy_order, "held_posts", held)
    reads = _count_tip_reads(monkeypatch, by=copy_order.__name__)
    parser = argparse.ArgumentParser()
    check.add_arguments(parser)
    argv = ["--jobs", "1", "--format", "json", *([] if cached else ["--no-cache"])]
    assert check.run(parser.parse_args(argv)) in (0, 1)
    assert built, "the copy index was built: it ordered the posts by main"
    assert reads == [copy_order.BASE_BRANCH], reads
    # outside a run, each reading asks git again (a long-lived process sees main move)
    copy_order.main_tip(root)
    copy_order.main_tip(root)
    assert len(reads) == 3
