"""The external-resource check of the packaged mkdocs hook scans again only the files whose
bytes changed since a clean scan (incremental builds), and never trusts a file it found bad."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.site.kit import theme_hook

BAD = '<html><script src="https://cdn.example.com/x.js"></script></html>'
GOOD = '<html><script src="assets/x.js"></script></html>'


def hook(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The hook as mkdocs loads it: its folder on the import path, its store beside it."""
    return theme_hook(monkeypatch, "external_assets", "gm_external")


def scan(module: ModuleType, site: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        module.on_post_build({"site_url": "http://127.0.0.1:8000/", "site_dir": str(site)})
    return [r.getMessage() for r in caplog.records]


def test_clean_files_are_not_scanned_again_changed_and_bad_ones_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    module = hook(monkeypatch)
    store = sys.modules["cache_store"]
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setattr(store.STATE, "folder", folder)
    monkeypatch.setattr(store.STATE, "build", "test-build")
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text(GOOD, encoding="utf-8")
    (site / "b.html").write_text(BAD, encoding="utf-8")
    scanned: list[str] = []
    original = module.external_urls
    monkeypatch.setattr(
        module, "external_urls", lambda text, own: scanned.append(text) or original(text, own)
    )

    assert any("b.html" in m and "cdn.example.com" in m for m in scan(module, site, caplog))
    assert len(scanned) == 2
    scanned.clear()
    warnings = scan(module, site, caplog)  # a clean file is skipped, a bad one never is
    assert scanned == [BAD] and any("b.html" in m for m in warnings)
    scanned.clear()
    (site / "a.html").write_text(BAD, encoding="utf-8")  # changed bytes: scanned again
    assert any("a.html" in m for m in scan(module, site, caplog))
    assert scanned == [BAD, BAD]

    monkeypatch.setattr(store.STATE, "folder", None)  # a full build keeps nothing
    (site / "a.html").write_text(GOOD, encoding="utf-8")
    scanned.clear()
    scan(module, site, caplog)
    scan(module, site, caplog)
    assert len(scanned) == 4
