"""Shared helpers for the channel renderers: Markdown with raw HTML escaped, URLs, text."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from xml.etree import ElementTree as ET

import markdown

from pipeline.content import Post
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


def post_url(post_path: str, site_url: str) -> str:
    """The post's page on the archive site (``pipeline.site.paths`` fixes the scheme)."""
    return absolute_post_url(site_url, PurePosixPath(post_path).stem)


def plain_text(post: Post) -> str:
    """The body as one line of plain text (for summaries)."""
    html = new_markdown().convert(post.body)
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
