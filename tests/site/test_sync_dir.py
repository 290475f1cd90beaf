"""``replace.sync_dir`` when a path changes kind (a file becomes a folder, a folder a file,
nested folders go, a symlink to a folder goes without touching what it points to), and
``replace.write_or_link``: a file (a page, an image) of the last generation with the same
bytes is linked, and kept by ``sync_dir`` as it is."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from pipeline.site import replace
from pipeline.site.archive import ArchivePost, PostFacts
from pipeline.site.media import write_images
from pipeline.site.paths import MEDIA_DIR, media_name
from pipeline.site.replace import sync_dir, write_or_link


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def listing(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in root.rglob("*")
        if p.is_file()
    }


def test_paths_that_change_kind_and_nested_folders(tmp_path: Path) -> None:
    target, new, outside = tmp_path / "docs", tmp_path / "new", tmp_path / "outside"
    write(target, {"a": "文件", "b/c.md": "c", "gone/deep/er/x.md": "x", "gone-too.md": "y"})
    write(target, {"keep/same.md": "同", "keep/size.md": "长度不同"})
    write(outside, {"o.md": "外"})
    (target / "keep/linked").symlink_to(outside, target_is_directory=True)
    write(new, {"a/inside.md": "新", "b": "现在是文件", "keep/same.md": "同", "keep/size.md": "短"})
    same = (target / "keep/same.md").stat().st_ino

    assert sync_dir(new, target) == 3
    assert listing(target) == {
        "a/inside.md": "新",
        "b": "现在是文件",
        "keep/same.md": "同",
        "keep/size.md": "短",
    }
    assert sorted(p.name for p in target.iterdir()) == ["a", "b", "keep"]
    assert (target / "keep/same.md").stat().st_ino == same
    assert listing(outside) == {"o.md": "外"} and not new.exists()


def test_an_empty_new_folder_empties_the_target(tmp_path: Path) -> None:
    target, new = tmp_path / "docs", tmp_path / "new"
    write(target, {"x/y.md": "y", "z.md": "z"})
    new.mkdir()
    assert sync_dir(new, target) == 0
    assert list(target.iterdir()) == []


def test_write_or_link_links_only_the_same_bytes_of_a_regular_file(tmp_path: Path) -> None:
    previous, new = tmp_path / "previous", tmp_path / "new"
    write(previous, {"same.md": "同样的内容", "other.md": "旧内容", "target.md": "同样的内容"})
    (previous / "link.md").symlink_to(previous / "target.md")
    new.mkdir()
    for name in ("same.md", "other.md", "link.md", "missing.md"):
        write_or_link(new / name, "同样的内容", previous / name)
    write_or_link(new / "none.md", "同样的内容")
    assert listing(new) == dict.fromkeys(
        ["same.md", "other.md", "link.md", "missing.md", "none.md"], "同样的内容"
    )
    assert os.path.samefile(new / "same.md", previous / "same.md")
    for name in ("other.md", "link.md", "missing.md", "none.md"):
        assert (new / name).stat().st_nlink == 1, name
    assert listing(previous)["other.md"] == "旧内容"


def test_sync_dir_keeps_a_linked_file_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, new = tmp_path / "docs", tmp_path / "new"
    write(target, {"posts/a.md": "甲", "posts/b.md": "乙"})
    (new / "posts").mkdir(parents=True)
    write_or_link(new / "posts/a.md", "甲", target / "posts/a.md")
    write_or_link(new / "posts/b.md", "乙丙", target / "posts/b.md")  # another size: not read
    kept = (target / "posts/a.md").stat()

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"read {args}")

    monkeypatch.setattr(replace, "open", no_reading, raising=False)
    assert sync_dir(new, target) == 1
    monkeypatch.undo()
    assert listing(target) == {"posts/a.md": "甲", "posts/b.md": "乙丙"}
    after = (target / "posts/a.md").stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_nlink) == (kept.st_ino, kept.st_mtime_ns, 1)


def test_images_of_the_last_generation_are_linked_when_the_same(tmp_path: Path) -> None:
    previous, new = tmp_path / "previous", tmp_path / "new"
    png, other = b"\x89PNG\r\n\x1a\n same", b"\x89PNG\r\n\x1a\n other"
    facts = PostFacts(title="图", date=dt.date(2026, 1, 1), body="![图](a.png)")
    post = ArchivePost("p", "content/posts/p.md", facts, [], [], images={"a.png": png})
    (previous / MEDIA_DIR).mkdir(parents=True)
    (previous / MEDIA_DIR / media_name(png, "a.png")).write_bytes(png)
    urls = write_images(post, new, previous)
    name = media_name(png, "a.png")
    assert urls == {"a.png": f"../{MEDIA_DIR}/{name}"}
    assert os.path.samefile(new / MEDIA_DIR / name, previous / MEDIA_DIR / name)
    post.images = {"b.png": other}
    write_images(post, new, previous)
    written = new / MEDIA_DIR / media_name(other, "b.png")
    assert written.read_bytes() == other and written.stat().st_nlink == 1
