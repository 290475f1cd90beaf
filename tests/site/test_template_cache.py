"""The theme's templates compiled once (hook ``template_cache.py``): with the page cache on,
the environment keeps Jinja's compiled code in a private folder beside the page cache's
entries, a later build renders from it without compiling, an edited template is compiled
again, and a folder others can write is refused."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader, Environment
from mkdocs.exceptions import PluginError

from tests.site.kit import theme_hook

TEMPLATE = "{% for post in posts %}<p>{{ post | upper }}</p>{% endfor %}"


def hook(monkeypatch: pytest.MonkeyPatch, folder: Path | None) -> Any:
    loaded = theme_hook(monkeypatch, "template_cache", "gm_template_cache")
    monkeypatch.setattr(sys.modules["cache_store"].STATE, "folder", folder)
    return loaded


def environment(templates: dict[str, str]) -> Environment:
    return Environment(loader=DictLoader(templates))


def never_compile(*args: object, **kwargs: object) -> None:
    raise AssertionError("compiled again")


def test_a_later_build_renders_the_stored_code_without_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "page-cache"
    folder.mkdir(mode=0o700)
    stale = folder / "jinja-0000000000000000"
    stale.mkdir()
    (stale / "x.cache").write_bytes(b"old")
    templates = {"blog.html": TEMPLATE}
    first = hook(monkeypatch, folder).on_env(environment(templates), config=None, files=None)
    html = first.get_template("blog.html").render(posts=["a", "b"])
    assert html == "<p>A</p><p>B</p>"
    kept = [p for p in folder.glob("jinja-*") if p.is_dir()]
    assert len(kept) == 1 and kept[0] != stale and not stale.exists()
    assert len(list(kept[0].iterdir())) == 1
    assert kept[0].stat().st_mode & 0o777 == 0o700

    second = hook(monkeypatch, folder).on_env(environment(templates), config=None, files=None)
    monkeypatch.setattr(second, "compile", never_compile)
    assert second.get_template("blog.html").render(posts=["a", "b"]) == html

    edited = {"blog.html": TEMPLATE.replace("upper", "lower")}
    third = hook(monkeypatch, folder).on_env(environment(edited), config=None, files=None)
    assert third.get_template("blog.html").render(posts=["A"]) == "<p>a</p>"


def test_without_the_page_cache_nothing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = hook(monkeypatch, None).on_env(environment({"a.html": "x"}), config=None, files=None)
    assert env.bytecode_cache is None


def test_a_template_folder_others_can_write_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "page-cache"
    folder.mkdir(mode=0o700)
    loaded = hook(monkeypatch, folder)
    loaded.on_env(environment({"a.html": "x"}), config=None, files=None)
    (kept,) = folder.glob("jinja-*")
    kept.chmod(0o777)
    try:
        with pytest.raises(PluginError):
            loaded.on_env(environment({"a.html": "x"}), config=None, files=None)
    finally:
        kept.chmod(0o700)
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    for path in kept.iterdir():
        path.unlink()
    kept.rmdir()
    kept.symlink_to(target)
    with pytest.raises(PluginError):
        loaded.on_env(environment({"a.html": "x"}), config=None, files=None)


def test_every_environment_the_theme_makes_keeps_its_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The blog plugin's labels are rendered in environments of their own
    (``Theme.get_env``): they keep their compiled code in the same folder."""
    from jinja2 import FileSystemBytecodeCache
    from mkdocs.theme import Theme

    monkeypatch.setattr(Theme, "get_env", Theme.get_env)  # put back after the test
    folder = tmp_path / "page-cache"
    folder.mkdir(mode=0o700)
    loaded = hook(monkeypatch, folder)
    loaded.on_config({})
    env = Theme(name="material").get_env()
    assert isinstance(env.bytecode_cache, FileSystemBytecodeCache)
    (kept,) = folder.glob("jinja-*")
    assert env.bytecode_cache.directory == str(kept)
    env.get_template("partials/language.html").render(config={"theme": {"language": "zh"}})
    assert list(kept.iterdir())  # compiled once, stored

    monkeypatch.setattr(sys.modules["cache_store"].STATE, "folder", None)
    loaded.on_config({})  # a --full build: no page cache, nothing kept
    assert Theme(name="material").get_env().bytecode_cache is None
