"""The archive's index pages besides the blog plugin's own (home, month archives,
categories): accounts, tags, retractions, feeds and the hub of further pages."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Sequence
from pathlib import Path

from pipeline.html_sanitize import MARKDOWN_SYNTAX
from pipeline.site.archive import Archive, ArchivePost
from pipeline.site.fmt import PLATFORM_NAMES, front_matter, local_date, md_text
from pipeline.site.paths import BODIES_DIR, block_placeholder, blocks_name, post_md, post_url
from pipeline.site.sanitize import plain

HOME = "index.md"
ACCOUNTS = "accounts.md"
TAGS = "tags.md"
RETRACTIONS = "retractions.md"
FEEDS = "feeds.md"
MORE = "more.md"
ARCHIVE = "archive/index.md"  # first entry of the month archives' nav section (archive_nav.py)


def _title(ap: ArchivePost) -> str:
    return plain(ap.post.title) + ("（已撤稿）" if ap.retracted else "")


def _link(ap: ArchivePost, prefix: str = "") -> str:
    return f"[{md_text(_title(ap))}]({prefix}{post_md(ap.slug)})"


PLAIN_SLUG = re.compile(r"[A-Za-z0-9_-]+")


# a character Markdown reads as syntax or an entity, or a control character
NOT_LITERAL = re.compile("[" + re.escape(MARKDOWN_SYNTAX + "&<>") + "\x00-\x1f\x7f]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _literal(text: str) -> bool:
    """Whether Markdown's output of ``text`` is ``text`` itself: nothing Markdown reads as
    syntax or an entity, no control character, not empty (one search of ``NOT_LITERAL``,
    not a test per character: the accounts page's titles)."""
    return bool(text) and NOT_LITERAL.search(text) is None


def _shown(title: str) -> str | None:
    """The HTML Python-Markdown makes of ``md_text(title)`` as a link's text: the title
    HTML-escaped, each Markdown syntax character ``md_text`` escaped shown as itself
    (``tests/site/test_post_list.py`` renders both); None for an empty title or one with a
    control character, which stays Markdown."""
    if not title or _CONTROL.search(title):
        return None
    return html.escape(title, quote=False)


def post_list(items: Sequence[tuple[str, str, str]]) -> list[str]:
    """The lines of a list of posts, each ``(date, title, slug)`` shown as "date [title]".

    As a Markdown list (``- date [title](posts/slug.md)``) this was the largest page mkdocs
    converts on every build (every post, by account). When every date is literal text and
    every slug plain (``_literal``, ``PLAIN_SLUG``) and every title can be shown
    (``_shown``), it is written as the HTML Python-Markdown makes of that list: a raw block,
    which mkdocs passes through as it is, with the link mkdocs would write (a post's URL,
    relative to a page at the top of the site). A title with Markdown syntax (an ASCII
    bracket or parenthesis) is shown as Markdown shows it: as a Markdown link it made the
    page fail mkdocs' link validation in a partial rebuild, which then fell back to a full
    build (red team 39). The last line is ``</ul>``: Markdown ends a raw block there, and a
    blank line after it would add one to the page (``tests/site/test_post_list.py``
    compares both forms)."""
    shown = [_shown(title) for _, title, _ in items]
    plain_items = all(
        _literal(date) and text is not None and PLAIN_SLUG.fullmatch(slug)
        for (date, _, slug), text in zip(items, shown, strict=True)
    )
    if not items or not plain_items:
        return [f"- {date} [{md_text(title)}]({post_md(slug)})" for date, title, slug in items]
    rows = [
        f'<li>{date} <a href="{post_url(slug)}">{text}</a></li>'
        for (date, _, slug), text in zip(items, shown, strict=True)
    ]
    return ["<ul>", *rows, "</ul>"]


def home_page(archive: Archive) -> str:
    unit = md_text(archive.unit or "本单位")
    live = sum(1 for p in archive.posts if not p.retracted)
    return (
        front_matter({"title": "发布档案"})
        + f"# {unit}政务新媒体发布档案\n\n"
        + f"本档案收录{unit}政务新媒体账号（微信公众号、微博、移动客户端）经三审通过并已发布的全部文章，"
        + f"共 {live} 篇在列、{len(archive.posts) - live} 篇已撤稿。每篇文章页载明发布账号与渠道、"
        + "转载来源、三审记录与更正记录；撤稿文章保留撤稿说明。\n\n"
        + f"按[账号]({ACCOUNTS})、[标签]({TAGS})浏览，查看[撤稿公告]({RETRACTIONS})，"
        + f"或[订阅更新]({FEEDS})。\n"
    )


def accounts_page(archive: Archive, zone: dt.tzinfo | None = None) -> str:
    lines = [front_matter({"title": "按账号浏览", "gm_search": "titles"}), "# 按账号浏览", ""]
    by_channel: dict[str, list[ArchivePost]] = {}
    for ap in archive.posts:
        for ch in ap.channels:
            by_channel.setdefault(ch.id, []).append(ap)
    order = list(archive.registry.accounts) if archive.registry else []
    order += sorted(c for c in by_channel if c not in order)
    for cid in order:
        posts = by_channel.get(cid, [])
        account = archive.account(cid)
        if not posts:
            continue
        name = account.name if account else cid
        platform = PLATFORM_NAMES.get(account.platform if account else "", "")
        lines += [f"## {md_text(platform)}「{md_text(name)}」", "", f"共 {len(posts)} 篇。", ""]
        lines += post_list([(local_date(p.channels[0].at, zone), _title(p), p.slug) for p in posts])
        lines.append("")
    if len(lines) == 3:
        lines.append("暂无已发布的文章。")
    # no blank line after a raw block: see ``post_list``
    kept = [line for at, line in enumerate(lines) if line or not at or lines[at - 1] != "</ul>"]
    return "\n".join(kept) + "\n"


def late_blocks(page: str) -> tuple[str, list[str]]:
    """``page`` with each raw list ``post_list`` wrote (a line ``<ul>`` to the next line
    ``</ul>``) replaced by a numbered placeholder line, and those lists.

    The theme's ``post_bodies.py`` puts each list back in the written page, where the
    placeholder's raw block stands, so the page is the same; but neither Python-Markdown
    (``md_in_html`` reads a raw block with an HTML parser) nor the search plugin (which
    keeps only the section titles of this page, ``gm_search: titles``) parses the lists:
    at 2,000 posts about 400 KB of HTML every build, the accounts page being built again
    whenever a post is published, corrected or retracted (docs/dev/speed.md, "Thirteenth
    pass")."""
    lines, kept, blocks = page.split("\n"), [], []
    at = 0
    while at < len(lines):
        if lines[at] != "<ul>":
            kept.append(lines[at])
            at += 1
            continue
        end = lines.index("</ul>", at)
        kept.append(block_placeholder(len(blocks)))
        blocks.append("\n".join(lines[at : end + 1]))
        at = end + 1
    return "\n".join(kept), blocks


def retractions_page(archive: Archive, zone: dt.tzinfo | None = None) -> str:
    lines = [front_matter({"title": "撤稿公告"}), "# 撤稿公告", ""]
    retracted = [ap for ap in archive.posts if ap.retraction]
    if not retracted:
        return "\n".join([*lines, "目前没有撤稿的文章。", ""])
    lines += ["| 撤稿时间 | 文章 | 原因 |", "| --- | --- | --- |"]
    for ap in sorted(
        retracted, key=lambda p: p.retraction.at if p.retraction else "", reverse=True
    ):
        assert ap.retraction is not None
        reason = md_text(ap.retraction.reason)
        lines.append(f"| {local_date(ap.retraction.at, zone)} | {_link(ap)} | {reason} |")
    return "\n".join(lines) + "\n"


def tags_page() -> str:
    return (
        front_matter({"title": "按标签浏览", "gm_search": "titles"})
        + "# 按标签浏览\n\n<!-- material/tags -->\n"
    )


def feeds_page() -> str:
    return (
        front_matter({"title": "订阅"})
        + "# 订阅\n\n"
        + "- [RSS 2.0](feed.xml)：供阅读器订阅。\n"
        + "- [JSON Feed 1.1](feed.json)：本单位移动客户端读取此源；每条的 `id` 永久不变，"
        + "`_govmedia` 字段载明发布渠道与撤稿说明。\n"
    )


def archive_page(archive: Archive) -> str:
    """Every month with its number of posts, newest first, linking the blog plugin's month
    lists (``archive/YYYY/MM``). The "按月归档" tab and every pruned navigation link here,
    so a post in a new month changes this page, not every page of the site."""
    months: dict[tuple[int, int], int] = {}
    for ap in archive.posts:
        month = (ap.post.date.year, ap.post.date.month)
        months[month] = months.get(month, 0) + 1
    lines = [front_matter({"title": "归档总览", "search": {"exclude": True}}), "# 按月归档", ""]
    if not months:
        lines.append("暂无已发布的文章。")
    year = None
    for (y, m), count in sorted(months.items(), reverse=True):
        if y != year:
            lines += ["", f"## {y} 年", ""]
            year = y
        lines.append(f"- [{y}年{m}月]({y:04d}/{m:02d}.md)：{count} 篇")
    return "\n".join(lines) + "\n"


def more_page(entries: Sequence[tuple[str, str]]) -> str:
    lines = [front_matter({"title": "政务公开"}), "# 政务公开", ""]
    if not entries:
        lines.append("暂无其他公开页面。")
    lines += [f"- [{md_text(title)}]({path})" for title, path in entries]
    return "\n".join(lines) + "\n"


def write_indexes(archive: Archive, docs_dir: Path, zone: dt.tzinfo | None = None) -> None:
    accounts, blocks = late_blocks(accounts_page(archive, zone))
    if blocks:
        held = docs_dir / BODIES_DIR / blocks_name(ACCOUNTS)
        held.parent.mkdir(parents=True, exist_ok=True)
        held.write_text(json.dumps(blocks, ensure_ascii=False), encoding="utf-8")
    pages = {
        HOME: home_page(archive),
        ACCOUNTS: accounts,
        RETRACTIONS: retractions_page(archive, zone),
        TAGS: tags_page(),
        FEEDS: feeds_page(),
        ARCHIVE: archive_page(archive),
    }
    (docs_dir / ARCHIVE).parent.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (docs_dir / name).write_text(text, encoding="utf-8")
