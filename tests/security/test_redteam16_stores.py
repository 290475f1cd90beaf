"""Red team, round 16: the page cache's folder is named to the mkdocs process by the build
alone.

The folder holds pages, excerpts' HTML and jieba's cuts that go to the site as stored, and
``jinja-<hash>/``, compiled template code the mkdocs process runs
(``theme/template_cache.py``). The hooks find it through one environment variable
(``GOVMEDIA_PAGE_CACHE``). Whoever starts a build (a CI job's settings, a script, a shell
profile) could name a folder of their choosing there; a ``govmedia build --full`` must then
read and keep nothing, and an incremental build must use only the store folder inside the
checkout's git directory.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from pipeline.site import theme
from pipeline.site.build import mkdocs_env
from tests.site.kit import theme_hook


def _hooks_with(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> Environment:
    """The page cache and template cache hooks configured as mkdocs does, in ``env``: one
    store (``cache_store``) shared by both, as in one mkdocs process."""
    monkeypatch.setattr(os, "environ", dict(env))
    page_cache = theme_hook(monkeypatch, "page_cache", "gm_page_cache_r16")
    spec = importlib.util.spec_from_file_location(
        "gm_template_cache_r16", theme.THEME_DIR / "template_cache.py"
    )
    assert spec is not None and spec.loader is not None
    template_cache = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(template_cache)  # beside page_cache: the same cache_store
    page_cache.on_config({"site_url": "http://127.0.0.1:8000/"})
    environment = Environment(loader=DictLoader({"a.html": "{{ x }}"}))
    return template_cache.on_env(environment, config=None, files=None)


def test_a_page_cache_named_by_the_callers_environment_is_never_handed_to_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attack: the caller's environment names a folder of the attacker's (private to the
    building user, so the hooks' own check passes: a folder the user was made to create,
    or one a tool keeps) holding planted compiled templates. Defence: the build hands
    mkdocs an environment of its own (``build.mkdocs_env``): an inherited
    ``GOVMEDIA_PAGE_CACHE`` is dropped, so a full build keeps and reads no compiled code,
    and an incremental build names only its own store folder."""
    planted = tmp_path / "planted"
    planted.mkdir(mode=0o700)
    inherited = {"PATH": os.environ.get("PATH", ""), theme.PAGE_CACHE_VARIABLE: str(planted)}
    full = mkdocs_env(inherited, tmp_path / "docs")
    assert theme.PAGE_CACHE_VARIABLE not in full
    assert _hooks_with(monkeypatch, full).bytecode_cache is None
    assert list(planted.iterdir()) == []

    own = tmp_path / "own"
    own.mkdir(mode=0o700)
    incremental = mkdocs_env(inherited, tmp_path / "docs", own)
    assert incremental[theme.PAGE_CACHE_VARIABLE] == str(own)
    kept = _hooks_with(monkeypatch, incremental)
    assert kept.bytecode_cache is not None
    assert kept.get_template("a.html").render(x="甲") == "甲"
    assert [p.name[:6] for p in own.iterdir()] == ["jinja-"]
    assert list(planted.iterdir()) == []
