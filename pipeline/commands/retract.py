"""``govmedia retract POST --reason TEXT``: take a post down everywhere (第七条, 第二十条)."""

from __future__ import annotations

import argparse

from pipeline import envvars
from pipeline.project import find_project
from pipeline.publishing.retract import run_retract

NAME = "retract"
HELP = "经单位领导签名批准后，从所有已发布平台删除文章并记入台账（归档保留撤回说明）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("post", help="文章路径，例如 content/posts/2026/11/yanshi-fuwu.md")
    parser.add_argument("--reason", required=True, help="撤回原因（将公开显示在归档站点）")
    parser.add_argument("--ref", default="main", help="审批提交所在分支（默认 main）")
    parser.add_argument("--push", action="store_true", help="提交发布台账后推送到 origin")


def run(args: argparse.Namespace) -> int:
    envvars.check_environment()  # before any platform is called
    return run_retract(find_project(), args.post, args.reason, ref=args.ref, push=args.push)
