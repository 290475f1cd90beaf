"""An incremental build (the default) reuses unchanged post pages and is byte-identical to a
full build: after a correction, a retraction and a new post, the site built incrementally
equals ``govmedia build --full`` of the same repository into another folder, file by file."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pipeline.errors import GovmediaError
from pipeline.project import Project
from pipeline.site import archive as archive_module
from pipeline.site import body_store
from pipeline.site import build as build_module
from pipeline.site import feeds as feeds_module
from pipeline.site import pages as pages_module
from pipeline.site.body_store import BodyStore
from pipeline.site.build import BODY_CACHE_DIR, page_cache, private_folder
from pipeline.site.stores import store_root
from tests.conftest import init_repo, isolated_git_module
from tests.site.conftest import APP, CORRECTED, Built, build_cli, make_site
from tests.site.kit import publish, retract

NEW_POST = "content/posts/2026/05/zhengwu-dating-xinzeng-chuangkou.md"
NEW_MONTH_POST = "content/posts/2026/06/zhengwu-dating-yanshi-fuwu.md"
NEW_POST_TEXT = """---
title: 政务服务大厅新增综合受理窗口
date: 2026-05-28
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat, weibo]
category: 通知公告
tags: [政务服务]
---

即日起，政务服务大厅一楼新增两个综合受理窗口，办理不动产登记和社保业务。
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with isolated_git_module(tmp_path_factory, "incremental-home") as (mp, _):
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")  # the sitemap's date: one for every build
        yield make_site(tmp_path_factory.mktemp("incremental"))


def build(repo: Path, *args: str) -> None:
    result = build_cli(repo, *args)
    assert result.returncode == 0, result.stderr + result.stdout


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def entries(repo: Path, kind: str = "output") -> set[str]:
    """The page cache's entries of built pages (``output``: posts and blog views, each with
    the hash of its output, stored in an entry of its own) or of the search entries of the
    other pages (``search``)."""
    found = set()
    cache = page_cache(Project(repo))
    for path in cache.glob("*.json"):
        entry = json.loads(path.read_text(encoding="utf-8"))
        if kind == "output" and "sha" in entry:
            assert (cache / f"{entry['out']}.json").is_file()
            found.add(path.name)
        elif kind == "search" and entry.keys() == {"key", "search"}:
            found.add(path.name)
    return found


def assert_same_as_full_build(site: Built, changed: int) -> None:
    """Rebuild incrementally, build fully into another folder, compare; at most ``changed``
    pages (posts and blog views) were built again, every other one came from the cache."""
    repo = site.repo.path
    before, searched = entries(repo), entries(repo, "search")
    files = {p: p.stat().st_ino for p in site.site.rglob("posts/*.html")}
    build(repo)
    after = entries(repo)
    carried = [p for p, ino in files.items() if p.is_file() and p.stat().st_ino == ino]
    assert len(carried) >= len(files) - changed  # unchanged post pages: hard links (carry.py)
    assert entries(repo, "search") & searched  # the other pages' search entries are reused
    build(repo, "--full", "--out", "site-full")
    incremental, full = tree(site.site), tree(repo / "site-full")
    assert sorted(incremental) == sorted(full)
    assert [name for name in incremental if incremental[name] != full[name]] == []
    assert len(after - before) <= changed
    assert len(after & before) >= len(after) - changed > 0


