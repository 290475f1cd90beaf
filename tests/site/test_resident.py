"""The resident builder (``govmedia build --serve``, ``pipeline/site/resident_*.py``).

Builds asked of it equal a fresh ``--full`` build byte for byte, also one after another (A,
then B: nothing of A reaches B); and each defence of docs/threat-model.md, "Resident
builder", has its test: another user's client or a request other than the one is not
served, a client talks to no socket of another user, it refuses to start with a credential
or an import path ``-s -P`` would not give, it exits when its code changed (the client then
builds the usual way), and a build finds no socket when a variable of its output differs
(more in test_resident_env.py; the server's hook in test_resident_hook.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.secrets_env import without_credentials
from pipeline.site import (
    inprocess,
    resident_client,
    resident_code,
    resident_place,
    resident_server,
)
from tests.site.conftest import (
    CORRECTED,
    Built,
    assert_same_as_full,
    build_cli,
    correct,
    module_site,
)
from tests.site.kit import publish, retract
from tests.site.test_inprocess import installed

SERVE = ["build", "--serve"]
APP_POST = "content/posts/2026/03/zhangshang-app-shangxian.md"
USED = "常驻构建进程本次 CPU"  # the client's line when the builder built the site
NEW_POST = """---
title: 常驻构建测试新文章
date: 2026-06-20
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat]
category: 通知公告
---

常驻构建进程建成的新文章正文。
"""

# the builder with its code digest changing after its start (the package on disk edited)
CHANGING = """
import sys
from pipeline.site import resident_code
calls = []
real = resident_code.digest
def digest():
    calls.append(1)
    return real() if len(calls) == 1 else "changed"
resident_code.digest = digest
from pipeline.cli import main
sys.exit(main(["build", "--serve"]))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "resident")


