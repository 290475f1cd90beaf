"""Demo step: the auditor's view — accounts check and the annual report on the demo repo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline import content
from pipeline.commands.report import write_atomic
from pipeline.errors import GovmediaError
from pipeline.findings import exit_code, format_text
from pipeline.governance.checks import check_project
from pipeline.governance.period import parse_year
from pipeline.governance.period import today as local_today
from pipeline.governance.published import publications
from pipeline.governance.report import build_report
from pipeline.governance.report_format import pct, to_csv, to_markdown
from pipeline.ledger import Ledger
from pipeline.project import Project

if TYPE_CHECKING:
    from pipeline.demo import DemoContext


def governance(ctx: DemoContext) -> None:
    project = Project(ctx.repo)
    findings = check_project(project)
    errors = sum(1 for f in findings if f.severity == "error" and f.waived is None)
    warnings = sum(1 for f in findings if f.severity == "warning" and f.waived is None)
    ctx.say(f"  govmedia accounts check：{errors} 个错误，{warnings} 个警告。")
    if exit_code(findings) != 0:
        ctx.say(format_text(findings))
        raise GovmediaError("账号台账未通过检查，演示中止。")
    # The year of the latest publication in the ledger (what the steps before published),
    # else of the latest post.
    pubs = publications(Ledger(project.ledger_dir).records())
    dates = [p.at.date() for p in pubs] or [
        r.post.date for r in content.load_posts(project) if r.post is not None
    ]
    year = max(dates).year if dates else local_today().year
    report = build_report([ctx.repo], parse_year(str(year)), local_today())
    out = ctx.workdir / "reports"
    md, csv = out / f"report-{year}.md", out / f"report-{year}.csv"
    write_atomic(md, to_markdown(report))
    write_atomic(csv, to_csv(report))
    ctx.say(f"  govmedia report --year {year}：")
    for a in report.accounts:
        ctx.say(
            f"    {a.account.id:<15} 发布 {a.published:>3} 篇  三审合规率 {pct(a.compliance):>6}  "
            f"备案{'合规' if a.filing_ok else '不合规'}  撤回 {len(a.retractions)}  豁免 {len(a.waivers)}"
        )
    ctx.say(f"  考核报告：{md}")
    ctx.say(f"  考核表格：{csv}")
    ctx.data["governance_report"] = md
