"""``govmedia inbox fetch``: new comments from every open account into the inbox.

Per channel: read everything after the channel's cursor, minimise personal data, append the
items not already stored, then move the cursor. A channel that fails (expired token, a
malformed reply) stores nothing of that read and keeps its cursor; the others go on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline import clock
from pipeline.governance.registry import load_registry
from pipeline.interaction import privacy, trusted
from pipeline.interaction.platforms import Channel, Raw, open_channel
from pipeline.interaction.store import CST, Inbox, Item
from pipeline.platforms.errors import PlatformError
from pipeline.platforms.settings import Settings
from pipeline.project import Project
from pipeline.redact import scrub

PLATFORMS = ("wechat", "weibo", "app")


@dataclass
class FetchResult:
    added: dict[str, int] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # channel -> Chinese reason

    @property
    def ok(self) -> bool:
        return not self.failed


def to_item(channel: str, platform: str, raw: Raw, salt: str, fetched_at: str) -> Item:
    return Item(
        id=f"{channel}:{raw.platform_id}",
        channel=channel,
        platform=platform,
        kind="comment",
        platform_id=raw.platform_id,
        target=raw.target,
        user=privacy.pseudonym(salt, platform, raw.user),
        text=privacy.mask_numbers(raw.text),
        at=raw.at.astimezone(CST).isoformat(),
        fetched_at=fetched_at,
    )


def fetch(
    project: Project,
    settings: Settings,
    env: dict[str, str],
    *,
    opener: Callable[[str, Settings, dict[str, str]], Channel] = open_channel,
    today: dt.date | None = None,
) -> FetchResult:
    salt = privacy.salt_from_env(env)
    registry = load_registry(project.accounts_file)
    day = today or clock.today()
    inbox = Inbox(project.root)
    before = trusted.snapshot(project.root)
    known = inbox.known_ids()
    cursors = inbox.cursors()
    result = FetchResult()
    fetched_at = clock.now().astimezone(CST).isoformat(timespec="seconds")
    served: set[str] = set()
    for account in registry.accounts.values():
        # the credentials are the unit's own, one per platform: its institutional account
        if (
            account.platform not in PLATFORMS
            or account.kind != "institutional"
            or account.platform in served
            or not account.is_open_on(day)
        ):
            continue
        served.add(account.platform)
        channel: Channel | None = None
        try:
            channel = opener(account.platform, settings, env)
            raws, cursor = channel.read(cursors.get(account.id, ""))
        except PlatformError as exc:
            result.failed[account.id] = scrub(str(exc))
            continue
        finally:
            if channel is not None:
                channel.close()
        items = [to_item(account.id, account.platform, r, salt, fetched_at) for r in raws]
        written = inbox.add(items, known)
        trusted.attest(project.root, [inbox.rel_path(i) for i in written], before)
        inbox.save_cursor(account.id, cursor)
        result.added[account.id] = len(written)
        result.seen[account.id] = len(items)
    return result
