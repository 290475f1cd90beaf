"""Every local file a post pulls in: its cover and the images of its body.

:func:`referenced_files` is the one inventory: the reviewers' approval must cover each
file it lists (by blob), ``govmedia check`` reports the refused ones, and every reader of
post assets (the archive's media copy, WeChat's cover and image uploads, the app's cover)
reads only what it lists. It is pure (no filesystem, no git), so the server's verifier can
call it on blob contents.

The body is parsed by the renderers' own parser, so nothing a renderer shows is missed:
Python-Markdown "extra" with raw HTML escaped (``render_common``, the platforms' and since
round 39 the archive's), and once more with raw HTML read as HTML and cleaned by nh3 (the
archive's reading before round 39: its ``<img>`` files stay reviewed and checked). The
front matter is parsed by the content model's parser (``pipeline.content.post_parts``).

Both renderers (Python-Markdown, and nh3 behind the sanitiser) are imported on the first body
that :func:`may_have_images` says may hold an image: a check of image-free posts, the usual
case, never loads them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.assetpath import resolve_asset
from pipeline.content import Post, post_parts

if TYPE_CHECKING:
    from xml.etree import ElementTree as ET

    import markdown

FIELD_LABELS = {"cover": "封面图 cover", "body": "正文图片"}


@dataclass(frozen=True, repr=False)
class Reference:
    """One file a post pulls in, as written and as resolved."""

    src: str  # as the renderers see it (front-matter value or <img src>)
    path: str  # normalised repository-relative POSIX path; "" when refused
    line: int  # 1-based line in the post file
    field: str  # "cover" (front matter) or "body"
    reason: str = ""  # Chinese reason when refused; "" when the path is acceptable

    @property
    def ok(self) -> bool:
        return not self.reason

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


_LOCAL = threading.local()  # Markdown instances are reusable but not thread-safe
# Raw HTML read as HTML: the archive's reading before round 39. No renderer makes an image
# of an ``<img>`` the body writes any more (raw HTML is text everywhere), but the inventory
# still lists its file, so it is bound by the approvals and checked (``A15-ASSET``) as
# before: reading more than is published is safe.
_RAW_HTML_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "attr_list"]


def _parsers() -> tuple[markdown.Markdown, markdown.Markdown, list[str]]:
    """This thread's archive parser, platforms' parser and the list into which the latter
    collects every ``<img src>`` of its tree, in document order (imported here, on the
    first body that may hold an image)."""
    cached = getattr(_LOCAL, "parsers", None)
    if cached is None:
        import markdown  # only for a body that may hold an image
        from markdown.treeprocessors import Treeprocessor

        from pipeline.platforms.render_common import new_markdown

        found: list[str] = []

        class _ImageSources(Treeprocessor):
            def run(self, root: ET.Element) -> None:
                found.extend(img.get("src") or "" for img in root.iter("img"))

        site = markdown.Markdown(extensions=_RAW_HTML_EXTENSIONS, output_format="html")
        platforms = new_markdown()
        platforms.treeprocessors.register(_ImageSources(platforms), "govmedia_sources", 1)
        cached = _LOCAL.parsers = (site, platforms, found)
    return cached


def may_have_images(body: str) -> bool:
    """False only when no renderer can find an image in ``body``: an ``<img>`` comes from
    Markdown's ``![…]`` (inline or by reference) or from raw HTML, which needs a ``<``.
    Most posts have neither and skip both Markdown conversions."""
    return "![" in body or "<" in body


def body_sources(body: str) -> list[str]:
    """Every image source the archive or a platform renderer finds in ``body``, unique."""
    if not may_have_images(body):
        return []
    site, platforms, sources = _parsers()
    from pipeline.site import sanitize  # imported by _parsers already

    found: list[str] = []
    # raw HTML read as HTML, then the archive's nh3 clean (what keeps an img)
    sanitize.clean_html(site.reset().convert(body), lambda src: found.append(src) or None)  # type: ignore[func-returns-value]
    sources.clear()
    platforms.reset().convert(body)
    found += sources
    return list(dict.fromkeys(found))


def _line_of(src: str, body: str, body_line: int) -> int:
    lines = body.split("\n")
    for needle in (src, src.rsplit("/", 1)[-1]):
        if not needle:
            continue
        for index, line in enumerate(lines):
            if needle in line:
                return body_line + index
    return body_line


def _reference(post_path: str, src: str, line: int, field: str) -> Reference:
    path, reason = resolve_asset(post_path, src)
    return Reference(src=src, path=path, line=line, field=field, reason=reason)


def referenced_files(post_path: str, text: str) -> list[Reference]:
    """Every local file the post at ``post_path`` (repository-relative POSIX path) pulls
    in, given its full ``text`` (front matter and body): the cover first, then the body's
    images in document order, one entry per distinct source. Refused ones (absolute,
    ``..``, encoded, remote, not an image...) are included with ``reason`` set."""
    loc, body, body_line = post_parts(text)
    data = loc.data if loc is not None else None
    cover_line = loc.line("cover") if loc is not None else 1
    return _references(post_path, data, cover_line, body, body_line)


def loaded_references(post: Post) -> list[Reference]:
    """:func:`referenced_files` of a post that ``content.parse_post`` loaded, from the front
    matter and body that load already parsed (the same values: ``post.meta`` is its front
    matter, ``post.lines`` its lines, ``post.body`` its body) instead of parsing the YAML a
    second time. Only for a post built by ``parse_post`` from ``post.raw``."""
    return _references(post.path, post.meta, post.line_of("cover"), post.body, post.body_line)


def _references(
    post_path: str, data: object, cover_line: int, body: str, body_line: int
) -> list[Reference]:
    refs: list[Reference] = []
    if isinstance(data, dict) and data.get("cover") is not None:
        cover = data["cover"]
        if isinstance(cover, str):
            refs.append(_reference(post_path, cover.strip(), cover_line, "cover"))
        else:
            refs.append(
                Reference(str(cover), "", cover_line, "cover", "封面图 cover 应为文件路径文本。")
            )
    for src in body_sources(body):
        refs.append(_reference(post_path, src, _line_of(src, body, body_line), "body"))
    return refs


def find(refs: list[Reference], src: str, field: str) -> Reference | None:
    """The reference a renderer's ``src`` of ``field`` stands for, if the post lists it."""
    return next((r for r in refs if r.src == src and r.field == field), None)


def post_text(post: Post) -> str:
    """The post's full text (front matter and body) as read, for :func:`referenced_files`."""
    return post.raw.decode("utf-8", "replace")


def post_references(post: Post) -> list[Reference]:
    return referenced_files(post.path, post_text(post))
