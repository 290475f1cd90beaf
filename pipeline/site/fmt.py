"""Small formatting helpers shared by the page and feed writers."""

from __future__ import annotations

import datetime as dt

import yaml

BEIJING = dt.timezone(dt.timedelta(hours=8))
PLATFORM_NAMES = {"wechat": "微信公众号", "weibo": "微博", "app": "移动客户端", "other": "其他平台"}


def parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def beijing(value: str) -> str:
    """An ISO time as Beijing time, to the minute."""
    try:
        return parse_time(value).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


def beijing_date(value: str) -> str:
    return beijing(value)[:10]


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
