"""``parse_post``: one post's bytes to a :class:`Post`, or to findings saying what is wrong.

The steps, in the order their findings appear: the bytes (:mod:`.limits`), the text and its
front matter (:mod:`.frontmatter`), the body's limits, then each field's reader
(:mod:`.fields`, :mod:`.source`, :mod:`.waivers`) and the file's path (:mod:`.path`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from pipeline import content_limits, yamlutil
from pipeline.content.collector import Collector
from pipeline.content.fields import (
    check_text_fields,
    check_title_length,
    read_author,
    read_channels,
    read_cover,
    read_fields,
)
from pipeline.content.frontmatter import decode, load_mapping, split_front_matter
from pipeline.content.limits import refuse_raw
from pipeline.content.model import LoadResult, Post, Source, Waiver
from pipeline.content.path import check_path
from pipeline.content.source import read_source
from pipeline.content.waivers import read_waivers
from pipeline.lookups import AuthorLookup, ChannelLookup
from pipeline.project import Project


@dataclass(repr=False, eq=False)
class _Header:
    """What the front matter yields, each field as its reader returned it."""

    slug: str
    title: str | None
    date: dt.date | None
    author: str | None
    author_name: str
    author_email: str
    channels: list[str] | None
    category: str
    tags: list[str]
    original: bool
    digest: str
    source: Source | None
    cover: str
    waivers: list[Waiver]


_HEADER_FIELDS = tuple(f.name for f in fields(_Header))


def parse_post(
    rel: str,
    raw: bytes,
    *,
    registry: ChannelLookup | None = None,
    roster: AuthorLookup | None = None,
    project: Project | None = None,
) -> LoadResult:
    """Validate one post's bytes. ``rel`` is its repository-relative path.

    ``project`` is accepted for callers' sake; the files a post pulls in are checked by
    ``pipeline.asset_check`` (never followed through symlinks), not here."""
    out = Collector(rel)
    parts = _read_parts(rel, raw, out)
    if parts is None:
        return LoadResult(rel, None, out.findings)
    loc, body, body_line = parts
    header = _read_header(rel, loc, out, registry=registry, roster=roster)
    post = None if out.has_errors() else _post(rel, raw, body, body_line, loc, header)
    return LoadResult(rel, post, out.findings)


def _read_parts(rel: str, raw: bytes, out: Collector) -> tuple[yamlutil.Located, str, int] | None:
    """(front matter, body, body's first line), or None when unreadable."""
    if refuse_raw(raw, out):
        return None
    text = decode(raw, out)
    if text is None:
        return None
    # as written (``decode`` makes every line end ``\n``): a carriage return inside a line
    # is a terminal's too
    terminal = content_limits.terminal_problem(raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8"), 1)
    if terminal is not None:
        out.error(terminal.line, terminal.rule, terminal.message, column=terminal.column)
    parts = split_front_matter(text, out)
    if parts is None:
        check_path(rel, None, out)
        return None
    fm_text, fm_line, body, body_line = parts
    for problem in content_limits.body_problems(body, body_line):
        out.error(problem.line, problem.rule, problem.message, column=problem.column)
    loc = load_mapping(fm_text, fm_line, out)
    if loc is None:
        return None
    return loc, body, body_line


def _read_header(
    rel: str,
    loc: yamlutil.Located,
    out: Collector,
    *,
    registry: ChannelLookup | None,
    roster: AuthorLookup | None,
) -> _Header:
    data = loc.data
    values = read_fields(loc, out)
    check_text_fields(data, loc, out)
    title, post_date, author = values["title"], values["date"], values["author"]
    slug = check_path(rel, post_date, out)
    author_name, author_email = read_author(author, loc, out, roster)
    channels = values["channels"]
    platforms = read_channels(channels, loc, out, registry)
    check_title_length(title, platforms, loc, out)
    original = values["original"]
    source = read_source(data, loc, out, original=original, title=title)
    cover = read_cover(values["cover"], loc, out, rel=rel)
    waivers = read_waivers(data, loc, out)
    return _Header(
        slug=slug,
        title=title,
        date=post_date,
        author=author,
        author_name=author_name,
        author_email=author_email,
        channels=channels,
        category=values["category"] or "",
        tags=values["tags"] or [],
        original=original,
        digest=values["digest"] or "",
        source=source,
        cover=cover,
        waivers=waivers,
    )


def _post(
    rel: str, raw: bytes, body: str, body_line: int, loc: yamlutil.Located, header: _Header
) -> Post | None:
    """The post, once every required field has a value."""
    if not (header.title and header.date and header.author and header.channels):
        return None
    return Post(
        path=rel,
        body=body,
        body_line=body_line,
        raw=raw,
        lines={str(k): loc.line(k) for k in loc.data},
        meta=dict(loc.data),
        **{name: getattr(header, name) for name in _HEADER_FIELDS},
    )
