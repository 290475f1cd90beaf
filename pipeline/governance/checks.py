"""``govmedia accounts check``: the registry against 第四–七条 (deadlines, people, names).

Rule ids (each finding cites its article):

======  ========  ============================================================
A4-01   error     opening filed later than 10 working days after opening (or overdue, unfiled, no date)
A4-02   warning   opening not filed yet, deadline still ahead
A4-03   error     institutional account without its approving meeting / leader, or opened first
A4-04   warning   opening not approved by the unit's principal leader (主要领导)
A4-05   error     official's real-name account without holder or the unit's consent
A4-06   warning   a post dated before the account it is addressed to was opened
A5-01   error     a responsible person (主要负责人/分管负责人/总编辑) or 管理部门 missing
A5-02   error     a responsible person or approver absent from the roster
A5-03   warning   a responsible person whose roster role does not fit the post
A6-01   error     account name unrelated to the locality / unit (``locality_keywords``)
A7-01   error     closure filed later than 5 working days after closing (or overdue, unfiled)
A7-02   warning   closure not filed yet, deadline still ahead
A7-03   error     closed account without approval / public notice, or in the wrong order
A7-04   error     a post addressed to an account after its closing date
CAL-01  warning   a deadline falls in a year without an official holiday schedule
REG-01  warning   unknown field in the registry
======  ========  ============================================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pipeline import content
from pipeline.findings import Finding, Severity
from pipeline.governance.deadlines import (
    CLOSURE_DAYS,
    OPENING_DAYS,
    Deadline,
    closure_deadline,
    deadline,
    opening_deadline,
    uncertainty,
)
from pipeline.governance.people import check_people
from pipeline.governance.period import today as local_today
from pipeline.governance.registry import Account, Registry, load_registry
from pipeline.governance.registry_out import Out, name_of
from pipeline.governance.workdays import WorkCalendar
from pipeline.project import ACCOUNTS_FILE, ROSTER_FILE, Project
from pipeline.review.roster import Roster
from pipeline.review.roster_file import load_roster_file
from pipeline.unit_time import unit_zone

__all__ = [  # the deadlines moved to deadlines.py; callers still import them from here
    "CLOSURE_DAYS",
    "OPENING_DAYS",
    "Deadline",
    "check_posts",
    "check_project",
    "check_registry",
    "closure_deadline",
    "deadline",
    "opening_deadline",
    "uncertainty",
]


def _check_filing(
    out: Out, account: Account, dl: Deadline, today: dt.date, *, closing: bool
) -> None:
    rule, pending_rule = ("A7-01", "A7-02") if closing else ("A4-01", "A4-02")
    article = (
        "第七条"
        if closing
        else ("第四条第二款" if account.kind == "official_personal" else "第四条")
    )
    what = "关闭" if closing else "开设"
    key = "closure_filed" if closing else "filed"
    if dl.filed is None:
        if today > dl.due:
            out.add(
                account.line_of(key),
                rule,
                article,
                "error",
                f"账号{account.label}{what}于 {dl.event}，至今未报市委网信办备案，已超过 "
                f"{dl.days} 个工作日的期限（{dl.due}）。",
            )
        else:
            out.add(
                account.line_of(key),
                pending_rule,
                article,
                "warning",
                f"账号{account.label}{what}于 {dl.event}，尚未报市委网信办备案："
                f"须在 {dl.due} 前（{dl.days} 个工作日内）备案。",
            )
    elif not dl.on_time:
        out.add(
            account.line_of(key),
            rule,
            article,
            "error",
            f"账号{account.label}{what}于 {dl.event}，{dl.filed} 才备案：自次日起第 {dl.used} "
            f"个工作日，超过 {dl.days} 个工作日的期限（{dl.due}）。",
        )


def _check_opening(out: Out, account: Account) -> None:
    if account.kind == "official_personal":
        _check_consent(out, account)
        return
    _check_opening_approval(out, account)


def _check_consent(out: Out, account: Account) -> None:
    """An official's real-name account: its holder and the unit's consent, given first."""
    article = "第四条第二款、第十三条"
    if not account.holder:
        out.add(
            account.line_of("holder"),
            "A4-05",
            article,
            "error",
            f"职务实名账号{account.label}未填写持有人（holder）。",
        )
    consent = account.consent
    if consent is None or not consent.approved_by or consent.date is None:
        out.add(
            account.line_of("consent"),
            "A4-05",
            article,
            "error",
            f"职务实名账号{account.label}缺少所在单位同意记录（consent.approved_by 与 "
            f"consent.date）：公务人员以职务身份开设实名账号应首先报所在单位同意。",
        )
    elif account.opened is not None and consent.date > account.opened:
        out.add(
            account.line_of("consent.date"),
            "A4-05",
            article,
            "error",
            f"职务实名账号{account.label}单位同意日期 {consent.date} 晚于开设日期 "
            f"{account.opened}：应先报单位同意再开设。",
        )


def _check_opening_approval(out: Out, account: Account) -> None:
    """An institutional account: the meeting, its minutes and the leader, before opening."""
    approval = account.opening_approval
    missing = []
    if approval is None or approval.meeting_date is None:
        missing.append("meeting_date（班子专题会议日期）")
    if approval is None or not approval.minutes:
        missing.append("minutes（会议纪要文号）")
    if approval is None or not approval.approved_by:
        missing.append("approved_by（批准开设的主要领导）")
    if missing:
        out.add(
            account.line_of("opening_approval"),
            "A4-03",
            "第四条",
            "error",
            f"账号{account.label}缺少开设审批记录：{'、'.join(missing)}。",
        )
        return
    assert approval is not None and approval.meeting_date is not None
    if account.opened is not None and approval.meeting_date > account.opened:
        out.add(
            account.line_of("opening_approval.meeting_date"),
            "A4-03",
            "第四条",
            "error",
            f"账号{account.label}的专题会议（{approval.meeting_date}）晚于开设日期 "
            f"（{account.opened}）：应经会议研究通过后开设。",
        )
    _check_approver(
        out,
        account,
        approval.approved_by,
        ("opening_approval.approved_by", "A4-04", "第四条", "warning"),
        "的开设批准人不是登记的主要负责人（{principal}）：",
    )


def _check_closure(out: Out, account: Account) -> None:
    if account.closed is None:
        return
    approval = account.closure_approval
    missing = []
    if approval is None or not approval.approved_by:
        missing.append("approved_by（批准关闭的主要领导）")
    if approval is None or approval.approved_on is None:
        missing.append("approved_on（批准日期）")
    if approval is None or approval.notice_date is None:
        missing.append("notice_date（关闭公告日期）")
    if missing:
        out.add(
            account.line_of("closure_approval"),
            "A7-03",
            "第七条",
            "error",
            f"已关闭账号{account.label}缺少关闭审批或公告记录：{'、'.join(missing)}。",
        )
        return
    assert approval is not None and approval.approved_on and approval.notice_date
    if approval.notice_date < approval.approved_on:
        out.add(
            account.line_of("closure_approval.notice_date"),
            "A7-03",
            "第七条",
            "error",
            f"账号{account.label}的关闭公告（{approval.notice_date}）早于主要领导批准 "
            f"（{approval.approved_on}）：应批准后公告。",
        )
    if approval.notice_date > account.closed:
        out.add(
            account.line_of("closure_approval.notice_date"),
            "A7-03",
            "第七条",
            "error",
            f"账号{account.label}的关闭公告（{approval.notice_date}）晚于注销日期 "
            f"（{account.closed}）：应先公告再注销。",
        )
    _check_approver(
        out,
        account,
        approval.approved_by,
        ("closure_approval.approved_by", "A7-03", "第七条", "error"),
        "的关闭应报主要领导（{principal}）批准，登记的批准人为：",
    )


def _check_approver(
    out: Out,
    account: Account,
    approved_by: str,
    where: tuple[str, str, str, Severity],
    problem: str,
) -> None:
    """An approval (opening, closure) must come from the registered principal: ``where`` is
    (field, rule, article, severity), ``problem`` follows the account's name."""
    principal = account.responsible.principal
    if principal and name_of(approved_by) != name_of(principal):
        field, rule, article, severity = where
        out.add(
            account.line_of(field),
            rule,
            article,
            severity,
            f"账号{account.label}" + problem.format(principal=name_of(principal)),
            name_of(approved_by),
        )


