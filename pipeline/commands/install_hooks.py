"""``govmedia install-hooks BARE_REPO``: the server hooks of the 三审制 (第十五条)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.review.hooks import install_hooks

NAME = "install-hooks"
HELP = "在自建 git 服务器的裸仓库中安装 pre-receive 等钩子（拒绝未完成三审的推送）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bare", metavar="BARE_REPO", help="裸仓库路径")


def run(args: argparse.Namespace) -> int:
    installed = install_hooks(Path(args.bare))
    for path in installed:
        print(f"已安装钩子：{path}")
    return 0
