"""The accounts page's lists of posts written as the HTML Python-Markdown makes of them
(``indexes.post_list``): mkdocs renders the page to the same HTML and table of contents as
the Markdown lists it replaces, with mkdocs' own links, for plain titles and for titles
Markdown would read as syntax (shown as Markdown shows them since red team 39's left-open
fall-back; a title with a control character keeps its section Markdown)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.html_sanitize import MARKDOWN_SYNTAX
from pipeline.site import indexes, paths, theme
from pipeline.site.archive import (
    Archive,
    ArchivePost,
    Channel,
    PostFacts,
    Retraction,
    Version,
)
from pipeline.site.sanitize import plain
from tests.site.kit import shared_hook

pytest.importorskip("material")

from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

PLAIN = ["冬季供暖安全检查的通知", "“一窗受理”办事指南", "12月大厅开放时间 及 元旦安排", "撤稿测试"]
SYNTAX = [
    "*强调*与_下划线_",
    "A&B 办事",
    "竖线|标题",
    "反斜杠\\路径",
    "`代码`",
    "[方括号]",
    "#井号",
    "2026年(第一批)名单",
    "![图](x)与[链接](posts/post-000.md)",
    "{: .cls}属性<列表>",
    "“引号” & ＆ 全角",
]
CONTROL = ["控制\x01字符"]


def archive(titles: list[str], tricky_account: str | None = None, spaced: bool = False) -> Archive:
    posts = []
    for n, title in enumerate(titles):
        slug = f"post {n:03d}" if spaced and n == 0 else f"post-{n:03d}"  # mkdocs quotes it
        at = f"2026-0{1 + n % 9}-1{n % 10}T02:00:00Z"
        account = "weibo:yks" if n % 2 else "wechat:yks"
        if tricky_account is not None and title in SYNTAX + CONTROL:
            account = tricky_account
        facts = PostFacts(title=title, date=dt.date(2026, 1, 1), body="正文")
        posts.append(
            ArchivePost(
                slug=slug,
                path=f"content/posts/2026/01/post-{n:03d}.md",
                post=facts,
                versions=[Version(blob="b" * 40, at=at, commit="c" * 40, stages=())],
                channels=[Channel(account, account.split(":")[0], "牙克石", "", at)],
            )
        )
    posts[3].retraction = Retraction("2026-03-01T00:00:00Z", "信息有误", "王芳", "d" * 40)
    return Archive(unit="牙克石市政务服务局", posts=posts, registry=None)


def markdown_only(monkeypatch: pytest.MonkeyPatch, source: Archive) -> str:
    """The page as the lists were written before: Markdown everywhere."""
    with monkeypatch.context() as patch:
        patch.setattr(indexes, "PLAIN_SLUG", re.compile(r"(?!)"))
        return indexes.accounts_page(source)


def rendered(text: str, docs: Path, slugs: list[str], monkeypatch: pytest.MonkeyPatch) -> Page:
    (docs / "posts").mkdir(parents=True, exist_ok=True)
    (docs / indexes.ACCOUNTS).write_text(text, encoding="utf-8")
    for slug in slugs:
        (docs / "posts" / f"{slug}.md").write_text(f"# {slug}\n", encoding="utf-8")
    monkeypatch.setenv(theme.DOCS_DIR_VARIABLE, str(docs))
    config = load_config(str(theme.CONFIG), site_dir=str(docs.parent / "site"))
    names = [indexes.ACCOUNTS, *(f"posts/{slug}.md" for slug in slugs)]
    files = Files([File(name, str(docs), config.site_dir, False) for name in names])
    page = Page(None, files.get_file_from_path(indexes.ACCOUNTS), config)
    page.read_source(config)
    page.render(config, files)
    return page


@pytest.mark.parametrize(
    ("titles", "tricky", "spaced", "raw_lists"),
    [
        (PLAIN, None, False, 2),
        (PLAIN + SYNTAX, "app:yks", False, 3),
        (PLAIN + SYNTAX, None, False, 2),
        (PLAIN + CONTROL, "app:yks", False, 2),
        (PLAIN, None, True, 1),
    ],
)
def test_raw_lists_render_as_the_markdown_lists(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    titles: list[str],
    tricky: str | None,
    spaced: bool,
    raw_lists: int,
) -> None:
    source = archive(titles, tricky, spaced)
    fast, slow = indexes.accounts_page(source), markdown_only(monkeypatch, source)
    assert fast.count("\n<ul>\n") == raw_lists and "\n<ul>\n" not in slow
    assert "</ul>\n\n" not in fast
    slugs = [p.slug for p in source.posts]
    new = rendered(fast, tmp_path / "new", slugs, monkeypatch)
    old = rendered(slow, tmp_path / "old", slugs, monkeypatch)
    assert new.content == old.content
    assert str(new.toc) == str(old.toc) and new.title == old.title
    assert 'href="posts/post-001.html"' in (new.content or "")
    assert "撤稿测试（已撤稿）</a>" in (new.content or "")
    for title in [t for t in titles if t in SYNTAX] if tricky else []:  # shown as text
        assert html.escape(plain(title), quote=False) in (new.content or "")


def test_lists_are_markdown_when_a_slug_is_not_plain() -> None:
    lines = indexes.post_list([("2026-01-01", "标题", "带 空格")])
    assert lines == ["- 2026-01-01 [标题](posts/带 空格.md)"]
    assert indexes.post_list([("2026-01-01", "标题", "post-1")])[0] == "<ul>"
    assert indexes.post_list([]) == []


def test_literal_is_each_characters_test_in_one_search() -> None:
    # what a title may hold to be written as raw HTML: the rule a character at a time
    def by_character(text: str) -> bool:
        return bool(text) and not any(
            ch in MARKDOWN_SYNTAX or ch in "&<>" or ord(ch) < 32 or ch == "\x7f" for ch in text
        )

    for code in range(0x3100):
        for text in (chr(code), f"标题{chr(code)}", f"{chr(code)}题"):
            assert indexes._literal(text) == by_character(text), repr(text)
    assert not indexes._literal("")
    assert indexes._literal("2026-01-01") and not indexes._literal("a]b")


def post_bodies_hook(monkeypatch: pytest.MonkeyPatch) -> object:
    """The packaged hook, loaded as mkdocs loads it (its own folder on the path)."""
    return shared_hook(monkeypatch, "post_bodies", "gm_post_bodies")


@pytest.mark.parametrize(
    ("titles", "tricky", "raw_lists"),
    [(PLAIN, None, 2), (PLAIN + SYNTAX, "app:yks", 3), (PLAIN + CONTROL, "app:yks", 2)],
)
def test_lists_filled_after_the_conversion_give_the_same_page(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    titles: list[str],
    tricky: str | None,
    raw_lists: int,
) -> None:
    """The accounts page as generated (``late_blocks``: each raw list a placeholder that the
    hook fills in the written page) is the page with the raw lists, byte for byte."""
    source = archive(titles, tricky)
    raw = indexes.accounts_page(source)
    late, blocks = indexes.late_blocks(raw)
    assert len(blocks) == raw_lists and "<li>" not in late and "<ul>" not in late
    assert late.count('class="gm-block"') == raw_lists and blocks[0].startswith("<ul>\n<li>")
    assert indexes.late_blocks(markdown_only(monkeypatch, source)) == (
        markdown_only(monkeypatch, source),
        [],
    )
    slugs = [p.slug for p in source.posts]
    whole = rendered(raw, tmp_path / "whole", slugs, monkeypatch)
    docs = tmp_path / "late" / "docs"
    held = docs / paths.BODIES_DIR / paths.blocks_name(indexes.ACCOUNTS)
    held.parent.mkdir(parents=True)
    held.write_text(json.dumps(blocks, ensure_ascii=False), encoding="utf-8")
    page = rendered(late, docs, slugs, monkeypatch)
    assert 'href="posts/post-001.html"' not in (page.content or "")  # the raw lists unparsed
    assert str(page.toc) == str(whole.toc) and page.title == whole.title
    hook = post_bodies_hook(monkeypatch)
    config = {"docs_dir": str(docs)}
    output = f"<main>{page.content}</main>"
    assert hook.on_post_page(output, page=page, config=config) == f"<main>{whole.content}</main>"


def test_block_placeholders_that_do_not_fit_their_blocks_fail_the_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    hook = post_bodies_hook(monkeypatch)
    late, blocks = indexes.late_blocks(indexes.accounts_page(archive(PLAIN)))
    docs = tmp_path / "docs"
    page = rendered(late, docs, [f"post-{n:03d}" for n in range(len(PLAIN))], monkeypatch)
    config = {"docs_dir": str(docs)}
    with pytest.raises(PluginError, match="找不到已生成的 HTML 块"):
        hook.on_post_page(page.content, page=page, config=config)
    held = docs / paths.BODIES_DIR / paths.blocks_name(indexes.ACCOUNTS)
    held.parent.mkdir(parents=True)
    for wrong, message in (
        (blocks[:1], "多于"),  # a placeholder left without its block
        ([*blocks, "<p>x</p>"], "出现 0 次"),
        ({"0": blocks[0]}, "格式不对"),
    ):
        held.write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(PluginError, match=message):
            hook.on_post_page(page.content, page=page, config=config)
    held.write_text("[", encoding="utf-8")
    with pytest.raises(PluginError, match="格式不对"):
        hook.on_post_page(page.content, page=page, config=config)
    twice = (page.content or "") + paths.block_placeholder(0)
    held.write_text(json.dumps(blocks, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PluginError, match="出现 2 次"):
        hook.on_post_page(twice, page=page, config=config)
    post = SimpleNamespace(file=SimpleNamespace(src_uri="posts/post-000.md"), content=twice)
    assert hook.on_post_page(twice, page=post, config=config) == twice  # a post's own text
