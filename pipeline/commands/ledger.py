"""``govmedia ledger rebuild``: reconstruct the publication ledger from the platforms."""

from __future__ import annotations

import argparse
import os

from pipeline.errors import UsageError
from pipeline.project import find_project

NAME = "ledger"
HELP = "发布台账维护：rebuild 依据各平台实际发布的内容重建缺失的台账记录"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["rebuild"], help="rebuild：依据平台内容补记台账")
    parser.add_argument("--ref", default="main", help="依据哪个分支上的文章（默认 main）")
    parser.add_argument(
        "--no-commit", action="store_true", help="只写入 ledger/，不提交（无需发布者签名密钥）"
    )


def run(args: argparse.Namespace) -> int:
    from pipeline.ledger_rebuild import rebuild
    from pipeline.platforms.settings import load_settings

    if args.action != "rebuild":
        raise UsageError(f"未知的台账操作：{args.action}")
    project = find_project()
    env = dict(os.environ)
    settings = load_settings(project.root, env)
    return rebuild(project, ref=args.ref, settings=settings, env=env, commit=not args.no_commit)
