"""``govmedia accounts check|activity``: the accounts registry (第四–七条) and activity (第九条)."""

from __future__ import annotations

import argparse
import sys

from pipeline.errors import UsageError
from pipeline.findings import FORMATS, exit_code, render
from pipeline.governance import activity
from pipeline.governance.checks import check_project
from pipeline.governance.period import parse_month, parse_year
from pipeline.governance.period import today as local_today
from pipeline.project import find_project
from pipeline.unit_time import unit_zone

NAME = "accounts"
HELP = "账号台账：检查备案期限、责任人、账号名称（第四至七条），统计活跃度（第九条）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="accounts_command", metavar="子命令")
    check = sub.add_parser(
        "check",
        help="检查账号台账：备案期限、审批、责任人、名称、已关闭账号的文章",
        description="检查 content/accounts.yml（第四至七条）及发往已关闭账号的文章。",
    )
    check.add_argument("--format", choices=FORMATS, default="text", help="输出格式")
    act = sub.add_parser(
        "activity",
        help="每个账号每月的发布次数与应发布次数（第九条）",
        description="按发布台账统计每个账号每月的发布次数，明显不足的月份以警告列出（第九条）。",
    )
    group = act.add_mutually_exclusive_group()
    group.add_argument("--month", help="统计月份 YYYY-MM")
    group.add_argument("--year", help="统计年份 YYYY（默认今年）")
    act.add_argument("--format", choices=FORMATS, default="text", help="输出格式")


def _run_check(args: argparse.Namespace) -> int:
    project = find_project()
    findings = check_project(project)
    text = render(findings, args.format)
    if text:
        print(text)
    elif args.format == "text":
        print("账号台账检查通过：没有发现问题。", file=sys.stderr)
    return exit_code(findings)


def _run_activity(args: argparse.Namespace) -> int:
    project = find_project()
    if args.month:
        period = parse_month(args.month)
    else:
        period = parse_year(args.year or str(local_today(unit_zone(project.root)).year))
    table = activity.for_project(project, period)
    findings = activity.findings(table)
    if args.format == "text":
        print(activity.format_table(table))
        text = render(findings, "text")
        if text:
            print(text)
    else:
        print(render(findings, args.format))
    return exit_code(findings)


def run(args: argparse.Namespace) -> int:
    if args.accounts_command == "check":
        return _run_check(args)
    if args.accounts_command == "activity":
        return _run_activity(args)
    raise UsageError("请指定子命令：govmedia accounts check 或 govmedia accounts activity。")
