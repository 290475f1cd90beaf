"""``govmedia verify``: review state of the posts changed between base and head (第十五条)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline import git
from pipeline.errors import GovmediaError, UsageError
from pipeline.findings import Finding
from pipeline.project import find_project
from pipeline.review import boundary, claim_dates, foreign, merge_result, names, roster_steps
from pipeline.review.acks import Ack, acks_by_commit
from pipeline.review.content_gate import content_problems
from pipeline.review.findings_at import findings_at, warning_lines
from pipeline.review.publisher_steps import range_problems
from pipeline.review.push_limits import ServerSettings
from pipeline.review.push_sizes import branch_oversized
from pipeline.review.report import (
    CLAIM_DATES,
    CONTENT,
    FOREIGN_HISTORY,
    FORMATS,
    MERGE_RESULT,
    NAMES,
    OUTSIDE_CONTENT,
    PUBLISHER_RECORDS,
    ROSTER_STEPS,
    UNIT_YAML,
    has_findings,
    refusals,
    render,
)
from pipeline.review.shallow import refuse_shallow
from pipeline.review.verify import base_and_tip, resolve_rev, target_tip, verify_range
from pipeline.review.yaml_gate import yaml_problems
from pipeline.unit_time import unit_zone

NAME = "verify"
HELP = "核验三审：列出 base 到 head 之间新增或修改的文章的审核状态（全部可发布时退出码 0）"
# The server's refusals beyond the reviews, in the order ``_refused`` and ``_content`` give
# them: a commit of another history (an orphan root carrying records of its own), a roster
# step its previous roster did not approve (restored before the head or not), a path outside
# the reviewed and publisher-written ones, a name a Windows or macOS clone reads as another
# file, a unit YAML file no command could read, a record only the publisher writes forged in
# a step, an approved text the content check refuses (signed by hand, ``approve`` never ran;
# reposts and replies, which ``govmedia check`` does not read); a file the forge's merge
# with main's tip would give a blob nobody approved (main changed it after the merge base);
# a commit dated after the clock, a claim before its parents (``claim_dates``).
REFUSED = (
    FOREIGN_HISTORY,
    ROSTER_STEPS,
    OUTSIDE_CONTENT,
    NAMES,
    UNIT_YAML,
    PUBLISHER_RECORDS,
    MERGE_RESULT,
    CLAIM_DATES,
    CONTENT,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base", help="目标分支变更前的提交（默认：HEAD 与 main 的合并基点；其名册为准）"
    )
    parser.add_argument("--head", default="HEAD", help="要核验的提交（默认 HEAD）")
    parser.add_argument("--format", choices=FORMATS, default="text", help="输出格式")


def run(args: argparse.Namespace) -> int:
    project = find_project()
    root = git.toplevel(project.root)
    if root is None:
        raise UsageError(f"{project.root} 不是 git 仓库。")
    refuse_shallow(root, NAME, "不作结论（既不判为通过，也不判为未通过）")
    base, tip = (args.base, target_tip(root)) if args.base else base_and_tip(root, args.head)
    resolve_rev(root, args.head)  # an unknown head is named before git is asked its sizes
    too_large = branch_oversized(root, base, args.head)  # before anything of it is read
    if too_large:
        raise GovmediaError("\n".join([f"{args.head} 中有文件或提交过大，不能核验：", *too_large]))
    # main's tip as last fetched, read once (with the base): the claims, the server's
    # refusals and the content are all judged by the same tip, whatever base the branch
    # started from
    tip = tip if base else None
    reviews = verify_range(root, base, args.head, main=tip)
    warnings: dict[str, list[str]] = {}
    found: dict[str, list[Finding]] = {}
    acks: dict[str, list[Ack]] = {}
    if args.format in ("text", "json"):
        checked = [r.path for r in reviews if has_findings(r)]
        found = findings_at(project, args.head, checked)
        warnings = {path: warning_lines(findings) for path, findings in found.items()}
    if args.format == "json":
        acks = acks_by_commit(root, (s.commit for r in reviews for s in r.stages))
    text = render(reviews, args.format, warnings, unit_zone(root), findings=found, acks=acks)
    if text:
        print(text)
    # what the server's pre-receive refuses beyond the reviews (``REFUSED``): the hosted
    # forges' required check has no server behind it
    refused = _refused(root, base, args.head, tip)
    refused.append(_content(root, base, args.head, tip, {r.path for r in reviews if r.publishable}))
    github = args.format == "github"
    for problems, kind in zip(refused, REFUSED, strict=True):
        if problems:
            print(refusals(problems, args.format, kind), file=sys.stdout if github else sys.stderr)
    return 0 if all(r.publishable for r in reviews) and not any(refused) else 1


def _refused(root: Path, base: str | None, head: str, tip: str | None) -> list[list[str]]:
    """The server's own refusals of merging ``head`` on top of ``base`` (none without a
    base: nothing is merged): foreign history, roster steps, paths, names, unreadable unit
    YAML files, the publisher's records; the files the merge with main's tip as last
    fetched (``tip``) would give a blob nobody approved (``merge_result``, red team 28);
    claims dated out of their place (``claim_dates``, red team 32)."""
    if not base:
        return [[], [], [], [], [], [], [], []]
    base_oid, head_oid = resolve_rev(root, base), resolve_rev(root, head)
    return [
        foreign.range_problems(root, base_oid, head_oid),
        roster_steps.range_problems(root, base_oid, head_oid),
        boundary.range_problems(root, base_oid, head_oid),
        _names(root, base_oid, head_oid, tip),
        yaml_problems(root, base_oid, head_oid),
        range_problems(root, base_oid, head_oid),
        merge_result.merge_problems(root, tip, head_oid) if tip else [],
        claim_dates.range_problems(root, base_oid, head_oid),
    ]


def _names(root: Path, base: str, head: str, tip: str | None) -> list[str]:
    """The server's rules on names, for the head from ``base`` and for the forge's merge
    with main's ``tip`` (a slug or a name that collides only with a file main gained after
    the merge base, which the server refuses when the merge is pushed)."""
    problems = names.range_problems(root, base, head)
    merged = merge_result.merge_commit(root, tip, head) if tip else None
    if merged is not None and tip is not None:
        problems += [p for p in names.range_problems(root, tip, merged) if p not in problems]
    return problems


def _content(
    root: Path, base: str | None, head: str, tip: str | None, approved: set[str]
) -> list[str]:
    """The server's content check of the approved posts, reposts and replies ``head``
    brings, by main's rule files and posts at its ``tip`` as last fetched (never the merge
    base: a branch from an older main would be judged without the unit's newer rules, red
    team 34), in a child within the push limits (the runner's environment may set them, as
    ``govmedia.env`` does on a server)."""
    if not base:
        return []
    settings = ServerSettings(dict(os.environ), {})
    old = resolve_rev(root, base)
    # main's tip judges, not the merge base the branch chose by where it started (red team 34)
    main = tip or old
    return content_problems(root, old, resolve_rev(root, head), settings, approved, main)
