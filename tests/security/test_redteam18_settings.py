"""Red team, round 18a: the server's settings are read once per push, and a wrong one is
named by file, line and key.

The pre-receive hook read the bare repository's ``govmedia.env`` three times per push (the
number of refs, the number of commits and files, the content check's CPU and memory): a
file rewritten between the reads gave one push two sets of limits, and a wrong value was
named only by its variable. The hook now reads it once (``push_limits.ServerSettings``) and
every check asks its limits of that reading. Real pushes to a bare repository with the
installed hooks; the values, defaults and wrong values behave as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import envvars
from pipeline.errors import ConfigError
from pipeline.review import server
from pipeline.review.push_limits import (
    CHECK_MEMORY,
    CHECK_SECONDS,
    DEFAULT_CHECK_MEMORY_MB,
    DEFAULT_CHECK_SECONDS,
    DEFAULT_MAX_COMMITS,
    DEFAULT_MAX_FILES,
    MAX_COMMITS,
    MAX_FILES,
    MAX_REFS,
    MEMORY_ENV,
    SECONDS_ENV,
    ServerSettings,
)
from tests.security.battery_support import Unit, accepted, post_text

POST = "content/posts/2026/12/dianzi-zhizhao.md"


def _settings(tmp_path: Path, text: str) -> ServerSettings:
    (tmp_path / "govmedia.env").write_text(text, encoding="utf-8")
    return ServerSettings.read(tmp_path)


def test_values_and_defaults_are_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset: the defaults; the hook's environment; the file over the environment; the last
    line that sets a key wins; ``export`` and quotes are read as before."""
    for limit in (MAX_COMMITS, MAX_FILES, MAX_REFS, CHECK_SECONDS, CHECK_MEMORY):
        monkeypatch.delenv(limit.name, raising=False)
    assert ServerSettings.read(tmp_path).integers(MAX_COMMITS, MAX_FILES) == (
        DEFAULT_MAX_COMMITS,
        DEFAULT_MAX_FILES,
    )
    assert ServerSettings.read(tmp_path).integers(CHECK_SECONDS, CHECK_MEMORY) == (
        DEFAULT_CHECK_SECONDS,
        DEFAULT_CHECK_MEMORY_MB,
    )
    monkeypatch.setenv(SECONDS_ENV, "30")
    monkeypatch.setenv(MEMORY_ENV, "512")
    settings = _settings(tmp_path, f"# 服务器设置\nexport {MEMORY_ENV}='256'\n{MEMORY_ENV}=300\n")
    assert settings.integers(CHECK_SECONDS, CHECK_MEMORY) == (30, 300)
    assert settings.integers(MAX_REFS) == (100,)


@pytest.mark.parametrize("value", ["soon", "0", "-5", "86401", "1e3", "12 s"])
def test_a_wrong_value_in_the_file_names_the_file_line_and_key(tmp_path: Path, value: str) -> None:
    settings = _settings(tmp_path, f"# 服务器设置\n\n{SECONDS_ENV}={value}\n")
    with pytest.raises(ConfigError) as caught:
        settings.integers(CHECK_SECONDS, CHECK_MEMORY)
    message = str(caught.value)
    assert f"govmedia.env 第 3 行 {SECONDS_ENV}" in message, message
    assert f"「{value}」" in message and "1 到 86400 之间的整数" in message, message
    assert settings.integers(MAX_COMMITS) == (DEFAULT_MAX_COMMITS,)  # the others still read


def test_a_wrong_value_in_the_environment_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MEMORY_ENV, "lots")
    with pytest.raises(ConfigError) as caught:
        ServerSettings.read(tmp_path).integers(CHECK_SECONDS, CHECK_MEMORY)
    assert f"环境变量 {MEMORY_ENV} 应为 64 到 1048576 之间的整数" in str(caught.value)


def test_the_file_is_read_once_per_push(unit: Unit, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook, run in this process on objects a real push left on the server, judges an
    update of main with a post (the ref count, the commit and file counts and the content
    check all ask their limits) and two new branches, reading ``govmedia.env`` once."""
    (unit.bare / "govmedia.env").write_text(f"{SECONDS_ENV}=60\n", encoding="utf-8")
    unit.branch("honest")
    unit.write(POST, post_text("电子营业执照上线"))
    unit.commit("新稿：电子营业执照上线")
    unit.approval_all(POST)
    accepted(unit, unit.push("HEAD:refs/heads/honest"))  # the objects, on a branch
    old, new = unit.server_ref(), unit.server_ref("refs/heads/honest")
    assert old and new
    reads: list[Path] = []
    real = envvars.env_file_lines

    def counted(path: Path) -> dict[str, tuple[str, int]]:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(envvars, "env_file_lines", counted)
    lines = [
        f"{old} {new} refs/heads/main",
        f"0000000000000000000000000000000000000000 {new} refs/heads/a",
        f"0000000000000000000000000000000000000000 {new} refs/heads/b",
    ]
    assert server.pre_receive(unit.bare, lines) == 0
    assert reads == [unit.bare / "govmedia.env"]


def test_a_wrong_value_refuses_pushes_to_main_naming_its_line(unit: Unit) -> None:
    """Through the installed hook: a wrong value of a limit of main refuses every push to
    main with the file, line and key; an editor's branch is still accepted, as before."""
    (unit.bare / "govmedia.env").write_text(
        f"# 服务器设置\n{MAX_FILES.name}=many\n", encoding="utf-8"
    )
    unit.branch("honest")
    unit.write(POST, post_text("电子营业执照上线"))
    unit.commit("新稿：电子营业执照上线")
    unit.approval_all(POST)
    err = unit.attack()
    assert f"govmedia.env 第 2 行 {MAX_FILES.name}" in err and "「many」" in err, err
    accepted(unit, unit.push("HEAD:refs/heads/post/dianzi-zhizhao"))
