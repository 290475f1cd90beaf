"""``govmedia ledger rebuild``: reconstruct the publication ledger from the platforms."""

from __future__ import annotations

import argparse
import os

from pipeline.errors import UsageError
from pipeline.project import find_project

NAME = "ledger"
HELP = (
    "发布台账维护：rebuild 依据各平台实际发布的内容重建缺失的台账记录；mass 记录人工核查的群发结果"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=["rebuild", "mass"],
        help="rebuild：依据平台内容补记台账；mass：记录人工核查的群发结果",
    )
    parser.add_argument("path", nargs="?", default="", help="mass：文章路径（content/posts/…）")
    outcome = parser.add_mutually_exclusive_group()
    outcome.add_argument("--sent", action="store_true", help="mass：群发已发出")
    outcome.add_argument("--not-sent", action="store_true", help="mass：群发未发出，下次重发")
    parser.add_argument("--msg-id", default="", help="mass --sent：群发的 msg_id（已知时）")
    parser.add_argument("--ref", default="main", help="依据哪个分支上的文章（默认 main）")
    parser.add_argument(
        "--no-commit", action="store_true", help="只写入 ledger/，不提交（无需发布者签名密钥）"
    )


def run(args: argparse.Namespace) -> int:
    from pipeline.platforms.settings import load_settings
    from pipeline.publishing.rebuild import rebuild

    if args.action not in ("rebuild", "mass"):
        raise UsageError(f"未知的台账操作：{args.action}")
    project = find_project()
    env = dict(os.environ)
    settings = load_settings(project.root, env)
    if args.action == "mass":
        from pipeline.publishing.mass_outcome import record_mass_outcome

        if not args.path or not (args.sent or args.not_sent):
            raise UsageError(
                "用法：govmedia ledger mass <文章路径> --sent [--msg-id <msg_id>] 或 --not-sent"
            )
        return record_mass_outcome(
            project, args.path, sent=args.sent, msg_id=args.msg_id, settings=settings, ref=args.ref
        )
    return rebuild(project, ref=args.ref, settings=settings, env=env, commit=not args.no_commit)
