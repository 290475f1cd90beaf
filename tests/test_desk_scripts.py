"""First run: the setup script says what it does, step by step, and names what is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT


def test_setup_reports_each_step(tmp_path: Path) -> None:
    if not (PROJECT_ROOT / ".venv/.govmedia-installed").is_file():
        pytest.skip("需要已安装的 .venv（scripts/setup）")
    run = subprocess.run(
        ["bash", str(PROJECT_ROOT / "scripts/setup"), "--system=demo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "[1/3] 检查系统软件包" in run.stderr and "[2/3]" in run.stderr
    assert "[3/3]" in run.stderr


def test_demo_prerequisite_missing_stops_with_a_chinese_message(tmp_path: Path) -> None:
    scripts = tmp_path / "checkout" / "scripts"
    scripts.mkdir(parents=True)
    shutil.copy2(PROJECT_ROOT / "scripts/setup", scripts / "setup")
    (scripts / "system-packages.txt").write_text(
        "# test\nopenssh-client      govmedia-test-no-such-command   demo\n"
        "chromium            govmedia-test-no-such-browser\n",
        encoding="utf-8",
    )
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "id").write_text("#!/bin/sh\necho 1000\n")  # not root: nothing gets installed
    (fake / "id").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(
        ["bash", str(scripts / "setup"), "--system=demo"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert run.returncode == 1
    assert "缺少演示所需的系统软件包：openssh-client" in run.stderr, run.stderr
    assert "chromium" not in run.stderr  # only what the demo needs
    assert "apt-get install openssh-client" in run.stderr
    assert not (tmp_path / "checkout" / ".venv").exists()
