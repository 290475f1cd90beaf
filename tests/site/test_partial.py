"""The rebuild over the changed pages only (``pipeline/site/partial.py``, hook
``theme/frames.py``): a correction runs mkdocs over the corrected post and what its
navigation needs, carries every other file over and equals ``govmedia build --full`` byte
for byte (the sitemap on another day too); a change it cannot build alone, a file changed
in place or a page whose frame differs falls back to the whole build."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.site import carry, partial, search_merge, sitemap
from pipeline.site.build import PARTIAL_DONE
from tests.publish_support import approve
from tests.site.conftest import (
    APP,
    CORRECTED,
    Built,
    assert_same_as_full,
    build_cli,
    correct,
    module_site,
)
from tests.site.kit import publish, retract
from tests.site.test_carry import inodes, kept
from tests.site.test_incremental import tree

CORRECTED_PAGE = f"posts/{Path(CORRECTED).stem}.html"
UNCHANGED = f"posts/{Path(APP).stem}.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "partial")


def build(site: Built) -> str:
    result = build_cli(site.repo.path)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stderr + result.stdout


@dataclass(frozen=True)
class Rebuilt:
    output: str  # what the rebuild after the change printed
    before: dict[str, bytes]  # the site's files and bytes before the change
    inodes: dict[str, int]  # and their inodes
    after: dict[str, bytes]  # the site's files and bytes after the rebuild


def rebuilt(site: Built, change: Callable[[], None], partial: bool | None) -> Rebuilt:
    """The shape of these tests: build, make ``change``, build again, over the changed
    pages only (``partial`` True), as a whole build (False) or either (None); the site
    then equals a ``--full`` build's byte for byte."""
    build(site)
    before, files = tree(site.site), inodes(site.site)
    change()
    output = build(site)
    if partial is not None:
        assert (PARTIAL_DONE in output) is partial, output
    assert_same_as_full(site)
    return Rebuilt(output, before, files, tree(site.site))


def changed_pages(run: Rebuilt) -> set[str]:
    """The HTML pages of the site whose bytes the rebuild changed."""
    return {n for n in run.after if n.endswith(".html") and run.after[n] != run.before.get(n)}


def test_a_correction_builds_its_page_alone_and_equals_a_full_build(site: Built) -> None:
    run = rebuilt(
        site, lambda: correct(site, "部分重建：更正咨询电话。", "2026-06-02T02:00:00Z"), True
    )
    assert "部分重建" in site.page(CORRECTED_PAGE)
    same = kept(run.inodes, site.site)
    changed = {n for n in run.inodes if n not in same}
    assert CORRECTED_PAGE in changed and UNCHANGED in same
    assert "search/search_index.json" in changed and "sitemap.xml" in same
    assert {n for n in changed if n.endswith(".html")} <= {CORRECTED_PAGE, "accounts.html"} | {
        n for n in changed if n.startswith("governance/")
    }
    shards = json.loads((site.site / "search/search_index.json").read_text(encoding="utf-8"))
    words = [
        doc["text"].replace("\u200b", "")  # the index's word separator
        for shard in shards["config"]["shards"]
        for doc in json.loads((site.site / "search" / shard["url"]).read_bytes())["docs"]
        if doc["location"].startswith(CORRECTED_PAGE)
    ]
    assert any("部分重建" in text for text in words)


