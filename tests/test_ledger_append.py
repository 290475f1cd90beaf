"""Durable appends with one open file per run (pipeline/ledger_append.py).

Each append returns only after a flush that began after its bytes were written (also when
threads share flushes); the file is opened once, not per record; a file that git replaced
or another process appended to (a torn tail, a record without its newline) is opened and
checked again; a failed write leaves nothing behind, a failed flush stops the writer."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pipeline import ledger_append
from pipeline.ledger import Ledger, LedgerWriteError, Record


def record(n: int, run: str = "20261202T000000Z-0000abcd") -> Record:
    return Record(event="intent", slug=f"post-{n:04d}", channel="wechat", run=run)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def test_every_append_returns_after_a_flush_that_covers_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real fdatasync, observed: the file size each flush began at must cover every
    append that has returned, across 8 threads sharing flushes."""
    flushed_at: list[int] = []
    real = os.fdatasync

    def observed(fd: int) -> None:
        size = os.fstat(fd).st_size
        real(fd)
        flushed_at.append(size)

    monkeypatch.setattr(ledger_append.os, "fdatasync", observed)
    ledger = Ledger(tmp_path / "ledger")
    path = tmp_path / "ledger" / "20261202T000000Z-0000abcd.jsonl"
    problems: list[str] = []

    def worker(base: int) -> None:
        for n in range(base, base + 25):
            ledger.append(record(n))
            text = path.read_bytes()
            mine = f'"slug": "post-{n:04d}"'.encode()
            end = text.index(mine) + len(mine)
            if not any(size >= end for size in list(flushed_at)):
                problems.append(f"post-{n:04d} returned before a flush covered it")

    threads = [threading.Thread(target=worker, args=(i * 100,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ledger.close()
    assert problems == []
    assert len(lines(path)) == 200
    assert len({r.slug for r in ledger.records()}) == 200
    assert 1 <= len(flushed_at) <= 200  # never more flushes than appends


def test_one_open_file_per_run_closed_with_the_ledger(tmp_path: Path) -> None:
    before = open_fds()
    ledger = Ledger(tmp_path / "ledger")
    for n in range(20):
        ledger.append(record(n))
    assert len(open_fds() - before) == 1
    ledger.append(record(99, run="20261202T000001Z-0000beef"))  # another run's file
    assert len(open_fds() - before) == 2
    ledger.close()
    assert open_fds() - before == set()
    assert len(list(ledger.records())) == 21


def test_a_file_replaced_under_the_ledger_is_opened_again(tmp_path: Path) -> None:
    """git (a rebase during the claims) may write a new file in place of the open one:
    later records go to the file at the path, never to the replaced one."""
    ledger = Ledger(tmp_path / "ledger")
    first = ledger.append(record(1))
    path = tmp_path / "ledger" / "20261202T000000Z-0000abcd.jsonl"
    replacement = path.with_suffix(".new")
    replacement.write_text(first.to_json() + "\n", encoding="utf-8")
    os.replace(replacement, path)
    ledger.append(record(2))
    assert [r.slug for r in Ledger(tmp_path / "ledger").records()] == ["post-0001", "post-0002"]
    ledger.close()


def test_a_torn_tail_another_writer_left_is_cut_before_the_next_append(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger")
    ledger.append(record(1))
    path = tmp_path / "ledger" / "20261202T000000Z-0000abcd.jsonl"
    with open(path, "ab") as handle:
        handle.write(b'{"event": "intent", "slug": "torn')  # a crash mid-append
    ledger.append(record(2))
    assert [r.slug for r in Ledger(tmp_path / "ledger").records()] == ["post-0001", "post-0002"]
    assert len(lines(path)) == 2
    ledger.close()


def test_a_whole_record_without_its_newline_is_kept_and_ended(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger")
    ledger.append(record(1))
    path = tmp_path / "ledger" / "20261202T000000Z-0000abcd.jsonl"
    other = Ledger(tmp_path / "ledger").append(record(2))
    data = path.read_bytes()
    assert data.endswith(b"\n")
    path.write_bytes(data[:-1])  # the other writer's record, its newline lost
    ledger.append(record(3))
    assert [r.slug for r in Ledger(tmp_path / "ledger").records()] == [
        "post-0001",
        other.slug,
        "post-0003",
    ]
    ledger.close()


def test_a_failed_flush_stops_the_writer_and_a_new_one_reopens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An EIO from fdatasync (a disk failing) cannot be produced on demand: injected."""
    real = os.fdatasync
    fail = {"next": True}

    def failing(fd: int) -> None:
        if fail["next"]:
            fail["next"] = False
            raise OSError(5, "Input/output error")
        real(fd)

    monkeypatch.setattr(ledger_append.os, "fdatasync", failing)
    ledger = Ledger(tmp_path / "ledger")
    with pytest.raises(LedgerWriteError) as caught:
        ledger.append(record(1))
    assert "无法写入发布台账" in str(caught.value)
    ledger.append(record(2))  # a new writer: the file opened and its tail checked again
    slugs = [r.slug for r in Ledger(tmp_path / "ledger").records()]
    assert slugs[-1] == "post-0002"
    ledger.close()


FILE_LIMIT = """
import resource, signal, sys
from pathlib import Path
from pipeline.ledger import Ledger, LedgerWriteError, Record
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
ledger = Ledger(Path(sys.argv[1]))
run = "20261202T000000Z-0000abcd"
ledger.append(Record(event="intent", slug="small", channel="wechat", run=run))
size = (Path(sys.argv[1]) / f"{run}.jsonl").stat().st_size
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 400, size + 400))
try:
    ledger.append(Record(event="intent", slug="x" * 4000, channel="wechat", run=run))
except LedgerWriteError as exc:
    print("refused", exc)
ledger.append(Record(event="intent", slug="s", channel="wechat", run=run))
"""


def test_a_write_cut_short_leaves_no_partial_record(tmp_path: Path) -> None:
    """A real short write: the file size limit (RLIMIT_FSIZE) stops the write part-way."""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", FILE_LIMIT, str(tmp_path / "ledger")],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "refused 无法写入发布台账" in done.stdout
    assert [r.slug for r in Ledger(tmp_path / "ledger").records()] == ["small", "s"]
