"""``superseded.landings`` stops its walk once every asked path is found, and the stream it
reads (``proc.stream``) gives git's output piece by piece, whole, and stops git when closed.

The proof of the early stop is a history whose lower part cannot be read (its root commit
is gone): a walk that went on to the end fails there, one that stops has no reason to."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from pipeline import git as git_module
from pipeline import proc
from pipeline.review import superseded
from tests.conftest import IDENTITY, git


def _commit(repo: Path, message: str, files: dict[str, str]) -> str:
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
        git("add", "--", name, cwd=repo)
    git("commit", "-q", "-m", message, cwd=repo, env=IDENTITY)
    return git("rev-parse", "HEAD", cwd=repo).strip()


def _broken_below(tmp_path: Path) -> tuple[Path, str, str]:
    """(repository, root commit, top commit): ``a.md`` and ``b.md`` last changed by the top
    commit, ``old.md`` only by the root commit, whose object is then deleted."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    root = _commit(repo, "start", {"a.md": "1", "b.md": "1", "old.md": "1"})
    for step in range(3):
        _commit(repo, f"other {step}", {"other.md": str(step)})
    top = _commit(repo, "edit", {"a.md": "2", "b.md": "2"})
    loose = repo / ".git" / "objects" / root[:2] / root[2:]
    loose.unlink()
    full_walk = ["log", "--first-parent", "--format=%H", top]
    assert not git_module.ok(full_walk, cwd=repo)  # the whole history cannot be read
    return repo, root, top


def test_the_walk_stops_once_every_path_is_found(tmp_path: Path) -> None:
    repo, _, top = _broken_below(tmp_path)
    assert superseded.landings(repo, top, ["a.md", "b.md"]) == {"a.md": top, "b.md": top}


def test_a_path_found_only_in_the_unreadable_part_still_fails(tmp_path: Path) -> None:
    """Fails closed as before: the walk needs the broken history for ``old.md``."""
    repo, _, top = _broken_below(tmp_path)
    with pytest.raises(proc.CalledProcessError):
        superseded.landings(repo, top, ["a.md", "old.md"])


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_pieces_across_reads_are_whole(tmp_path: Path) -> None:
    code = "import sys; sys.stdout.buffer.write(b'ab\\0' + b'c' * 5000 + b'\\0\\0tail')"
    pieces = list(proc.stream(_python(code), cwd=tmp_path, sep=b"\0", size=7))
    assert pieces == [b"ab", b"c" * 5000, b"", b"tail"]
    assert list(proc.stream(_python("pass"), cwd=tmp_path, sep=b"\0")) == [b""]


def test_a_failing_command_raises_once_read_to_the_end(tmp_path: Path) -> None:
    code = "import sys; print('x', end=''); sys.stderr.write('broken'); sys.exit(3)"
    with pytest.raises(proc.CalledProcessError) as failure:
        list(proc.stream(_python(code), cwd=tmp_path, sep=b"\0"))
    assert failure.value.returncode == 3 and failure.value.stderr == b"broken"


def test_closing_early_stops_the_command(tmp_path: Path) -> None:
    """A command that would write forever: the reader takes two pieces and closes."""
    code = "import sys\nwhile True: sys.stdout.buffer.write(b'y\\0'); sys.stdout.flush()"
    pieces = proc.stream(_python(code), cwd=tmp_path, sep=b"\0")
    assert [next(pieces), next(pieces)] == [b"y", b"y"]
    closer = threading.Thread(target=pieces.close, daemon=True)
    closer.start()
    closer.join(timeout=30)
    assert not closer.is_alive()  # the writer was stopped, not waited for
