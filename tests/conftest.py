"""Shared fixtures: real git repositories and bare remotes in tmp_path, and the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pipeline.emulators import Emulator

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = PROJECT_ROOT / "content"
SHARED = PROJECT_ROOT.parent / "shared"

IDENTITY = {
    "GIT_AUTHOR_NAME": "测试操作员",
    "GIT_AUTHOR_EMAIL": "operator@example.gov.cn",
    "GIT_COMMITTER_NAME": "测试操作员",
    "GIT_COMMITTER_EMAIL": "operator@example.gov.cn",
}


def git(*args: str, cwd: Path, env: dict[str, str] | None = None, check: bool = True) -> str:
    full = dict(os.environ)
    if env:
        full.update(env)
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env=full, capture_output=True, text=True, check=False
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def git_home(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A new home folder whose ``.gitconfig`` gives the fixed identity."""
    home = tmp_path_factory.mktemp(name)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = 测试操作员\n\temail = operator@example.gov.cn\n"
        '[init]\n\tdefaultBranch = main\n[protocol "file"]\n\tallow = always\n',
        encoding="utf-8",
    )
    return home


def isolate_git(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """git in this process and its children reads only ``home``'s configuration and commits
    with the fixed identity."""
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)


@pytest.fixture(autouse=True)
def _isolated_git(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No user or system git configuration leaks in; commits get a fixed identity."""
    home = git_home(tmp_path_factory, "home")
    isolate_git(monkeypatch, home)
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))


@contextmanager
def isolated_git_module(
    tmp_path_factory: pytest.TempPathFactory, name: str
) -> Iterator[tuple[pytest.MonkeyPatch, Path]]:
    """The isolation of ``_isolated_git`` for a fixture wider than one test (which is set up
    before the per-test one): the patch (for more variables) and the home, undone on exit."""
    home = git_home(tmp_path_factory, name)
    with pytest.MonkeyPatch.context() as mp:
        isolate_git(mp, home)
        yield mp, home


@dataclass
class Repo:
    path: Path

    def git(self, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
        return git(*args, cwd=self.path, env=env, check=check)

    def write(self, rel: str, data: str | bytes) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
        return target

    def commit(
        self, message: str = "change", *paths: str, env: dict[str, str] | None = None
    ) -> str:
        self.git("add", "-A", *paths)
        self.git("commit", "-q", "--allow-empty", "-m", message, env=env)
        return self.head()

    def head(self, rev: str = "HEAD") -> str:
        return self.git("rev-parse", rev).strip()


def init_repo(path: Path) -> Repo:
    path.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main", cwd=path)
    return Repo(path)


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., Repo]:
    """Factory: a real git repository, optionally seeded with the sample content."""
    counter = iter(range(1000))

    def factory(name: str | None = None, *, sample: bool = False) -> Repo:
        repo = init_repo(tmp_path / (name or f"repo{next(counter)}"))
        if sample:
            shutil.copytree(SAMPLE_CONTENT, repo.path / "content")
            repo.commit("Import sample content")
        return repo

    return factory


@pytest.fixture
def sample_repo(make_repo: Callable[..., Repo]) -> Repo:
    """A real git repository holding a copy of the sample content, committed on main."""
    return make_repo("unit", sample=True)


@dataclass
class Remote:
    bare: Path
    clone: Repo


@pytest.fixture
def bare_remote(tmp_path: Path, sample_repo: Repo) -> Remote:
    """A bare repository (the unit's git server) with main pushed from ``sample_repo``."""
    bare = tmp_path / "remote.git"
    git("init", "-q", "--bare", "-b", "main", str(bare), cwd=tmp_path)
    sample_repo.git("remote", "add", "origin", str(bare))
    sample_repo.git("push", "-q", "origin", "main")
    return Remote(bare=bare, clone=sample_repo)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    input: str | None = None,
    timeout: float | None = None,
) -> CliResult:
    """Run the real ``govmedia`` CLI in a new process (``python -m pipeline``); ``env`` is
    added to this process's environment."""
    full = dict(os.environ)
    full["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), full.get("PYTHONPATH")]))
    if env:
        full.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        input=input,
        timeout=timeout,
        check=False,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """The platforms' real loopback emulator for one test (a module may define its own)."""
    from tests.publish_support import running_emulator

    yield from running_emulator()


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    return run_cli


def shared_corpus() -> Path | None:
    """``../shared/corpus`` when this checkout sits beside it (or ``$GOVMEDIA_SHARED/corpus``,
    as for the benchmarks), else None (tests skip)."""
    corpus = Path(os.environ.get("GOVMEDIA_SHARED") or SHARED) / "corpus"
    return corpus if corpus.is_dir() else None


@pytest.fixture
def corpus() -> Iterator[Path]:
    path = shared_corpus()
    if path is None:
        pytest.skip("../shared/corpus 不存在：跳过依赖共享语料的测试")
    yield path
