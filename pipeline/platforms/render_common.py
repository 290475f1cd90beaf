"""Shared helpers for the channel renderers: Markdown with raw HTML escaped, URLs, text."""

from __future__ import annotations

import re
import threading
from pathlib import PurePosixPath
from xml.etree import ElementTree as ET

import markdown

from pipeline.content import Post
from pipeline.content_limits import MAX_HTML_DEPTH, body_problems, html_depth
from pipeline.platforms.errors import Permanent
from pipeline.site.paths import absolute_post_url


def new_markdown(*treeprocessors: tuple[str, object, int]) -> markdown.Markdown:
    """Python-Markdown with tables etc., raw HTML in posts escaped (sanitised), plus hooks."""
    md = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    for name in ("html_block",):
        if name in md.preprocessors:
            md.preprocessors.deregister(name)
    if "html" in md.inlinePatterns:
        md.inlinePatterns.deregister("html")
    for name, processor, priority in treeprocessors:
        md.treeprocessors.register(processor, name, priority)  # type: ignore[arg-type]
    return md


_reused = threading.local()


def reused_markdown(kind: str = "") -> markdown.Markdown:
    """This thread's :func:`new_markdown` for ``kind``, reset for a new document.

    Building a Markdown instance (its extensions, patterns and processors) costs about as
    much as converting a post; a publishing run converts thousands. Each thread keeps one
    per kind (a renderer that registers processors of its own uses its own kind), and
    ``reset()`` clears what the previous document left (footnotes, abbreviations ...)."""
    found: dict[str, markdown.Markdown] = _reused.__dict__.setdefault("by_kind", {})
    md = found.get(kind)
    if md is None:
        md = found[kind] = new_markdown()
    return md.reset()


def convert(md: markdown.Markdown, body: str, platform: str) -> str:
    """``md.convert(body)``, refused as a Permanent error (this post only, never the run)
    when the Markdown or the HTML it gives is nested deeper than the platforms can take.

    The source is measured first (Python-Markdown takes minutes and gigabytes on a
    1,000-level list before it fails), so a post approved before the check refused it is
    still refused here, alone, in milliseconds."""
    problems = body_problems(body, 1)
    if problems:
        raise Permanent(
            f"文章无法排版：{problems[0].message}（正文第 {problems[0].line} 行）",
            platform=platform,
        )
    try:
        html = md.convert(body)
    except RecursionError:
        raise Permanent(
            "文章的列表、引用或强调嵌套过深，无法排版；请修改文章（govmedia check 会指出位置）。",
            platform=platform,
        ) from None
    if html_depth(html) > MAX_HTML_DEPTH:
        raise Permanent(
            f"文章排版后的 HTML 嵌套超过 {MAX_HTML_DEPTH} 层，平台无法处理；请减少列表、引用或强调的嵌套。",
            platform=platform,
        )
    return html


def post_url(post_path: str, site_url: str) -> str:
    """The post's page on the archive site (``pipeline.site.paths`` fixes the scheme)."""
    return absolute_post_url(site_url, PurePosixPath(post_path).stem)


def plain_text(post: Post) -> str:
    """The body as one line of plain text (for summaries)."""
    html = convert(reused_markdown(), post.body, "")
    try:
        text = "".join(ET.fromstring(f"<div>{html}</div>").itertext())
    except ET.ParseError:
        text = re.sub(r"<[^>]+>", "", html)
    return re.sub(r"\s+", "", text)


def attribution(post: Post) -> str:
    """第十一条: the repost's source, as a Chinese line (empty for original posts)."""
    if post.original or post.source is None:
        return ""
    return f"转载自{post.source.name}《{post.source.title}》"
