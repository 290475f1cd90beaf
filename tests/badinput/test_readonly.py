"""Read-only folders (a full or read-only disk, a mount): the command names the path in
Chinese and exits 74, never a PermissionError/OSError traceback. The folder is made
read-only by a bind mount in a private mount namespace (``unshare -m``), which works as
root, where permission bits do not stop anything; skipped where namespaces are not allowed."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.error_handler import EXIT_OS
from tests.badinput.support import CHINESE, unit_repo
from tests.conftest import PROJECT_ROOT


def _read_only(folder: Path, argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    inner = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "pipeline", *argv])
    where = shlex.quote(str(folder))
    script = (
        f"mount --bind {where} {where} && mount -o remount,bind,ro {where} || exit 99; exec {inner}"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "true"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip("mount namespaces are not allowed here")
    return unit_repo(tmp_path / "unit")


def test_report_into_a_read_only_folder(unit: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    result = _read_only(out, ["report", "--month", "2026-03", "--out", str(out)], unit)
    if result.returncode == 99:
        pytest.skip("bind mounts are not allowed here")
    assert result.returncode == EXIT_OS, result.stderr
    assert "Traceback" not in result.stderr and CHINESE.search(result.stderr)
    assert str(out) in result.stderr and "只读" in result.stderr
    assert list(out.iterdir()) == []


def test_check_in_a_read_only_repository(unit: Path) -> None:
    """Reading is all check needs: a read-only repository is no reason to fail."""
    result = _read_only(unit, ["check"], unit)
    if result.returncode == 99:
        pytest.skip("bind mounts are not allowed here")
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stdout + result.stderr


def test_build_with_a_read_only_repository(unit: Path, tmp_path: Path) -> None:
    result = _read_only(unit, ["build", "--out", str(tmp_path / "site")], unit)
    if result.returncode == 99:
        pytest.skip("bind mounts are not allowed here")
    assert result.returncode == EXIT_OS, result.stderr
    assert "Traceback" not in result.stderr and "只读" in result.stderr
    assert str(unit / "build") in result.stderr
    assert not (tmp_path / "site").exists()
