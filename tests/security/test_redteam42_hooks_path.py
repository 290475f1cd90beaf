"""Red team, round 42: where git takes the server's hooks from.

``govmedia install-hooks`` wrote its pre-receive and post-receive into ``<bare>/hooks`` and
reported them installed. Git runs a repository's hooks from ``core.hooksPath`` when any level
of its configuration names one: the system's, the server user's (a folder of hooks shared by
every repository, or ``/dev/null``, the usual way to silence hooks), the repository's own.
With such a setting on the server git ran none of govmedia's hooks: every push was taken,
an unreviewed post landed on main, and nothing told the operator. Real bare repositories,
the real ``govmedia install-hooks``, real pushes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import Repo, git, run_cli
from tests.review_support import Key
from tests.security.battery_support import Unit, accepted, post_text

POST = "content/posts/2026/11/weishenhe-tongzhi.md"


def _server(
    tmp_path: Path, template: Path, keys: dict[str, Key], monkeypatch: pytest.MonkeyPatch
) -> Unit:
    """The seeded unit without hooks: a bare remote and an editor's clone of it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(template / "cache"))
    bare = tmp_path / "remote.git"
    shutil.copytree(template / "remote.git", bare, symlinks=True)
    clone = tmp_path / "clone"
    shutil.copytree(template / "clone", clone, symlinks=True)
    repo = Repo(clone)
    repo.git("remote", "set-url", "origin", str(bare))
    repo.git("fetch", "-q", "origin")
    return Unit(bare, repo, keys, tmp_path)


def _install(unit: Unit, env: dict[str, str] | None = None) -> tuple[int, str]:
    """The real ``govmedia install-hooks``; the publisher's hook is removed after it (this
    file judges the refusals, not the publishing)."""
    result = run_cli("install-hooks", str(unit.bare), cwd=unit.tmp, env=env)
    (unit.bare / "hooks" / "post-receive").unlink(missing_ok=True)
    return result.code, result.out + result.err


def _unreviewed(unit: Unit) -> None:
    unit.write(POST, post_text("未经审核的通知"))
    unit.commit("New post, never reviewed")


@pytest.mark.parametrize("setting", ["shared", "/dev/null"])
def test_a_hooks_path_of_the_servers_configuration_never_silences_the_installed_hooks(
    setting: str,
    tmp_path: Path,
    battery_template: Path,
    battery_keys: dict[str, Key],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Attack (a pusher, on a server whose git user's configuration names a hooks folder):
    install-hooks reported both hooks installed, the pusher's unreviewed post went to main.
    Defence: the bare repository's own configuration names its ``hooks`` folder, which the
    server user's or the system's value cannot override; the push is refused."""
    unit = _server(tmp_path, battery_template, battery_keys, monkeypatch)
    shared = tmp_path / "shared-hooks"
    shared.mkdir()
    value = str(shared) if setting == "shared" else setting
    git("config", "--global", "core.hooksPath", value, cwd=tmp_path)
    code, out = _install(unit)
    assert code == 0, out
    assert list(shared.iterdir()) == []  # nothing written into another repository's hooks
    _unreviewed(unit)
    err = unit.attack()
    assert "初审" in err or "审核" in err, err


def test_a_hooks_path_the_repository_names_is_the_operators_to_remove(
    tmp_path: Path,
    battery_template: Path,
    battery_keys: dict[str, Key],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bare repository's own configuration naming another folder (and an override in the
    installing process's environment) is no longer installed over in silence: install-hooks
    refuses, names the setting in Chinese and claims nothing installed."""
    unit = _server(tmp_path, battery_template, battery_keys, monkeypatch)
    shared = tmp_path / "shared-hooks"
    shared.mkdir()
    git("config", "core.hooksPath", str(shared), cwd=unit.bare)
    code, out = _install(unit)
    assert code != 0 and "core.hooksPath" in out and "已安装钩子" not in out, out
    assert not (unit.bare / "hooks" / "pre-receive").exists()
    git("config", "--unset-all", "core.hooksPath", cwd=unit.bare)
    override = {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "core.hooksPath",
        "GIT_CONFIG_VALUE_0": "/dev/null",
    }
    code, out = _install(unit, override)
    assert code != 0 and "core.hooksPath" in out and "已安装钩子" not in out, out


def test_installed_hooks_judge_pushes_and_keep_doing_so_when_the_repository_moves(
    tmp_path: Path,
    battery_template: Path,
    battery_keys: dict[str, Key],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Honest counterpart: on a server without any ``core.hooksPath`` install-hooks works (and
    again, over its own setting); the hooks refuse an unreviewed post and take the same post
    with its three approvals, also after the bare repository was moved."""
    unit = _server(tmp_path, battery_template, battery_keys, monkeypatch)
    assert _install(unit)[0] == 0
    code, out = _install(unit)
    assert code == 0 and "已安装钩子" in out, out
    moved = tmp_path / "moved.git"
    unit.bare.rename(moved)
    unit.bare = moved
    unit.clone.git("remote", "set-url", "origin", str(moved))
    _unreviewed(unit)
    unit.attack()
    unit.approve_all(POST)
    accepted(unit, unit.push())
    assert unit.server_ref() == unit.head()
