"""``govmedia preview POST...``: the post as each platform will receive it, on one local page."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline import atomic_file, git
from pipeline.checking import collect
from pipeline.errors import UsageError
from pipeline.findings import Finding
from pipeline.local_ignore import ignore_output, refuse_linked
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
    _refuse_links(root, out)
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
        if page.assets:
            _refuse_links(root, out / prefix)
            (out / prefix).mkdir(exist_ok=True)
            for name, data in page.assets.items():
                atomic_file.write_bytes(out / prefix / name, data, mode=0o644)
        atomic_file.write_text(target, page.html, mode=0o644)
        pages.append(target)
    return pages


def _refuse_links(root: Path, folder: Path) -> None:
    """Refuse to write into ``folder`` when a folder of the work tree ``root`` on its way is
    a link (a branch may track one: ``local_ignore.refuse_linked``)."""
    hint = "请删除它，或用 --out 指定工作区之外的目录。"
    refuse_linked(root, folder, "预览输出目录", hint)


def run(args: argparse.Namespace) -> int:
    project = find_project()
    out = args.out if args.out is not None else project.root / DEFAULT_OUT
    pages = write_previews(project, [Path(p) for p in args.posts], out)
    for page in pages:
        print(f"已生成预览：{page}（用浏览器打开）")
    return 0
