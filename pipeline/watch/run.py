"""One watch run: list every watched account, reconcile with the ledger, report, alert."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import cast

from pipeline import clock
from pipeline.config import load_unit_config
from pipeline.governance.registry import Registry
from pipeline.interaction.overdue import overdue_findings
from pipeline.ledger import Record
from pipeline.ledger_trust import trusted_ledger
from pipeline.platforms.channel import Channel
from pipeline.platforms.channels import Channels, platform_label
from pipeline.platforms.errors import PlatformError, scrub
from pipeline.platforms.settings import Settings, load_settings
from pipeline.platforms.wechat_channel import WeChatChannel
from pipeline.project import Project
from pipeline.review.merged_units import checkout_reasons
from pipeline.unit_time import local_time, unit_zone, zone_label
from pipeline.watch import alerts
from pipeline.watch.expected import WATCHED_PLATFORMS, expected_items
from pipeline.watch.mass import live_mass_sends, mass_findings
from pipeline.watch.model import KINDS, PLATFORM_NAMES, Discrepancy, Expected, Listing
from pipeline.watch.pending import HashOf, Pending, pending_deliveries, split_unconfirmed
from pipeline.watch.reconcile import reconcile
from pipeline.watch.rerender import rerendered_hash, version_hash


@dataclass
class WatchResult:
    found: list[Discrepancy] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    expected: int = 0
    alert: str = ""

    @property
    def exit_code(self) -> int:
        return 1 if self.found else 0


def watched_channels(
    registry: Registry, ledger_platforms: set[str], today: dt.date | None = None
) -> dict[str, str]:
    """platform -> the channel (account id) watched on it: the unit's institutional account
    of that platform not closed by ``today`` (one with a closing day ahead is open: 第七条
    has the closure approved and announced first, red team round 43), or the platform
    itself when only the ledger names it."""
    today = today or clock.today()
    chosen: dict[str, str] = {}
    for account in registry.accounts.values():
        if account.platform not in WATCHED_PLATFORMS:
            continue
        if account.closed is not None and account.closed < today:
            continue
        if account.raw.get("kind") == "official_personal":
            continue
        chosen.setdefault(account.platform, account.id)
    for platform in sorted(ledger_platforms & set(WATCHED_PLATFORMS)):
        chosen.setdefault(platform, platform)
    return chosen


def watch(
    project: Project,
    *,
    since: dt.datetime | None = None,
    env: Mapping[str, str] | None = None,
    settings: Settings | None = None,
) -> WatchResult:
    env = dict(os.environ if env is None else env)
    registry = load_unit_config(project).registry
    settings = settings or load_settings(project.root, env)
    records = list(trusted_ledger(project).records())
    expected = expected_items(records)
    result = WatchResult(expected=sum(1 for e in expected.values() if e.retracted is None))
    channels = watched_channels(registry, {r.platform for r in records}, clock.today(env))

    opened = Channels(settings, env)

    def hash_for(known: Expected) -> str:
        return rerendered_hash(project, registry, opened, known)

    def hash_of(version: Record) -> str:
        return version_hash(project, registry, opened, version)

    try:
        pending = pending_deliveries(records, settings.site_url)
        _watch_platforms(result, channels, expected, opened, since, hash_for, pending, hash_of)
        if WeChatChannel.name in channels:  # 群发 (WeChat only)
            _watch_mass(result, records, channels[WeChatChannel.name], opened, since)
    finally:
        opened.close()

    result.found.extend(overdue_findings(project, records))
    result.found.extend(_unit_merges(project))
    return result


def _unit_merges(project: Project) -> list[Discrepancy]:
    """One finding per unit file a merge on main brought that nobody approved (the watch
    goes on with the registry as it stands, and says so: it is the alarm)."""
    return [
        Discrepancy(
            kind="unit-merge",
            channel="",
            platform="",
            platform_id="",
            time="",
            excerpt="",
            slug="",
            message=f"{reason}：监看仍按现有文件进行，请按原规则对合并后的版本补齐审核。",
        )
        for reason in checkout_reasons(project.root)
    ]


def _watch_platforms(
    result: WatchResult,
    channels: dict[str, str],
    expected: dict[tuple[str, str], Expected],
    opened: Channels,
    since: dt.datetime | None,
    hash_for: Callable[[Expected], str],
    pending: list[Pending] | None = None,
    hash_of: HashOf | None = None,
) -> None:
    for platform, channel in channels.items():
        try:
            listing = opened(platform).list_since(since)
        except PlatformError as exc:
            message = scrub(str(exc), opened.secrets())
            result.listings.append(Listing(platform, error=message))
            result.found.append(
                _unchecked(
                    channel,
                    platform,
                    f"未能读取{PLATFORM_NAMES[platform]}账号的内容，本次无法核对：{message}",
                )
            )
            continue
        result.listings.append(listing)
        known = {key for plat, key in expected if plat == platform}
        listing, unconfirmed = split_unconfirmed(
            listing, known, pending or [], opened(platform), hash_of
        )
        result.found.extend(unconfirmed)
        result.found.extend(
            reconcile(
                listing,
                expected,
                channel=channel,
                since=since,
                hash_for=hash_for,
                status_for=_statuses(opened(platform)),
            )
        )


def _statuses(channel: Channel) -> Callable[[Expected], int | None]:
    """The platform's own status of a published item, asked once per item."""
    statuses: dict[str, int | None] = {}

    def status_for(known: Expected) -> int | None:
        if known.publish_id not in statuses:
            statuses[known.publish_id] = channel.status_of(known.record)
        return statuses[known.publish_id]

    return status_for


