"""``content.iter_post_files`` lists what its first form, ``sorted`` of an ``rglob``, lists:
every ``*.md`` under ``content/posts`` that is a file or a link, no folder reached through a
link, in the order of the paths' parts (pathlib's, not the strings')."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline import content
from pipeline.project import Project


def _by_rglob(project: Project) -> list[Path]:
    posts = project.posts_dir
    return sorted(p for p in posts.rglob("*.md") if p.is_file() or p.is_symlink())


def _odd_tree(root: Path, outside: Path) -> None:
    posts = root / "content/posts"
    for rel in (
        "2026/01/a.md",
        "2026/01/b.MD",
        "2026/01/.hidden.md",
        "2026/01/.md",
        "2026/01/note.txt",
        "2026/01-x/c.md",  # "01-x" sorts after "01" by parts, before it as a string
        "2026/01/x/d.md",
        ".drafts/e.md",
        "top.md",
        "名称/中文.md",
    ):
        (posts / rel).parent.mkdir(parents=True, exist_ok=True)
        (posts / rel).write_text("---\n", encoding="utf-8")
    (posts / "2026/folder.md").mkdir()  # a folder so named: neither listed nor skipped
    (posts / "2026/folder.md/inside.md").write_text("---\n", encoding="utf-8")
    (posts / "2026/link.md").symlink_to(posts / "top.md")
    (posts / "2026/broken.md").symlink_to(posts / "nowhere.md")
    (outside / "far").mkdir(parents=True)
    (outside / "far/f.md").write_text("---\n", encoding="utf-8")
    (posts / "2026/linked").symlink_to(outside / "far", target_is_directory=True)
    (posts / "2026/dirlink.md").symlink_to(outside / "far", target_is_directory=True)
    os.mkfifo(posts / "2026/pipe.md")


def test_the_same_files_in_the_same_order_as_rglob(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _odd_tree(root, tmp_path / "outside")
    project = Project(root)
    listed = content.iter_post_files(project)
    assert listed == _by_rglob(project)
    names = [p.relative_to(project.posts_dir).as_posix() for p in listed]
    assert "2026/01/b.MD" not in names and "2026/pipe.md" not in names
    assert "2026/folder.md" not in names and "2026/folder.md/inside.md" in names
    assert {"2026/link.md", "2026/broken.md", "2026/dirlink.md"} <= set(names)
    assert not any(n.startswith("2026/linked/") for n in names)
    assert names.index("2026/01/x/d.md") < names.index("2026/01-x/c.md")


def test_no_posts_folder_or_posts_folder_through_a_link(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    project = Project(root)
    assert content.iter_post_files(project) == []
    _odd_tree(tmp_path / "other", tmp_path / "outside")
    (root / "content").mkdir()
    (root / "content/posts").symlink_to(tmp_path / "other/content/posts")
    assert content.iter_post_files(project) == _by_rglob(project) != []
