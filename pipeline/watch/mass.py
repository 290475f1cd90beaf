"""群发 (mass sends) the ledger records as live, asked about one by one (message/mass/get).

A mass send is not in the published-articles listing the watch reads (listing.py), so
each one recorded ``published`` and not retracted is looked up by its ``msg_id``: deleted
on the platform (``DELETE``) or unknown to it (errcode 40008, invalid msg_id) is reported
``missing`` like an article; a reply that cannot be read is ``unchecked``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pipeline.ledger import Record, same_post
from pipeline.platforms.errors import PlatformError
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.wechat_channel import WeChatChannel
from pipeline.watch.model import PLATFORM_NAMES, Discrepancy, china_time

INVALID_MSG_ID = 40008
WECHAT = WeChatChannel.name  # 群发 exist on WeChat only
NAME = PLATFORM_NAMES[WECHAT]


def live_mass_sends(records: Iterable[Record]) -> list[Record]:
    """The ``published`` mass sends not retracted, oldest first (one per msg_id)."""
    live: dict[str, Record] = {}
    for record in records:
        if record.platform != WECHAT or not record.platform_id.startswith("mass:"):
            continue
        if record.event == "published":
            live[record.platform_id] = record
        elif record.event == "retracted":  # every version of the post on the channel
            live.pop(record.platform_id, None)
            for msg_id in [m for m, kept in live.items() if same_post(kept, record)]:
                del live[msg_id]
    return sorted(live.values(), key=lambda r: r.at)


def mass_findings(
    records: Iterable[Record],
    client: WeChatClient,
    *,
    channel: str,
    since: dt.datetime | None = None,
) -> list[Discrepancy]:
    found: list[Discrepancy] = []
    for record in live_mass_sends(records):
        if since is not None and record.when < since:
            continue
        msg_id = record.platform_id.removeprefix("mass:")
        if not msg_id.isdigit():
            continue  # recorded by the operator with the article's link: nothing to ask
        try:
            status = client.mass_get(msg_id)
        except PlatformError as exc:
            if exc.code != INVALID_MSG_ID:
                found.append(_finding("unchecked", record, channel, f"未能查询群发状态：{exc}"))
                continue
            status = "UNKNOWN"
        if status in ("DELETE", "UNKNOWN"):
            why = "平台显示已删除" if status == "DELETE" else "平台查无此群发（msg_id 无效）"
            found.append(
                _finding(
                    "missing",
                    record,
                    channel,
                    f"发布台账记载此群发仍在{NAME}发布中，但{why}：可能在平台后台被删除，"
                    "未经撤回流程（第十五条），请核查。",
                )
            )
    return found


def _finding(kind: str, record: Record, channel: str, message: str) -> Discrepancy:
    title = str(record.detail.get("title") or "")
    return Discrepancy(
        kind=kind,
        channel=record.channel or channel,
        platform=WECHAT,
        platform_id=record.platform_id,
        time=china_time(record.when),
        excerpt=f"《{title}》（群发）" if title else record.slug,
        slug=record.slug,
        message=message,
    )
