"""``govmedia install-hooks`` from an ordinary (non-editable) install: the hooks are package
data. Builds the wheel offline, installs it into a fresh venv (no index, no dependencies:
they come from the test environment through a path file), and runs install-hooks there."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, (cmd, result.stdout, result.stderr)
    return result.stdout + result.stderr


def test_install_hooks_works_from_the_built_wheel(tmp_path: Path) -> None:
    pytest.importorskip("setuptools", minversion="77")
    pytest.importorskip("wheel")
    source = tmp_path / "src"  # a clean copy: the build never writes into the work tree
    shutil.copytree(
        PROJECT_ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__"),
    )
    dist = tmp_path / "dist"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(dist), str(source)],
        cwd=tmp_path,
    )  # fmt: skip
    wheels = list(dist.glob("govmedia-*.whl"))
    assert len(wheels) == 1
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
             cwd=tmp_path).strip()
    )  # fmt: skip
    # The dependencies (PyYAML, httpx, ...) from this test environment, but not its govmedia:
    # a path line adds the folder without running its .pth files (the editable finder).
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    deps.append(sysconfig.get_path("platlib"))
    (purelib / "zz-test-deps.pth").write_text("\n".join(dict.fromkeys(deps)) + "\n")
    _run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
         "--target", str(purelib), str(wheels[0])],
        cwd=tmp_path,
    )  # fmt: skip
    neutral = tmp_path / "elsewhere"
    neutral.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    where = _run([str(python), "-I", "-c", "import pipeline; print(pipeline.__file__)"], neutral)
    assert str(purelib) in where and str(PROJECT_ROOT) not in where

    bare = tmp_path / "unit.git"
    _run(["git", "init", "-q", "--bare", str(bare)], cwd=tmp_path)
    out = _run([str(python), "-I", "-m", "pipeline", "install-hooks", str(bare)], neutral, env)
    assert "已安装钩子" in out
    hook = bare / "hooks" / "pre-receive"
    assert os.access(hook, os.X_OK)
    assert str(python) in hook.read_text(encoding="utf-8")
    assert (bare / "hooks" / "post-receive").is_file()
