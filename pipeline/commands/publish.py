"""``govmedia publish [--dry-run]``: approved, unpublished posts on main to their channels."""

from __future__ import annotations

import argparse

from pipeline import argtypes, envvars
from pipeline.project import find_project
from pipeline.publishing.run import run_publish

NAME = "publish"
HELP = "将 main 上已通过三审且尚未发布的文章发布到其指定渠道（恰好一次，记入发布台账）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="只列出发布计划，不调用平台接口")
    parser.add_argument("--ref", default="main", help="从哪个分支发布（默认 main）")
    parser.add_argument(
        "--jobs", type=argtypes.positive_int, default=1, help="每个平台的并发数（默认 1）"
    )
    parser.add_argument("--push", action="store_true", help="提交发布台账后推送到 origin")
    parser.add_argument(
        "--no-commit", action="store_true", help="不提交发布台账（仅写入文件，无需发布者签名密钥）"
    )


def run(args: argparse.Namespace) -> int:
    envvars.check_environment()  # before any platform is called
    project = find_project()
    return run_publish(
        project,
        ref=args.ref,
        dry_run=args.dry_run,
        jobs=max(1, args.jobs),
        push=args.push,
        commit=not args.no_commit,
    )
