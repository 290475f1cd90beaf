"""The publisher's rebuild after a merge, answered by a resident builder started beside the
server as docs/manual/operators.md has it (``govmedia build --serve`` in the hook's work
clone, with the server's settings and no credential), through a real bare repository with
the server's post-receive hook and real pushes to ``main``.

Without a builder, or with one whose site address differs, the hook builds the usual way;
with the documented one, the builder builds and the site equals a fresh ``--full`` build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.publishing import hook
from pipeline.site import resident_place
from tests.conftest import Repo
from tests.hook_support import hook_server, push
from tests.site.conftest import CORRECTED, Built, assert_same_as_full, correct, module_site

SITE_URL = "http://127.0.0.1:8000/"
# what operators.md pins in govmedia.env and in the service alike
PINNED = {"GOVMEDIA_SITE_URL": SITE_URL, "LC_ALL": "C.UTF-8", "TZ": "Asia/Shanghai"}
USED = "常驻构建进程本次 CPU"  # the client's line when the builder built the site
# the service's environment (operators.md): its own PATH, the server's settings, nothing else
SERVICE = ("HOME", "XDG_CACHE_HOME", "SOURCE_DATE_EPOCH", "GIT_CONFIG_NOSYSTEM")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "resident-hook")


@pytest.fixture
def cache(short_cache: Path) -> Path:
    return short_cache


def service_env(site_url: str) -> dict[str, str]:
    env = {k: os.environ[k] for k in SERVICE if k in os.environ}
    git_dir = shutil.which("git")
    assert git_dir is not None
    env["PATH"] = f"{Path(git_dir).parent}:/usr/bin:/bin"
    env.update({**PINNED, "GOVMEDIA_SITE_URL": site_url, "GIT_NO_REPLACE_OBJECTS": "1"})
    return env


def start(work: Path, site_url: str) -> subprocess.Popen[str]:
    """``python -I -m pipeline build --serve`` in ``work`` with the service's environment,
    once its socket listens."""
    env = service_env(site_url)
    server = subprocess.Popen(
        [sys.executable, "-I", "-m", "pipeline", "build", "--serve"],
        cwd=work,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    # its key is of the environment Python gives it (which may add LC_CTYPE): its folder is
    # watched for the one socket
    folder = resident_place.folder(create=False)
    for _ in range(600):  # waits for the start; no figure of time is asserted
        folder = folder or resident_place.folder(create=False)
        if (folder is not None and any(folder.glob("*.sock"))) or server.poll() is not None:
            break
        time.sleep(0.1)
    if server.poll() is not None or folder is None or not any(folder.glob("*.sock")):
        raise AssertionError(stop(server))
    return server


def stop(server: subprocess.Popen[str]) -> str:
    server.terminate()
    _, err = server.communicate(timeout=60)
    return err


def merged(site: Built, words: str, at: str) -> str:
    """A correction committed and pushed to ``main``: the hook's output."""
    correct(site, words, at)
    pushed = push(site.repo.path)
    assert pushed.returncode == 0, pushed.stderr
    assert "govmedia：归档站点已更新" in pushed.stderr, pushed.stderr
    return pushed.stderr


def test_the_hooks_rebuild_is_answered_by_the_builder_beside_the_server(
    site: Built, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LANG", raising=False)  # the push's session: no locale (Python coerces)
    monkeypatch.delenv("LC_ALL", raising=False)
    bare = hook_server(site.repo.path, PINNED, only_post_receive=True)
    work = bare / hook.WORK
    first = merged(site, "常驻构建：钩子一。", "2026-06-06T02:00:00Z")
    assert USED not in first  # no builder: built by the hook's own govmedia build
    other = start(work, "https://other.example.cn/archive/")  # another site address
    try:
        second = merged(site, "常驻构建：钩子二。", "2026-06-07T02:00:00Z")
    finally:
        stop(other)
    assert USED not in second
    server = start(work, SITE_URL)
    try:
        third = merged(site, "常驻构建：钩子三。", "2026-06-08T02:00:00Z")
        assert server.poll() is None
    finally:
        stop(server)
    assert USED in third, third
    built = Built(Repo(work), work / "site")
    assert "常驻构建：钩子三" in built.page(f"posts/{Path(CORRECTED).stem}.html")
    for name, value in PINNED.items():  # the fresh build with the same settings
        monkeypatch.setenv(name, value)
    assert_same_as_full(built)
