"""``govmedia install-pre-commit [REPO]``: the editor's commit-time check on this machine."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.precommit import install_pre_commit

NAME = "install-pre-commit"
HELP = "在本机的内容仓库克隆中安装提交前检查钩子（每次提交前对暂存的文章运行 govmedia check）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "repo", nargs="?", default=".", metavar="REPO", help="内容仓库克隆（默认当前目录）"
    )


def run(args: argparse.Namespace) -> int:
    hook = install_pre_commit(Path(args.repo))
    print(f"已安装提交前检查：{hook}")
    print("此后每次 git commit 前都会检查暂存的文章；有错误时提交被拒绝。")
    return 0
