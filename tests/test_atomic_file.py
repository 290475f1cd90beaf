"""``atomic_file.write_text``: the whole new text or the old file, private, no leftovers."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from pipeline import atomic_file


def test_replaces_the_file_whole_and_private(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_text("旧内容", encoding="utf-8")
    target.chmod(0o644)
    atomic_file.write_text(target, "新内容\n")
    assert target.read_text(encoding="utf-8") == "新内容\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_text("旧内容", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic_file.write_text(target, "半\udc80", prefix="govmedia-")
    assert target.read_text(encoding="utf-8") == "旧内容"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


def test_no_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        atomic_file.write_text(tmp_path / "missing" / "state.json", "x")
