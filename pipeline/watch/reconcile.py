"""Compare what a platform shows with what the ledger says (four kinds of discrepancy).

- ``outside``: shown, but no ``published`` record knows it — posted outside the pipeline
  (a hijacked password, a colleague's phone): possible 盗用 (第十五条);
- ``altered``: shown and known, but its text is not the text approved and sent (the hash
  recorded at publish time, or the approved version rendered again);
- ``missing``: the ledger says live, the platform no longer shows it (deleted outside the
  pipeline, or removed by the platform: WeChat statuses 5 and 6);
- ``retracted-visible``: retracted in the ledger, still shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pipeline.platforms.channels import keyed_by_url, platform_label
from pipeline.platforms.fingerprint import content_hash, excerpt
from pipeline.platforms.wechat_codes import STATUS_TEXT
from pipeline.watch.model import (
    Discrepancy,
    Expected,
    Listing,
    PlatformItem,
    china_time,
)

HashFor = Callable[[Expected], str]
StatusFor = Callable[[Expected], "int | None"]


def reconcile(
    listing: Listing,
    expected: dict[tuple[str, str], Expected],
    *,
    channel: str,
    since: dt.datetime | None = None,
    hash_for: HashFor | None = None,
    status_for: StatusFor | None = None,
) -> list[Discrepancy]:
    platform = listing.platform
    name = platform_label(platform)
    found: list[Discrepancy] = []
    shown: set[str] = set()
    for item in listing.items:
        if not item.visible:
            continue
        shown.add(item.key)
        if since is not None and item.time is not None and item.time < since:
            continue
        known = expected.get((platform, item.key))
        difference = _shown_difference(item, known, platform, name, channel, hash_for)
        if difference is not None:
            found.append(difference)
    for (plat, key), known in sorted(expected.items(), key=lambda kv: kv[1].at):
        if plat != platform or key in shown or known.retracted is not None:
            continue
        if since is not None and known.record.when < since:
            continue
        found.append(_missing(known, platform, name, status_for))
    return found


def _shown_difference(
    item: PlatformItem,
    known: Expected | None,
    platform: str,
    name: str,
    channel: str,
    hash_for: HashFor | None,
) -> Discrepancy | None:
    """What is wrong with one visible item (``outside``, ``retracted-visible`` or
    ``altered``), or ``None`` when it is what the ledger says."""
    if known is None:
        return _item(
            "outside",
            item,
            channel,
            "",
            f"{name}上有一条发布台账中没有的内容：未经本流水线与三审发布，"
            "可能是账号被盗用或有人绕过审核直接发布（第十五条），请立即核查。",
        )
    if known.retracted is not None:
        return _item(
            "retracted-visible",
            item,
            known.channel,
            known.slug,
            f"此内容已于 {_day(known.retracted.at)} 撤回，但{name}上仍然可见，请删除。",
        )
    wanted = known.content_sha256 or (hash_for(known) if hash_for else "")
    if wanted and content_hash(platform, item.title, item.body) != wanted:
        return _item(
            "altered",
            item,
            known.channel,
            known.slug,
            f"{name}上显示的文字与审核通过并发布的版本不一致：发布后被改动，"
            "请核查改动来源，并恢复或按更正流程处理。",
        )
    return None


def _missing(
    known: Expected, platform: str, name: str, status_for: StatusFor | None
) -> Discrepancy:
    """The ``missing`` discrepancy of a post the ledger says is live and the platform no
    longer shows, with the platform's own status when it gives one."""
    status = status_for(known) if status_for else None
    if status in (5, 6):
        why = f"平台发布状态 {status}（{STATUS_TEXT[status]}）"
    else:
        why = "可能在平台后台被删除，或被平台删除"
    title = str(known.record.detail.get("title") or "")
    return Discrepancy(
        kind="missing",
        channel=known.channel,
        platform=platform,
        platform_id=known.key if keyed_by_url(platform) else known.platform_id,
        time=china_time(known.record.when),
        excerpt=f"《{title}》" if title else known.slug,
        slug=known.slug,
        message=f"发布台账记载此内容仍在{name}发布中，但平台上已看不到：{why}；"
        "未经撤回流程（第十五条），请核查。",
    )


def _item(kind: str, item: PlatformItem, channel: str, slug: str, message: str) -> Discrepancy:
    return Discrepancy(
        kind=kind,
        channel=channel,
        platform=item.platform,
        platform_id=item.platform_id,
        time=china_time(item.time),
        excerpt=excerpt(item.platform, item.title, item.body),
        slug=slug,
        message=message,
    )


def _day(at: str) -> str:
    return at[:10]
