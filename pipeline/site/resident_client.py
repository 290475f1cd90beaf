"""``govmedia build`` asking the resident builder (``resident_server.py``) to build.

Used only when a builder listens for this repository, this output folder and the same values
of the environment variables that change a build's output (``resident_place.socket_path``);
the socket must be this user's and the process behind it too (``SO_PEERCRED``). The request
names nothing; the answer is the builder's progress, its result or its error, and the CPU
time and peak memory of the build. Any answer but a finished build (no builder, another
user's, a builder that went away or whose code changed, a failed build) leaves the build to
the caller, who then builds the usual way: the builder can make a build faster, never make
one fail that would not fail anyway.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.site import resident_place

# the longest a build may keep silent (a whole build of 10,000 posts took about 20 minutes)
ANSWER_TIMEOUT = 3600.0


@dataclass
class Answer:
    out: Path | None = None  # set when the builder built the site
    pages: int = 0
    problem: str = ""  # why not, when a builder was asked and did not build
    usage: dict[str, float] = field(default_factory=dict)


def _ours(path: Path) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.geteuid()


def _connect(path: Path) -> socket.socket | None:
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.settimeout(ANSWER_TIMEOUT)
    try:
        conn.connect(str(path))
    except OSError:
        conn.close()
        return None
    if not resident_place.same_user(conn):
        conn.close()
        return None
    return conn


def _read(conn: socket.socket, say: Callable[[str], None], answer: Answer) -> None:
    for line in conn.makefile("rb"):
        try:
            message = json.loads(line)
        except ValueError:
            answer.problem = "常驻构建进程的回复无法识别"
            return
        if not isinstance(message, dict):
            continue
        if isinstance(message.get("say"), str):
            say(message["say"])
        done = message.get("done")
        if isinstance(done, dict) and isinstance(done.get("out"), str):
            answer.out, answer.pages = Path(done["out"]), int(done.get("pages", 0))
        for key in ("error", "gone"):
            if isinstance(message.get(key), str):
                answer.problem = message[key]
        if isinstance(message.get("usage"), dict):
            answer.usage = {k: float(v) for k, v in message["usage"].items()}


def ask(root: Path, out: Path, say: Callable[[str], None]) -> Answer | None:
    """The builder's answer, or None when no builder of this user listens here."""
    path = resident_place.socket_path(root, out, os.environ, create=False)
    if path is None or not _ours(path):
        return None
    conn = _connect(path)
    if conn is None:
        return None
    answer = Answer()
    with conn:
        try:
            conn.sendall(resident_place.REQUEST)
            _read(conn, say, answer)
        except OSError as error:
            answer.problem = f"与常驻构建进程的连接中断（{error}）"
    if answer.out is None and not answer.problem:
        answer.problem = "常驻构建进程没有完成构建"
    if answer.out is not None and answer.out != out.absolute():
        answer.out, answer.problem = None, "常驻构建进程的输出目录与本次不同"
    return answer
