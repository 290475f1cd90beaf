"""Where a post lives: ``content/posts/YYYY/MM/<slug>.md``, the slug being its permanent URL."""

from __future__ import annotations

import datetime as dt
import re

from pipeline.content.collector import Collector
from pipeline.project import POSTS_DIR
from pipeline.slugs import slug_of

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LAYOUT_RE = re.compile(r"^content/posts/(?P<year>\d{4})/(?P<month>\d{2})/(?P<file>[^/]+)\.md$")


def check_path(rel: str, post_date: dt.date | None, out: Collector) -> str:
    """The slug of the post at ``rel``, its layout and date checked."""
    stem = slug_of(rel)  # ``PurePosixPath(rel).stem``, by string for a ``.md`` path
    match = LAYOUT_RE.match(rel)
    if not match:
        out.error(
            1,
            "path-layout",
            f"文章应放在 {POSTS_DIR}/YYYY/MM/<slug>.md，实际路径为 {rel}。",
            match=rel,
        )
    if ".." in stem or "/" in stem or "\\" in stem or not SLUG_RE.match(stem):
        out.error(
            1,
            "slug-invalid",
            "文件名（slug，决定文章的永久网址）只能由小写字母、数字和单个连字符组成，"
            "不得包含「..」、路径分隔符、空格或中文。",
            match=stem,
        )
    if (
        match
        and post_date is not None
        and (int(match["year"]) != post_date.year or int(match["month"]) != post_date.month)
    ):
        out.warning(
            1,
            "path-date",
            f"文章日期 {post_date.isoformat()} 与所在目录 {match['year']}/{match['month']} 不一致。",
            match=rel,
        )
    return stem
