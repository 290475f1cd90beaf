"""``govmedia inbox fetch``: new comments from every open account into the inbox.

Per channel: read everything after the channel's cursor, minimise personal data, append the
items not already stored, then move the cursor. A channel that fails (expired token, a
malformed reply) stores nothing of that read and keeps its cursor; the others go on. The
whole fetch holds the inbox's writer lock (``Inbox.writing``): a second fetch at the same
time waits, then reads the ids and cursors the first left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from pipeline import clock
from pipeline.governance.registry import Registry, load_registry
from pipeline.interaction import privacy, trusted
from pipeline.interaction.messages import PREFIX as MESSAGE_PREFIX
from pipeline.interaction.messages import Contacts, read_messages
from pipeline.interaction.published_at import Published, first_published
from pipeline.interaction.store import CST, Inbox, Item
from pipeline.platforms.channels import CHANNELS, open_comments
from pipeline.platforms.comments import Comments, Raw
from pipeline.platforms.errors import PlatformError
from pipeline.platforms.settings import Settings
from pipeline.project import Project
from pipeline.redact import register, scrub

PLATFORMS = tuple(CHANNELS)


@dataclass
class FetchResult:
    added: dict[str, int] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # channel -> Chinese reason
    # channel -> platform ids the platform gave again with another text (kept, not replaced)
    reused: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed


def to_item(
    channel: str,
    platform: str,
    raw: Raw,
    salt: str,
    fetched_at: str,
    kind: str = "comment",
    *,
    opened: dt.date | None = None,
    published: dt.datetime | None = None,
) -> Item:
    """The inbox record of ``raw``. Its time is the platform's when the account can have
    had it, else the fetch's: a comment dated in the future (a platform's clock or a hostile
    reply) would have moved its 第十二条 deadline and the year the annual report counts it
    in (red team, round 19b); one dated before ``opened``, the account's opening day in the
    unit's registry (开设日期, in the unit's time), counted as overdue at once and in a past
    year's report (round 20); so was one dated before ``published``, when the ledger says
    the item it comments on was first published. No comment was written after it was
    read, nor to an account or an article that did not exist yet; the reply deadline of
    such a comment counts from the fetch."""
    prefix = MESSAGE_PREFIX if kind == "message" else ""
    fetched = dt.datetime.fromisoformat(fetched_at)
    at = min(raw.at, fetched)
    if (opened is not None and at.astimezone(CST).date() < opened) or (
        published is not None and at < published
    ):
        at = fetched
    return Item(
        id=f"{channel}:{prefix}{raw.key or raw.platform_id}",
        channel=channel,
        platform=platform,
        kind=kind,
        platform_id=raw.platform_id,
        target=raw.target,
        user=privacy.pseudonym(salt, platform, raw.user),
        # round 36: a platform echoing a credential in a comment commits it nowhere
        text=privacy.mask_numbers(scrub(raw.text)),
        at=at.astimezone(CST).isoformat(),
        fetched_at=fetched_at,
    )


def fetch(
    project: Project,
    settings: Settings,
    env: dict[str, str],
    *,
    opener: Callable[[str, Settings, dict[str, str]], Comments] = open_comments,
    today: dt.date | None = None,
) -> FetchResult:
    salt = privacy.salt_from_env(env)
    register(*settings.secrets())  # every text a platform lists is scrubbed of them (to_item)
    registry = load_registry(project.accounts_file)
    inbox = Inbox(project.root)
    with inbox.writing():  # one fetch at a time: the second reads what the first stored
        return _fetch_all(project, settings, env, opener, registry, today or clock.today(), salt)


def _fetch_all(
    project: Project,
    settings: Settings,
    env: dict[str, str],
    opener: Callable[[str, Settings, dict[str, str]], Comments],
    registry: Registry,
    day: dt.date,
    salt: str,
) -> FetchResult:
    """Every open institutional account's comments and messages (the inbox's lock held)."""
    inbox = Inbox(project.root)
    before = trusted.snapshot(project.root)
    published = first_published(project)
    stored = inbox.by_id()
    known = set(stored)
    cursors = inbox.cursors()
    result = FetchResult()
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
        channel: Comments | None = None
        try:
            channel = opener(account.platform, settings, env)
            stores = (inbox, known, stored)
            where = (account.id, account.opened, published)
            _store(stores, before, project, where, channel, cursors, salt, result)
            _fetch_messages(stores, before, project, where, channel, env, salt, result)
        except PlatformError as exc:  # the channel could not even be opened
            result.failed[account.id] = scrub(str(exc))
        finally:
            if channel is not None:
                channel.close()
    return result


Stores = tuple[Inbox, set[str], dict[str, list[Item]]]  # the inbox, its ids, its records
# the account's id (the channel), its opening day, when the unit's items were first published
Account = tuple[str, dt.date | None, Published]


def _keep(
    stores: Stores, items: list[Item], label: str, result: FetchResult
) -> tuple[list[Item], list[Item]]:
    """Append the new items, and those whose id is stored with another text (reported in
    ``result.reused``: the stored record stays the one readers take, and the two records
    make the item disputed, ``Inbox.read``); (the new items written, the reused ones written)."""
    inbox, known, stored = stores
    items = [as_stored(item, stored) for item in items]
    written = inbox.add(items, known)
    for item in written:
        stored.setdefault(item.id, []).append(item)
    differing, reused = inbox.add_reused(items, stored)  # a new item is its own record
    if differing:
        result.reused.setdefault(label, []).extend(i.id.split(":", 1)[1] for i in differing)
    return written, reused


def as_stored(item: Item, stored: dict[str, list[Item]]) -> Item:
    """``item`` under the id the inbox already knows it by. A comment keyed by more than its
    id (``Raw.key``: WeChat's article, index and id, since round 19b) was stored before as
    ``<channel>:<platform id>``: a comment of that id on the same item is that record, and
    keeps its id (replies written for it still name it); one on another item is another
    citizen's comment and takes the new id."""
    legacy = f"{item.channel}:{item.platform_id}"
    if item.kind != "comment" or item.id in stored or item.id == legacy:
        return item
    records = stored.get(legacy)
    if records and records[0].target == item.target:
        return replace(item, id=legacy)
    return item


def _store(
    stores: Stores,
    before: dict,
    project: Project,
    account: Account,
    channel: Comments,
    cursors: dict[str, str],
    salt: str,
    result: FetchResult,
) -> None:
    """The channel's new comments: stored, attested, then the cursor moved."""
    channel_id, opened, published = account
    try:
        raws, cursor = channel.read(cursors.get(channel_id, ""))
    except PlatformError as exc:
        result.failed[channel_id] = scrub(str(exc))
        return
    fetched_at = clock.now().astimezone(CST).isoformat(timespec="seconds")
    items = [
        to_item(
            channel_id,
            channel.platform,
            r,
            salt,
            fetched_at,
            opened=opened,
            published=published.get((channel.platform, r.target)),
        )
        for r in raws
    ]
    inbox = stores[0]
    written, reused = _keep(stores, items, channel_id, result)
    trusted.attest(project.root, [inbox.rel_path(i) for i in written + reused], before)
    inbox.save_cursor(channel_id, cursor)
    result.added[channel_id] = len(written)
    result.seen[channel_id] = len(items)


def _fetch_messages(
    stores: Stores,
    before: dict,
    project: Project,
    account: Account,
    channel: Comments,
    env: dict[str, str],
    salt: str,
    result: FetchResult,
) -> None:
    """The channel's direct messages, with a cursor of their own (``<channel>#messages``):
    stored like comments (``kind: message``); the id to answer stays on this server."""
    channel_id, opened, _ = account
    label = f"{channel_id}（私信）"
    key = f"{channel_id}#messages"
    inbox = stores[0]
    previous = inbox.cursors().get(key, "")
    try:
        raws, cursor = read_messages(channel, previous, env)
    except PlatformError as exc:
        result.failed[label] = scrub(str(exc))
        return
    if not raws and not previous:
        return  # no messages on this channel yet: nothing to report
    fetched_at = clock.now().astimezone(CST).isoformat(timespec="seconds")
    items = [
        to_item(channel_id, channel.platform, r, salt, fetched_at, "message", opened=opened)
        for r in raws
    ]
    Contacts(project.root).add(senders(items, raws, stores[2]))
    if raws:  # the comments may have just appended to the same files
        before = trusted.snapshot(project.root)
    written, reused = _keep(stores, items, label, result)
    trusted.attest(project.root, [inbox.rel_path(i) for i in written + reused], before)
    inbox.save_cursor(key, cursor)
    result.added[label] = len(written)
    result.seen[label] = len(items)


def senders(items: list[Item], raws: list[Raw], stored: dict[str, list[Item]]) -> dict[str, str]:
    """item id -> the platform user to answer, for each message read whose sender is the one
    its inbox record names: a listing that names a stored message again under another sender
    (a hostile reply, red team round 31) never changes who the approved answer goes to."""
    found: dict[str, str] = {}
    first: dict[str, str] = {}  # the sender of an id's first reading in this listing
    for item, raw in zip(items, raws, strict=True):
        records = stored.get(item.id)
        user = records[0].user if records else first.setdefault(item.id, item.user)
        if user == item.user:
            found.setdefault(item.id, raw.user)
    return found
