"""The 第十八条 assessment per account for a month or a year, over one or many units.

Figures, per account and period (China time):

- **posts published**: posts first published on the account in the period (as activity.py);
- **review compliance**: share of the ``published`` ledger records of the period (every
  version, corrections included) whose ``detail.review`` holds valid approvals for stages
  1, 2 and 3: each with a person, commit and time, three different people, none of them
  the post's author, in stage order. Signatures and the roster were verified by
  ``govmedia verify`` when the post was published; this re-checks the recorded approvals.
  It must be 100 %;
- **median review latency**: median of (stage-3 ``at`` − stage-1 ``at``, both signed
  approval commits) over the first publications of the period, in hours (never the
  editor's ``drafted_at``: see ``latency_hours``);
- **waivers**: each waiver in the published version of a post (read from git by the
  ledger's blob id), with the three approvers of that version (from the ledger);
- **retractions**: ``retracted`` records of the period with reason and approver;
- **filing**: the 第四条 / 第七条 deadlines (checks.py) and how each was met;
- **activity**: the months of the period (activity.py);
- **interaction** (第十二条): items received, questions answered and within the deadline,
  median time to answer, comments hidden with their reasons (pipeline/interaction/figures.py).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pipeline.content.model import Waiver
from pipeline.errors import GovmediaError, UsageError
from pipeline.governance import activity
from pipeline.governance.checks import Deadline, closure_deadline, opening_deadline
from pipeline.governance.period import Period, local_time
from pipeline.governance.post_brief import (
    KeptStore,
    PostBrief,
    Version,
    version_waivers,
    working_posts,
)
from pipeline.governance.published import Publication, Retraction, publications, retractions
from pipeline.governance.registry import Account, Registry, load_registry
from pipeline.governance.workdays import WorkCalendar
from pipeline.interaction.figures import Figures
from pipeline.interaction.report_section import unit_figures
from pipeline.ledger import Record
from pipeline.ledger_trust import trusted_ledger
from pipeline.project import ACCOUNTS_FILE, Project
from pipeline.review.claim_dates import SKEW
from pipeline.review.merged_units import checkout_refusal
from pipeline.review.roster_file import load_roster_file
from pipeline.unit_time import unit_zone, zone_label


@dataclass
class UnitData:
    """Everything a report reads from one unit's content repository."""

    root: Path
    registry: Registry
    posts: list[PostBrief]
    records: list[Record]
    calendar: WorkCalendar
    zone: dt.tzinfo  # the unit's time zone (content/accounts.yml ``timezone``)
    store: KeptStore | None = None  # where parsed posts are kept between builds

    @property
    def unit(self) -> str:
        return self.registry.unit

    @cached_property
    def publications(self) -> list[Publication]:
        """``published.publications`` of the records, made once (a site build's pages
        and each year's assessment read them; ``Publication`` is frozen)."""
        return publications(self.records, self.zone)


def load_unit(
    root: Path, records: Sequence[Record] | None = None, store: KeptStore | None = None
) -> UnitData:
    """The unit's registry, working-tree posts and ledger (``records``: the trusted ledger's
    records when the caller has read them already; ``store``: posts parsed by an earlier
    build, see ``post_brief.py``)."""
    project = Project(root)
    if not project.accounts_file.is_file():
        raise UsageError(f"{root}：不是内容仓库（找不到 {ACCOUNTS_FILE}）。")
    registry = load_registry(project.accounts_file, ACCOUNTS_FILE)
    roster = load_roster_file(project)
    posts = working_posts(project, registry, roster, store)
    if records is None:  # the report reads this unit on its own (the build checked it before)
        _refuse_unapproved_merges(root)
    kept = list(records) if records is not None else list(trusted_ledger(project).records())
    calendar = WorkCalendar.for_project(root)
    return UnitData(root, registry, posts, kept, calendar, unit_zone(root), store)


def _refuse_unapproved_merges(root: Path) -> None:
    """GovmediaError while a merge on the checked-out main brought a unit file nobody
    approved (the registry and roster the report reads as they stand; ``merged_units``)."""
    merged = checkout_refusal(root, root.name, "生成报表")
    if merged:
        raise GovmediaError(merged)


