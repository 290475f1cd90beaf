"""Shared helpers for the channel renderers: Markdown with raw HTML escaped, URLs, text."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import markdown

from pipeline.content import Post

DEFAULT_SITE_URL = "https://gov.example.cn/archive/"


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
    """The post's page on the archive site: ``<site>/posts/YYYY/MM/<slug>/``."""
    rel = post_path.removeprefix("content/").removesuffix(".md")
    return site_url.rstrip("/") + "/" + rel + "/"


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
