"""``govmedia demo``: the main job end to end on the sample content."""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from pathlib import Path

from pipeline import argtypes
from pipeline.demo import DemoContext, run_demo
from pipeline.demo.steps_publish import restart_command
from pipeline.errors import UsageError
from pipeline.publishing.hook import rerun_command

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
        print("动手试一试（以 $ 开头的每一行都可以原样复制运行）：")
        for line in next_steps(ctx):
            print(line)
    return code


def next_steps(ctx: DemoContext) -> list[str]:
    """What to try by hand after the demo: an explanation, then the command (``  $ ...``)."""
    python = shlex.quote(sys.executable)
    lines = []
    port = ctx.data.get("emulator_port")
    if port:
        lines += [
            "  重新启动平台模拟器（保留演示中发布的内容，供 govmedia watch 与「查看原发布」链接使用）：",
            f"  $ {restart_command(ctx.workdir, int(port))}",
        ]
    site = ctx.data.get("site")
    if site:
        lines += [
            f"  浏览归档站点（{Path(site) / 'index.html'}；中文搜索需要通过 http 打开，"
            "直接打开文件时搜索不可用）：",
            f"  $ {python} -m http.server --bind 127.0.0.1 --directory {shlex.quote(str(site))} 8000",
        ]
    lines += [
        "  在内容仓库中查看当前分支的审核清单：",
        f"  $ cd {shlex.quote(str(ctx.repo))} && {python} -m pipeline status",
        "  在服务器上重新运行发布钩子（钩子失败后续传；已发布的不会重复发布）：",
        f"  $ {rerun_command(ctx.remote)}",
    ]
    return lines
