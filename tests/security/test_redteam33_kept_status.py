"""Red team, round 33: the governance pages' posts kept by their status (path, device,
inode, size, modification and change times, once settled two seconds before the build;
``governance.post_brief``). A pusher's branch, checked out in the build folder, rewrites
a settled post with text of the same size, and its modification time is set back to the
old one (``touch -d``, ``os.utime``) so size and mtime are what the store holds: the
kept brief must not be used. Real git repository, real checkout, the real clock (no
``SETTLED`` patched)."""

from __future__ import annotations

import os
import time

from pipeline.governance import post_brief
from pipeline.governance.report import load_unit
from pipeline.project import Project
from tests import test_governance_kept
from tests.conftest import Repo
from tests.test_governance_kept import DictStore, _status_keys

POST = "content/posts/2026/11/post-c.md"
unit = test_governance_kept.unit  # the same fixture: the sample unit with a publisher


def _settle() -> None:
    time.sleep(post_brief.SETTLED / 1e9 + 0.3)


def _titles(unit: Repo, store: DictStore) -> dict[str, str]:
    return {p.slug: p.title for p in load_unit(unit.path, store=store).posts}


def test_a_checkout_of_the_same_size_with_the_old_mtime_is_read_again(unit: Repo) -> None:
    """The branch ``swap`` holds post-c with 丁 for 丙 (the same size in UTF-8). After a
    build kept every settled post by its status, the branch is checked out in the build
    folder and post-c's times set back to the old ones: size and mtime equal the kept
    status, only the change time (which no user can set) and perhaps the inode differ.
    The next build, at once, reads post-c again and shows 丁文章; settled again, it is kept
    under its new status and still shows 丁文章."""
    path = unit.path / POST
    text = path.read_text(encoding="utf-8")
    swapped = text.replace("丙文章", "丁文章")
    assert swapped != text and len(swapped.encode()) == len(text.encode())
    unit.git("checkout", "-q", "-b", "swap")
    path.write_text(swapped, encoding="utf-8")
    unit.commit("换标题", POST)
    unit.git("checkout", "-q", "-")
    _settle()
    project = Project(unit.path)
    first = DictStore()
    assert _titles(unit, first)["post-c"] == "丙文章"
    kept = _status_keys(project)
    assert len(kept) == 3 and kept <= set(first.used)  # every post kept by its status
    old = os.stat(path)
    unit.git("checkout", "-q", "swap")
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    new = os.stat(path)
    assert (new.st_size, new.st_mtime_ns) == (old.st_size, old.st_mtime_ns)
    assert path.read_text(encoding="utf-8") == swapped
    second = DictStore(first.used)
    assert _titles(unit, second)["post-c"] == "丁文章"
    assert not _status_keys(project) <= kept
    _settle()
    third = DictStore(second.used)
    assert _titles(unit, third)["post-c"] == "丁文章"
    assert _status_keys(project) <= set(third.used)
