"""One archive page per published post: the post as published, where, and who approved it.

Everything is written as Markdown and raw HTML whose text is escaped here; the body is
rendered and sanitised here (``sanitize.py``). What the blog's excerpts show (title, digest
or tombstone) stays in the page's Markdown; the rest of the page (channels, source, body,
reviews, corrections) is written as HTML under ``.bodies/`` and the page holds a
placeholder that the theme's ``post_bodies.py`` hook fills after mkdocs converted the page.
So that HTML is never parsed again by Markdown's ``md_in_html`` (once for the page, and once
more for every blog view that shows the post's excerpt). No hook is needed for safety.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.site.archive import STAGE_NAMES, ArchivePost, Version
from pipeline.site.fmt import PLATFORM_NAMES, front_matter, local, short, zone_name
from pipeline.site.media import write_images
from pipeline.site.paths import BODIES_DIR, BODY_PLACEHOLDER, post_html_name, post_md
from pipeline.site.post_outputs import Hashes, page_hashes
from pipeline.site.replace import held_hash, write_or_link
from pipeline.site.sanitize import attr_link, esc, md_text, plain, render_body, safe_url

if TYPE_CHECKING:
    from pipeline.site.body_store import BodyStore

MORE = "<!-- more -->"


def _meta(ap: ArchivePost) -> dict[str, object]:
    post = ap.post
    meta: dict[str, object] = {
        "title": plain(post.title) + ("（已撤稿）" if ap.retracted else ""),
        "date": {"created": post.date},
        "slug": ap.slug,
    }
    if post.category:
        meta["categories"] = [plain(post.category)]
    if post.tags and not ap.retracted:
        meta["tags"] = [plain(t) for t in post.tags]
    if post.digest and not ap.retracted:
        meta["description"] = plain(post.digest)
    return meta


def channels_block(ap: ArchivePost, zone: dt.tzinfo | None = None) -> str:
    items = []
    for ch in ap.channels:
        platform = PLATFORM_NAMES.get(ch.platform, ch.platform)
        label = f"{esc(platform)}「{esc(ch.name)}」"
        url = safe_url(ch.url)  # from the ledger: a platform's word, http(s) only
        if url and not ap.retracted:
            link = attr_link(url, "查看原发布")
        elif ap.retracted:
            link = "（已从平台删除）"
        else:
            link = ""
        items.append(f"<li>{label}，发布于 {esc(local(ch.at, zone))} {link}</li>")
    return (
        '<div class="gm-channels">\n<p><strong>发布账号与渠道</strong></p>\n<ul>\n'
        + "\n".join(items)
        + "\n</ul>\n</div>"
    )


def source_block(ap: ArchivePost) -> str:
    source = ap.post.source
    if ap.post.original or source is None:
        return ""
    link = attr_link(source.url, source.title)
    return (
        '<div class="gm-source">\n<p><strong>转载来源</strong>（第十一条）</p>\n'
        f"<p>来源：{esc(source.name)}；原标题：{link}</p>\n</div>"
    )


def review_block(
    version: Version, heading: str = "审核记录（三审）", zone: dt.tzinfo | None = None
) -> str:
    rows = []
    for s in version.stages:
        rows.append(
            f"<tr><td>{esc(STAGE_NAMES[s.stage])}</td><td>{esc(s.by.split('<')[0].strip())}</td>"
            f"<td>{esc(local(s.at, zone))}</td>"
            f'<td><code title="{esc(s.commit)}">{esc(short(s.commit))}</code></td></tr>'
        )
    return (
        f'<div class="gm-review">\n<h2 id="review">{esc(heading)}</h2>\n'
        f"<p>发布版本 <code>{esc(short(version.blob))}</code>，审核通过的提交如下。</p>\n"
        f"<table>\n<thead><tr><th>环节</th><th>审核人</th><th>时间（{esc(zone_name(zone))}）</th>"
        "<th>审核提交</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n"
        + acks_block(version)
        + "</div>"
    )


def acks_block(version: Version) -> str:
    """The warnings each reviewer saw and acknowledged before signing (第十五条)."""
    items = [
        f"<li>{esc(STAGE_NAMES[s.stage])} {esc(s.by.split('<')[0].strip())}：{esc(ack)}</li>"
        for s in version.stages
        for ack in s.acks
    ]
    if not items:
        return ""
    return (
        '<p class="gm-acks"><strong>审核人已确认的警告</strong>'
        "（检查提示但经审核人阅读后接受的内容）</p>\n<ul>\n" + "\n".join(items) + "\n</ul>\n"
    )


def corrections_block(ap: ArchivePost, zone: dt.tzinfo | None = None) -> str:
    if len(ap.versions) < 2:
        return ""
    items = []
    for number, v in enumerate(ap.versions):
        approvers = "、".join(s.by.split("<")[0].strip() for s in v.stages)
        if number == 0:
            what = "首次发布"
        else:
            what = f"更正（替换版本 <code>{esc(short(v.correction_of or ap.versions[number - 1].blob))}</code>）"
        items.append(
            f"<li>{esc(local(v.at, zone))}：{what}，版本 <code>{esc(short(v.blob))}</code>，"
            f"三审：{esc(approvers)}</li>"
        )
    return (
        '<div class="gm-corrections">\n<h2 id="corrections">更正记录</h2>\n'
        "<p>本文发布后经更正，以下为各版本的发布时间与审核人；现显示最新版本。</p>\n<ol>\n"
        + "\n".join(items)
        + "\n</ol>\n</div>"
    )


def tombstone_block(ap: ArchivePost, zone: dt.tzinfo | None = None) -> str:
    r = ap.retraction
    assert r is not None
    approver = r.approved_by.split("<")[0].strip()  # a name, never an email (as post pages)
    approved = f"<li>批准：{esc(approver)}</li>" if approver else ""
    return (
        '<div class="gm-tombstone">\n<p><strong>本文已撤稿</strong>，正文已删除。</p>\n<ul>\n'
        f"<li>原标题：{esc(plain(ap.post.title))}</li>\n"
        f"<li>文章日期：{esc(ap.post.date.isoformat())}</li>\n"
        f"<li>首次发布：{esc(local(ap.first_published, zone))}（{esc(zone_name(zone))}）</li>\n"
        f"<li>撤稿时间：{esc(local(r.at, zone))}（{esc(zone_name(zone))}）</li>\n"
        f"<li>撤稿原因：{esc(r.reason)}</li>\n{approved}\n</ul>\n</div>"
    )


def post_page(ap: ArchivePost, body_html: str, zone: dt.tzinfo | None = None) -> tuple[str, str]:
    """The page's Markdown (front matter, title and what the blog's excerpts show, then a
    placeholder) and the HTML of the rest of the page, which fills the placeholder."""
    title = plain(ap.post.title)
    heading = f"# {md_text(title)}{'（已撤稿）' if ap.retracted else ''}"
    parts = [front_matter(_meta(ap)), heading, ""]
    rest: list[str] = []
    if ap.retracted:
        parts += [tombstone_block(ap, zone), ""]
        rest += [channels_block(ap, zone)]
    else:
        if ap.post.digest:
            parts += [f'<p class="gm-digest">{esc(plain(ap.post.digest))}</p>', ""]
        rest += [channels_block(ap, zone)]
        if source := source_block(ap):
            rest += [source]
        rest += [f'<div class="gm-body">\n{body_html}\n</div>']
    rest += [review_block(ap.current, zone=zone)]
    if corrections := corrections_block(ap, zone):
        rest += [corrections]
    parts += [MORE, "", BODY_PLACEHOLDER, ""]
    # Markdown keeps raw HTML blocks a blank line apart: the page is as if inline.
    return "\n".join(parts), "\n\n".join(rest)


def render_post(
    ap: ArchivePost, docs_dir: Path, zone: dt.tzinfo | None, previous: Path | None = None
) -> tuple[str, str, str]:
    """The page's Markdown, its ``.bodies/`` HTML and its clean body (writes its images,
    linked from ``previous`` where it holds them: ``media.write_images``)."""
    body = ""
    if not ap.retracted:
        urls = write_images(ap, docs_dir, previous)
        body = render_body(ap.post.body, lambda src, urls=urls: urls.get(src))
    markdown, rest = post_page(ap, body, zone)
    return markdown, rest, body


class Bodies(Mapping[str, str]):
    """Each post's clean body by slug (for the feeds); a post whose pages were linked from
    the last generation has its body read from its kept output only when asked for
    (``body_store.BodyStore.get``), or rendered again when that entry cannot be used."""

    def __init__(self, docs_dir: Path, zone: dt.tzinfo | None, previous: Path | None) -> None:
        self.known: dict[str, str] = {}
        self.later: dict[str, tuple[ArchivePost, str, BodyStore]] = {}
        self.order: list[str] = []
        self.place = (docs_dir, zone, previous)

    def add(self, slug: str, body: str) -> None:
        self.known[slug] = body
        self.order.append(slug)

    def defer(self, ap: ArchivePost, key: str, store: BodyStore) -> None:
        self.later[ap.slug] = (ap, key, store)
        self.order.append(ap.slug)

    def __getitem__(self, slug: str) -> str:
        if slug in self.known:
            return self.known[slug]
        ap, key, store = self.later[slug]
        output = store.get(key)
        if output is None:
            output = render_post(ap, *self.place)
            store.put(key, output)
        self.known[slug] = output[2]
        return output[2]

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)


def _link_kept(
    targets: tuple[Path, Path], olds: tuple[Path, Path] | None, hashes: Hashes | None
) -> list[os.stat_result] | None:
    """Link both page files from the last generation when each holds the kept hash; their
    status (the linked files are the same files) or None."""
    if olds is None or hashes is None:
        return None
    held = [held_hash(old, sha) for old, sha in zip(olds, hashes, strict=True)]
    found = [info for info in held if info is not None]
    if len(found) != len(held):
        return None
    try:
        for old, target in zip(olds, targets, strict=True):
            os.link(old, target, follow_symlinks=False)
    except OSError:  # another filesystem: both written from the output
        for target in targets:
            target.unlink(missing_ok=True)
        return None
    return found


def write_post_pages(
    posts: list[ArchivePost],
    docs_dir: Path,
    zone: dt.tzinfo | None = None,
    store: BodyStore | None = None,
    previous: Path | None = None,
) -> Bodies:
    """Write every post page; return each post's clean body HTML by slug (for the feeds).

    ``store``: reuse the output of a post whose inputs are unchanged (``body_store.py``):
    its page files are the last generation's (``previous``) when they hold the hashes
    kept, linked, else written from the kept output. A page file whose bytes ``previous``
    already holds is linked from there, not written again (``replace.write_or_link``)."""
    bodies = Bodies(docs_dir, zone, previous)
    made: set[Path] = set()  # folders made this build (one mkdir each, not one a file)
    zone_id = store.zone_key(zone) if store is not None else ""
    for ap in posts:
        rels = (post_md(ap.slug), f"{BODIES_DIR}/{post_html_name(ap.slug)}")
        targets = (docs_dir / rels[0], docs_dir / rels[1])
        for target in targets:
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
        olds = None if previous is None else (previous / rels[0], previous / rels[1])
        key = store.key(ap, zone_id) if store is not None else None
        kept = store.hashes(key) if store is not None else None
        linked = _link_kept(targets, olds, kept) if store is not None else None
        if store is not None and key is not None and kept is not None and linked is not None:
            if not ap.retracted:
                write_images(ap, docs_dir, previous)  # the page's links to them are in it
            for rel, sha, info in zip(rels, kept, linked, strict=True):
                store.vouch(rel, sha, info)
            bodies.defer(ap, key, store)
            continue
        output = store.get(key) if store is not None else None
        if output is None:
            output = render_post(ap, docs_dir, zone, previous)
            if store is not None:
                store.put(key, output)
        elif not ap.retracted:
            write_images(ap, docs_dir, previous)  # the page's links to them are in the output
        for target, text, old in zip(targets, output[:2], olds or (None, None), strict=True):
            write_or_link(target, text, old)
        if store is not None:
            for target, rel, sha in zip(targets, rels, page_hashes(output), strict=True):
                store.vouch(rel, sha, os.lstat(target))
        bodies.add(ap.slug, output[2])
    return bodies
