"""The documentation site builds (mkdocs --strict) and documents every front-matter field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipeline.content import KNOWN_FIELDS
from tests.conftest import PROJECT_ROOT


def test_docs_site_builds_strict(tmp_path: Path) -> None:
    out = tmp_path / "docs-site"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            "mkdocs-docs.yml",
            "-d",
            str(out),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    for page in ("index.html", "manual/editors/index.html", "dev/index.html"):
        assert (out / page).is_file(), page
    assert not any("fonts.googleapis" in p.read_text(errors="replace") for p in out.rglob("*.html"))


def test_editor_manual_documents_every_front_matter_field() -> None:
    manual = (PROJECT_ROOT / "docs/manual/editors.md").read_text(encoding="utf-8")
    missing = [key for key in KNOWN_FIELDS if f"| `{key}` |" not in manual]
    assert not missing, missing