@dataclass(frozen=True)
class WaiverUse:
    slug: str
    title: str
    rule: str
    reason: str
    approvers: tuple[str, ...]


@dataclass(frozen=True)
class ReviewIssue:
    slug: str
    reason: str


@dataclass
class AccountReport:
    unit: str
    account: Account
    published: int = 0
    versions: int = 0
    compliant: int = 0
    issues: list[ReviewIssue] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # hours, first publications
    waivers: list[WaiverUse] = field(default_factory=list)
    retractions: list[tuple[Retraction, str]] = field(default_factory=list)  # (record, title)
    opening: Deadline | None = None
    closure: Deadline | None = None
    months: list[activity.MonthActivity] = field(default_factory=list)
    as_of: dt.date | None = None  # the day of the assessment (its ``today``)

    @property
    def closed_mark(self) -> str:
        """How a table marks the account's closure: 已关闭 once its day has come; a closure
        the registry records ahead (approved and announced, 第七条) names its day, the
        account still open (red team, round 41: it read 已关闭 while it published)."""
        closed = self.account.closed
        if closed is None:
            return ""
        if self.as_of is not None and closed > self.as_of:
            return f"（将于 {closed} 关闭）"
        return "（已关闭）"

    @property
    def compliance(self) -> float | None:
        return self.compliant / self.versions if self.versions else None

    @property
    def median_latency(self) -> float | None:
        return statistics.median(self.latencies) if self.latencies else None

    @property
    def short_months(self) -> list[str]:
        return [m.month for m in self.months if m.status == "short"]

    @property
    def filing_ok(self) -> bool:
        return all(d is None or d.on_time is not False for d in (self.opening, self.closure))


@dataclass
class UnitReport:
    unit: str
    root: Path
    accounts: list[AccountReport]
    calendar_warnings: list[str]
    interaction: Figures | None = None  # 第十二条 figures (None: no inbox)
    zone_label: str = "北京时间"  # how the report names the unit's time zone


@dataclass
class Report:
    period: Period
    today: dt.date
    units: list[UnitReport]

    @property
    def accounts(self) -> list[AccountReport]:
        return [a for u in self.units for a in u.accounts]

    @property
    def review_ok(self) -> bool:
        return all(a.compliance in (None, 1.0) for a in self.accounts)

    @property
    def zone_label(self) -> str:
        """The units' time zones as the report names them (one, unless units differ)."""
        return "、".join(dict.fromkeys(u.zone_label for u in self.units)) or "北京时间"


def _ident_key(value: str) -> str:
    """Compare people by email when there is one, else by name."""
    if "<" in value and ">" in value:
        return value.split("<", 1)[1].split(">", 1)[0].strip().lower()
    return value.strip()


def review_problem(pub: Publication, author: str) -> str | None:
    """Why the recorded approvals of a published version are not valid, or None."""
    stages = pub.review.get("stages")
    if not isinstance(stages, list):
        return "发布记录中没有审核记录（detail.review.stages）"
    by_stage: dict[int, dict] = {}
    for item in stages:
        if isinstance(item, dict) and isinstance(item.get("stage"), int):
            by_stage[item["stage"]] = item
    times: list[dt.datetime] = []
    people: list[str] = []
    for number, name in ((1, "初审"), (2, "复审"), (3, "终审")):
        stage = by_stage.get(number)
        if stage is None:
            return f"缺少{name}"
        if stage.get("ok") is False:
            return f"{name}无效"
        by, commit = str(stage.get("by") or ""), str(stage.get("commit") or "")
        at = local_time(str(stage.get("at") or ""))
        if not by or not commit or at is None:
            return f"{name}记录不完整（缺审核人、提交或时间）"
        times.append(at)
        people.append(_ident_key(by))
    if len(set(people)) < 3:
        return "三审须由三名不同人员完成"
    if author and _ident_key(author) in people:
        return "作者本人参与了审核"
    # the server takes a claim dated up to ``SKEW`` before the commit it was made on
    # (clocks differ a little); more is out of order
    if times[1] < times[0] - SKEW or times[2] < times[1] - SKEW:
        return "审核顺序不符（应依次初审、复审、终审）"
    return None


