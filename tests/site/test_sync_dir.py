"""``replace.sync_dir`` when a path changes kind: a file becomes a folder, a folder a file,
nested folders go, a symlink to a folder goes without touching what it points to."""

from __future__ import annotations

from pathlib import Path

from pipeline.site.replace import sync_dir


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