@pytest.fixture
def cache(short_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The short private cache, with the site address the builds are given."""
    monkeypatch.setenv("GOVMEDIA_SITE_URL", "http://127.0.0.1:8000/")
    return short_cache


def _env() -> dict[str, str]:
    env = without_credentials(os.environ)
    env.pop("PYTHONPATH", None)
    return env


def start(repo: Path, script: str | None = None) -> subprocess.Popen[str]:
    """The builder for ``repo`` (``python -I``, as the server's hook runs govmedia), once its
    socket listens."""
    args = ["-c", script] if script else ["-m", "pipeline", "build", "--serve"]
    server = subprocess.Popen(
        [sys.executable, "-I", *args], cwd=repo, env=_env(), stderr=subprocess.PIPE, text=True
    )
    for _ in range(600):  # waits for the start; no figure of time is asserted
        path = resident_place.socket_path(repo, repo / "site", os.environ, create=False)
        if (path is not None and path.exists()) or server.poll() is not None:
            break
        time.sleep(0.1)
    if server.poll() is not None or path is None or not path.exists():
        raise AssertionError(stop(server))
    return server


def stop(server: subprocess.Popen[str]) -> str:
    server.terminate()
    _, err = server.communicate(timeout=60)
    return err


def built(site: Built) -> str:
    done = build_cli(site.repo.path)
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stderr


def test_builds_one_after_another_each_equal_a_fresh_full_build(site: Built, cache: Path) -> None:
    built(site)  # the previous site, built the usual way
    server = start(site.repo.path)
    try:
        correct(site, "常驻构建：更正一。", "2026-06-02T02:00:00Z")  # A
        assert USED in built(site)
        assert "常驻构建：更正一" in site.page(f"posts/{Path(CORRECTED).stem}.html")
        retract(site.repo, APP_POST, "常驻构建撤稿", at="2026-06-03T03:00:00Z")  # B
        assert USED in built(site)
        assert_same_as_full(site)
        site.repo.write("content/posts/2026/06/changzhu-xin.md", NEW_POST)  # C: a whole build
        site.repo.commit("A new post")
        publish(site.repo, "content/posts/2026/06/changzhu-xin.md", at="2026-06-20T02:00:00Z")
        assert USED in built(site)
        assert_same_as_full(site)
        assert server.poll() is None
    finally:
        stop(server)
    assert not any((cache / "govmedia" / "resident").iterdir())  # its socket removed


def test_a_builder_whose_code_changed_exits_and_the_build_is_made_here(
    site: Built, cache: Path
) -> None:
    built(site)
    server = start(site.repo.path, CHANGING)
    correct(site, "常驻构建：代码已改变。", "2026-06-04T02:00:00Z")
    stderr = built(site)
    assert server.wait(timeout=60) == 3
    assert "自身代码已改变" in stderr and "改为直接构建" in stderr
    assert "自身代码已改变" in stop(server)
    assert not any((cache / "govmedia" / "resident").iterdir())
    assert_same_as_full(site)


def test_it_refuses_to_start_with_a_credential_or_an_unsafe_import_path(
    site: Built, cache: Path
) -> None:
    env = {**_env(), "GOVMEDIA_WECHAT_SECRET": "wechat-THROWAWAY"}
    held = subprocess.run(
        [sys.executable, "-I", "-m", "pipeline", "build", "--serve"],
        cwd=site.repo.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert held.returncode == 2 and "GOVMEDIA_WECHAT_SECRET" in held.stderr
    assert "wechat-THROWAWAY" not in held.stderr + held.stdout
    unsafe = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; from pipeline.cli import main; sys.exit(main({SERVE!r}))",
        ],
        cwd=site.repo.path,
        env={**_env(), "PYTHONPATH": str(Path(resident_code.PACKAGE).parent)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert unsafe.returncode == 2 and "导入路径不安全" in unsafe.stderr
    assert not (cache / "govmedia" / "resident").exists() or not any(
        (cache / "govmedia" / "resident").iterdir()
    )


def test_the_socket_and_its_folder_are_this_users_alone(site: Built, cache: Path) -> None:
    server = start(site.repo.path)
    try:
        path = resident_place.socket_path(site.repo.path, site.site, os.environ, create=False)
        assert path is not None
        assert os.stat(path.parent).st_mode & 0o777 == 0o700
        assert os.stat(path).st_mode & 0o777 == 0o600
    finally:
        stop(server)
    os.chmod(cache / "govmedia" / "resident", 0o777)  # a folder others can write: not used
    assert resident_place.socket_path(site.repo.path, site.site, os.environ, False) is None


def test_another_environment_finds_no_builder(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin", "GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/"}
    key = resident_place.key(tmp_path, tmp_path / "site", env)
    assert key == resident_place.key(tmp_path, tmp_path / "site", {**env, "PWD": "/"})
    assert key == resident_place.key(
        tmp_path, tmp_path / "site", {**env, "GOVMEDIA_WECHAT_SECRET": "x"}
    )
    for other in (
        {**env, "GOVMEDIA_SITE_URL": "https://other.example/"},
        {**env, "SOURCE_DATE_EPOCH": "1"},
    ):
        assert resident_place.key(tmp_path, tmp_path / "site", other) != key
    assert resident_place.key(tmp_path, tmp_path / "other", env) != key


def _pair() -> tuple[socket.socket, socket.socket]:
    return socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)


def test_only_the_one_request_of_this_user_is_served(monkeypatch: pytest.MonkeyPatch) -> None:
    for request, served in (
        (resident_place.REQUEST, True),
        (b"govmedia-build 1 --out /elsewhere\n", False),
        (b"import os\n", False),
        (resident_place.REQUEST + b"more", False),
        (b"", False),
    ):
        server, client = _pair()
        with server, client:
            client.sendall(request)
            client.shutdown(socket.SHUT_WR)
            assert resident_server._request(server) is served, request
    monkeypatch.setattr(resident_server, "READ_TIMEOUT", 0.2)
    server, client = _pair()
    with server, client:  # a client that says nothing is dropped
        assert resident_server._request(server) is False
    monkeypatch.setattr(resident_place, "peer_uid", lambda conn: os.geteuid() + 1)
    server, client = _pair()
    with server, client:  # another user's client
        client.sendall(resident_place.REQUEST)
        assert resident_server._request(server) is False


def test_a_client_talks_to_no_socket_of_another_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = Path(tempfile.mkdtemp(prefix="gm-")) / "s.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(str(path))
        listener.listen(1)
        assert resident_client._ours(path)
        conn = resident_client._connect(path)
        assert conn is not None
        conn.close()
        monkeypatch.setattr(resident_place, "peer_uid", lambda conn: os.geteuid() + 1)
        assert resident_client._connect(path) is None  # the process behind it is not ours
        monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
        assert not resident_client._ours(path)  # the socket file is not ours
    finally:
        listener.close()
        shutil.rmtree(path.parent, ignore_errors=True)


def test_no_builder_or_a_dead_one_leaves_the_build_here(
    site: Built, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = site.site
    assert resident_client.ask(site.repo.path, out, print) is None
    path = resident_place.socket_path(site.repo.path, out, os.environ, create=True)
    assert path is not None
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()  # a socket file nobody listens on (a builder that was killed)
    assert resident_client.ask(site.repo.path, out, print) is None
    correct(site, "常驻构建：进程已不在。", "2026-06-05T02:00:00Z")
    assert USED not in built(site)
    assert_same_as_full(site)


def test_the_code_digest_covers_the_theme_and_the_builder_checks_its_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "pipeline"
    (package / "site" / "theme").mkdir(parents=True)
    (package / "site" / "theme" / "mkdocs.yml").write_text("site_name: a\n", encoding="utf-8")
    (package / "site" / "theme" / "gm_probe_hook.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setattr(resident_code, "PACKAGE", package)
    before = resident_code.digest()
    (package / "site" / "theme" / "mkdocs.yml").write_text("site_name: b\n", encoding="utf-8")
    assert resident_code.digest() != before
    assert resident_code.pristine(None) is None
    monkeypatch.setitem(sys.modules, "gm_probe_hook", sys)  # a hook loaded: a build ran here
    assert "gm_probe_hook" in str(resident_code.pristine(None))


def test_a_fresh_child_of_the_builder_runs_mkdocs_once_and_only_fresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the builder's child mkdocs-material's modules are imported and jieba's prefix
    dictionary is loaded; a theme hook or a user word means a build ran, and so does a
    second run in the same child."""
    path = [str(Path(sys.prefix) / "bin"), *installed()]
    loaded = {"material.plugins.blog.plugin": object(), "material.plugins.search.plugin": 1}
    dictionary = SimpleNamespace(dt=SimpleNamespace(initialized=True, user_word_tag_tab={}))
    modules = {**loaded, "jieba": dictionary}
    assert inprocess.refusal(tmp_path, {}, path, modules, tmp_path) is not None  # not a child
    monkeypatch.setattr(inprocess.FORK, "pid", os.getpid())
    assert inprocess.forked()
    assert inprocess.refusal(tmp_path, {}, path, modules, tmp_path) is None
    hooked = {**modules, "frames": object()}
    assert inprocess.refusal(tmp_path, {}, path, hooked, tmp_path) is not None
    words = SimpleNamespace(dt=SimpleNamespace(initialized=True, user_word_tag_tab={"词": "n"}))
    assert inprocess.refusal(tmp_path, {}, path, {**loaded, "jieba": words}, tmp_path)
    monkeypatch.setattr(inprocess.FORK, "pid", os.getpid() + 1)  # a child of that child
    assert not inprocess.forked()


def test_a_child_starts_with_govmedias_caches_empty(tmp_path: Path) -> None:
    from pipeline.rules.cache import in_work_tree

    in_work_tree(str(tmp_path))  # as the builder does for its socket's folder
    assert in_work_tree.cache_info().currsize > 0
    resident_code.forget_caches()
    assert in_work_tree.cache_info().currsize == 0
