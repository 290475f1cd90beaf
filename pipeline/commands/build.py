"""``govmedia build``: the public archive site."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from pipeline import argtypes
from pipeline.project import find_project
from pipeline.site.build import build_site

NAME = "build"
HELP = "生成公开发布档案站点（只收录经三审并已发布的文章；失败时保留原站点）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", type=argtypes.folder, default=Path("site"), help="站点输出目录（默认 site/）"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="完整重建：不复用上次构建的文章页（默认只重新生成有变化的文章页，结果相同）",
    )


def run(args: argparse.Namespace) -> int:
    project = find_project()
    out = args.out if args.out.is_absolute() else (Path.cwd() / args.out)
    result = build_site(project, out, _progress, incremental=not args.full)
    print(f"站点已生成：{result.out}（{result.pages} 个页面）")
    python = shlex.quote(sys.executable)
    print(
        "浏览（站内搜索需要通过 http 打开）："
        f"{python} -m http.server --bind 127.0.0.1 --directory {shlex.quote(str(result.out))} 8000"
        "，然后在浏览器中打开 http://127.0.0.1:8000/"
    )
    print(f"直接打开 {result.index}（file://）也能浏览，但站内搜索不可用。")
    return 0


def _progress(message: str) -> None:
    print(f"govmedia build：{message}", file=sys.stderr, flush=True)
