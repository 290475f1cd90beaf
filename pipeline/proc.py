"""The one place that starts subprocesses."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Generator, Mapping, Sequence
from pathlib import Path


class CalledProcessError(RuntimeError):
    def __init__(self, cmd: Sequence[str], returncode: int, stdout: bytes, stderr: bytes) -> None:
        self.cmd = tuple(cmd)
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        super().__init__(
            f"command {self.cmd[0]!r} exited {returncode}: "
            f"{stderr.decode('utf-8', 'replace').strip()[:500]}"
        )


def run(
    cmd: Sequence[str],
    *,
    cwd: str | Path | None = None,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
    timeout: float | None = None,
    inherit_env: bool = True,
) -> tuple[int, bytes, bytes]:
    """Run ``cmd`` and return ``(returncode, stdout, stderr)``.

    ``env`` entries are added to the current environment; with ``inherit_env=False`` the
    child gets exactly ``env`` and nothing of this process's environment.
    """
    full_env = None
    if env is not None:
        full_env = dict(os.environ) if inherit_env else {}
        full_env.update(env)
    elif not inherit_env:
        full_env = {}
    proc = subprocess.run(
        list(cmd),
        cwd=cwd,
        input=input,
        env=full_env,
        capture_output=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise CalledProcessError(cmd, proc.returncode, proc.stdout, proc.stderr)
    return proc.returncode, proc.stdout, proc.stderr


def run_head(
    cmd: Sequence[str], *, cwd: str | Path | None = None, limit: int
) -> tuple[bytes, bool]:
    """The first ``limit`` bytes of ``cmd``'s standard output, and whether there was more.

    For output whose size the caller does not control (a listing of what a push brings): the
    process is stopped once ``limit`` bytes are read, so this process never holds more.
    Standard error is discarded; a failing command raises CalledProcessError.
    """
    with subprocess.Popen(
        list(cmd), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as child:
        assert child.stdout is not None
        data = child.stdout.read(limit + 1)
        more = len(data) > limit
        if more:
            child.kill()
        code = child.wait()
    if not more and code != 0:
        raise CalledProcessError(cmd, code, data, b"")
    return data[:limit], more


def stream(
    cmd: Sequence[str], *, cwd: str | Path | None = None, sep: bytes, size: int = 1 << 16
) -> Generator[bytes, None, None]:
    """``cmd``'s standard output piece by piece as it comes, split at the single byte ``sep``
    (the last piece is what follows the last separator, as ``bytes.split`` gives it).

    For a reader that may have what it needs long before the command is done (a walk of a
    long history): closing the iterator early stops the process, so only what was read was
    made. A command that fails once its whole output is read raises CalledProcessError.
    """
    import tempfile  # here: a post's check imports this module and never streams

    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(list(cmd), cwd=cwd, stdout=subprocess.PIPE, stderr=errors) as child,
    ):
        assert child.stdout is not None
        whole = False
        try:
            held: list[bytes] = []  # the piece under way, in the chunks read so far
            while chunk := child.stdout.read1(size):
                *pieces, last = chunk.split(sep)
                if pieces:
                    pieces[0], held = b"".join([*held, pieces[0]]), []
                    yield from pieces
                held.append(last)
            whole = True
            yield b"".join(held)
        finally:
            if not whole:
                child.kill()
            code = child.wait()
        if code != 0:
            errors.seek(0)
            raise CalledProcessError(cmd, code, b"", errors.read())
