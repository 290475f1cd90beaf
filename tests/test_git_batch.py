"""git.cat_file_batch and git.cat_blobs: one reader of ``git cat-file --batch`` behind both."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import git as pgit
from pipeline import proc
from tests.conftest import git


def _repo(tmp_path: Path) -> tuple[Path, str, str]:
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    (repo / "a.md").write_bytes("第一行\n\n第三行\n".encode())
    git("add", "a.md", cwd=repo)
    git("-c", "user.name=t", "-c", "user.email=t@example.cn", "commit", "-qm", "a", cwd=repo)
    blob = git("rev-parse", "HEAD:a.md", cwd=repo).strip()
    commit = git("rev-parse", "HEAD", cwd=repo).strip()
    return repo, blob, commit


def test_batch_reads_every_kind_and_leaves_out_the_missing(tmp_path: Path) -> None:
    repo, _blob, commit = _repo(tmp_path)
    found = pgit.cat_file_batch(["HEAD:a.md", commit, "HEAD:nope.md", "HEAD:a.md"], cwd=repo)
    assert found["HEAD:a.md"] == ("blob", "第一行\n\n第三行\n".encode())
    assert found[commit][0] == "commit" and b"\n\na\n" in found[commit][1]
    assert "HEAD:nope.md" not in found


def test_cat_blobs_keeps_blobs_only(tmp_path: Path) -> None:
    repo, blob, commit = _repo(tmp_path)
    assert pgit.cat_blobs([blob, commit, "", "0" * 40, blob], cwd=repo) == {
        blob: "第一行\n\n第三行\n".encode()
    }


def test_outside_a_repository_cat_blobs_is_empty_and_the_batch_raises(tmp_path: Path) -> None:
    _repo_dir, blob, _ = _repo(tmp_path)
    elsewhere = tmp_path / "not-a-repo"
    elsewhere.mkdir()
    assert pgit.cat_blobs([blob], cwd=elsewhere) == {}
    with pytest.raises(proc.CalledProcessError):
        pgit.cat_file_batch([blob], cwd=elsewhere)
