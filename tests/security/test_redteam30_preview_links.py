"""Red team round 30: the reviewer's preview written through links the branch tracks.

``govmedia preview POST`` writes the post's page and a copy of each image it shows into
``reports/preview/`` of the working tree: ``<slug>.html`` through ``<slug>.html.tmp`` and
``<slug>_files/<image name>`` (since round 38 ``<hash>-<image name>``, the hash of the
picture as published), each opened by name, following a link. The unit's server
refuses links anywhere, but a pull request on a hosted forge (or any branch a reviewer
fetches) may track those paths as links to the reviewer's own files, and git replaces the
ignored previews with them on checkout. Reviewing that branch, the reviewer's preview
wrote the branch's "image" (bytes of the editor's choosing: a PNG whose tail is a line of
shell) into the file the link named, ``~/.bashrc`` for instance, and the page into
another. Now each file is written whole through a new file renamed over the path (a link
there is replaced, never followed), and a link among the output's folders inside the work
tree is refused, naming it; ``govmedia report`` refuses such a folder too.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from PIL import Image

from pipeline.image_meta import stripped
from tests.conftest import run_cli
from tests.security.battery_support import Unit, post_text

POST = "content/posts/2026/11/yanshi-tiaozheng.md"
IMAGE = "content/posts/2026/11/tu.png"
PAGE = "reports/preview/yanshi-tiaozheng.html"
FILES = "reports/preview/yanshi-tiaozheng_files"
PRECIOUS = "# 审核人自己的文件，不能被预览改写\n"
TAIL = b"\necho planted-by-the-branch\n"


def _image() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue() + TAIL  # a PNG still, with a line of shell after its end


def _shown() -> str:
    """Where the preview copies the image: a name a branch can predict and track as a link."""
    published = stripped(_image()).data  # the shell line after the PNG's end left out
    return f"{FILES}/{hashlib.sha256(published).hexdigest()[:16]}-tu.png"


def _branch_with_links(unit: Unit, links: dict[str, str]) -> None:
    unit.branch("pr/preview-links")
    unit.write(POST, post_text("延时服务调整") + "\n![示意图](tu.png)\n")
    unit.write(IMAGE, _image())
    for rel, target in links.items():
        link = unit.clone.path / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, link)
    unit.clone.git("add", "-f", POST, IMAGE, *links)
    unit.commit("新稿：延时服务调整")


def _victim(unit: Unit, name: str) -> Path:
    victim = unit.clone.path.parent / name
    victim.write_text(PRECIOUS, encoding="utf-8")
    return victim


def test_a_preview_never_writes_through_a_link_the_branch_tracks(unit: Unit) -> None:
    rc, page = _victim(unit, "victim-bashrc"), _victim(unit, "victim-page")
    _branch_with_links(
        unit,
        {
            _shown(): f"../../../../{rc.name}",
            f"{PAGE}.tmp": f"../../../{page.name}",
        },
    )
    result = run_cli("preview", POST, cwd=unit.clone.path)
    assert rc.read_bytes() == PRECIOUS.encode("utf-8")
    assert page.read_bytes() == PRECIOUS.encode("utf-8")
    assert result.code == 0, result.out + result.err  # the honest preview is still made
    shown = unit.clone.path / PAGE
    assert not shown.is_symlink() and "延时服务调整" in shown.read_text(encoding="utf-8")
    copy = unit.clone.path / _shown()
    assert not copy.is_symlink() and copy.read_bytes() == stripped(_image()).data


def test_a_preview_folder_the_branch_links_elsewhere_is_refused(unit: Unit) -> None:
    elsewhere = unit.clone.path.parent / "victim-folder"
    elsewhere.mkdir()
    _branch_with_links(unit, {"reports/preview": f"../../{elsewhere.name}"})
    result = run_cli("preview", POST, cwd=unit.clone.path)
    assert result.code != 0
    assert "reports/preview" in result.err and "符号链接" in result.err, result.err
    assert "Traceback" not in result.err
    assert not list(elsewhere.iterdir())


def test_a_report_folder_the_branch_links_elsewhere_is_refused(unit: Unit) -> None:
    """The same for ``govmedia report`` (``reports/`` by default): its files are renamed
    over their paths, and a linked folder on the way is refused."""
    elsewhere = unit.clone.path.parent / "victim-reports"
    elsewhere.mkdir()
    _branch_with_links(unit, {"reports": f"../{elsewhere.name}"})
    result = run_cli("report", "--month", "2026-11", cwd=unit.clone.path)
    assert result.code == 2, result.out + result.err
    assert "reports" in result.err and "符号链接" in result.err, result.err
    assert not list(elsewhere.iterdir())
    (unit.clone.path / "reports").unlink()  # honest: a plain folder takes the report
    result = run_cli("report", "--month", "2026-11", cwd=unit.clone.path)
    assert (unit.clone.path / "reports" / "report-2026-11.md").is_file(), result.out + result.err
