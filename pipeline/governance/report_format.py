"""The 第十八条 assessment as Markdown and CSV (for the 网信办's 统一台账)."""

from __future__ import annotations

import csv
import io
import re

from pipeline.governance.activity import MONTH_MARKS, month_mark
from pipeline.governance.registry import KIND_ZH, PLATFORM_ZH
from pipeline.governance.report import AccountReport, Report
from pipeline.html_sanitize import md_text as _t

CSV_COLUMNS = (
    ("单位", lambda a: a.unit),
    ("账号id", lambda a: a.account.id),
    ("平台", lambda a: PLATFORM_ZH[a.account.platform]),
    ("账号名称", lambda a: a.account.name),
    ("类型", lambda a: KIND_ZH[a.account.kind]),
    ("开设日期", lambda a: a.account.opened or ""),
    ("关闭日期", lambda a: a.account.closed or ""),
    ("发布篇数", lambda a: a.published),
    ("发布版本数", lambda a: a.versions),
    ("三审合规版本数", lambda a: a.compliant),
    ("三审合规率", lambda a: pct(a.compliance)),
    ("审核用时中位数（小时）", lambda a: hours(a.median_latency, bare=True)),
    ("豁免数", lambda a: len(a.waivers)),
    (
        "豁免明细",
        lambda a: "；".join(
            f"{w.slug} {w.rule}：{w.reason}（审核：{'、'.join(_name(p) for p in w.approvers)}）"
            for w in a.waivers
        ),
    ),
    ("撤回数", lambda a: len(a.retractions)),
    (
        "撤回明细",
        lambda a: "；".join(
            f"{r.slug}：{r.reason}（批准：{_name(r.approved_by)}）" for r, _ in a.retractions
        ),
    ),
    ("开设备案", lambda a: a.opening.describe() if a.opening else ""),
    ("关闭备案", lambda a: a.closure.describe() if a.closure else ""),
    ("备案合规", lambda a: "是" if a.filing_ok else "否"),
    ("明显不足月份", lambda a: "、".join(a.short_months)),
)


def _name(ident: str) -> str:
    return ident.split("<", 1)[0].strip() or ident


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def hours(value: float | None, *, bare: bool = False) -> str:
    if value is None:
        return "" if bare else "—"
    if bare:
        return f"{value:.1f}"
    if value >= 48:
        return f"{value / 24:.1f} 天"
    return f"{value:.1f} 小时"


# What makes a spreadsheet program read a cell as a formula (or DDE) rather than text: its
# first character (the fullwidth forms too, which an input method may turn into formulas).
_FORMULA_START = frozenset("=+-@\t\r＝＋－＠")


