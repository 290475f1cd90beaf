"""What the watch reads and reports: platform items, ledger expectations, discrepancies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pipeline.content_limits import shown
from pipeline.platforms.channels import PLATFORM_NAMES
from pipeline.platforms.listing import CHINA, Listing, PlatformItem
from pipeline.redact import scrub

__all__ = ["CHINA", "PLATFORM_NAMES", "Discrepancy", "Expected", "Listing", "PlatformItem"]


# kind -> Chinese label (report headings; the JSON ``kind`` is the English id)
KINDS = {
    "outside": "未经流水线发布",
    "altered": "发布后被改动",
    "missing": "平台上已不可见",
    "retracted-visible": "已撤回仍可见",
    "unchecked": "未能核对",
    "reply-overdue": "咨询逾期未答复",  # 第十二条: pipeline/interaction/overdue.py
    "unconfirmed": "发布结果待核对",
    "unit-merge": "合并带来未经审核的单位文件",  # pipeline/review/merged_units.py
}


@dataclass
class Expected:
    """What the ledger says about one platform item (the fold of its records)."""

    platform: str
    key: str
    channel: str
    slug: str
    platform_id: str
    at: str
    record: Any  # the latest ``published`` Record
    retracted: Any = None  # the ``retracted`` Record, when retracted
    content_sha256: str = ""

    @property
    def publish_id(self) -> str:
        return str(self.record.detail.get("publish_id") or "")


@dataclass(frozen=True)
class Discrepancy:
    """One finding of the watch. The fields a platform's answer fills (its item's id, time
    and text) are kept scrubbed of every credential (``redact.scrub``: an account may show
    one) and as ``content_limits.shown`` writes them (controls escaped): every report, log
    and alert reads them from here."""

    kind: str
    channel: str
    platform: str
    platform_id: str
    time: str  # ISO-8601 in China time, "" when unknown
    excerpt: str
    slug: str
    message: str

    def __post_init__(self) -> None:
        for name in ("platform_id", "time", "excerpt"):
            object.__setattr__(self, name, shown(scrub(getattr(self, name))))

    def to_json(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "channel": self.channel,
            "platform": self.platform,
            "platform_id": self.platform_id,
            "time": self.time,
            "excerpt": self.excerpt,
            "slug": self.slug,
            "message": self.message,
        }


def china_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(CHINA).isoformat(timespec="seconds")


def parse_since(text: str) -> dt.datetime:
    """``YYYY-MM-DD`` (midnight, China time) or an ISO-8601 time."""
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time(), tzinfo=CHINA)
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from pipeline.errors import UsageError

        raise UsageError(f"--since {text}：日期格式应为 YYYY-MM-DD。") from None
    return value if value.tzinfo else value.replace(tzinfo=CHINA)
