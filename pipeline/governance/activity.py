"""Activity per account per month against ``expected_monthly_posts`` (第九条第一款).

Counting rule: a post counts once per account, in the month (China time) of its FIRST
``published`` ledger record on that account. A correction (a later version published
again) does not count again; a post retracted later still counts for the month it went
out (it was published). Posts that are not published on an account (no ledger record)
do not count at all: they are shown as 未发布 by their front-matter date, for information.

A month is assessed only when it has ended and the account was open during it; for the
months an account opened or closed in, the expectation is prorated by the days it was
open. A month the registry has the account not open in (before ``opened``, after
``closed``) is left out, unless the ledger records posts in it: those are shown, marked
(``outside``), never dropped from the monthly figures. A month falls *clearly* short (明显低于) when it has fewer than half of the
expected posts: a warning ``A9-00``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.findings import Finding
from pipeline.governance.period import Period, month_bounds, month_key
from pipeline.governance.period import today as local_today
from pipeline.governance.post_brief import PostBrief, working_posts
from pipeline.governance.published import Publication, publications
from pipeline.governance.registry import Account, Registry, load_registry
from pipeline.ledger import Record
from pipeline.ledger_trust import trusted_ledger
from pipeline.project import ACCOUNTS_FILE, Project
from pipeline.unit_time import unit_zone

SHORTFALL_RATIO = 0.5  # 明显低于: fewer than half of the expected posts


@dataclass(frozen=True)
class MonthMark:
    """How every monthly view (the CLI's table, the assessment, the archive) marks a month.

    ``spelled``: the label always follows the sign (a sign shared with another mark)."""

    sign: str
    label: str
    spelled: bool = False


# The one table of month marks: a label is the same wherever a month is shown.
MONTH_MARKS = {
    "short": MonthMark("⚠", "明显不足"),
    "current": MonthMark("…", "本月未结束"),
    # Posts in a month not open: its sign is a short month's, only its words differ.
    "outside": MonthMark("⚠", "未开设或已关闭期间发布", spelled=True),
}


def month_mark(status: str, *, spell: frozenset[str] = frozenset(), tight: bool = False) -> str:
    """The mark after a month's figures ("" for none): a space and the sign, with the label
    when the mark is ``spelled`` or its status is in ``spell`` (a view that names it too);
    ``tight``: a bare sign follows the figures with no space (the assessment's ``1/3⚠``)."""
    mark = MONTH_MARKS.get(status)
    if mark is None:
        return ""
    if mark.spelled or status in spell:
        return f" {mark.sign}{mark.label}"
    return mark.sign if tight else f" {mark.sign}"


def legend(status: str) -> str:
    """A mark as a legend names it: ``⚠ 明显不足``."""
    return f"{MONTH_MARKS[status].sign} {MONTH_MARKS[status].label}"


@dataclass(frozen=True)
class MonthActivity:
    account: str
    month: str
    published: int
    pending: int  # posts dated in the month, addressed to the account, not published
    expected: int  # after proration; 0 when not assessed
    status: str  # ok | short | current | future | closed | outside | unassessed


@dataclass(frozen=True)
class ActivityTable:
    period: Period
    registry: Registry
    rows: dict[tuple[str, str], MonthActivity]

    def months(self) -> list[str]:
        return self.period.months()

    def for_account(self, account_id: str) -> list[MonthActivity]:
        return [self.rows[(account_id, m)] for m in self.months()]


def _prorated(account: Account, month: str) -> tuple[int, bool]:
    """(expected posts for the days open in ``month``, whether it was open at all)."""
    first, last = month_bounds(month)
    start = max(first, account.opened) if account.opened else first
    end = min(last, account.closed) if account.closed else last
    if end < start:
        return 0, False
    days = (end - start).days + 1
    total = (last - first).days + 1
    return math.ceil(account.expected_monthly_posts * days / total), True


def compute(
    registry: Registry,
    records: Iterable[Record],
    posts: Iterable[PostBrief],
    period: Period,
    today: dt.date,
    zone: dt.tzinfo | None = None,
    pubs: Iterable[Publication] | None = None,
) -> ActivityTable:
    """``pubs``: ``publications(records, zone)`` when the caller has made it."""
    months = period.months()
    published: dict[tuple[str, str], int] = {}
    done: set[tuple[str, str]] = set()
    for pub in publications(records, zone) if pubs is None else pubs:
        if not pub.first:
            continue
        key = (pub.channel, month_key(pub.at.date()))
        published[key] = published.get(key, 0) + 1
        done.add((pub.slug, pub.channel))
    pending: dict[tuple[str, str], int] = {}
    for post in posts:
        for channel in post.channels:
            if (post.slug, channel) not in done:
                key = (channel, month_key(post.date))
                pending[key] = pending.get(key, 0) + 1
    rows: dict[tuple[str, str], MonthActivity] = {}
    for account in registry.accounts.values():
        for month in months:
            key = (account.id, month)
            count = published.get(key, 0)
            expected, was_open = _prorated(account, month)
            if not was_open:  # posts the ledger has there stay in view (round 41)
                status, expected = ("outside" if count else "closed"), 0
            elif account.expected_monthly_posts == 0:
                status = "unassessed"
            elif month_bounds(month)[0] > today:
                status = "future"
            elif month_bounds(month)[1] >= today:
                status = "current"
            elif count < expected * SHORTFALL_RATIO:
                status = "short"
            else:
                status = "ok"
            rows[key] = MonthActivity(
                account.id, month, count, pending.get(key, 0), expected, status
            )
    return ActivityTable(period, registry, rows)


def for_project(project: Project, period: Period, today: dt.date | None = None) -> ActivityTable:
    registry = load_registry(project.accounts_file, ACCOUNTS_FILE)
    posts = working_posts(project, registry, None)
    records = list(trusted_ledger(project).records())
    zone = unit_zone(project.root)
    return compute(registry, records, posts, period, today or local_today(zone), zone)


def findings(table: ActivityTable) -> list[Finding]:
    """A warning per clearly short month (第九条第一款)."""
    result = []
    for row in table.rows.values():
        if row.status != "short":
            continue
        account = table.registry.accounts[row.account]
        result.append(
            Finding(
                table.registry.path,
                account.line_of("expected_monthly_posts"),
                1,
                "A9-00",
                "第九条第一款",
                "warning",
                f"账号「{row.account}」{row.month} 仅发布 {row.published} 次，明显低于应发布的 "
                f"{row.expected} 次（低于一半）。",
            )
        )
    return result


def format_table(table: ActivityTable) -> str:
    lines = [f"{table.registry.unit} 政务新媒体活跃度（第九条）：{table.period.title}"]
    for account in table.registry.accounts.values():
        cells = []
        for row in table.for_account(account.id):
            if row.status in ("closed", "future"):
                continue
            mark = month_mark(row.status)
            expected = f"/{row.expected}" if row.status not in ("unassessed", "outside") else ""
            cells.append(f"{row.month[5:]}月 {row.published}{expected}{mark}")
        lines.append(f"  {account.label}：" + ("；".join(cells) or "本期未开设"))
    lines.append(f"  （已发布/应发布；{legend('short')}，{legend('current')}）")
    return "\n".join(lines)
