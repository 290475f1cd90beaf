"""The search index in shards (pipeline/site/theme/search_shards.py): one file per year of
posts, one for the other pages, and a manifest that holds no entry. What a reader downloads
to search is the manifest, the other pages and the newest year: the largest shard is one
year's, whatever the size of the archive."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

from pipeline.site import theme
from tests.site.conftest import Built


def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gm_search_shards", theme.THEME_DIR / "search_shards.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def synthetic_index(module: ModuleType, years: int, per_year: int) -> dict[str, Any]:
    """A whole index as the search plugin writes it: posts of ``years`` years, other pages."""
    module.SHARDS.clear()
    module.TITLES_ONLY.clear()
    docs = [{"location": "index.html", "title": "发布档案", "text": "本档案收录全部文章。"}]
    module.SHARDS["index.html"] = "site"
    body = "为方便群众办事，政务服务大厅推行延时服务。" * 20
    for year in range(2017, 2017 + years):
        for n in range(per_year):
            url = f"posts/p-{year}-{n}.html"
            module.SHARDS[url] = str(year)
            docs.append({"location": url, "title": f"第 {n} 篇", "text": body})
            docs.append(
                {"location": url + "#review", "title": "审核记录", "text": "张伟 李强 陈静"}
            )
    for page in range(2, years * per_year // 20 + 1):
        url = f"page/{page}.html"
        module.SHARDS[url] = ""
        docs.append({"location": url, "title": "发布档案", "text": ""})
    docs.append({"location": "accounts.html#wechat", "title": "微信公众号", "text": "长列表" * 500})
    module.SHARDS["accounts.html"] = "site"
    module.TITLES_ONLY.add("accounts.html")
    return {"config": {"lang": ["zh"], "separator": "[\\s\\u200b]+"}, "docs": docs}


def test_the_largest_shard_is_one_years_and_does_not_grow_with_the_archive() -> None:
    module = hook()
    sizes = {}
    for years in (5, 20):
        manifest, files = module.split(synthetic_index(module, years, 40))
        shards = manifest["config"]["shards"]
        assert manifest["docs"] == []
        assert [s["name"] for s in shards] == ["site", *map(str, range(2016 + years, 2016, -1))]
        assert all(s["bytes"] == len(files[s["url"]]) for s in shards)
        for shard in shards[1:]:  # every entry of a year's shard is a post of that year
            docs = json.loads(files[shard["url"]])["docs"]
            assert len(docs) == 80
            assert {d["location"].split("-")[1] for d in docs} == {shard["name"]}
        site = json.loads(files["site.json"])["docs"]
        assert [d["location"] for d in site] == ["index.html", "accounts.html#wechat"]
        assert site[1]["text"] == ""  # a list of every post keeps its titles only
        first = len(json.dumps(manifest).encode()) + shards[0]["bytes"] + shards[1]["bytes"]
        sizes[years] = (max(s["bytes"] for s in shards), first, sum(s["bytes"] for s in shards))
    assert sizes[20][0] == sizes[5][0]  # the largest shard: one year's, at any archive size
    assert sizes[20][1] <= sizes[5][1] * 1.1  # first download: manifest, site, newest year
    assert sizes[20][2] > sizes[5][2] * 3.5  # while the whole index grew with the archive
    assert sizes[5][0] * 4 < sizes[5][2]


def test_built_site_ships_shards_and_a_manifest(built: Built) -> None:
    manifest = json.loads(built.page("search/search_index.json"))
    assert manifest["docs"] == [] and manifest["config"]["lang"] == ["zh"]
    shards = manifest["config"]["shards"]
    assert [s["name"] for s in shards] == ["site", "2026"]
    posts = json.loads(built.page("search/2026.json"))["docs"]
    assert posts and all(d["location"].startswith(("posts/", "archive/2026/")) for d in posts)
    site = json.loads(built.page("search/site.json"))["docs"]
    assert not any(d["location"].startswith("posts/") for d in site)
    assert all(d["text"] == "" for d in site if d["location"].startswith(("accounts", "tags")))
    assert "\\u200b" not in built.page("search/2026.json")  # UTF-8, not \\u escapes
    assert (built.site / "assets/javascripts/workers/gm-search.js").is_file()


def test_worker_loads_only_this_sites_files() -> None:
    worker = (theme.THEME_DIR / "overrides/assets/javascripts/workers/gm-search.js").read_text(
        encoding="utf-8"
    )
    assert "/^search\\.[0-9a-f]+\\.min\\.js$/" in worker  # the material worker's name, checked
    assert "/^[0-9a-z]+\\.json$/" in worker  # a shard's file name, checked
    assert "http" not in worker.replace("https://", "").split("*/", 1)[1]
    assert Path(theme.THEME_DIR / "search_shards.py").is_file()


def indexed(url: str, meta: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The entries the search plugin makes of a page, the hook's patch in place."""
    from material.plugins.search.plugin import SearchIndex

    hook().on_config({})
    content = (
        '<h1 id="fabu">发布档案</h1><p>第一号通知摘要。</p><h2 id="tongzhi">通知</h2><p>正文。</p>'
    )
    page = SimpleNamespace(url=url, title="发布档案", meta=meta or {}, content=content, toc=[])
    index = SearchIndex(lang=["zh"])
    index.add_entry_from_context(page)
    return index.entries


def test_a_titles_only_page_gets_its_titles_and_no_text() -> None:
    """A list of every post (``gm_search: titles``) keeps its section titles; its text, left
    out of the shards, is not segmented: the entries are those ``split`` writes."""
    whole = indexed("accounts.html")
    assert len(whole) == 2 and all(e["text"] for e in whole)
    titles = indexed("accounts.html", {"gm_search": "titles"})
    assert titles == [dict(e, text="") for e in whole]


def test_a_lists_later_pages_are_never_indexed() -> None:
    """The blog plugin writes a list's later pages as ``page/N/index.html`` (the home list,
    a category's, the month archives'); they repeat the first page's titles and were in
    the site shard while the docs said they were left out. Both the hook and the merge of
    a rebuild leave them out; a page named like one but not a list's page stays."""
    from pipeline.site import search_merge

    module = hook()
    for url in ("page/2/index.html", "category/tongzhi/page/3/index.html", "page/4.html"):
        page = SimpleNamespace(url=url, file=SimpleNamespace(src_uri="index.md"))
        assert module.shard_of(page) == "", url
        assert search_merge.PAGED.search(url), url
    for url in ("page.html", "posts/page-2.html", "pages/2/index.html"):
        page = SimpleNamespace(
            url=url, meta={}, file=SimpleNamespace(src_uri=url.replace(".html", ".md"))
        )
        assert module.shard_of(page) != "", url
        assert not search_merge.PAGED.search(url), url
