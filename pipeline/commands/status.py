"""``govmedia status``: the editor's checklist for the current branch (第十五条)."""

from __future__ import annotations

import argparse

from pipeline import git
from pipeline.commands.check import collect
from pipeline.errors import UsageError
from pipeline.project import Project, find_project
from pipeline.review.report import stage_line
from pipeline.review.verify import POST_VALID, TARGET_BRANCH, default_base, verify_range

NAME = "status"
HELP = "当前分支的审核清单：每篇改动的文章还差哪一审"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


def run(args: argparse.Namespace) -> int:
    del args
    project = find_project()
    root = git.toplevel(project.root)
    if root is None:
        raise UsageError(f"{project.root} 不是 git 仓库。")
    branch = git.current_branch(root) or "（分离的 HEAD）"
    base = default_base(root)
    reviews = verify_range(root, base, "HEAD")
    posts = [r.path for r in reviews if r.kind == "post" and (root / r.path).is_file()]
    blocking = _blocking_errors(project, posts)
    against = f"相对 {TARGET_BRANCH}（{base[:10]}）" if base else "（没有目标分支，列出全部文章）"
    print(f"分支 {branch} {against}：{len(reviews)} 篇新增或修改的文章")
    for review in reviews:
        mark = "✓ 已完成三审，合并后即可发布" if review.publishable else "✗ 尚未完成三审"
        print(f"\n{review.path}  {mark}")
        for result in review.stages:
            print(stage_line(result))
        todo = review.problems()
        errors = blocking.get(review.path, 0)
        if errors:
            print(
                f"  下一步：先修正 {errors} 个错误（govmedia check {review.path}），修正前不能审核"
            )
        elif any(p.code == POST_VALID for p in todo):
            print(f"  下一步：先修正文章格式（govmedia check {review.path}），修正前不能审核")
        elif todo:
            stage = next((p.stage for p in todo if p.stage in (1, 2, 3)), 1)
            print(f"  下一步：请审核人运行 govmedia approve {review.path} --stage {stage}")
    return 0


def _blocking_errors(project: Project, paths: list[str]) -> dict[str, int]:
    """Per post, the number of ``govmedia check`` errors that would refuse an approval."""
    if not paths:
        return {}
    _, findings = collect(project, [project.root / p for p in paths])
    counts: dict[str, int] = {}
    for finding in findings:
        if finding.severity == "error" and finding.waived is None:
            counts[finding.path] = counts.get(finding.path, 0) + 1
    return counts
