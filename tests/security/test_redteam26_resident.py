"""Red team round 26: a resident builder that outlives an upgrade of the packages it loaded.

``govmedia build --serve`` loads mkdocs, mkdocs-material, Python-Markdown, Jinja and
MarkupSafe, PyYAML and nh3 (the engine of the one HTML sanitiser, ``html_sanitize.py``)
once, and every build is a child forked from it. Its code check hashed govmedia's own files
and the versions of six packages only, so after an operator upgraded nh3 (say, for a
sanitiser bypass fixed upstream) the builder went on answering every ``govmedia build`` of
the server's hook with the old nh3 in memory, and the archive was sanitised by code no
longer installed. Now the check covers what every installed distribution says of itself
(its metadata and its record of files): the builder exits and the client builds.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.site import resident_code
from tests.site.conftest import Built, assert_same_as_full, correct, module_site
from tests.site.conftest import short_cache as short_cache  # the builder's short cache
from tests.site.test_resident import USED, built, start, stop

# The builder, with ``importlib.metadata`` showing nh3 as ``pip install -U nh3`` leaves it
# once the flag file exists (the new METADATA and RECORD on disk; the old nh3 in memory).
UPGRADING = """
import re, sys
from importlib import metadata
from pathlib import Path

FLAG = Path({flag!r})
real = metadata.distributions

class Upgraded(metadata.Distribution):
    def __init__(self, dist):
        self.dist = dist
    def read_text(self, filename):
        text = self.dist.read_text(filename)
        if text and filename == "METADATA":
            return re.sub(r"(?m)^Version: .*$", "Version: 99.0.0", text)
        if text and filename == "RECORD":
            return text.replace(".dist-info", "-99.0.0.dist-info")
        return text
    def locate_file(self, path):
        return self.dist.locate_file(path)

def distributions(**kwargs):
    for dist in real(**kwargs):
        upgraded = FLAG.exists() and (dist.metadata["Name"] or "").lower() == "nh3"
        yield Upgraded(dist) if upgraded else dist

metadata.distributions = distributions
from pipeline.cli import main
sys.exit(main(["build", "--serve"]))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "redteam26-resident")


@pytest.mark.usefixtures("short_cache")
def test_a_builder_started_before_an_upgrade_of_the_sanitiser_never_builds_after_it(
    site: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVMEDIA_SITE_URL", "http://127.0.0.1:8000/")
    flag = tmp_path / "nh3-upgraded"
    server = start(site.repo.path, UPGRADING.format(flag=str(flag)))
    try:
        correct(site, "常驻构建：升级前。", "2026-06-04T02:00:00Z")
        assert USED in built(site)  # honest: the builder answers while nothing changed
        flag.touch()  # the operator upgrades nh3; the builder holds the old one
        correct(site, "常驻构建：升级后。", "2026-06-05T02:00:00Z")
        stderr = built(site)
        assert USED not in stderr, "the builder built with the nh3 loaded before the upgrade"
        assert "自身代码已改变" in stderr and "改为直接构建" in stderr
        assert server.wait(timeout=60) == 3
    finally:
        err = stop(server)
    assert "自身代码已改变" in err
    cache = Path(os.environ["XDG_CACHE_HOME"])
    assert not any((cache / "govmedia" / "resident").iterdir())
    assert_same_as_full(site)


def _dist(site: Path, name: str, version: str, record: str) -> Path:
    info = site / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )
    (info / "RECORD").write_text(record, encoding="utf-8")
    return info


def test_every_installed_distribution_counts_in_the_code_digest(tmp_path: Path) -> None:
    where = [str(tmp_path)]
    old = _dist(tmp_path, "nh3", "0.2.14", "nh3/__init__.py,sha256=AAAA,10\n")
    _dist(tmp_path, "markupsafe", "3.0.2", "markupsafe/__init__.py,sha256=BBBB,10\n")
    before = resident_code.installed(where)
    assert b"Name: nh3" in before and b"Name: markupsafe" in before
    # a reinstall of the same version with other bytes (a patched build of the wheel)
    (old / "RECORD").write_text("nh3/__init__.py,sha256=CCCC,10\n", encoding="utf-8")
    reinstalled = resident_code.installed(where)
    assert reinstalled != before
    # an upgrade: the old dist-info replaced by the new one
    for path in old.iterdir():
        path.unlink()
    old.rmdir()
    _dist(tmp_path, "nh3", "0.3.0", "nh3/__init__.py,sha256=CCCC,10\n")
    assert resident_code.installed(where) not in (before, reinstalled)
    # the real import path: nh3 and MarkupSafe are among what the builder's digest reads
    here = resident_code.installed()
    assert b"\nName: nh3\n" in here and b"\nName: MarkupSafe\n" in here
