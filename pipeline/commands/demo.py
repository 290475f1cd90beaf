"""``govmedia demo``: the main job end to end on the sample content."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from pipeline import argtypes
from pipeline.demo import DemoContext, run_demo
from pipeline.errors import UsageError

NAME = "demo"
HELP = "在示例内容上完整运行一遍流水线（使用内置的平台模拟器，无需账号和网络）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workdir", type=argtypes.folder, help="演示使用的工作目录（默认新建临时目录）"
    )


def run(args: argparse.Namespace) -> int:
    if args.workdir is not None and args.workdir.is_dir() and any(args.workdir.iterdir()):
        raise UsageError(
            f"--workdir {args.workdir}：目录不是空的（已有演示数据或其他文件）；演示只在新目录或空目录中运行。"
        )
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="govmedia-demo-"))
    workdir = workdir.absolute()
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"govmedia 演示：工作目录 {workdir}")
    ctx = DemoContext(workdir=workdir)
    code = run_demo(ctx)
    if code == 0:
        print(f"\n演示完成。工作目录：{workdir}")
        site = ctx.data.get("site")
        if site:
            print(f"归档站点：{Path(site) / 'index.html'}")
            print(
                f"  浏览（含中文搜索）：python -m http.server --bind 127.0.0.1 --directory {site} 8000"
            )
    return code
