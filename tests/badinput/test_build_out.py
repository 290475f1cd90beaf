"""``govmedia build --out``: a marker file proves a site folder; the leftovers of a killed
build are removed by the next one. Real builds (mkdocs) of a real unit repository."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.site.outdir import SITE_MARKER
from tests.badinput.support import unit_repo
from tests.conftest import PROJECT_ROOT


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/",
    }


def _build(unit: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "build", "--out", str(out)],
        cwd=unit,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith((".public-new-", ".public.old"))]


def _mkdocs_started(folder: Path) -> bool:
    """A staging folder holds something besides govmedia's marker (mkdocs is writing); the
    old site set aside after the swap does not count (the build is then ending)."""
    try:
        staging = [d for d in _leftovers(folder) if d.name.startswith(".public-new-")]
        return any(p.name != ".govmedia-staging" for d in staging for p in d.iterdir())
    except OSError:  # renamed or removed while looking
        return False


def test_marker_proves_the_site_and_a_killed_build_leaks_nothing(tmp_path: Path) -> None:
    unit = unit_repo(tmp_path / "unit")
    out = tmp_path / "web" / "public"
    out.mkdir(parents=True)  # an empty folder of the user's is accepted
    first = _build(unit, out)
    assert first.returncode == 0, first.stderr
    assert (out / SITE_MARKER).is_file() and (out / "index.html").is_file()

    # kill -9 of the whole build (govmedia and its mkdocs) while the new site is staged
    # --full: a rebuild with nothing changed carries the site over in milliseconds, which
    # the poll below could miss; a full build keeps mkdocs writing for seconds
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "build", "--full", "--out", str(out)],
        cwd=unit,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # wait until mkdocs has started writing the new site into the staging folder
        while proc.poll() is None and not _mkdocs_started(out.parent):
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert _leftovers(out.parent), "the build ended before it could be killed mid-way"
    assert (out / "index.html").is_file()  # the previous site is still whole

    again = _build(unit, out)
    assert again.returncode == 0, again.stderr
    assert _leftovers(out.parent) == []
    assert not list((unit / "build").glob(".docs-*"))
    assert (out / SITE_MARKER).is_file()


def test_a_folder_of_someone_else_is_never_replaced(tmp_path: Path) -> None:
    unit = unit_repo(tmp_path / "unit")
    theirs = tmp_path / "documents"
    theirs.mkdir()
    (theirs / "index.html").write_text("我的主页\n", encoding="utf-8")
    result = _build(unit, theirs)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "documents" in result.stderr and SITE_MARKER in result.stderr
    assert (theirs / "index.html").read_text(encoding="utf-8") == "我的主页\n"
    assert sorted(p.name for p in theirs.iterdir()) == ["index.html"]


def test_a_site_built_before_the_marker_is_still_recognised(tmp_path: Path) -> None:
    from pipeline.site.outdir import is_site

    old = tmp_path / "site"
    (old / "search").mkdir(parents=True)
    (old / ".gitignore").write_text("*\n", encoding="utf-8")
    (old / "search" / "search_index.json").write_text("{}", encoding="utf-8")
    assert is_site(old)
    (old / ".gitignore").write_text("node_modules\n", encoding="utf-8")
    assert not is_site(old)
