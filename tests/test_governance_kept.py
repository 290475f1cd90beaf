"""The governance pages reuse the posts the site's build keeps parsed, and its ledger read.

What a post gives the reports (``governance.post_brief``) is kept in the site's sealed body
store under the hash of the post's path and bytes, the registry and roster files and the
code: the pages made from kept posts are the same, nothing is parsed again, a changed post
or roster is read again, and an entry of another shape is never used.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from pipeline import ledger_trust
from pipeline.governance import post_brief
from pipeline.governance.period import parse_year
from pipeline.governance.post_brief import PostBrief
from pipeline.governance.report import WaiverUse, assess_unit, load_unit
from pipeline.governance.site_pages import write_pages
from pipeline.ledger_trust import trusted_ledger
from pipeline.project import Project
from pipeline.site import build
from pipeline.site.body_store import BodyStore
from tests.conftest import Repo
from tests.security.ledger_support import enroll_publisher
from tests.test_governance_report import build_unit


@pytest.fixture
def unit(make_repo, monkeypatch) -> Repo:
    monkeypatch.setenv("GOVMEDIA_TODAY", "2026-11-27")
    repo = make_repo("unit", sample=True)
    enroll_publisher(repo)
    repo.git("rm", "-r", "-q", "content/posts")
    build_unit(repo)
    return repo


class DictStore:
    """A store that keeps its entries in memory (what ``BodyStore`` keeps in its file)."""

    def __init__(self, entries: dict[str, str] | None = None) -> None:
        self.entries = dict(entries or {})
        self.used: dict[str, str] = {}

    def kept(self, key: str) -> str | None:
        return self.entries.get(key)

    def keep(self, key: str, text: str) -> None:
        self.used[key] = text


def _pages(project: Project, docs: Path, store: BodyStore | None = None) -> dict[str, str]:
    records = list(trusted_ledger(project).records()) if store is not None else None
    pages = write_pages(project, docs, store, records)
    return {path: (docs / path).read_text(encoding="utf-8") for _, path in pages}


def _store_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir(mode=0o700)
    return folder


def test_pages_from_kept_posts_are_the_same_and_parse_nothing(unit, tmp_path, monkeypatch):
    project = Project(unit.path)
    fresh = _pages(project, tmp_path / "fresh")
    folder = _store_folder(tmp_path)
    first = BodyStore(folder)
    assert _pages(project, tmp_path / "first", first) == fresh
    first.save()
    # three working-tree posts and four published versions (A twice, B, C)
    assert len(first.used_kept) == 3 + 4

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a kept post was parsed again")

    monkeypatch.setattr(post_brief.content, "parse_post", refuse)
    monkeypatch.setattr(post_brief.content.PostReader, "parse", refuse)
    second = BodyStore(folder)
    assert _pages(project, tmp_path / "second", second) == fresh
    assert second.used_kept == first.used_kept


def test_a_changed_post_or_roster_is_read_again(unit, tmp_path):
    project = Project(unit.path)
    store = DictStore()
    load_unit(unit.path, store=store)
    warm = DictStore(store.used)
    text = (unit.path / "content/posts/2026/11/post-c.md").read_text(encoding="utf-8")
    unit.write("content/posts/2026/11/post-c.md", text.replace("丙文章", "丙文章（修订）"))
    titles = {p.slug: p.title for p in load_unit(unit.path, store=warm).posts}
    assert titles == {"post-a": "甲文章", "post-b": "乙文章", "post-c": "丙文章（修订）"}
    # The author leaves the roster: every post of theirs fails validation, kept or not.
    roster = project.roster_file.read_text(encoding="utf-8")
    assert "wangfang@example.gov.cn" in roster
    project.roster_file.write_text(
        roster.replace("wangfang@example.gov.cn", "someone-else@example.gov.cn"), encoding="utf-8"
    )
    assert load_unit(unit.path).posts == []
    assert load_unit(unit.path, store=DictStore(warm.used)).posts == []


@pytest.mark.parametrize(
    "bad",
    [
        "not json",
        "[1]",
        '["post-a", "甲", "", "2026-10-08", ["wechat"]]',
        '["post-a", "甲", "", "2026-13-45", ["wechat"], []]',
        '["post-a", "甲", "", "2026-10-08", "wechat", []]',
        '["post-a", "甲", "", "2026-10-08", ["wechat"], [["A9-07", "r", "1"]]]',
        '{"waivers": []}',
        '[["A9-07", "r"]]',
    ],
)
def test_a_kept_entry_of_another_shape_is_parsed_again(unit, bad):
    def assessed(store: DictStore | None) -> tuple[list[PostBrief], list[list[WaiverUse]]]:
        data = load_unit(unit.path, store=store)
        report = assess_unit(data, parse_year("2026"), dt.date(2026, 11, 27))
        return data.posts, [a.waivers for a in report.accounts]

    plain = assessed(None)
    store = DictStore()
    assert assessed(store) == plain
    spoiled = DictStore(dict.fromkeys(store.used, bad))
    assert assessed(spoiled) == plain
    assert spoiled.used == store.used  # what it keeps is what a parse gives
    assert any("A9-07" in text for text in store.used.values())  # the first version's waiver
    assert sum(len(w) for w in plain[1]) == 2  # A's first version, on WeChat and Weibo


def test_a_version_that_does_not_parse_is_kept_as_such():
    store = DictStore()
    assert post_brief.blob_waivers("content/posts/x.md", b"no front matter", store) is None
    assert list(store.used.values()) == ["null"]
    assert post_brief.blob_waivers("content/posts/x.md", b"no front matter", store) is None
    kept = DictStore(store.used)
    assert post_brief.blob_waivers("content/posts/x.md", b"no front matter", kept) is None


def test_build_reads_the_ledger_once(unit, tmp_path, monkeypatch):
    project = Project(unit.path)
    calls: list[Path] = []
    verify = ledger_trust.verify_history

    def counted(root: Path, ref: str = "HEAD") -> None:
        calls.append(root)
        verify(root, ref)

    monkeypatch.setattr(ledger_trust, "verify_history", counted)
    build_dir = unit.path / build.BUILD_DIR
    build_dir.mkdir()
    store = BodyStore(build.private_folder(project, build.BODY_CACHE_DIR))
    docs = build.generate(project, build_dir, store)
    assert len(calls) == 1
    assert (docs / "governance/assessment-2026.md").is_file()


# A working-tree post changed long enough before the build is kept by its status (path,
# device, inode, size, modification and change times): ``post_brief.SETTLED`` below zero
# makes the posts just written count as settled, as they would be seconds later.
SETTLED_NOW = -10_000_000_000


def _status_keys(project: Project) -> set[str]:
    context = (
        f"{post_brief._file_digest(project.accounts_file)}\0"
        f"{post_brief._file_digest(project.roster_file)}"
    )
    reader = post_brief.content.PostReader(project)
    keys = set()
    for path in post_brief.content.iter_post_files(project):
        regular = reader.regular(path)
        assert regular is not None
        keys.add(post_brief._status_key(context, *regular))
    return keys


def test_settled_posts_are_kept_by_status_and_not_read(unit, tmp_path, monkeypatch):
    project = Project(unit.path)
    fresh = _pages(project, tmp_path / "fresh")
    monkeypatch.setattr(post_brief, "SETTLED", SETTLED_NOW)
    folder = _store_folder(tmp_path)
    first = BodyStore(folder)
    assert _pages(project, tmp_path / "first", first) == fresh
    first.save()
    statuses = _status_keys(project)
    assert len(statuses) == 3 and statuses <= set(first.used_kept)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a post kept by its status was read again")

    monkeypatch.setattr(post_brief.content.PostReader, "raw", refuse)
    monkeypatch.setattr(post_brief.content.PostReader, "parse", refuse)
    second = BodyStore(folder)
    assert _pages(project, tmp_path / "second", second) == fresh
    assert second.used_kept == first.used_kept


def test_a_post_written_just_before_the_build_is_kept_by_its_bytes(unit):
    # the control of the test above: with the real clock the posts just written are not
    # settled, so no status is kept and each is read (and kept by its bytes)
    project = Project(unit.path)
    store = DictStore()
    plain = load_unit(unit.path).posts
    assert load_unit(unit.path, store=store).posts == plain
    assert not _status_keys(project) & set(store.used)
    assert len([t for t in store.used.values() if t.startswith('["post-')]) == 3


def test_a_settled_post_changed_since_is_read_again(unit, monkeypatch):
    monkeypatch.setattr(post_brief, "SETTLED", SETTLED_NOW)
    project = Project(unit.path)
    store = DictStore()
    load_unit(unit.path, store=store)
    before = _status_keys(project)
    warm = DictStore(store.used)
    path = unit.path / "content/posts/2026/11/post-c.md"
    text = path.read_text(encoding="utf-8")
    changed = text.replace("丙文章", "丁文章")  # the same size: only the times tell
    assert len(changed.encode()) == len(text.encode()) and changed != text
    for _ in range(200):  # until the clock's tick has moved on (one write within a tick is
        path.write_text(changed, encoding="utf-8")  # what SETTLED leaves out)
        if not _status_keys(project) <= before:
            break
        time.sleep(0.01)
    assert not _status_keys(project) <= before
    titles = {p.slug: p.title for p in load_unit(unit.path, store=warm).posts}
    assert titles == {"post-a": "甲文章", "post-b": "乙文章", "post-c": "丁文章"}


def test_a_kept_post_whose_folder_now_leads_outside_is_not_taken(unit, tmp_path, monkeypatch):
    monkeypatch.setattr(post_brief, "SETTLED", SETTLED_NOW)
    store = DictStore()
    assert len(load_unit(unit.path, store=store).posts) == 3
    # the same files (same inodes and times), now reached through a link out of the checkout
    posts = unit.path / "content/posts"
    outside = tmp_path / "outside"
    posts.rename(outside)
    posts.symlink_to(outside, target_is_directory=True)
    assert load_unit(unit.path).posts == []
    assert load_unit(unit.path, store=DictStore(store.used)).posts == []


@pytest.mark.parametrize("bad", ["not json", '["post-a"]', '{"title": "甲"}'])
def test_a_status_entry_of_another_shape_is_read_again(unit, monkeypatch, bad):
    monkeypatch.setattr(post_brief, "SETTLED", SETTLED_NOW)
    project = Project(unit.path)
    plain = load_unit(unit.path).posts
    store = DictStore()
    assert load_unit(unit.path, store=store).posts == plain
    spoiled = DictStore(dict.fromkeys(_status_keys(project), bad))
    assert load_unit(unit.path, store=spoiled).posts == plain
    assert spoiled.used == store.used
