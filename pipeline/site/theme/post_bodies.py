"""mkdocs hook: put the rest of each post page (channels, body, reviews, corrections), written
as clean HTML by govmedia beforehand (``pipeline/site/pages.py``), in place of the page's
placeholder.

The generated Markdown of a post page holds only what the blog's excerpts show and a
placeholder, so neither mkdocs nor the blog plugin (which converts each post's whole
Markdown again for every view that shows its excerpt) parses that HTML through
``md_in_html``. It is read from ``.bodies/<page path>.html`` in ``docs_dir``: mkdocs leaves
dot folders out of the site, and the file is what govmedia wrote, already sanitised. One
thing only: the HTML goes in verbatim, where the raw blocks would have been.

A page outside ``posts/`` may hold numbered block placeholders instead of raw HTML blocks
(the accounts page's lists of every post, ``pipeline/site/indexes.py``, ``late_blocks``):
block N of ``.bodies/<page>.blocks.json`` (a JSON list of strings) takes the place of
placeholder N in the written page, after the search plugin indexed the page's content.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.exceptions import PluginError

PLACEHOLDER = '<div class="gm-rest" data-gm-rest=""></div>'
BODIES_DIR = ".bodies"
BLOCKS_SUFFIX = ".blocks.json"  # as pipeline/site/paths.py
BLOCK_PLACEHOLDER = '<div class="gm-block" data-gm-block="{}"></div>'
BLOCK_START = BLOCK_PLACEHOLDER.split("{", 1)[0]
POSTS = "posts/"


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


def _blocks(docs_dir: str, src_uri: str) -> list[str]:
    path = Path(docs_dir, BODIES_DIR, PurePosixPath(src_uri).with_suffix(BLOCKS_SUFFIX))
    try:
        blocks = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PluginError(f"{src_uri}：找不到已生成的 HTML 块（{exc.strerror}）。") from None
    except ValueError:
        blocks = None
    if not isinstance(blocks, list) or not all(isinstance(b, str) for b in blocks):
        raise PluginError(f"{src_uri}：已生成的 HTML 块文件 {path.name} 格式不对。")
    return blocks


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    # only govmedia's own pages hold blocks: a post's text is never read for placeholders
    if page.file.src_uri.startswith(POSTS) or BLOCK_START not in (page.content or ""):
        return output
    src = page.file.src_uri
    for number, block in enumerate(_blocks(config["docs_dir"], src)):
        placeholder = BLOCK_PLACEHOLDER.format(number)
        found = output.count(placeholder)
        if found != 1:
            raise PluginError(f"{src}：HTML 块占位符 {number} 出现 {found} 次，应为 1 次。")
        output = output.replace(placeholder, block)
    if BLOCK_START in output:
        raise PluginError(f"{src}：HTML 块占位符多于已生成的 HTML 块。")
    return output
