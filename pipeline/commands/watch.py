"""``govmedia watch``: what the accounts show, reconciled with the ledger (第十五、十七条)."""

from __future__ import annotations

import argparse

from pipeline import envvars
from pipeline.project import find_project
from pipeline.watch.model import parse_since
from pipeline.watch.run import run_watch

NAME = "watch"
HELP = "值班监看：读取各账号实际显示的内容并与发布台账核对（只读，发现异常时退出码为 1）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", metavar="DATE", help="只核对此日期（YYYY-MM-DD）以来的内容")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="输出格式（默认 text）"
    )


def run(args: argparse.Namespace) -> int:
    envvars.check_environment()  # before any platform is called
    since = parse_since(args.since) if args.since else None
    return run_watch(find_project(), since=since, fmt=args.format)
