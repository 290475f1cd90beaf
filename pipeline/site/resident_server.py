"""``govmedia build --serve``: a builder that outlives a build (issue 17, twentieth pass).

It loads once what every build loads (``resident_code.preload``: govmedia's, mkdocs' and
mkdocs-material's modules, jieba's prefix dictionary) and listens on a private Unix socket
(``resident_place.py``). Each request is answered by a child forked from it that runs
``build_site`` as ``govmedia build`` would, mkdocs in its own process (``inprocess.forked``),
and exits: the parent never builds, so nothing one build leaves in a process (the hooks'
module state, mkdocs-material's patched classes, the plugins, jieba's user words, govmedia's
caches) is there for the next; what the next build starts from is what the parent loaded,
checked before every fork (``resident_code.pristine``).

What it refuses: to start with a credential in its environment (it holds none, so no build
reads one) or with an import path ``-s -P`` would not give; a client of another user
(``SO_PEERCRED``); any request but ``resident_place.REQUEST``, which names no path and no
code (the repository and the output folder are the builder's, fixed when it starts). When
its code on disk changed (``resident_code.digest``) it answers that it is going, removes
its socket and exits with a message: the client then builds the usual way.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import resource
import signal
import socket
import stat
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from pipeline.errors import GovmediaError
from pipeline.project import Project
from pipeline.secrets_env import without_credentials
from pipeline.site import inprocess, resident_code, resident_place

READ_TIMEOUT = 5.0  # seconds a client has to send its request
SEND_TIMEOUT = 120.0  # a client that stops reading holds no build up for longer than this
CHANGED = (
    "govmedia 常驻构建进程：自身代码已改变（govmedia、站点主题、钩子、配置或依赖版本与启动时不同），"
    "进程退出。本次构建由 govmedia build 直接完成；需要时请重新运行 govmedia build --serve。"
)


def start_refusal(root: Path) -> str | None:
    """Why the builder may not start here (None: it may)."""
    held = sorted(set(os.environ) - set(without_credentials(os.environ)))
    if held:
        return (
            "常驻构建进程不能持有凭据：环境中有 "
            + "、".join(held)
            + "。请在不含凭据的环境中启动 govmedia build --serve。"
        )
    refused = inprocess.import_path_refusal(root)
    if refused is not None:
        return (
            f"常驻构建进程的导入路径不安全（{refused}）。"
            "请用已安装的 govmedia 命令或 python -I -m pipeline build --serve 启动。"
        )
    return None


def send(conn: socket.socket, message: dict[str, object]) -> None:
    # a client that went away: the build goes on, its site is still swapped in
    with contextlib.suppress(OSError):
        conn.sendall(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")


def _listen(path: Path) -> socket.socket:
    """A listening socket at ``path``, 0600; a stale socket of ours is replaced, a live
    builder or anything that is not a socket is refused."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None:
        if not stat.S_ISSOCK(info.st_mode) or info.st_uid != os.geteuid():
            raise GovmediaError(f"{path} 不是本用户的套接字，拒绝覆盖。")
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(str(path))
            raise GovmediaError("该仓库已有常驻构建进程在运行（govmedia build --serve）。")
        except OSError:
            path.unlink()
        finally:
            probe.close()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    mask = os.umask(0o177)
    try:
        listener.bind(str(path))
    finally:
        os.umask(mask)
    listener.listen(4)
    return listener


def _request(conn: socket.socket) -> bool:
    """Whether ``conn`` is this user's and sent exactly the one request."""
    if not resident_place.same_user(conn):
        return False
    conn.settimeout(READ_TIMEOUT)
    data = b""
    try:
        while b"\n" not in data and len(data) <= len(resident_place.REQUEST):
            chunk = conn.recv(64)
            if not chunk:
                break
            data += chunk
    except OSError:
        return False
    conn.settimeout(SEND_TIMEOUT)
    return data == resident_place.REQUEST


def _child(conn: socket.socket, project: Project, out: Path) -> int:
    from pipeline.site.build import build_site

    try:
        result = build_site(project, out, lambda m: send(conn, {"say": m}), incremental=True)
    except GovmediaError as error:
        send(conn, {"error": str(error)})
        return 1
    except Exception as error:  # reported to the client, which then builds the usual way
        traceback.print_exc()
        send(conn, {"error": f"常驻构建子进程出错：{type(error).__name__}: {error}"})
        return 1
    send(conn, {"done": {"out": str(result.out), "pages": result.pages}})
    return 0


def _fork(conn: socket.socket, listener: socket.socket, project: Project, out: Path) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF)
    try:
        pid = os.fork()
    except OSError as error:  # no process to be had: the client builds the usual way
        send(conn, {"error": f"常驻构建进程无法创建子进程（{error}）"})
        return
    if pid == 0:  # the child: one build, then gone
        code = 1
        try:
            listener.close()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            inprocess.fresh_fork()
            resident_code.forget_caches()
            code = _child(conn, project, out)
        finally:
            os._exit(code)
    _, status, usage = os.wait4(pid, 0)
    after = resource.getrusage(resource.RUSAGE_SELF)
    own = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    send(
        conn,
        {
            "usage": {
                "child_cpu": round(usage.ru_utime + usage.ru_stime, 3),
                "parent_cpu": round(own, 3),
                "child_peak_kib": usage.ru_maxrss,
                "status": status,
            }
        },
    )


def serve(project: Project, out: Path, say: Callable[[str], None]) -> int:
    """Answer build requests for ``project`` into ``out`` until stopped or outdated."""
    refused = start_refusal(project.root)
    if refused is not None:
        say(refused)
        return 2
    started = resident_code.digest()
    path = resident_place.socket_path(project.root, out, os.environ, create=True)
    if path is None:
        say(
            "无法启动常驻构建进程：本用户独占的缓存目录（XDG_CACHE_HOME）不可用，"
            "或其路径过长、放不下套接字。"
        )
        return 2
    jieba_state = resident_code.preload()
    gc.freeze()  # what was loaded stays out of the children's collections (fewer copied pages)
    listener = _listen(path)
    signal.signal(signal.SIGTERM, _stop)
    say(f"常驻构建进程已启动：{project.root} → {out}。")
    try:
        return _loop(listener, path, project, out, (started, jieba_state), say)
    except KeyboardInterrupt:
        return 0
    finally:
        listener.close()
        path.unlink(missing_ok=True)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # the socket is removed on the way out


def _loop(
    listener: socket.socket,
    path: Path,
    project: Project,
    out: Path,
    loaded: tuple[str, tuple[int, int] | None],
    say: Callable[[str], None],
) -> int:
    while True:
        conn, _ = listener.accept()
        with conn:
            if not _request(conn):
                continue
            changed = resident_code.digest() != loaded[0]
            spoilt = resident_code.pristine(loaded[1])
            if changed or spoilt is not None:
                message = CHANGED if changed else f"常驻构建进程状态异常（{spoilt}），进程退出。"
                send(conn, {"gone": message})
                say(message)
                return 3
            sys.stdout.flush()
            sys.stderr.flush()
            _fork(conn, listener, project, out)