def _check_name(out: Out, account: Account, keywords: Iterable[str]) -> None:
    keywords = list(keywords)
    if not any(k in account.name for k in keywords):
        out.add(
            account.line_of("name"),
            "A6-01",
            "第六条",
            "error",
            f"账号{account.label}的名称与本地、本单位名称没有明确关联（应包含"
            f"{'、'.join(f'「{k}」' for k in keywords)}之一，见 locality_keywords）：",
            account.name,
        )


def check_registry(
    registry: Registry,
    roster: Roster | None,
    calendar: WorkCalendar,
    today: dt.date,
) -> list[Finding]:
    """Findings on the registry itself (deadlines, approvals, people, names)."""
    out = Out(registry.path)
    for line, message in registry.warnings:
        out.add(line, "REG-01", "", "warning", message)
    if roster is None:
        out.add(1, "A5-02", "第五条", "error", f"找不到人员名册 {ROSTER_FILE}，无法核对责任人。")
    for account in registry.accounts.values():
        _check_opening(out, account)
        check_people(out, account, roster)
        _check_name(out, account, registry.locality_keywords)
        opening = opening_deadline(calendar, account)
        if opening is None:
            out.add(
                account.line_of("opened"),
                "A4-01",
                "第四条",
                "error",
                f"账号{account.label}未填写开设日期 opened，无法核对 10 个工作日的备案期限。",
            )
        else:
            _check_filing(out, account, opening, today, closing=False)
            if opening.uncertain:
                message = uncertainty(account, "开设备案（第四条）", opening)
                out.add(account.line_of("opened"), "CAL-01", "第四条", "warning", message)
        _check_closure(out, account)
        closure = closure_deadline(calendar, account)
        if closure is not None:
            _check_filing(out, account, closure, today, closing=True)
            if closure.uncertain:
                message = uncertainty(account, "注销备案（第七条）", closure)
                out.add(account.line_of("closed"), "CAL-01", "第七条", "warning", message)
    return out.findings


