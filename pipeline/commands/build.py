"""``govmedia build``: the public archive site."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from pipeline import argtypes
from pipeline.project import find_project

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
    parser.add_argument(
        "--serve",
        action="store_true",
        help="常驻构建进程：一次性加载构建所需的模块，此后本仓库的 govmedia build 交给它完成"
        "（仅限本用户；结果与直接构建相同）",
    )


def run(args: argparse.Namespace) -> int:
    project = find_project()
    out = args.out if args.out.is_absolute() else (Path.cwd() / args.out)
    if args.serve:
        from pipeline.site.resident_server import serve

        return serve(project, out, _progress)
    built = None if args.full else _resident(project.root, out)
    if built is None:
        from pipeline.site.build import build_site

        result = build_site(project, out, _progress, incremental=not args.full)
        built = (result.out, result.pages)
    _done(*built)
    return 0


def _resident(root: Path, out: Path) -> tuple[Path, int] | None:
    """The site built by the resident builder, or None (then built here)."""
    from pipeline.site.resident_client import ask

    answer = ask(root, out, _progress)
    if answer is None:
        return None
    if answer.usage:
        cpu = answer.usage.get("child_cpu", 0) + answer.usage.get("parent_cpu", 0)
        peak = answer.usage.get("child_peak_kib", 0) / 1024
        _progress(f"常驻构建进程本次 CPU {cpu:.3f} s，峰值内存 {peak:.0f} MiB。")
    if answer.out is None:
        _progress(f"常驻构建进程未完成本次构建（{answer.problem}），改为直接构建。")
        return None
    return answer.out, answer.pages


def _done(out: Path, pages: int) -> None:
    print(f"站点已生成：{out}（{pages} 个页面）")
    python = shlex.quote(sys.executable)
    print(
        "浏览（站内搜索需要通过 http 打开）："
        f"{python} -m http.server --bind 127.0.0.1 --directory {shlex.quote(str(out))} 8000"
        "，然后在浏览器中打开 http://127.0.0.1:8000/"
    )
    print(f"直接打开 {out / 'index.html'}（file://）也能浏览，但站内搜索不可用。")


def _progress(message: str) -> None:
    print(f"govmedia build：{message}", file=sys.stderr, flush=True)
