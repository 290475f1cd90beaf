"""A disk that fills up mid-publish: the unit repository on a small tmpfs, filled until only
a little room is left, so that ledger appends, git objects or the commit fail part-way.
The run must stop with a message (no traceback); once room is made, reruns deliver every
post exactly once and leave a ledger every reader accepts.

Mounting needs the privilege to mount a tmpfs; without it the test is skipped, saying so.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.ledger import Ledger
from tests.faults.audit import assert_exactly_once
from tests.faults.support import emulator_fixture, govmedia, publish_until_done, unit_copy
from tests.publish_support import env_for, git


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from emulator_fixture()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip()[:120]})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` up, then free ``leave`` bytes; the filler file."""
    filler = disk / "filler"
    chunk = b"\0" * 65536
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave))
    return filler


@pytest.mark.parametrize("leave", [1024, 8192])
def test_disk_full_mid_publish_then_room_again(
    tmp_path_factory: pytest.TempPathFactory, emulator: Emulator, small_disk: Path, leave: int
) -> None:
    repo = unit_copy(tmp_path_factory, small_disk / "unit")
    filler = fill(small_disk, leave)
    full = govmedia(repo, env_for(emulator), "publish")
    assert "Traceback" not in full.err, full.err
    assert full.code != 0 and full.err.startswith("govmedia: "), full.out + full.err
    filler.unlink()
    runs = publish_until_done(repo, env_for(emulator))
    assert runs[-1].code == 0, runs[-1].out + runs[-1].err
    assert_exactly_once(repo, emulator)
    assert list(Ledger(repo / "ledger").records())  # every line reads back
    assert git(repo, "status", "--porcelain", "--untracked-files=all", "--", "ledger") == ""
    shutil.rmtree(repo)