def test_incremental_build_equals_full_build_after_correction_retraction_and_new_posts(
    site: Built,
) -> None:
    repo = site.repo
    assert len(entries(repo.path)) >= 5  # the first build stored every post page and view

    old_blob = repo.git("rev-parse", f"HEAD:{CORRECTED}").strip()
    text = (repo.path / CORRECTED).read_text(encoding="utf-8")
    repo.write(CORRECTED, text + "\n第二次更正：咨询电话调整。\n")
    repo.commit("Correct the Qingming notice again")
    publish(repo, CORRECTED, at="2026-06-02T02:00:00Z", correction_of=old_blob)
    assert_same_as_full_build(site, changed=1)  # the excerpt in the views is unchanged
    assert "第二次更正" in site.page(f"posts/{Path(CORRECTED).stem}.html")

    retract(repo, APP, "客户端下载地址有误，已另行发布", at="2026-06-03T03:00:00Z")
    # the post, its two neighbours (its title is their link), its home, month, category views
    assert_same_as_full_build(site, changed=6)
    assert "本文已撤稿" in site.page(f"posts/{Path(APP).stem}.html")

    repo.write(NEW_POST, NEW_POST_TEXT)
    repo.commit("Add a post on the new windows")
    publish(repo, NEW_POST, at="2026-05-28T02:00:00Z", channels=("wechat", "weibo"))
    # the new page, its neighbours, its views; and the retracted post's two neighbours: the
    # retraction ran over its changed pages only, which neither builds nor stores them
    # (their output is the same, their key names its title: partial.py)
    assert_same_as_full_build(site, changed=8)
    assert "综合受理窗口" in site.page(f"posts/{Path(NEW_POST).stem}.html")

    # A post in a new month: the month archives' section changes, which every other page
    # shows pruned as the link to the overview page (archive_nav.py), so no other post page
    # is built again; the overview and the month lists (their nav lists every month) are.
    months = len(list(site.site.glob("archive/*/*.html")))
    text = NEW_POST_TEXT.replace("2026-05-28", "2026-06-02").replace("新增", "延时")
    repo.write(NEW_MONTH_POST, text)
    repo.commit("Add a post in a new month")
    publish(repo, NEW_MONTH_POST, at="2026-06-02T02:00:00Z", channels=("wechat", "weibo"))
    assert_same_as_full_build(site, changed=6 + months + 1)
    assert (site.site / "archive/2026/06.html").is_file()
    overview = site.page("archive/index.html")
    assert 'href="2026/06.html"' in overview and 'href="2026/03.html"' in overview


def test_page_cache_that_others_can_write_is_refused(tmp_path: Path) -> None:
    """Stored pages go to the site as they are: only a folder of this user's is used."""
    project = Project(init_repo(tmp_path / "unit").path)
    folder = store_root(project) / "page-cache"
    folder.mkdir()
    folder.chmod(0o777)
    with pytest.raises(GovmediaError, match="他人可写"):
        page_cache(project)
    folder.chmod(0o700)
    assert page_cache(project) == folder
    folder.rmdir()
    (tmp_path / "elsewhere").mkdir()
    folder.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(GovmediaError, match="不是普通目录"):
        page_cache(project)


def test_stores_of_a_folder_without_git_are_in_the_users_private_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exported tree (no git directory) keeps its stores in the user's private cache,
    one folder per tree, never in the tree itself; with no private cache it is refused."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    first, second = Project(tmp_path / "one"), Project(tmp_path / "two")
    first.root.mkdir()
    second.root.mkdir()
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    folder = page_cache(first)
    assert folder.is_relative_to(cache) and folder.stat().st_mode & 0o077 == 0
    assert page_cache(second) != folder and page_cache(first) == folder
    assert list(first.root.iterdir()) == []
    (cache / "govmedia").chmod(0o777)
    try:
        with pytest.raises(GovmediaError, match="XDG_CACHE_HOME"):
            page_cache(first)
    finally:
        (cache / "govmedia").chmod(0o700)


def test_generator_and_hooks_agree_on_the_placeholder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The packaged hooks cannot import govmedia (mkdocs runs them from the theme folder)."""
    from pipeline.site import paths, theme

    monkeypatch.syspath_prepend(str(theme.THEME_DIR))  # as mkdocs loads a hook: its folder
    for name in ("post_bodies", "page_cache"):
        spec = importlib.util.spec_from_file_location(f"gm_{name}", theme.THEME_DIR / f"{name}.py")
        assert spec is not None and spec.loader is not None
        hook = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = hook  # as mkdocs loads a hook (its dataclass needs it)
        spec.loader.exec_module(hook)
        assert hook.PLACEHOLDER == paths.BODY_PLACEHOLDER
        assert hook.BODIES_DIR == paths.BODIES_DIR
        if name == "post_bodies":
            assert hook.BLOCK_PLACEHOLDER == paths.BLOCK_PLACEHOLDER
            assert hook.BLOCKS_SUFFIX == paths.BLOCKS_SUFFIX
    assert theme.PAGE_CACHE_VARIABLE == "GOVMEDIA_PAGE_CACHE"


def generated(site: Built, store: BodyStore | None, out: str) -> dict[str, bytes]:
    """Run the page generation in process into ``build/<out>``; its files."""
    project = Project(site.repo.path)
    build_dir = site.repo.path / "build" / out
    build_dir.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(build_module, "DOCS_DIR", f"build/{out}/docs")
        docs = build_module.generate(project, build_dir, store)
    return tree(docs)


def test_body_store_renders_only_changed_posts_and_equals_a_fresh_generation(
    site: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a build, generating again parses no post and renders no post body; after a
    change, only the changed post's; the generated files equal those generated with no
    store at all."""
    project = Project(site.repo.path)
    rendered: list[str] = []
    parsed: list[str] = []
    original, parse = pages_module.render_body, archive_module.parse_post

    def counting(body: str, image_src: object = None) -> str:
        rendered.append(body)
        return original(body, image_src)  # type: ignore[arg-type]

    def counting_parse(rel: str, raw: bytes) -> object:
        parsed.append(rel)
        return parse(rel, raw)

    monkeypatch.setattr(pages_module, "render_body", counting)
    monkeypatch.setattr(archive_module, "parse_post", counting_parse)
    folder = private_folder(project, BODY_CACHE_DIR)
    first = generated(site, BodyStore(folder), "with-store")  # fills it, if the build did not
    rendered.clear()
    parsed.clear()
    store = BodyStore(folder)
    again = generated(site, store, "with-store")
    assert rendered == [] and parsed == [] and store.hits >= 5 and store.parsed == 0
    assert again == first == generated(site, None, "without-store")

    repo = site.repo
    text = (repo.path / CORRECTED).read_text(encoding="utf-8")
    old_blob = repo.git("rev-parse", f"HEAD:{CORRECTED}").strip()
    repo.write(CORRECTED, text + "\n第三次更正：地址调整。\n")
    repo.commit("Correct the Qingming notice a third time")
    publish(repo, CORRECTED, at="2026-06-04T02:00:00Z", correction_of=old_blob)
    rendered.clear()
    parsed.clear()
    changed = generated(site, BodyStore(folder), "with-store")
    assert len(rendered) == 1 and "第三次更正" in rendered[0] and parsed == [CORRECTED]
    assert changed == generated(site, None, "without-store")


