"""Server side of the 三审制: the ``pre-receive`` hook of a self-hosted bare repository.

Run as ``python -m pipeline.review.server pre-receive`` by ``hooks/pre-receive`` (installed
with ``govmedia install-hooks``). For an update of the target branch it refuses:
deleting it, rewriting it (non-fast-forward), and any new or changed post — or roster —
without the approvals that ``verify_range`` requires, judged by the branch's roster before
the push. Other branches (editors' working branches) are accepted as they are.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline import git
from pipeline.errors import GovmediaError
from pipeline.review.report import stage_line
from pipeline.review.verify import TARGET_BRANCH, verify_range

TARGET_REF = f"refs/heads/{TARGET_BRANCH}"


def check_update(repo: Path, old: str, new: str, ref: str) -> list[str]:
    """Chinese reasons to refuse one ref update (empty: accept)."""
    if ref != TARGET_REF:
        return []
    if new == git.ZERO_OID:
        return [f"不允许删除 {TARGET_BRANCH} 分支。"]
    base: str | None = None
    if old != git.ZERO_OID:
        if not git.is_ancestor(old, new, cwd=repo):
            return [
                f"不允许改写 {TARGET_BRANCH} 的历史（非快进推送，{old[:10]} → {new[:10]}）："
                "已发布内容的审核记录必须保留。"
            ]
        base = old
    reasons: list[str] = []
    for review in verify_range(repo, base, new):
        if review.publishable:
            continue
        what = "名册修改" if review.path.endswith("roster.yml") else "文章"
        reasons.append(f"{what} {review.path}（blob {review.blob[:10]}）未完成审核：")
        reasons.extend(stage_line(s) for s in review.problems())
    return reasons


def pre_receive(repo: Path, lines: Sequence[str]) -> int:
    refusals: list[str] = []
    for line in lines:
        parts = line.split()
        if len(parts) != 3:
            continue
        old, new, ref = parts
        try:
            refusals.extend(check_update(repo, old, new, ref))
        except GovmediaError as exc:
            refusals.append(f"{ref}：{exc}")
    if not refusals:
        return 0
    print(f"govmedia：拒绝推送到 {TARGET_BRANCH}（三审制，第十五条）：", file=sys.stderr)
    for reason in refusals:
        print(reason if reason.startswith("  ") else f"- {reason}", file=sys.stderr)
    print(
        "请在分支上完成三审（govmedia status 查看清单，govmedia approve 审核）后再合并推送。",
        file=sys.stderr,
    )
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    hook = args[0] if args else "pre-receive"
    if hook != "pre-receive":
        print(f"govmedia：未知的钩子「{hook}」。", file=sys.stderr)
        return 2
    repo = Path.cwd()
    return pre_receive(repo, sys.stdin.read().splitlines())


if __name__ == "__main__":
    raise SystemExit(main())
