"""The blog plugin's view walk as the packaged hook replaces it (``blog_speed.ViewTree``):
the same views in the same order, and the same answer to ``in``, as the plugin's own
recursive generator, on real mkdocs-material views."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tests.site.kit import theme_hook

pytest.importorskip("material.plugins.blog.structure")

from material.plugins.blog.structure import Archive, Category, Post, View
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page


def hook(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    return theme_hook(monkeypatch, "blog_speed", "gm_blog_speed")


def plugin_walk(view: Any) -> Iterator[Any]:
    """The plugin's ``_resolve_views`` (mkdocs-material 9), written out."""
    yield view
    for page in view.views:
        yield from plugin_walk(page)


def file(path: str) -> File:
    return File(path, "docs", "site", use_directory_urls=True)


def tree() -> tuple[View, list[Any]]:
    config = MkDocsConfig()
    root = View("blog", file("index.md"), config)
    months = [Archive(f"2026-{m:02d}", file(f"archive/2026/{m:02d}.md"), config) for m in (1, 2)]
    categories = [Category(name, file(f"category/{name}.md"), config) for name in ("甲", "乙")]
    inner = View("inner", file("category/甲/inner.md"), config)
    categories[0].views.append(inner)
    root.views.extend([*months, *categories])
    return root, [root, *months, categories[0], inner, categories[1]]


def test_walk_and_membership_are_the_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    module = hook(monkeypatch)
    root, views = tree()
    assert list(module.ViewTree(root)) == views
    assert [id(v) for v in module.ViewTree(root)] == [id(v) for v in plugin_walk(root)]
    config = MkDocsConfig()
    twin = Archive("2026-01", views[1].file, config)  # another object, equal to a view
    assert twin is not views[1] and twin == views[1]
    others: list[Any] = [
        twin,
        View(None, file("archive/2026/01.md"), config),  # same path, another file
        Page(views[2].title, file("posts/a.md"), config),  # same title, another file
        Page(None, views[3].file, config),  # a view's file, another title
        Page(views[1].title, views[1].file, config),  # a view's title and file: not a view
        Post.__new__(Post),  # not a view: answered without a walk
        None,
        "index.md",
    ]
    for item in [*views, *others]:
        assert (item in module.ViewTree(root)) == (item in plugin_walk(root)), item
    assert twin in module.ViewTree(root)
    assert others[1] not in module.ViewTree(root)


def test_walk_reads_each_list_when_it_reaches_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A view added while the walk runs is yielded, as by the plugin's generator."""
    module = hook(monkeypatch)
    root, views = tree()
    added = View("late", file("late.md"), MkDocsConfig())
    seen = []
    for view in module.ViewTree(root):
        seen.append(view)
        if view is views[1]:
            root.views.append(added)
    assert seen == [*views, added]


def test_startup_puts_the_walk_in_the_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    from material.plugins.blog import structure
    from material.plugins.blog.plugin import BlogPlugin

    # what on_startup replaces, put back after the test
    monkeypatch.setattr(BlogPlugin, "_resolve_views", BlogPlugin._resolve_views)
    monkeypatch.setattr(structure, "Markdown", structure.Markdown)
    monkeypatch.setattr(structure, "SafeLoader", structure.SafeLoader)
    module = hook(monkeypatch)
    module.on_startup(command="build", dirty=False)
    root, views = tree()
    assert isinstance(BlogPlugin()._resolve_views(root), module.ViewTree)
    assert list(BlogPlugin()._resolve_views(root)) == views


class Untouchable(list[Any]):
    def __iter__(self) -> Iterator[Any]:
        raise AssertionError("the views were walked")


def test_a_page_that_is_no_view_is_answered_without_a_walk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = hook(monkeypatch)
    root, views = tree()
    root.views = Untouchable(root.views)
    page = Page(views[1].title, views[1].file, MkDocsConfig())
    assert page not in module.ViewTree(root)
    assert Post.__new__(Post) not in module.ViewTree(root)
    with pytest.raises(AssertionError, match="walked"):
        assert views[1] in module.ViewTree(root)