def check_posts(registry: Registry, posts: Iterable[content.Post]) -> list[Finding]:
    """Posts addressed to an account outside its open period (A7-04, A4-06)."""
    findings: list[Finding] = []
    for post in posts:
        for channel in post.channels:
            account = registry.accounts.get(channel)
            if account is None:
                continue
            line = post.line_of("channels")
            if account.closed is not None and post.date > account.closed:
                findings.append(
                    Finding(
                        post.path,
                        line,
                        1,
                        "A7-04",
                        "第七条",
                        "error",
                        f"文章日期 {post.date} 晚于账号{account.label}的关闭日期 {account.closed}："
                        f"已关闭的账号不能再发布。",
                        channel,
                    )
                )
            elif account.opened is not None and post.date < account.opened:
                findings.append(
                    Finding(
                        post.path,
                        line,
                        1,
                        "A4-06",
                        "第四条",
                        "warning",
                        f"文章日期 {post.date} 早于账号{account.label}的开设日期 {account.opened}。",
                        channel,
                    )
                )
    return findings


def check_project(project: Project, today: dt.date | None = None) -> list[Finding]:
    """The whole of ``govmedia accounts check`` minus printing."""
    registry = load_registry(project.accounts_file, ACCOUNTS_FILE)
    roster = load_roster_file(project)
    calendar = WorkCalendar.for_project(project.root)
    today = today or local_today(unit_zone(project.root))
    findings = check_registry(registry, roster, calendar, today)
    results = content.load_posts(project, registry=registry, roster=roster)
    findings += check_posts(registry, [r.post for r in results if r.post is not None])
    return findings
