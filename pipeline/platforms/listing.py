"""What an account shows: the items a channel lists (``Channel.list_since``).

The account watch (pipeline/watch/) compares them with the ledger; ``govmedia ledger
rebuild`` matches them with the posts on main.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CHINA = dt.timezone(dt.timedelta(hours=8))
MAX_PAGES = 500  # a safety stop: 10,000 WeChat jobs or 50,000 Weibo statuses


@dataclass(frozen=True)
class PlatformItem:
    """One item an account shows (or hides: ``visible`` False, e.g. a retracted app item)."""

    platform: str
    key: str  # what the ledger's record matches: article id, status id, feed item id (URL)
    platform_id: str
    time: dt.datetime | None
    title: str
    body: str  # HTML (WeChat, app) or the status text (Weibo)
    url: str = ""
    visible: bool = True


@dataclass
class Listing:
    """Everything one platform showed, or why it could not be read."""

    platform: str
    items: list[PlatformItem] = field(default_factory=list)
    error: str = ""
    pages: int = 0


def older(when: dt.datetime | None, since: dt.datetime | None) -> bool:
    return since is not None and when is not None and when < since
