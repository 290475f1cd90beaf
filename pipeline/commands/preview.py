"""``govmedia preview POST...``: the post as each platform will receive it, on one local page."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline import git
from pipeline.checking import collect
from pipeline.errors import UsageError
from pipeline.findings import Finding
from pipeline.local_ignore import ignore_output
from pipeline.preview import build_page, last_approved
from pipeline.project import Project, find_project
from pipeline.site.paths import site_url

NAME = "preview"
HELP = "本地预览：文章在微信公众号、微博、客户端上的样子，检查结果与上次审核以来的改动"
DEFAULT_OUT = Path("reports") / "preview"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("posts", nargs="+", metavar="POST", help="要预览的文章文件")
    parser.add_argument(
        "--out", type=Path, default=None, help="输出目录（默认仓库根目录下的 reports/preview/）"
    )


def write_previews(project: Project, paths: list[Path], out: Path) -> list[Path]:
    """One page per post (``<slug>.html`` plus ``<slug>_files/``); returns the pages."""
    root = git.toplevel(project.root) or project.root
    posts, findings = collect(project, paths)
    if not posts:
        bad = "；".join(f"{f.path}:{f.line}: {f.message}" for f in findings[:3])
        raise UsageError(f"没有可预览的文章：{bad or '文件无法读取'}")
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    out.mkdir(parents=True, exist_ok=True)
    ignore_output(out)
    pages = []
    for post in posts:
        text = post.raw.decode("utf-8-sig", "replace")
        baseline = last_approved(root, post.path, post.blob)
        prefix = f"{post.slug}_files"
        page = build_page(
            project.root,
            post,
            text,
            by_path.get(post.path, []),
            baseline,
            site_url=site_url(),
            asset_prefix=prefix,
        )
        target = out / f"{post.slug}.html"
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(page.html, encoding="utf-8")
        if page.assets:
            (out / prefix).mkdir(exist_ok=True)
            for name, data in page.assets.items():
                (out / prefix / name).write_bytes(data)
        tmp.replace(target)
        pages.append(target)
    return pages


def run(args: argparse.Namespace) -> int:
    project = find_project()
    out = args.out if args.out is not None else project.root / DEFAULT_OUT
    pages = write_previews(project, [Path(p) for p in args.posts], out)
    for page in pages:
        print(f"已生成预览：{page}（用浏览器打开）")
    return 0
