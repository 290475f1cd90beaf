"""``govmedia report``: the 第十八条 assessment (Markdown and CSV), one unit or many."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from pipeline import argtypes, git
from pipeline.errors import UsageError
from pipeline.governance.period import parse_month, parse_year
from pipeline.governance.period import today as local_today
from pipeline.governance.report import build_report
from pipeline.governance.report_format import pct, to_csv, to_markdown
from pipeline.local_ignore import ignore_output, refuse_linked
from pipeline.project import find_project
from pipeline.unit_time import unit_zone

NAME = "report"
HELP = "年度/月度考核报告（第十八条）：发布量、三审合规率、审核用时、豁免、撤回、备案"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--month", help="统计月份 YYYY-MM")
    group.add_argument("--year", help="统计年份 YYYY")
    parser.add_argument(
        "--repos",
        nargs="+",
        type=Path,
        metavar="REPO",
        help="汇总多个单位的内容仓库（每个含 content/ 和 ledger/），生成全市统一台账",
    )
    parser.add_argument(
        "--out", type=argtypes.folder, default=Path("reports"), help="输出目录（默认 reports/）"
    )
    parser.add_argument(
        "--format", choices=("md", "csv"), action="append", help="输出格式（默认 md 和 csv）"
    )


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename: never a half-written report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    period = parse_month(args.month) if args.month else parse_year(args.year)
    if args.repos:
        roots = []
        for repo in args.repos:
            if not (repo / "content" / "accounts.yml").is_file():
                raise UsageError(f"--repos：{repo} 不是内容仓库（找不到 content/accounts.yml）。")
            roots.append(repo.absolute())
    else:
        roots = [find_project().root]
    report = build_report(roots, period, local_today(unit_zone(roots[0])))
    formats = args.format or ["md", "csv"]
    written = []
    # a branch may track a link on the way (``local_ignore.refuse_linked``)
    hint = "请删除它，或指定工作区之外的目录。"
    refuse_linked(git.toplevel(Path.cwd()), args.out, f"--out {args.out}", hint)
    ignore_output(args.out)
    for fmt in dict.fromkeys(formats):
        path = args.out / f"report-{period.label}.{fmt}"
        write_atomic(path, to_markdown(report) if fmt == "md" else to_csv(report))
        written.append(path)
    accounts = report.accounts
    print(
        f"{period.title}考核：{len(report.units)} 个单位、{len(accounts)} 个账号，"
        f"发布 {sum(a.published for a in accounts)} 篇。"
    )
    for a in accounts:
        if a.compliance is not None and a.compliance < 1:
            print(f"  ⚠ {a.unit}「{a.account.name}」：三审合规率 {pct(a.compliance)}（应为 100%）")
        if not a.filing_ok:
            print(f"  ⚠ {a.unit}「{a.account.name}」：备案不合规")
    for path in written:
        print(f"  已写入 {path}")
    return 0 if report.review_ok else 1