def latency_hours(pub: Publication) -> float | None:
    """Hours from 初审 to 终审, as their signed approval commits are dated.

    Never from ``drafted_at``: that is the author date of the post's first commit, which its
    editor writes (``git commit --date``) and nobody signs or reviews, so it would let an
    editor set the figure or leave a post out of it (round 32)."""
    stages = pub.review.get("stages")
    at: dict[int, dt.datetime | None] = {}
    if isinstance(stages, list):
        for item in stages:
            if isinstance(item, dict) and item.get("stage") in (1, 3):
                at[item["stage"]] = local_time(str(item.get("at") or ""))
    first, final = at.get(1), at.get(3)
    if first is None or final is None or final < first:
        return None
    return (final - first).total_seconds() / 3600


def _version(pub: Publication) -> Version:
    return pub.path or f"{pub.slug}.md", pub.blob


def _waivers_of(
    pub: Publication,
    waivers: Mapping[Version, tuple[Waiver, ...] | None],
    by_slug: dict[str, PostBrief],
) -> Sequence[Waiver]:
    found = waivers.get(_version(pub))
    if found is not None:
        return found
    post = by_slug.get(pub.slug)  # blob not in this clone, or unparsable: the current version
    return post.waivers if post is not None else []


def _stage_people(pub: Publication) -> tuple[str, ...]:
    stages = pub.review.get("stages")
    if not isinstance(stages, list):
        return ()
    items = sorted(
        (s for s in stages if isinstance(s, dict) and isinstance(s.get("stage"), int)),
        key=lambda s: s["stage"],
    )
    return tuple(str(s.get("by") or "") for s in items)


def assess_unit(unit: UnitData, period: Period, today: dt.date) -> UnitReport:
    by_slug = {p.slug: p for p in unit.posts}
    every = unit.publications
    pubs = [p for p in every if period.contains(p.at.date())]
    titles = {p.slug: p.title for p in every if p.title}
    waivers = version_waivers(unit.root, [_version(p) for p in pubs], unit.store)
    table = activity.compute(
        unit.registry, unit.records, unit.posts, period, today, unit.zone, every
    )
    reports: list[AccountReport] = []
    for account in unit.registry.accounts.values():
        rep = AccountReport(
            unit=unit.unit,
            account=account,
            opening=opening_deadline(unit.calendar, account),
            closure=closure_deadline(unit.calendar, account),
            months=table.for_account(account.id),
            as_of=today,
        )
        for pub in (p for p in pubs if p.channel == account.id):
            post = by_slug.get(pub.slug)
            author = str(pub.detail.get("author") or (post.author if post else ""))
            rep.versions += 1
            problem = review_problem(pub, author)
            if problem is None:
                rep.compliant += 1
            else:
                rep.issues.append(ReviewIssue(pub.slug, problem))
            if pub.first:
                rep.published += 1
                hours = latency_hours(pub)
                if hours is not None:
                    rep.latencies.append(hours)
            title = pub.title or (post.title if post else pub.slug)
            for waiver in _waivers_of(pub, waivers, by_slug):
                rep.waivers.append(
                    WaiverUse(pub.slug, title, waiver.rule, waiver.reason, _stage_people(pub))
                )
        for retraction in retractions(unit.records, unit.zone):
            if retraction.channel == account.id and period.contains(retraction.at.date()):
                post = by_slug.get(retraction.slug)
                title = titles.get(retraction.slug) or (post.title if post else retraction.slug)
                rep.retractions.append((retraction, title))
        reports.append(rep)
    figures = unit_figures(unit.root, unit.records, period.start, period.end, today)
    return UnitReport(
        unit.unit,
        unit.root,
        reports,
        unit.calendar.warnings(),
        figures,
        zone_label(unit.zone),
    )


def build_report(roots: Sequence[Path], period: Period, today: dt.date) -> Report:
    units = [load_unit(root) for root in roots]
    names = [u.unit for u in units]
    for name in set(names):
        if names.count(name) > 1:
            raise UsageError(f"--repos 中有多个仓库属于同一单位「{name}」：请每个单位只列一次。")
    return Report(period, today, [assess_unit(u, period, today) for u in units])
