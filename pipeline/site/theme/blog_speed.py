"""mkdocs hook: two costs of the blog plugin that grow with the archive, removed without
changing what it builds (tests/site/test_incremental.py compares whole sites).

- **Post lookups.** For every page of the site the plugin asks ``page in blog.posts``, a scan
  of the list that compares each post by title and file: quadratic in the number of posts
  (1.6 million comparisons, a sixth of a 1,000-post build). The list is replaced by one that
  answers from the posts of the same source file, with the same comparison.
- **Excerpt parsers.** Every post's excerpt makes its own ``Markdown`` parser when the post
  is read, though only the views rendered in this build convert it; with the page cache
  (``page_cache.py``) most views are not rendered at all. The parser is now made, with the
  same arguments and tree processors, on the excerpt's first use.
- **View lookups.** For every page the plugin also asks whether it is one of the blog's
  views (``view in self._resolve_views(blog)``), comparing the page with each view through
  a recursive generator. The views are now walked by one loop, in the same order and from
  the same live lists, and only a view of the page's own file is compared with it.
- **Front matter.** Each post's front matter is parsed with PyYAML's safe loader on libyaml
  (``CSafeLoader``: the same resolver and constructors, the parser in C) where PyYAML has
  it; the pure Python parser was the largest single cost of a rebuild at 1,000 posts.
  govmedia writes that front matter itself with ``yaml.safe_dump``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import yaml
from markdown import Markdown
from mkdocs.plugins import event_priority


class IndexedPosts(list[Any]):
    """``blog.posts`` with ``in`` answered from the posts of the page's source file.

    A post equals a page only when their files are equal, and equal files have the same
    ``src_uri``, so looking only at the posts of that ``src_uri`` gives the list's answer."""

    def __init__(self, posts: list[Any]) -> None:
        super().__init__(posts)
        self._by_source: dict[str, list[Any]] | None = None

    def _index(self) -> dict[str, list[Any]]:
        if self._by_source is None:
            index: dict[str, list[Any]] = {}
            for post in self:
                index.setdefault(post.file.src_uri, []).append(post)
            self._by_source = index
        return self._by_source

    def __contains__(self, item: object) -> bool:
        source = getattr(getattr(item, "file", None), "src_uri", None)
        if not isinstance(source, str):
            return super().__contains__(item)
        return any(post is item or post == item for post in self._index().get(source, ()))

    def _changed(self) -> None:
        self._by_source = None


def _invalidating(name: str) -> None:
    original = getattr(list, name)

    def method(self: IndexedPosts, *args: Any) -> Any:
        self._changed()
        return original(self, *args)

    setattr(IndexedPosts, name, method)


for _name in (
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "clear",
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
):
    _invalidating(_name)


class ViewTree:
    """What ``BlogPlugin._resolve_views(view)`` yields: the view and its views, pre-order,
    each list read as the walk reaches it, as the plugin's generator does (which also
    asserts that each is a ``View``: the plugin's own invariant, not checked again here).

    ``in`` gives the generator's answer: a page equals another only when their files are
    the same object (``File`` has no ``__eq__``), so only a view of the item's own file is
    compared with it, in a plain loop (no generator step per view); and only when the
    item is a ``View`` at all (``Page.__eq__`` asks ``isinstance(other, type(self))``), so
    a post, asked about twice a build, is answered without a walk."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def __iter__(self) -> Iterator[Any]:
        yield self.root
        stack = [iter(self.root.views)]
        while stack:
            view = next(stack[-1], _END)
            if view is _END:
                stack.pop()
                continue
            yield view
            stack.append(iter(view.views))

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, _view_class()):
            return False  # ``view == item`` needs ``isinstance(item, type(view))``
        file = getattr(item, "file", None)
        root = self.root
        if root is item or (root.file is file and root == item):
            return True
        stack = [iter(root.views)]
        while stack:
            for view in stack[-1]:
                if view is item or (view.file is file and view == item):
                    return True
                stack.append(iter(view.views))
                break
            else:
                stack.pop()
        return False


_END = object()


@cache
def _view_class() -> type:
    from material.plugins.blog.structure import View

    return View


def _resolve_views(self: Any, view: Any) -> ViewTree:
    return ViewTree(view)


class _Registry:
    """The tree processor registry of a parser not made yet: records what is registered."""

    def __init__(self, parser: LazyMarkdown) -> None:
        self._parser = parser

    def register(self, item: Any, name: str, priority: float) -> None:
        self._parser.pending.append((item, name, priority))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._parser.made().treeprocessors, name)

    def __getitem__(self, key: Any) -> Any:
        return self._parser.made().treeprocessors[key]


class LazyMarkdown:
    """``Markdown(**arguments)``, made on first use with the tree processors registered
    before it in the same order; until then it holds only its arguments."""

    def __init__(self, **arguments: Any) -> None:
        self.arguments = arguments
        self.pending: list[tuple[Any, str, float]] = []
        self.parser: Markdown | None = None

    def made(self) -> Markdown:
        if self.parser is None:
            parser = Markdown(**self.arguments)
            for item, name, priority in self.pending:
                parser.treeprocessors.register(item, name, priority)
            self.parser = parser
        return self.parser

    @property
    def treeprocessors(self) -> Any:
        return _Registry(self) if self.parser is None else self.parser.treeprocessors

    def __getattr__(self, name: str) -> Any:
        return getattr(self.made(), name)


def on_startup(command: str, dirty: bool, **kwargs: Any) -> None:
    from material.plugins.blog import structure
    from material.plugins.blog.plugin import BlogPlugin

    BlogPlugin._resolve_views = _resolve_views  # type: ignore[method-assign]
    structure.Markdown = LazyMarkdown  # type: ignore[misc]  # read by Excerpt() only
    if getattr(yaml, "__with_libyaml__", False):
        structure.SafeLoader = yaml.CSafeLoader  # type: ignore[misc]  # read by Post() only


@event_priority(-60)  # after the blog plugin's on_files (-50) made blog.posts
def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    plugin = config.plugins.get("material/blog")
    blog = getattr(plugin, "blog", None)
    if blog is not None and not isinstance(blog.posts, IndexedPosts):
        blog.posts = IndexedPosts(blog.posts)
    return files