def spreadsheet_cell(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet program shows as text: one that would start a
    formula is prefixed with a quote (the auditors' CSV holds names a unit wrote)."""
    return "'" + text if text[:1] in _FORMULA_START else text


def to_csv(report: Report) -> str:
    """One row per account; UTF-8 with BOM so that spreadsheet programs read the Chinese;
    no cell a spreadsheet would run as a formula (:func:`spreadsheet_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for account in report.accounts:
        writer.writerow([spreadsheet_cell(str(get(account))) for _, get in CSV_COLUMNS])
    return "\ufeff" + buffer.getvalue()


def _cell(text: object) -> str:
    """A table cell: pipes escaped (once: text from :func:`_t` has them escaped already)."""
    return re.sub(r"(?<!\\)\|", r"\\|", str(text)).replace("\n", " ")


def table_row(cells: list[object]) -> str:
    """One Markdown table row, each cell escaped by :func:`_cell`."""
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _code(text: object) -> str:
    """A code span from data: no backtick can end it early, no line break can split it."""
    return "`" + str(text).replace("`", "'").replace("\n", " ") + "`"


def summary_table(accounts: list[AccountReport], *, with_unit: bool = False) -> list[str]:
    head = [
        "账号",
        "名称",
        "平台",
        "发布篇数",
        "三审合规率",
        "审核用时中位数",
        "豁免",
        "撤回",
        "备案",
        f"{MONTH_MARKS['short'].label}月份",
    ]
    if with_unit:
        head.insert(0, "单位")
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for a in accounts:
        compliance = pct(a.compliance)
        if a.compliance is not None and a.compliance < 1:
            compliance += " ⚠"
        row = [
            _code(a.account.id),
            _t(a.account.name) + a.closed_mark,
            PLATFORM_ZH[a.account.platform],
            a.published,
            compliance,
            hours(a.median_latency),
            len(a.waivers),
            len(a.retractions),
            "合规" if a.filing_ok else "不合规 ⚠",
            "、".join(a.short_months) or "—",
        ]
        if with_unit:
            row.insert(0, _t(a.unit))
        lines.append(table_row(row))
    return lines


def account_details(a: AccountReport, *, public: bool = False) -> list[str]:
    """Per-account details. ``public`` (the archive site) never names a post that the
    archive does not show: a non-compliant version is counted, not identified."""
    acc = a.account
    # Under the site page's "## 各账号明细" (h3), the report's "### 各账号明细" (h4).
    level = "###" if public else "####"
    lines = [f"{level} {_code(acc.id)} {_t(acc.name)}", ""]
    resp = acc.responsible
    lines.append(
        f"- {PLATFORM_ZH[acc.platform]}，{KIND_ZH[acc.kind]}；主要负责人 {_t(resp.principal or '—')}，"
        f"分管负责人 {_t(resp.supervisor or '—')}，总编辑 {_t(resp.chief_editor or '—')}，"
        f"管理部门 {_t(resp.department or '—')}"
    )
    lines.append(f"- 开设 {acc.opened}；开设备案：{a.opening.describe() if a.opening else '—'}")
    if a.closure is not None:
        lines.append(f"- 关闭 {acc.closed}；关闭备案：{a.closure.describe()}")
    lines.append(
        f"- 本期发布 {a.published} 篇（{a.versions} 个版本），三审合规 {a.compliant}/{a.versions}"
        f"（{pct(a.compliance)}），从初审到终审用时中位数 {hours(a.median_latency)}"
    )
    assessed = [m for m in a.months if m.status not in ("closed", "future")]
    if assessed:
        cells = []
        for m in assessed:
            mark = month_mark(m.status, tight=True)
            expected = f"/{m.expected}" if m.status not in ("unassessed", "outside") else ""
            waiting = f"（未发布 {m.pending}）" if m.pending else ""
            cells.append(f"{m.month} {m.published}{expected}{mark}{waiting}")
        lines.append("- 每月发布（已发布/应发布）：" + "，".join(cells))
    for issue in a.issues:
        what = "1 个版本" if public else _code(issue.slug)
        lines.append(f"- ⚠ 三审不合规：{what} —— {_t(issue.reason)}")
    for w in a.waivers:
        lines.append(
            f"- 豁免 {_code(w.rule)}：{_t(w.title)}（{_code(w.slug)}）—— {_t(w.reason)}；审核人："
            f"{_t('、'.join(_name(p) for p in w.approvers) or '—')}"
        )
    for r, title in a.retractions:
        lines.append(
            f"- 撤回 {r.at:%Y-%m-%d %H:%M}：{_t(title)}（{_code(r.slug)}）—— 理由：{_t(r.reason or '—')}；"
            f"批准：{_t(_name(r.approved_by) or '—')}"
        )
    lines.append("")
    return lines


def to_markdown(report: Report) -> str:
    city = len(report.units) > 1
    title = "全市政务新媒体统一台账与考核" if city else f"{_t(report.units[0].unit)} 政务新媒体考核"
    lines = [
        f"# {title}（第十八条）：{report.period.title}",
        "",
        f"统计期间 {report.period.start} 至 {report.period.end}，生成于 {report.today}（{report.zone_label}）。"
        "发布篇数以发布台账中首次发布的时间计；三审合规率为本期每个已发布版本中具备有效初审、"
        "复审、终审记录的比例，应为 100%。",
        "",
    ]
    if city:
        lines += ["## 汇总", "", *summary_table(report.accounts, with_unit=True), ""]
    for unit in report.units:
        lines += [f"## {_t(unit.unit)}", "", *summary_table(unit.accounts), ""]
        lines += ["### 各账号明细", ""]
        for account in unit.accounts:
            lines += account_details(account)
        if unit.interaction is not None:
            from pipeline.interaction.report_section import markdown

            lines += markdown(unit.interaction)
        for warning in unit.calendar_warnings:
            lines += [f"> 注意：{warning}", ""]
    if not report.review_ok:
        lines += ["**三审合规率未达到 100%：请核查上面标 ⚠ 的文章。**", ""]
    return "\n".join(lines).rstrip() + "\n"
