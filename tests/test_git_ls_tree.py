"""``git.ls_tree``: the one reader of a tree's files (round 19a merged the copy index's own).

``copy_index.archived_posts`` walked a tree with its own ``ls-tree`` beside
``git.ls_tree``: two parsers of one listing, one keeping links, one failing open (an
unreadable tree was an empty map). One helper now: a mode filter, names passed back to git
as the same bytes, and a listing it cannot read or parse refuses. Real repositories.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline import git, proc
from pipeline.review.copy_index import archived_posts
from tests.conftest import init_repo

POST = "---\ntitle: 标题\ndate: 2026-12-01\n---\n\n正文。\n"


def _tree(tmp_path: Path) -> tuple[Path, str]:
    repo = init_repo(tmp_path / "repo")
    repo.write("content/posts/2026/12/a.md", POST)
    repo.write("content/posts/2026/12/run.md", POST)
    os.chmod(repo.path / "content/posts/2026/12/run.md", 0o755)
    os.symlink("a.md", repo.path / "content/posts/2026/12/link.md")
    odd = os.fsencode(str(repo.path / "content/posts/2026/12")) + b"/\xb5.md"
    with open(odd, "wb") as handle:
        handle.write(POST.encode())
    repo.write("content/posts/2026/12/notes.txt", "x")
    repo.write("README.md", "x")
    return repo.path, repo.commit("posts")


def test_every_blob_by_default_and_regular_files_with_the_mode_filter(tmp_path: Path) -> None:
    root, tip = _tree(tmp_path)
    every = git.ls_tree(tip, "content/posts", cwd=root)
    folder = "content/posts/2026/12/"
    odd = folder + os.fsdecode(b"\xb5.md")
    assert set(every) == {folder + n for n in ("a.md", "run.md", "link.md", "notes.txt")} | {odd}
    regular = git.ls_tree(tip, "content/posts", cwd=root, modes=git.REGULAR_MODES)
    assert folder + "link.md" not in regular and folder + "run.md" in regular
    # a name that is not UTF-8 is read back by git as the same bytes
    assert git.show_blob(f"{tip}:{odd}", cwd=root) == POST.encode()
    # from a sub-folder the names are still the tree's
    assert git.ls_tree(tip, "content/posts", cwd=root / "content") == every


def test_the_copy_index_lists_regular_posts_through_the_one_helper(tmp_path: Path) -> None:
    root, tip = _tree(tmp_path)
    posts = archived_posts(root, tip)
    folder = "content/posts/2026/12/"
    assert folder + "a.md" in posts and folder + "run.md" in posts
    assert folder + "link.md" not in posts and folder + "notes.txt" not in posts
    assert posts[folder + "a.md"] == git.ls_tree(tip, folder + "a.md", cwd=root)[folder + "a.md"]


def test_a_tree_git_cannot_read_refuses_instead_of_reading_empty(tmp_path: Path) -> None:
    root, _ = _tree(tmp_path)
    with pytest.raises(proc.CalledProcessError):
        git.ls_tree("0" * 40, "content/posts", cwd=root)
    with pytest.raises(proc.CalledProcessError):
        archived_posts(root, "refs/heads/no-such-branch")
    assert git.ls_tree("HEAD", "no/such/folder", cwd=root) == {}  # an empty folder is empty
