"""mkdocs hook: put the rest of each post page (channels, body, reviews, corrections), written
as clean HTML by govmedia beforehand (``pipeline/site/pages.py``), in place of the page's
placeholder.

The generated Markdown of a post page holds only what the blog's excerpts show and a
placeholder, so neither mkdocs nor the blog plugin (which converts each post's whole
Markdown again for every view that shows its excerpt) parses that HTML through
``md_in_html``. It is read from ``.bodies/<page path>.html`` in ``docs_dir``: mkdocs leaves
dot folders out of the site, and the file is what govmedia wrote, already sanitised. One
thing only: the HTML goes in verbatim, where the raw blocks would have been.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.exceptions import PluginError

PLACEHOLDER = '<div class="gm-rest" data-gm-rest=""></div>'
BODIES_DIR = ".bodies"


def body_file(docs_dir: str, src_uri: str) -> Path:
    return Path(docs_dir, BODIES_DIR, PurePosixPath(src_uri).with_suffix(".html"))


def on_page_content(html: str, page: Any, config: Any, **kwargs: Any) -> str:
    found = html.count(PLACEHOLDER)
    if not found:
        return html
    if found != 1:
        raise PluginError(f"{page.file.src_uri}：正文占位符（gm-rest）出现 {found} 次，应为 1 次。")
    path = body_file(config["docs_dir"], page.file.src_uri)
    try:
        body = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PluginError(f"{page.file.src_uri}：找不到已生成的正文（{exc.strerror}）。") from None
    return html.replace(PLACEHOLDER, body)