def _unchecked(channel: str, platform: str, message: str) -> Discrepancy:
    return Discrepancy(
        kind="unchecked",
        channel=channel,
        platform=platform,
        platform_id="",
        time="",
        excerpt="",
        slug="",
        message=message,
    )


def _watch_mass(
    result: WatchResult,
    records: list,
    channel: str,
    opened: Channels,
    since: dt.datetime | None,
) -> None:
    """群发 are not in the articles listing: each live one is asked about (watch/mass.py)."""

    if not live_mass_sends(records):
        return
    wechat = cast(WeChatChannel, opened(WeChatChannel.name))  # 群发 are WeChat's own
    try:
        result.found.extend(mass_findings(records, wechat.client, channel=channel, since=since))
    except PlatformError as exc:
        message = scrub(str(exc), opened.secrets())
        name = PLATFORM_NAMES[WeChatChannel.name]
        result.found.append(
            _unchecked(
                channel,
                WeChatChannel.name,
                f"未能查询{name}群发的状态，本次无法核对：{message}",
            )
        )


# -- output ----------------------------------------------------------------------------------


def report_text(
    result: WatchResult, registry: Registry | None = None, zone: dt.tzinfo | None = None
) -> str:
    """The findings for people: accounts by name (id in brackets), times in the unit's zone."""
    lines = []
    shown = "，".join(
        f"{PLATFORM_NAMES[x.platform]} {len([i for i in x.items if i.visible])} 条"
        for x in result.listings
        if not x.error
    )
    lines.append(
        f"值班监看：平台上可见 {shown or '0 条'}；发布台账中应在发布的 {result.expected} 项。"
    )
    for d in result.found:
        name = platform_label(d.platform)
        where = name + (registry.label_of(d.channel) if registry else f"（{d.channel}）")
        where = where if d.channel else "仓库"
        ident = f" ID {d.platform_id}" if d.platform_id else ""
        when = f" 时间 {local_time(d.time, zone)}（{zone_label(zone)}）" if d.time and zone else ""
        when = when or (f" 时间 {d.time}" if d.time else "")
        text = f" 摘录「{d.excerpt}」" if d.excerpt else ""
        slug = f" 文章 {d.slug}" if d.slug else ""
        lines.append(f"[{KINDS[d.kind]}] {where}{ident}{when}{text}{slug}")
        lines.append(f"    {d.message}")
    if result.found:
        counts: dict[str, int] = {}
        for d in result.found:
            counts[d.kind] = counts.get(d.kind, 0) + 1
        detail = "，".join(f"{KINDS[k]} {n} 项" for k, n in counts.items())
        lines.append(f"发现 {len(result.found)} 项异常（{detail}）。")
    else:
        lines.append("核对无异常：平台上的内容与发布台账一致。")
    return "\n".join(lines)


def report_json(result: WatchResult) -> str:
    return json.dumps([d.to_json() for d in result.found], ensure_ascii=False, indent=2)


def run_watch(
    project: Project,
    *,
    since: dt.datetime | None = None,
    fmt: str = "text",
    env: Mapping[str, str] | None = None,
    out: Callable[[str], None] = print,
    note: Callable[[str], None] | None = None,
) -> int:
    """The command: report to ``out``, notes (alert outcome) to ``note``; exit 0 or 1."""
    env = dict(os.environ if env is None else env)
    note = note or (lambda text: print(text, file=sys.stderr))
    # The settings first (a credentials file inside the repository is refused before it is
    # read for the alert), then the alert's: a wrong value stops before any platform call.
    settings = load_settings(project.root, env)
    hook = alerts.webhook_from(env)
    result = watch(project, since=since, env=env, settings=settings)
    registry = load_unit_config(project).registry
    if fmt == "json":
        out(report_json(result))
    else:
        out(report_text(result, registry, unit_zone(project.root)))
    if result.found and hook is not None:
        unit = registry.unit
        body = alerts.alert_body(unit, result.found)
        try:
            result.alert = alerts.send_alert(hook, body, alerts.idempotency_key(result.found))
        except PlatformError as exc:
            secrets = [s for s in (hook.key, hook.url) if s]
            result.alert = "告警发送失败：" + scrub(str(exc), secrets)
        note(result.alert)
    return result.exit_code
