"""``govmedia status``: the editor's checklist for the current branch (第十五条)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import git
from pipeline.checking import collect
from pipeline.commands.preview import DEFAULT_OUT, write_previews
from pipeline.content_limits import shown
from pipeline.errors import UsageError
from pipeline.findings import Finding
from pipeline.project import Project, find_project
from pipeline.review import boundary, claim_dates, foreign, merge_result, names, roster_steps
from pipeline.review.approve_replies import page_lines
from pipeline.review.findings_at import warning_lines, warning_rules
from pipeline.review.push_sizes import branch_oversized
from pipeline.review.report import stage_line
from pipeline.review.shallow import is_shallow, shallow_message
from pipeline.review.verify import (
    POST_VALID,
    TARGET_BRANCH,
    base_and_tip,
    verify_range,
)
from pipeline.unit_time import unit_zone

if TYPE_CHECKING:
    from pipeline.interaction.check import OnPage

NAME = "status"
HELP = "当前分支的审核清单：每篇改动的文章还差哪一审"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--preview",
        action="store_true",
        help="同时为每篇改动的文章生成本地预览页（reports/preview/，见 govmedia preview）",
    )


def run(args: argparse.Namespace) -> int:
    project = find_project()
    root = git.toplevel(project.root)
    if root is None:
        raise UsageError(f"{project.root} 不是 git 仓库。")
    branch = git.current_branch(root) or "（分离的 HEAD）"
    if is_shallow(root):  # its edge cuts the stages done: no count at all (round 25)
        print(shallow_message(NAME, "不列出审核清单，也不统计已完成的审核"))
        return 0
    base, tip = base_and_tip(root)  # main's tip read once: claims and refusals alike
    too_large = branch_oversized(root, base)  # before anything of the branch is read
    if too_large:
        print(f"分支 {branch} 中有文件或提交过大，无法列出审核清单：")
        print("\n".join(f"- {reason}" for reason in too_large))
        return 0
    # main's tip as last fetched judges the claims too, as verify and approve do (round 35)
    reviews = verify_range(root, base, "HEAD", main=tip)
    posts = [r.path for r in reviews if r.kind == "post" and (root / r.path).is_file()]
    found = _findings(project, posts)
    pages = _interaction_findings(
        root, [r.path for r in reviews if (root / r.path).is_file()], found
    )
    zone = unit_zone(root)
    against = f"相对 {TARGET_BRANCH}（{base[:10]}）" if base else "（没有目标分支，列出全部文章）"
    print(f"分支 {branch} {against}：{len(reviews)} 篇新增或修改的文章")
    outside = _refusals(root, base, tip)
    if outside:  # the server and the forges' required check refuse these whatever the stages
        print(f"\n✗ 分支中有 {TARGET_BRANCH} 不接受的修改，合并前请去掉（审核签名不能放行）：")
        print("\n".join(f"  - {reason}" for reason in outside))
    for review in reviews:
        findings = found.get(review.path, [])
        errors = sum(f.severity == "error" and f.waived is None for f in findings)
        path = shown(review.path)  # a name the branch chose: shown, never obeyed
        print(f"\n{path}  {_mark(review.publishable, errors)}")
        for result in review.stages:
            print(stage_line(result, zone))
        todo = review.problems()
        for line in page_lines([p for p in pages if p.path == review.path]):
            print(f"  {line}")
        for line in warning_lines(findings):
            print(line)
        if errors:
            command = "govmedia check" if review.kind == "post" else "govmedia inbox check"
            print(f"  下一步：先修正 {errors} 个错误（{command} {path}），修正前不能审核")
        elif any(p.code == POST_VALID for p in todo):
            print(f"  下一步：先修正文章格式（govmedia check {path}），修正前不能审核")
        elif todo:
            stage = next((p.stage for p in todo if p.stage in (1, 2, 3)), 1)
            rules = warning_rules(findings)
            ack = f" --ack {','.join(rules)}" if rules else ""
            if rules:
                print(f"  审核人须先阅读上面的警告（{len(rules)} 条规则），确认后才能签名。")
            print(f"  下一步：请审核人运行 govmedia approve {path} --stage {stage}{ack}")
    if args.preview and posts:
        print()
        for page in write_previews(project, [root / p for p in posts], project.root / DEFAULT_OUT):
            print(f"已生成预览：{page}（用浏览器打开）")
    return 0


def _mark(publishable: bool, errors: int) -> str:
    """The post's line: approved and publishable only when the check finds no error too,
    since the server re-runs the check and refuses an error whatever the approvals."""
    if not publishable:
        return "✗ 尚未完成三审"
    if errors:
        return f"✗ 三审签名已齐，但检查有 {errors} 个错误：服务器会拒绝合并，修正后须重新审核"
    return "✓ 已完成三审，合并后即可发布"


def _interaction_findings(
    root: Path, paths: list[str], found: dict[str, list[Finding]]
) -> list[OnPage]:
    """The findings of the replies, hide orders and reposts among ``paths`` added to
    ``found`` (their warnings need the reviewer's acknowledgement as a post's do); what the
    public answers page will show of them."""
    from pipeline.interaction.check import check_and_show
    from pipeline.interaction.replies import is_interaction_path
    from pipeline.interaction.reposts import is_repost_path

    chosen = [p for p in paths if is_interaction_path(p) or is_repost_path(p)]
    if not chosen:
        return []
    findings, pages = check_and_show(root, chosen)
    for finding in findings:
        found.setdefault(finding.path, []).append(finding)
    return pages


def _findings(project: Project, paths: list[str]) -> dict[str, list[Finding]]:
    """Per post, its ``govmedia check`` findings (errors refuse an approval, warnings need
    the reviewer's acknowledgement)."""
    if not paths:
        return {}
    _, findings = collect(project, [project.root / p for p in paths])
    result: dict[str, list[Finding]] = {}
    for finding in findings:
        result.setdefault(finding.path, []).append(finding)
    return result


def _refusals(root: Path, base: str | None, tip: str | None) -> list[str]:
    """What the server and the forges' required check refuse of merging HEAD on ``base``,
    whatever the stages: a commit of another history, a roster step its previous roster did
    not approve, a path outside the boundary, a name the server refuses, a file the merge
    with main's tip would give a blob nobody approved (main changed it too: merge main
    first and have the merged version approved); a claim dated after the clock or before
    its parents (``claim_dates``)."""
    head = git.rev_parse("HEAD", cwd=root) if base else None
    if not base or not head:
        return []
    return [
        *foreign.range_problems(root, base, head),
        *roster_steps.range_problems(root, base, head),
        *boundary.range_problems(root, base, head),
        *names.range_problems(root, base, head),
        *(merge_result.merge_problems(root, tip, head) if tip else []),
        *claim_dates.range_problems(root, base, head),
    ]
