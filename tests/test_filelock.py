"""The one file lock (pipeline/filelock.py) behind the publishing run and the archive build."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from pipeline.errors import GovmediaError
from pipeline.filelock import exclusive
from pipeline.project import Project
from pipeline.publishing.ledger_commit import run_lock
from pipeline.site.build import _locked
from tests.conftest import git


def test_a_held_lock_refuses_at_once_with_the_message(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    with (
        exclusive(path),
        pytest.raises(GovmediaError, match="另一个进程"),
        exclusive(path, busy="另一个进程"),
    ):
        pass
    with exclusive(path, busy="另一个进程"):  # released: taken at once
        assert path.exists()


def test_a_waiting_lock_is_taken_when_the_holder_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    taken = threading.Event()

    def wait_for_it() -> None:
        with exclusive(path):
            taken.set()

    with exclusive(path):
        waiter = threading.Thread(target=wait_for_it)
        waiter.start()
        assert not taken.wait(0.3)  # still held here
    waiter.join(timeout=30)
    assert taken.is_set()


def test_the_build_refuses_a_second_build_of_the_same_folder(tmp_path: Path) -> None:
    build = tmp_path / "build"
    with (
        _locked(build),
        pytest.raises(GovmediaError, match="另一个 govmedia build 正在运行"),
        _locked(build),
    ):
        pass
    assert (build / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_publishing_runs_queue_on_one_lock_per_repository(tmp_path: Path) -> None:
    git("init", "-q", cwd=tmp_path)
    lock = tmp_path / ".git" / "govmedia-publish.lock"
    with (
        run_lock(Project(tmp_path)),
        pytest.raises(GovmediaError, match="忙"),
        exclusive(lock, busy="忙"),
    ):
        pass
    with exclusive(lock, busy="忙"):
        pass
