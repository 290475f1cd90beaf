"""``govmedia status``: the editor's checklist for the current branch (第十五条)."""

from __future__ import annotations

import argparse

from pipeline import git
from pipeline.errors import UsageError
from pipeline.project import find_project
from pipeline.review.report import stage_line
from pipeline.review.verify import TARGET_BRANCH, default_base, verify_range

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
    against = f"相对 {TARGET_BRANCH}（{base[:10]}）" if base else "（没有目标分支，列出全部文章）"
    print(f"分支 {branch} {against}：{len(reviews)} 篇新增或修改的文章")
    for review in reviews:
        mark = "✓ 已完成三审，合并后即可发布" if review.publishable else "✗ 尚未完成三审"
        print(f"\n{review.path}  {mark}")
        for result in review.stages:
            print(stage_line(result))
        todo = review.problems()
        if todo:
            stage = todo[0].stage
            print(f"  下一步：请审核人运行 govmedia approve {review.path} --stage {stage}")
    return 0
