"""The post model: loading and validating ``content/posts/YYYY/MM/<slug>.md``.

Every problem becomes a :class:`~pipeline.findings.Finding` naming the file, the line
and the field, in Chinese; nothing here raises for bad input.

The package by concept: :mod:`.model` (``Post``, ``Source``, ``Waiver``, ``LoadResult``),
:mod:`.limits` (the file's limits), :mod:`.frontmatter` (text and front matter),
:mod:`.fields`, :mod:`.source` and :mod:`.waivers` (one reader per field), :mod:`.path`
(the file's place and slug), :mod:`.parse` (``parse_post``) and :mod:`.load` (posts of a
project). Callers import from ``pipeline.content``; the names below are its interface.
"""

from __future__ import annotations

from pipeline.content.fields import AUTHOR_RE, KNOWN_FIELDS, REQUIRED, parse_post_date
from pipeline.content.frontmatter import post_parts, split_front_matter
from pipeline.content.limits import DIGEST_MAX, MAX_BYTES, WECHAT_TITLE_MAX
from pipeline.content.load import PostReader, iter_post_files, load_posts, read_post
from pipeline.content.model import LoadResult, Post, Source, Waiver
from pipeline.content.parse import parse_post
from pipeline.content.path import LAYOUT_RE, SLUG_RE
from pipeline.content.source import URL_RE

__all__ = [
    "AUTHOR_RE",
    "DIGEST_MAX",
    "KNOWN_FIELDS",
    "LAYOUT_RE",
    "MAX_BYTES",
    "REQUIRED",
    "SLUG_RE",
    "URL_RE",
    "WECHAT_TITLE_MAX",
    "LoadResult",
    "Post",
    "PostReader",
    "Source",
    "Waiver",
    "iter_post_files",
    "load_posts",
    "parse_post",
    "parse_post_date",
    "post_parts",
    "read_post",
    "split_front_matter",
]
