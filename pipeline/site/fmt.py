"""Small formatting helpers shared by the page and feed writers."""

from __future__ import annotations

import datetime as dt

import yaml

from pipeline.unit_time import DEFAULT_ZONE, zone_label, zone_of

PLATFORM_NAMES = {"wechat": "微信公众号", "weibo": "微博", "app": "移动客户端", "other": "其他平台"}


def parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def local(value: str, zone: dt.tzinfo | None = None) -> str:
    """An ISO time in the unit's zone (default 北京时间), to the minute."""
    try:
        moment = parse_time(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(zone or zone_of(DEFAULT_ZONE)).strftime("%Y-%m-%d %H:%M")


def local_date(value: str, zone: dt.tzinfo | None = None) -> str:
    return local(value, zone)[:10]


def zone_name(zone: dt.tzinfo | None = None) -> str:
    """The zone as a reader sees it: 北京时间, or its IANA name."""
    return zone_label(zone or zone_of(DEFAULT_ZONE))


def short(sha: str) -> str:
    return sha[:12]


def front_matter(meta: dict[str, object]) -> str:
    """A YAML front matter block (safe_dump: no tag can be injected by a title)."""
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{text}---\n"


def md_text(text: str) -> str:
    """Plain text for Markdown link text: HTML-escaped, Markdown punctuation escaped."""
    from pipeline.html_sanitize import md_text as escape

    return escape(text)