def test_a_rebuild_on_another_day_writes_the_sitemap_with_its_date(
    site: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    def change() -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795200000")  # two days later
        correct(site, "部分重建：另一天的更正。", "2026-06-04T02:00:00Z")

    rebuilt(site, change, True)  # sitemap.xml.gz as mkdocs writes it
    assert "<lastmod>2026-11-20</lastmod>" in site.page("sitemap.xml")


def test_a_retraction_builds_its_pages_and_lists_alone_and_equals_a_full_build(
    site: Built,
) -> None:
    # the views that showed it are built again, with every post given to the blog plugin
    run = rebuilt(
        site, lambda: retract(site.repo, APP, "部分重建测试：撤稿", at="2026-06-05T03:00:00Z"), True
    )
    assert "本文已撤稿" in site.page(UNCHANGED)
    # What the run over changed pages builds (docs/dev/speed.md, "Fourteenth pass"): the
    # post's own page and the pages that listed it (the home, month, category and tags
    # lists, the accounts page), the retractions and governance pages; no other post page
    # (its neighbours' pages do not show its title), no other list page; its images are
    # removed, no file is added.
    before, after = run.before, run.after
    assert set(after) <= set(before)
    assert {n.split("/")[0] for n in set(before) - set(after)} <= {"media"}
    changed = changed_pages(run)
    url = Path(UNCHANGED).name.encode()
    listing = {n for n, data in before.items() if n.endswith(".html") and url in data}
    assert UNCHANGED in changed and "index.html" in changed and "tags.html" in changed
    assert changed - listing <= {UNCHANGED, "retractions.html"} | {
        n for n in changed if n.startswith("governance/")
    }
    assert {n for n in changed if n.startswith("posts/")} == {UNCHANGED}


def alter(page: Path) -> bytes:
    """Change one byte of ``page`` in place (the same size, another hash); its old bytes."""
    data = page.read_bytes()
    at = data.index(b"</title>")
    page.write_bytes(data[: at - 1] + b"X" + data[at:])
    return data


def test_a_file_changed_in_place_makes_the_rebuild_whole(site: Built) -> None:
    page, kept_bytes = site.site / UNCHANGED, []

    def change() -> None:
        kept_bytes.append(alter(page))
        correct(site, "部分重建：被改动的文件。", "2026-06-06T02:00:00Z")

    run = rebuilt(site, change, False)
    assert "无法核实" in run.output
    assert page.read_bytes() == kept_bytes[0]


def test_a_rebuild_with_nothing_changed_runs_over_no_page_and_keeps_every_file(
    site: Built,
) -> None:
    run = rebuilt(site, lambda: None, True)  # the build's key proved, no page taken from it
    assert run.after == run.before  # the same files with the same bytes
    same = kept(run.inodes, site.site)
    # every file is the previous site's (hard links), but the search manifest and the
    # sitemaps, written again as they were, and the folder's own two marks
    again = {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz", ".gitignore"}
    assert set(run.inodes) - same <= again | {".govmedia-site"}
    assert UNCHANGED in same and "index.html" in same and "accounts.html" in same


def test_nothing_changed_but_a_file_of_the_site_altered_builds_it_whole(site: Built) -> None:
    page, kept_bytes = site.site / UNCHANGED, []
    run = rebuilt(site, lambda: kept_bytes.append(alter(page)), False)
    assert "无法核实" in run.output
    assert page.read_bytes() == kept_bytes[0]


def test_nothing_changed_but_the_sealed_list_unreadable_builds_it_whole(site: Built) -> None:
    def truncate() -> None:
        lists = [p for p in carry_folder(site).iterdir() if p.is_file()]
        assert lists
        for path in lists:
            path.write_bytes(path.read_bytes()[:-7])  # truncated: its seal no longer holds

    rebuilt(site, truncate, False)
    assert PARTIAL_DONE in build(site)  # sealed again by the whole build


def carry_folder(site: Built) -> Path:
    from pipeline.project import Project
    from pipeline.site.build import CARRY_DIR
    from pipeline.site.stores import private_folder

    return private_folder(Project(site.repo.path), CARRY_DIR)


def test_a_ledger_record_alone_rebuilds_what_it_shows(site: Built) -> None:
    # a new publication record of a post already in the archive: no file of content/ changed.
    # On WeChat, the channel the accounts page dates a post by (its first channel's latest
    # record), so the page changes whichever tests of this module ran before
    run = rebuilt(
        site, lambda: publish(site.repo, APP, at="2026-06-08T02:00:00Z", channels=("wechat",)), None
    )
    assert "accounts.html" in changed_pages(run)


def test_the_governance_inputs_alone_rebuild_the_governance_pages(site: Built) -> None:
    accounts = site.repo.path / "content/accounts.yml"

    def expect_more() -> None:
        text = accounts.read_text(encoding="utf-8")
        assert "expected_monthly_posts: 3\n" in text
        site.repo.write(
            "content/accounts.yml",
            text.replace("expected_monthly_posts: 3\n", "expected_monthly_posts: 9\n", 1),
        )
        site.repo.commit("Expect more posts of the WeChat account")
        # three stages, as the server asks of a unit file (the builder stops otherwise)
        approve(site.repo.path, ["content/accounts.yml"])

    run = rebuilt(site, expect_more, None)
    changed = {n for n in run.after if run.after[n] != run.before.get(n)}
    assert any(n.startswith("governance/") for n in changed)
    assert not {n for n in changed if n.startswith("posts/")}


def sealed(docs: dict[str, str], files: dict[str, str]) -> carry.Sealed:
    return carry.Sealed(files=files, docs=docs, build="b", frames={"posts/a.html": "f"})


def test_only_changes_that_leave_every_other_page_as_it_was_are_built_alone() -> None:
    docs = {
        "posts/a.md": "1",
        ".bodies/posts/a.html": "2",
        "accounts.md": "3",
        "feed.xml": "4",
        "img/x.png": "5",
    }
    files = {"feed.xml": "4", "img/x.png": "other"}
    before = sealed(docs, files)
    body = dict(docs, **{".bodies/posts/a.html": "9", "accounts.md": "9", "feed.xml": "9"})
    change = partial.changes(before, body)
    assert change == partial.Change(pages=["posts/a.md", "accounts.md"], static=["feed.xml"])
    edited = partial.changes(before, dict(docs, **{"posts/a.md": "9"}))  # its excerpt too
    assert edited == partial.Change(pages=["posts/a.md"], static=[], edited=["posts/a.md"])
    assert partial.changes(before, dict(docs, **{"posts/b.md": "9"})) is None  # a new file
    assert partial.changes(before, {k: v for k, v in docs.items() if k != "feed.xml"}) is None
    assert partial.changes(before, dict(docs, **{"img/x.png": "9"})) is None  # not as copied
    assert partial.changes(sealed({}, files), docs) is None  # built before frames were kept


def test_a_pages_raw_blocks_changed_build_that_page() -> None:
    docs = {"accounts.md": "1", ".bodies/accounts.blocks.json": "2", "posts/a.md": "3"}
    docs[".bodies/posts/a.blocks.json"] = "4"
    before = sealed(docs, {})
    change = partial.changes(before, dict(docs, **{".bodies/accounts.blocks.json": "9"}))
    assert change == partial.Change(pages=["accounts.md"], static=[])
    both = dict(docs, **{".bodies/accounts.blocks.json": "9", "accounts.md": "9"})
    assert partial.changes(before, both) == change  # the page once
    assert partial.changes(before, dict(docs, **{".bodies/posts/a.blocks.json": "9"})) is None
    gone = dict(docs, **{".bodies/tags.blocks.json": "9"})
    assert (
        partial.changes(sealed(gone, {}), dict(gone, **{".bodies/tags.blocks.json": "8"})) is None
    )


def test_a_page_is_taken_only_with_the_recorded_frame_and_nothing_logged(tmp_path: Path) -> None:
    before = sealed({}, {})
    report = {"build": "b", "date": "2026-11-16", "problems": []}
    report["pages"] = {"posts/a.md": ["posts/a.html", "f"]}
    (tmp_path / partial.REPORT).write_text(json.dumps(report), encoding="utf-8")
    assert partial._report(tmp_path, before, ["posts/a.md"]) == partial.Report(
        "2026-11-16", {"posts/a.md": ["posts/a.html", "f"]}, {}
    )
    for wrong in (
        {"pages": {"posts/a.md": ["posts/a.html", "g"]}},
        {"build": "c"},
        {"problems": ["posts/a.md: 链接"]},
        {"pages": {}},
    ):
        (tmp_path / partial.REPORT).write_text(json.dumps(dict(report, **wrong)), "utf-8")
        assert partial._report(tmp_path, before, ["posts/a.md"]) is None
    assert partial.request(before, ["posts/a.md"]) == {"build": "b", "pages": {"posts/a.md": "f"}}


def test_search_entries_are_put_in_place_of_the_old_ones_or_refused(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        (folder / "search").mkdir(parents=True)
    docs = [{"location": u, "title": "t", "text": "x"} for u in ("a.html", "b.html", "b.html#s")]
    shard = search_merge.dump({"docs": [*docs, {"location": "c.html", "title": "", "text": ""}]})
    manifest = {"config": {"shards": [{"name": "site", "url": "site.json", "docs": 4}]}, "docs": []}
    manifest["config"]["shards"][0]["bytes"] = len(shard)
    (old / "search/site.json").write_bytes(shard)
    (old / "search/search_index.json").write_bytes(search_merge.dump(manifest))
    fresh = [{"location": "b.html", "title": "t", "text": "新"}]
    (new / "search/site.json").write_bytes(search_merge.dump({"docs": fresh}))
    (new / "search/search_index.json").write_bytes(search_merge.dump(manifest))
    files = carry.hashes(old) or {}
    made = search_merge.merged(old, new, files, ["b.html"])
    assert made is not None
    merged = json.loads(made["search/site.json"])["docs"]
    assert [d["location"] for d in merged] == ["a.html", "b.html", "c.html"]
    assert merged[1]["text"] == "新"
    entry = json.loads(made["search/search_index.json"])["config"]["shards"][0]
    assert entry["docs"] == 3 and entry["bytes"] == len(made["search/site.json"])
    assert (
        search_merge.merged(old, new, dict(files, **{"search/site.json": "0"}), ["b.html"]) is None
    )
    assert search_merge.merged(old, new, files, ["b.html", "d.html"]) is None


def test_the_sitemap_is_kept_or_written_with_the_new_date(tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset>\n<url><loc>a</loc>'
        "<lastmod>2026-11-16</lastmod></url>\n</urlset>"
    )
    (tmp_path / "sitemap.xml").write_text(text, encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(sitemap.gzipped(text, "2026-11-16"))
    files = carry.hashes(tmp_path) or {}
    assert sitemap.redated(tmp_path, "2026-11-16", files) == {}
    made = sitemap.redated(tmp_path, "2026-11-18", files)
    assert made is not None and b"<lastmod>2026-11-18</lastmod>" in made["sitemap.xml"]
    assert made["sitemap.xml.gz"] == sitemap.gzipped(made["sitemap.xml"].decode(), "2026-11-18")
    assert sitemap.redated(tmp_path, "2026-11-18", dict(files, **{"sitemap.xml": "0"})) is None
