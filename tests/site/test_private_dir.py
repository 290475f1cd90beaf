"""The one test of a private folder, shared by the build's stores and the page cache hook."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from pipeline.errors import GovmediaError
from pipeline.site import stores, theme
from pipeline.site.theme.private_dir import private_dir


def test_only_a_directory_of_this_user_that_no_one_else_can_write_is_private(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "store"
    folder.mkdir(mode=0o700)
    assert private_dir(os.lstat(folder))
    for mode in (0o720, 0o702, 0o777):
        folder.chmod(mode)
        assert not private_dir(os.lstat(folder))
    folder.chmod(0o755)  # others may read, not write
    assert private_dir(os.lstat(folder))
    link = tmp_path / "link"
    link.symlink_to(folder)
    assert not private_dir(os.lstat(link))
    plain = tmp_path / "file"
    plain.write_text("x", encoding="utf-8")
    plain.chmod(0o700)
    assert not private_dir(os.lstat(plain))


def test_the_stores_and_the_page_cache_refuse_the_same_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(theme.THEME_DIR))  # as mkdocs loads the hooks
    monkeypatch.delitem(sys.modules, "cache_store", raising=False)
    cache_store = importlib.import_module("cache_store")
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    assert stores._private(folder) == folder
    assert cache_store.safe_folder(str(folder)) == folder
    folder.chmod(0o770)
    try:
        with pytest.raises(GovmediaError):
            stores._private(folder)
        with pytest.raises(PluginError):
            cache_store.safe_folder(str(folder))
    finally:
        folder.chmod(0o700)
    link = tmp_path / "link"
    link.symlink_to(folder)
    with pytest.raises(GovmediaError):
        stores._private(link)
    with pytest.raises(PluginError):
        cache_store.safe_folder(str(link))