def test_json_feed_pages_of_the_same_posts_are_the_previous_files(
    site: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the store, a JSON feed page made of the same post outputs, place and site as in
    the last generation is the previous file (its hash the kept one); a page holding a
    corrected post, or whose previous file was altered, is made again; the files always
    equal a generation without the store."""
    monkeypatch.setattr(feeds_module, "PAGE_SIZE", 2)  # several pages of a small archive
    made: list[str] = []
    original = feeds_module.json_item

    def counting(ap: object, body: str, url: str) -> dict[str, object]:
        made.append(ap.slug)  # type: ignore[attr-defined]
        return original(ap, body, url)  # type: ignore[arg-type]

    monkeypatch.setattr(feeds_module, "json_item", counting)
    project = Project(site.repo.path)
    folder = private_folder(project, BODY_CACHE_DIR)
    first = generated(site, BodyStore(folder), "feeds")  # the pages' hashes kept
    made.clear()
    again = generated(site, BodyStore(folder), "feeds")
    names = sorted(n for n in again if n.startswith("feed") and n.endswith(".json"))
    assert len(names) >= 3 and made == [] and again == first
    altered = site.repo.path / "build/feeds/docs" / names[1]
    altered.write_bytes(altered.read_bytes().replace(b'"id"', b'"ID"', 1))
    made.clear()
    assert generated(site, BodyStore(folder), "feeds") == first
    assert len(made) == 2  # the altered page's posts, made again
    repo = site.repo
    text = (repo.path / CORRECTED).read_text(encoding="utf-8")
    old_blob = repo.git("rev-parse", f"HEAD:{CORRECTED}").strip()
    repo.write(CORRECTED, text + "\n订阅源测试：更正一处日期。\n")
    repo.commit("Correct the Qingming notice for the feed pages")
    publish(repo, CORRECTED, at="2026-06-07T02:00:00Z", correction_of=old_blob)
    made.clear()
    changed = generated(site, BodyStore(folder), "feeds")
    assert len(made) in (1, 2) and Path(CORRECTED).stem in made  # its page alone
    assert changed == generated(site, None, "feeds-without-store")
    assert "订阅源测试" in "".join(changed[n].decode() for n in names)


def test_body_store_that_was_altered_or_others_can_write_is_not_used(site: Built) -> None:
    """The store's HTML reaches the site as stored: an edited file (its seal no longer fits),
    one that others can write, or a symlink is ignored and every post is rendered again."""
    project = Project(site.repo.path)
    folder = private_folder(project, BODY_CACHE_DIR)
    generated(site, BodyStore(folder), "with-store")
    stored = folder / body_store.FILE
    assert BodyStore(folder).stored
    text = stored.read_text(encoding="utf-8")
    seal, _, payload = text.partition("\n")
    altered = payload.replace('"posts":{"', '"posts":{"0', 1)  # a hash filed elsewhere
    assert altered != payload
    stored.write_text(f"{seal}\n{altered}", encoding="utf-8")
    assert BodyStore(folder).stored == {}
    stored.write_text(text, encoding="utf-8")
    assert BodyStore(folder).stored
    stored.chmod(0o666)
    assert BodyStore(folder).stored == {}
    stored.chmod(0o600)
    elsewhere = site.repo.path / "build" / "elsewhere.json"
    stored.rename(elsewhere)
    stored.symlink_to(elsewhere)
    assert BodyStore(folder).stored == {}
    stored.unlink()
    elsewhere.rename(stored)
    folder.chmod(0o777)
    with pytest.raises(GovmediaError, match="他人可写"):
        private_folder(project, BODY_CACHE_DIR)
    folder.chmod(0o700)


def test_post_output_entries_that_were_altered_or_are_not_ours_are_not_used(site: Built) -> None:
    """An output reaches the site as its entry holds it (``post_outputs.py``): an entry
    edited under its old seal, filed under another key, writable by others, a symlink, or
    in a folder others can write is not read; a generation whose pages must come from the
    entries (no previous docs folder) then renders the post again and equals one without
    any store, and writes the entry anew."""
    folder = private_folder(Project(site.repo.path), BODY_CACHE_DIR)
    first = BodyStore(folder)
    files = generated(site, first, "outputs-first")
    assert first.vouched  # what it vouched for is what it wrote (carry.hashes takes it)
    for rel, (sha, *_) in first.vouched.items():
        assert hashlib.sha256(files[rel]).hexdigest() == sha
    store = BodyStore(folder)
    shown = [k for k in sorted(store.stored) if "gm-body" in (store.get(k) or ("", "", ""))[1]]
    key, other = shown[:2]  # the control: kept entries are read
    path, elsewhere = store.outputs.path(key), store.outputs.path(other)
    honest = path.read_text(encoding="utf-8")
    output = store.get(key)
    seal, _, payload = honest.partition("\n")
    poisoned = payload.replace("gm-body", "gm-body<script>poisoned(1)</script>", 1)
    assert poisoned != payload
    path.write_text(f"{seal}\n{poisoned}", encoding="utf-8")
    assert BodyStore(folder).get(key) is None
    path.write_text(elsewhere.read_text(encoding="utf-8"), encoding="utf-8")  # sealed, other key
    assert BodyStore(folder).get(key) is None
    path.write_text(honest, encoding="utf-8")
    assert BodyStore(folder).get(key) == output
    path.chmod(0o666)
    assert BodyStore(folder).get(key) is None
    path.chmod(0o600)
    aside = folder / "aside.json"
    path.rename(aside)
    path.symlink_to(aside)
    assert BodyStore(folder).get(key) is None
    path.unlink()
    aside.rename(path)
    path.parent.chmod(0o777)
    assert BodyStore(folder).get(key) is None
    path.parent.chmod(0o700)

    path.write_text(f"{seal}\n{poisoned}", encoding="utf-8")
    fresh = generated(site, BodyStore(folder), "outputs-again")
    assert fresh == generated(site, None, "outputs-without-store")
    assert not any(b"poisoned(1)" in data for data in fresh.values())
    assert BodyStore(folder).get(key) == output  # written anew, private
    assert path.stat().st_mode & 0o777 == 0o600


def test_body_store_key_covers_every_input(site: Built) -> None:
    """Whatever a post's output is made of changes its key: the post, its review record,
    its retraction, the time zone; the code that renders is in every key."""
    from pipeline.site.archive import Retraction, load_archive

    ap = load_archive(Project(site.repo.path)).posts[0]
    common = body_store.build_key()
    zone = body_store.zone_key(None)
    key = body_store.post_key(common, ap, zone)
    assert key is not None and key == body_store.post_key(common, ap, zone)
    stage = ap.versions[-1].stages[0]
    changes = [
        replace(ap, post=replace(ap.post, title=ap.post.title + "。")),
        replace(ap, post=replace(ap.post, body=ap.post.body + "\n")),
        replace(
            ap,
            versions=[
                *ap.versions[:-1],
                replace(
                    ap.versions[-1],
                    stages=(replace(stage, acks=("第 1 行 x",)), *ap.versions[-1].stages[1:]),
                ),
            ],
        ),
        replace(ap, retraction=Retraction("2026-06-01T00:00:00Z", "原因", "审核人", "c0ffee")),
        replace(ap, images={"a.png": b"\x89PNG"}),
    ]
    keys = {body_store.post_key(common, changed, zone) for changed in changes}
    assert len(keys) == len(changes) and key not in keys
    assert body_store.post_key(common, ap, body_store.zone_key(ZoneInfo("Asia/Urumqi"))) != key
    assert body_store.post_key(common + "0", ap, zone) != key
