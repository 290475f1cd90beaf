"""The archive site's governance pages: accounts 台账, monthly activity, annual assessment.

``write_pages(project, docs_dir)`` writes Markdown under ``docs_dir/governance/`` and
returns ``[(title, path relative to docs_dir), ...]`` for the site's navigation. Charts
are inline SVG made by :mod:`pipeline.governance.svg` at build time: no network, no scripts.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from pathlib import Path

from pipeline.governance.activity import MONTH_MARKS, month_mark
from pipeline.governance.period import month_key, parse_year
from pipeline.governance.period import today as local_today
from pipeline.governance.post_brief import KeptStore
from pipeline.governance.registry import KIND_ZH, PLATFORM_ZH, Account
from pipeline.governance.report import (
    AccountReport,
    UnitReport,
    assess_unit,
    latency_hours,
    load_unit,
)
from pipeline.governance.report_format import account_details, hours, summary_table, table_row
from pipeline.governance.svg import bar_chart
from pipeline.html_sanitize import md_link
from pipeline.html_sanitize import md_text as _t
from pipeline.ledger import Record
from pipeline.project import Project

FOLDER = "governance"
SPELLED = frozenset({"short"})  # the archive's activity table names a short month too


def _chart(svg: str) -> str:
    """A raw HTML block Markdown leaves alone (one block, no blank lines)."""
    return f'<div class="govmedia-chart-box">{svg}</div>'


def _years(accounts: list[Account], pub_years: set[int], today: dt.date) -> list[int]:
    first = min((a.opened.year for a in accounts if a.opened), default=today.year)
    last = max([today.year, *pub_years])
    return list(range(first, last + 1))


def registry_page(unit: UnitReport) -> str:
    lines = [
        f"# {_t(unit.unit)} 政务新媒体账号台账",
        "",
        "依据《政务新媒体管理办法》第四至七条、第十八条。备案期限按国家法定工作日（含调休上班日）"
        "自事件次日起计算：开设后 10 个工作日内、关闭后 5 个工作日内报市委网信办备案。",
        "",
    ]
    # two tables rather than one of eleven columns: each fits a 1280 px screen unscrolled
    lines += _filing_table(unit)
    lines += ["", "## 责任人（第五条）", ""]
    lines += _responsible_table(unit)
    lines += ["", "## 开设与关闭审批", ""]
    lines += [_approvals(a.account) for a in unit.accounts]
    for warning in unit.calendar_warnings:
        lines += ["", f"> 注意：{_t(warning)}"]
    return "\n".join(lines) + "\n"


def _filing_table(unit: UnitReport) -> list[str]:
    """Each account's platform and kind, its opening and closing, and their filings."""
    lines = [
        "| 账号 | 平台 | 类型 | 开设 | 开设备案 | 关闭 | 关闭备案 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for a in unit.accounts:
        acc = a.account
        row: list[object] = [
            md_link(acc.url, acc.name),
            PLATFORM_ZH[acc.platform],
            KIND_ZH[acc.kind],
            acc.opened or "—",
            a.opening.describe() if a.opening else "—",
            acc.closed or "—",
            a.closure.describe() if a.closure else "—",
        ]
        lines.append(table_row(row))
    return lines


def _responsible_table(unit: UnitReport) -> list[str]:
    """Each account's responsible people and department (第五条)."""
    lines = [
        "| 账号 | 主要负责人 | 分管负责人 | 总编辑 | 管理部门 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for a in unit.accounts:
        acc, resp = a.account, a.account.responsible
        row: list[object] = [
            _t(acc.name),
            _t(resp.principal or "—"),
            _t(resp.supervisor or "—"),
            _t(resp.chief_editor or "—"),
            _t(resp.department or "—"),
        ]
        lines.append(table_row(row))
    return lines


def _approvals(acc: Account) -> str:
    """One list item: the account's opening approval, its unit's consent, its closure."""
    parts = []
    if acc.opening_approval:
        o = acc.opening_approval
        parts.append(
            f"班子专题会议 {_t(o.meeting_date or '—')}（{_t(o.minutes or '—')}），"
            f"{_t(o.approved_by or '—')} 批准开设"
        )
    if acc.consent:
        parts.append(
            f"所在单位同意：{_t(acc.consent.approved_by or '—')}，{_t(acc.consent.date or '—')}"
        )
    if acc.closure_approval:
        c = acc.closure_approval
        notice = md_link(c.notice_url, "关闭公告")
        parts.append(
            f"{_t(c.approved_by or '—')} {_t(c.approved_on or '—')} 批准关闭，{notice} "
            f"{_t(c.notice_date or '—')}"
        )
    account_id = str(acc.id).replace("`", "'")
    return f"- **{_t(acc.name)}**（`{account_id}`）：" + ("；".join(parts) or "—")


def activity_page(unit: UnitReport, year: int, reports: list[AccountReport]) -> str:
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    series = {}
    for a in reports:
        if a.account.expected_monthly_posts == 0 and not a.published:
            continue
        by_month = {m.month: m.published for m in a.months}
        series[a.account.name] = [by_month.get(m, 0) for m in months]
    lines = [
        f"# 发布活跃度（第九条）：{year} 年",
        "",
        "每个账号每月的发布次数（以发布台账中首次发布的时间计），与台账中登记的每月应发布次数比较；"
        f"少于应发布次数一半的月份标为“{MONTH_MARKS['short'].label}”。",
        "",
        _chart(bar_chart(f"{year} 年每月发布次数", [m[5:] + "月" for m in months], series, "篇")),
        "",
        "| 账号 | " + " | ".join(m[5:] + "月" for m in months) + " |",
        "| --- |" + " --- |" * 12,
    ]
    for a in reports:
        cells = []
        by = {m.month: m for m in a.months}
        for month in months:
            m = by[month]
            if m.status == "closed":
                cells.append("—")
            elif m.status == "future":
                cells.append("")
            elif m.status in ("unassessed", "outside"):
                cells.append(f"{m.published}{month_mark(m.status)}")
            else:
                cells.append(f"{m.published}/{m.expected}{month_mark(m.status, spell=SPELLED)}")
        lines.append(table_row([_t(a.account.name), *cells]))
    current = MONTH_MARKS["current"]
    lines += [
        "",
        f"表中为“已发布/应发布”；— 为当月未开设或已关闭，{current.sign} 为{current.label}。",
    ]
    return "\n".join(lines) + "\n"


def assessment_page(
    unit: UnitReport, year: int, unit_data_pubs: list, reports: list[AccountReport]
) -> str:
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    latency: dict[str, list[float]] = {}
    for a in reports:
        per_month: dict[str, list[float]] = {}
        for pub in unit_data_pubs:
            if pub.channel == a.account.id and pub.first and pub.at.year == year:
                value = latency_hours(pub)
                if value is not None:
                    per_month.setdefault(month_key(pub.at.date()), []).append(value)
        if per_month:
            latency[a.account.name] = [
                round(statistics.median(per_month[m]), 1) if m in per_month else 0 for m in months
            ]
    lines = [
        f"# {year} 年度考核（第十八条）",
        "",
        "各账号本年度发布篇数、三审合规率（应为 100%）、从初审到终审的用时中位数、豁免与撤回、备案情况。",
        "",
        *summary_table(reports),
        "",
        _chart(
            bar_chart(
                f"{year} 年每月审核用时（初审至终审，中位数）",
                [m[5:] + "月" for m in months],
                latency,
                "小时",
            )
        ),
        "",
        "## 各账号明细",
        "",
    ]
    for a in reports:
        lines += account_details(a, public=True)
    median_all = [v for a in reports for v in a.latencies]
    if median_all:
        lines.append(f"全年全部账号审核用时中位数：{hours(statistics.median(median_all))}。")
    return "\n".join(lines).rstrip() + "\n"


def write_pages(
    project: Project,
    docs_dir: Path,
    store: KeptStore | None = None,
    records: Sequence[Record] | None = None,
) -> list[tuple[str, str]]:
    """Write the governance pages; returns (title, path relative to docs_dir) for the nav.

    ``store`` and ``records``: the posts the site's build keeps parsed and the trusted
    ledger's records it has read (``load_unit``)."""
    unit = load_unit(project.root, records, store)
    today = local_today(unit.zone)
    pubs = unit.publications
    years = _years(list(unit.registry.accounts.values()), {p.at.year for p in pubs}, today)
    folder = docs_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    latest = assess_unit(unit, parse_year(str(years[-1])), today)
    pages: list[tuple[str, str]] = []
    (folder / "index.md").write_text(registry_page(latest), encoding="utf-8")
    pages.append(("账号台账", f"{FOLDER}/index.md"))
    for year in reversed(years):
        year_report = (
            latest if year == years[-1] else assess_unit(unit, parse_year(str(year)), today)
        )
        name = f"activity-{year}.md"
        (folder / name).write_text(
            activity_page(year_report, year, year_report.accounts), encoding="utf-8"
        )
        pages.append((f"{year} 年发布活跃度", f"{FOLDER}/{name}"))
        name = f"assessment-{year}.md"
        (folder / name).write_text(
            assessment_page(year_report, year, pubs, year_report.accounts), encoding="utf-8"
        )
        pages.append((f"{year} 年度考核", f"{FOLDER}/{name}"))
    return pages
