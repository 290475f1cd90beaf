"""Markdown → WeChat article HTML (inline styles only), as doocs/md and mdnice do.

- external links become numbered references listed under 「参考链接」 at the end; links to
  mp.weixin.qq.com stay links; in-page ``#anchor`` links are dropped (saving fails with them);
- images are read from the repository, uploaded with ``uploadimg`` and replaced by the
  returned URL, each wrapped in ``<figure>`` with its alt text as caption; images on other
  hosts are dropped (WeChat filters them out) leaving the caption;
- every CSS rule is inlined into ``style`` attributes (css-inline); no ``<style>``, no
  ``position``/``float``/``transform``;
- lists carry literal markers (•, ◦, ▪ or numbers) with the list style off, the doocs/md
  pattern, because WeChat renders nested list markers unreliably;
- tables sit in a horizontally scrolling ``<section>`` (phones are narrow);
- footnote back-references (``↩``, in-page links) are dropped;
- a repost opens and closes with its source attribution (第十一条).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.etree import ElementTree as ET

import css_inline
from markdown.treeprocessors import Treeprocessor

from pipeline.assetpath import resolve_asset
from pipeline.content import Post
from pipeline.content.limits import WECHAT_SUMMARY
from pipeline.html_sanitize import clean_html, esc, safe_url
from pipeline.platforms.render_common import (
    attribution,
    convert,
    plain_text,
    post_url,
    reused_markdown,
)
from pipeline.platforms.wechat_articles import DIGEST_MAX, check_article, is_article_link

STYLE = """
section.govmedia { font-size: 16px; line-height: 1.75; color: #333333; letter-spacing: 0.5px; }
h1, h2, h3, h4 { font-weight: bold; color: #1a1a1a; margin: 1.2em 0 0.6em; }
h2 { font-size: 18px; border-left: 4px solid #b71c1c; padding-left: 8px; }
h3 { font-size: 17px; }
p { margin: 0.8em 0; text-align: justify; }
ul, ol { list-style-type: none; padding-left: 1em; margin: 0.8em 0; }
li { margin: 0.3em 0; }
li ul, li ol { margin: 0.2em 0; }
strong { color: #b71c1c; font-weight: bold; }
blockquote { margin: 1em 0; padding: 0.6em 1em; border-left: 3px solid #cccccc; color: #666666; background: #f7f7f7; }
figure { margin: 1em 0; text-align: center; }
img { max-width: 100%; }
figcaption { font-size: 13px; color: #888888; margin-top: 0.4em; }
section.table-wrap { overflow-x: auto; max-width: 100%; margin: 1em 0; }
table { border-collapse: collapse; font-size: 14px; white-space: nowrap; }
th, td { border: 1px solid #dddddd; padding: 6px; }
sup.ref { color: #576b95; font-size: 12px; }
p.source { font-size: 14px; color: #576b95; }
ol.refs { font-size: 13px; color: #888888; word-break: break-all; }
code { font-family: Menlo, Consolas, monospace; background: #f3f3f3; padding: 0 2px; }
"""

ImageUploader = Callable[[str], str | None]  # src (relative to the post) -> WeChat URL


@dataclass(frozen=True)
class WeChatArticle:
    title: str
    author: str
    digest: str
    content: str
    content_source_url: str
    cover: str  # repository path of the cover image ("" when none)

    def payload(self, thumb_media_id: str) -> dict:
        return {
            "title": self.title,
            "author": self.author,
            "digest": self.digest,
            "content": self.content,
            "content_source_url": self.content_source_url,
            "thumb_media_id": thumb_media_id,
            "need_open_comment": 0,
            "only_fans_can_comment": 0,
        }


class _WeChatTree(Treeprocessor):
    def __init__(self, md: object, upload: ImageUploader) -> None:
        super().__init__(md)  # type: ignore[arg-type]
        self.upload = upload
        self.refs: list[tuple[str, str]] = []

    def run(self, root: ET.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "a":
                    self._link(parent, index, child)
                elif child.tag == "img":
                    self._image(parent, index, child)
        for top in [el for el in root if el.tag in LISTS]:
            _mark_list(top, 0)

    def _link(self, parent: ET.Element, index: int, link: ET.Element) -> None:
        href = (link.get("href") or "").strip()
        if "footnote-backref" in (link.get("class") or ""):
            # the "↩" back to the text: an in-page link WeChat cannot keep, so it goes
            _drop_keeping_tail(parent, link)
            return
        if is_article_link(href):
            return
        span = ET.Element("span")
        span.text, span.tail = link.text, link.tail
        for sub in list(link):
            span.append(sub)
        if href.startswith(("http://", "https://", "mailto:")):
            self.refs.append(("".join(link.itertext()).strip(), href))
            sup = ET.SubElement(span, "sup", {"class": "ref"})
            sup.text = f"[{len(self.refs)}]"
        parent.remove(link)
        parent.insert(index, span)

    def _image(self, parent: ET.Element, index: int, img: ET.Element) -> None:
        src = img.get("src") or ""
        alt = img.get("alt") or ""
        url = self.upload(src) if src and not src.startswith(("http://", "https://")) else None
        sole = parent.tag == "p" and len(parent) == 1 and not (parent.text or "").strip()
        if sole and not (img.tail or "").strip():
            parent.tag, parent.text = "figure", None
            parent.remove(img)
            if url:
                ET.SubElement(parent, "img", {"src": url, "alt": alt})
            if alt:
                ET.SubElement(parent, "figcaption").text = alt
            return
        figure = ET.Element("figure")
        figure.tail = img.tail
        if url:
            ET.SubElement(figure, "img", {"src": url, "alt": alt})
        if alt:
            ET.SubElement(figure, "figcaption").text = alt
        parent.remove(img)
        if len(figure):
            parent.insert(index, figure)


LISTS = ("ul", "ol")
BULLETS = ("•", "◦", "▪")


def _drop_keeping_tail(parent: ET.Element, child: ET.Element) -> None:
    index = list(parent).index(child)
    tail = (child.tail or "").rstrip("\u00a0 ")
    if tail:
        if index > 0:
            before = parent[index - 1]
            before.tail = (before.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    elif index == 0 and parent.text:
        parent.text = parent.text.rstrip("\u00a0 ")
    elif index > 0 and parent[index - 1].tail:
        parent[index - 1].tail = (parent[index - 1].tail or "").rstrip("\u00a0 ")
    parent.remove(child)


def _mark_list(listing: ET.Element, depth: int) -> None:
    """Literal markers in every item, the list's own style switched off (STYLE): WeChat
    renders nested list markers unreliably, so doocs/md writes them as text."""
    ordered = listing.tag == "ol"
    try:
        start = int(listing.get("start") or 1)
    except ValueError:
        start = 1
    number = start
    for item in listing:
        if item.tag != "li":
            continue
        marker = f"{number}. " if ordered else f"{BULLETS[min(depth, len(BULLETS) - 1)]} "
        number += 1
        first = item[0] if len(item) and not (item.text or "").strip() else None
        if first is not None and first.tag == "p":
            first.text = marker + (first.text or "")
        else:
            item.text = marker + (item.text or "")
        for sub in item.iter():
            if sub is not item and sub.tag in LISTS and _parent_li(item, sub) is item:
                _mark_list(sub, depth + 1)


def _parent_li(root: ET.Element, target: ET.Element) -> ET.Element | None:
    """The nearest ``li`` (or ``root``) above ``target`` inside ``root``."""
    for parent in root.iter():
        if target in list(parent):
            if parent is root or parent.tag == "li":
                return parent
            return _parent_li(root, parent)
    return None


def _wrap_tables(html: str) -> str:
    """Every table inside a scrolling section (wide tables scroll on phones)."""
    return html.replace("<table>", '<section class="table-wrap"><table>').replace(
        "</table>", "</table></section>"
    )


def render_wechat(post: Post, *, site_url: str, upload: ImageUploader) -> WeChatArticle:
    md = reused_markdown("wechat")
    tree = _WeChatTree(md, upload)
    md.treeprocessors.register(tree, "govmedia_wechat", 1)  # replaces the last post's
    # the one policy, before our own CSS is inlined
    body = clean_html(convert(md, post.body, "wechat"))
    body = _wrap_tables(body)  # our own wrapper, added to the cleaned markup
    parts = ['<section class="govmedia">']
    credit = attribution(post)
    if credit:
        parts.append(f'<p class="source">{_esc(credit)}</p>')
    parts.append(body)
    source_url = safe_url(post.source.url) if post.source is not None else ""
    if credit and post.source is not None:
        tree.refs.append((f"原文：{post.source.title}", source_url or "（链接无效，未列出）"))
        parts.append(
            f'<p class="source">{_esc(credit)}<sup class="ref">[{len(tree.refs)}]</sup></p>'
        )
    if tree.refs:
        parts.append('<h3>参考链接</h3><ol class="refs">')
        for text, href in tree.refs:
            parts.append(f"<li>{_esc(text)}：{_esc(href)}</li>")
        parts.append("</ol>")
    parts.append("</section>")
    # Only our own markup and stylesheet are added to the cleaned body from here on.
    html = css_inline.inline_fragment("".join(parts), STYLE)
    digest = post.digest or plain_text(post)[:WECHAT_SUMMARY]
    if not post.digest and len(digest) > DIGEST_MAX:
        digest = digest[:DIGEST_MAX]
    if post.original or not source_url:
        source_url = post_url(post.path, site_url)
    cover = resolve_asset(post.path, post.cover)[0] if post.cover else ""
    return WeChatArticle(
        title=post.title,
        author=post.author_name,
        digest=digest,
        content=html,
        content_source_url=source_url,
        cover=cover,
    )


def check_limits(article: WeChatArticle) -> None:
    """Raise Permanent before any call when a limit is broken (thumb checked later)."""
    check_article(article.payload("pending"))


def _esc(text: str) -> str:
    return esc(text)
