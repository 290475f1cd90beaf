"""The CLI's last line (pipeline/error_handler.py): typed errors get their own Chinese
message, anything unexpected a message plus a private log file holding the traceback."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import error_handler, proc, redact
from tests.badinput.support import CHINESE, unit_repo
from tests.conftest import PROJECT_ROOT, run_cli


def test_unexpected_error_writes_a_private_log_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    redact.register("SECRET-token-123456")
    try:
        raise KeyError("SECRET-token-123456 in a reply")
    except KeyError as exc:
        code = error_handler.handle(exc, ["govmedia", "watch"])
    err = capsys.readouterr().err
    assert code == error_handler.EXIT_INTERNAL
    assert "内部错误（KeyError）" in err and "Traceback" not in err
    logs = list((tmp_path / "state" / "govmedia").glob("error-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "test_error_handler.py" in text and "govmedia watch" in text
    assert "SECRET-token-123456" not in text
    assert stat.S_IMODE(logs[0].stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("exc", "code", "says"),
    [
        (proc.CalledProcessError(["git", "push", "origin"], 128, b"", b"fatal: rejected\n"),
         1, ("git push origin", "退出码 128", "fatal: rejected")),
        (PermissionError(errno.EACCES, "Permission denied", "/srv/site/index.html"),
         error_handler.EXIT_OS, ("/srv/site/index.html", "没有权限")),
        (OSError(errno.ENOSPC, "No space left on device", "ledger/2026-11.jsonl"),
         error_handler.EXIT_OS, ("ledger/2026-11.jsonl", "磁盘空间不足")),
        (OSError(errno.EROFS, "Read-only file system", "/mnt/site"),
         error_handler.EXIT_OS, ("/mnt/site", "只读")),
        (FileNotFoundError(errno.ENOENT, "No such file or directory", "git"),
         error_handler.EXIT_GIT_MISSING, ("找不到 git", "PATH")),
    ],
)  # fmt: skip
def test_typed_errors_get_their_own_message(
    exc: BaseException, code: int, says: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert error_handler.handle(exc, ["govmedia"]) == code
    err = capsys.readouterr().err
    for needle in says:
        assert needle in err, err
    assert "Permission denied" not in err and "No space" not in err


def test_git_missing_from_path_is_named(tmp_path: Path) -> None:
    """Every command that needs git, run with a PATH without git."""
    unit = unit_repo(tmp_path / "unit")
    empty = tmp_path / "bin"
    empty.mkdir()
    needs_git = (
        ["status"],
        ["verify"],
        ["publish", "--dry-run"],
        ["report", "--month", "2026-03", "--out", str(tmp_path / "r")],
        ["watch"],
        ["build", "--out", str(tmp_path / "site")],
    )
    for argv in needs_git:
        result = run_cli(*argv, cwd=unit, env={"PATH": str(empty)})
        text = result.out + result.err
        assert "Traceback" not in text, (argv, text)
        assert CHINESE.search(result.err), (argv, text)
        assert result.code == error_handler.EXIT_GIT_MISSING, (argv, text)
        assert "找不到 git" in result.err
    assert not (tmp_path / "r").exists() and not (tmp_path / "site").exists()


def test_broken_pipe_ends_quietly_without_traceback(tmp_path: Path) -> None:
    unit = unit_repo(tmp_path / "unit")
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    reader_gone = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "publish", "--dry-run"],
        cwd=unit,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader_gone.stdout is not None and reader_gone.stderr is not None
    reader_gone.stdout.close()  # like `| head -0`: nobody reads the output
    err = reader_gone.stderr.read().decode("utf-8", "replace")
    code = reader_gone.wait(timeout=300)
    assert "Traceback" not in err, err
    assert code == error_handler.EXIT_PIPE, (code, err)
    assert "管道" in err


@pytest.mark.parametrize(
    ("exc", "code", "words"),
    [
        (proc.CalledProcessError(["git", "fetch"], 128, b"", b"fatal: boom\n"), 1, "git fetch"),
        (
            OSError(errno.ENOSPC, "No space left on device", "work/x"),
            error_handler.EXIT_OS,
            "磁盘空间不足",
        ),
    ],
)
def test_the_server_hooks_entry_points_end_in_the_handler_too(
    exc: BaseException, code: int, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def hook_main() -> int:
        raise exc

    assert error_handler.guarded(hook_main, ["pipeline.review.server"]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


@pytest.mark.parametrize(
    "module",
    ["pipeline/review/server.py", "pipeline/publishing/hook.py", "pipeline/publish_hook.py"],
)
def test_the_hook_modules_run_their_main_through_the_handler(module: str) -> None:
    text = (Path(__file__).resolve().parents[2] / module).read_text(encoding="utf-8")
    assert "raise SystemExit(guarded(main," in text.split('if __name__ == "__main__":')[1]
