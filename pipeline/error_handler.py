"""The CLI's last line: every exception becomes one Chinese message, never a traceback.

In the spirit of pre-commit's ``error_handler.py``: errors the user can act on (GovmediaError,
platform errors, a failed git, a missing git, a file without permission, a closed pipe) get
their own message; anything unexpected gets a message plus the path of a log file that keeps
the traceback for a maintainer. The log lives in the user's state folder
(``$XDG_STATE_HOME/govmedia``, else ``~/.local/state/govmedia``), readable by the user only,
and passes through the same scrubber as every message, so no credential is written there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import platform
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline import __version__, proc
from pipeline.content_limits import shown_lines
from pipeline.errors import GovmediaError
from pipeline.platforms.errors import PlatformError
from pipeline.redact import scrub

EXIT_INTERNAL = 70
EXIT_GIT_MISSING = 69
EXIT_OS = 74
EXIT_PIPE = 141

_ERRNO_TEXT = {
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许此操作",
    errno.EROFS: "位于只读文件系统",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.ENOENT: "不存在",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.EISDIR: "是目录，不是文件",
    errno.EEXIST: "已存在",
    errno.ENOTEMPTY: "目录不是空的",
    errno.ENAMETOOLONG: "名称过长",
    errno.EMFILE: "打开的文件过多",
    errno.EIO: "输入/输出错误",
}


def log_dir() -> Path:
    state = os.environ.get("XDG_STATE_HOME", "")
    base = Path(state) if state and Path(state).is_absolute() else Path.home() / ".local/state"
    return base / "govmedia"


def write_log(exc: BaseException, argv: Sequence[str]) -> Path | None:
    """Write the scrubbed traceback to a new log file (mode 0600); None when impossible."""
    folder = log_dir()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"error-{stamp}-{os.getpid()}.log"
    text = "\n".join(
        (
            f"govmedia {__version__}",
            f"python {platform.python_version()} ({sys.executable})",
            f"argv: {' '.join(argv)}",
            "",
            "".join(traceback.format_exception(exc)),
        )
    )
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(scrub(text))
    except OSError:
        return None
    return path


def os_error_text(exc: OSError) -> str:
    """``path：原因`` in Chinese for an OSError (the errno's meaning, not Python's English)."""
    reason = _ERRNO_TEXT.get(exc.errno or 0, "操作失败")
    name = exc.filename if exc.filename is not None else ""
    if exc.filename2 is not None:
        name = f"{name} → {exc.filename2}"
    return f"{name}：{reason}" if name else reason


def _git_missing(exc: BaseException) -> bool:
    return isinstance(exc, FileNotFoundError) and str(exc.filename) in ("git", "ssh-keygen")


def _called_process_text(exc: proc.CalledProcessError) -> str:
    program = Path(exc.cmd[0]).name if exc.cmd else "?"
    action = " ".join(exc.cmd[1:3]) if program == "git" else ""
    detail = exc.stderr.decode("utf-8", "replace").strip().splitlines()
    last = detail[-1][:300] if detail else ""
    head = f"外部命令 {program} {action}".rstrip()
    text = f"{head} 执行失败（退出码 {exc.returncode}）"
    return f"{text}：{last}" if last else f"{text}。"


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr itself gone: nothing more to do
        # every line shown: a message quotes names and texts others chose (red team, round 31)
        print("govmedia: " + shown_lines(scrub(message)), file=sys.stderr)


def handle(exc: BaseException, argv: Sequence[str]) -> int:
    """The message and exit code for ``exc`` (the message is printed here)."""
    if isinstance(exc, GovmediaError):
        _say(str(exc))
        return exc.exit_code
    if isinstance(exc, PlatformError):
        _say(f"{exc}（处理：{exc.action}）")
        return 1
    if isinstance(exc, KeyboardInterrupt):
        _say("已中断。")
        return 130
    if isinstance(exc, BrokenPipeError):
        # ``govmedia report ... | head``: the reader left; stop writing to the closed pipe.
        _quiet_stdout()
        _say("输出管道已被关闭（例如被 head 截断），其余输出已丢弃。")
        return EXIT_PIPE
    if _git_missing(exc):
        name = exc.filename  # type: ignore[attr-defined]
        _say(f"找不到 {name} 命令：请安装 {name} 并确保它在 PATH 中，然后重试。")
        return EXIT_GIT_MISSING
    if isinstance(exc, proc.CalledProcessError):
        _say(_called_process_text(exc) + " 操作未完成。")
        return 1
    if isinstance(exc, PermissionError):
        _say(f"没有权限访问 {os_error_text(exc)}。请检查该文件或目录的权限，操作未完成。")
        return EXIT_OS
    if isinstance(exc, OSError):
        _say(f"文件或系统错误：{os_error_text(exc)}。操作未完成。")
        return EXIT_OS
    log = write_log(exc, argv)
    where = f"详细信息已写入 {log}" if log else "详细信息无法写入日志文件"
    _say(
        f"内部错误（{type(exc).__name__}），操作未完成。{where}；"
        "请把该文件交给管理员（其中的凭据已隐藏）。"
    )
    return EXIT_INTERNAL


def guarded(main: Callable[[], int], argv: Sequence[str]) -> int:
    """Run an entry point other than ``govmedia`` (git's server hooks run modules with
    ``python -m``) under the same last line: a Chinese message, never a traceback."""
    try:
        return main()
    except SystemExit:
        raise
    except BaseException as exc:
        return handle(exc, argv)


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush
    does not raise a second time."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
