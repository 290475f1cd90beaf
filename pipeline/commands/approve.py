"""``govmedia approve POST... --stage N``: a signed approval commit (第十五条)."""

from __future__ import annotations

import argparse

from pipeline import git
from pipeline.content_limits import shown, shown_lines
from pipeline.errors import UsageError
from pipeline.findings import match_note
from pipeline.project import find_project
from pipeline.review.approve import approve
from pipeline.review.roster import STAGE_NAMES

NAME = "approve"
HELP = "审核通过：为文章当前版本生成第 N 审的签名审核提交（三审制）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("posts", nargs="+", metavar="POST", help="要审核的文章文件")
    parser.add_argument(
        "--stage", type=int, required=True, choices=(1, 2, 3), help="1 初审，2 复审，3 终审"
    )
    parser.add_argument(
        "--ack",
        action="append",
        default=[],
        metavar="RULE",
        help="确认已阅读并接受这些规则的警告（可重复或用逗号分隔；all 表示全部警告）",
    )


def run(args: argparse.Namespace) -> int:
    project = find_project()
    root = git.toplevel(project.root)
    if root is None:
        raise UsageError(f"{project.root} 不是 git 仓库。")
    result = approve(root, list(args.posts), args.stage, ack=args.ack, report=_show)
    print(shown(result.subject))
    print(
        f"已由 {result.person.ident} 签名提交 {result.commit[:10]}"
        f"（{STAGE_NAMES[result.stage]}，{len(result.approves)} 篇）。"
    )
    for path, blob in result.approves:
        print(shown(f"  {path}@{blob[:10]}"))  # names a branch chose
    if result.acknowledged:
        print(f"已确认并记录 {len(result.acknowledged)} 个警告：")
        for finding in result.acknowledged:
            print(
                shown(
                    f"  {finding.path}:{finding.line}: [{finding.rule}] {finding.message}"
                    + match_note(finding)
                )
            )
    return 0


def _show(text: str) -> None:
    print(shown_lines(text), flush=True)
