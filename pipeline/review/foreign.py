"""Commits of another history: what main never takes in, from a push or a pull request.

Every commit a change brings must belong to this repository (``History.in_repository`` of
main's tip before the change): it descends from main's first commit, and every root commit
of its ancestry is one of main's. Another repository's commit has its own first commit;
one of a branch there that merged our main still has theirs, brought in with it.

The server's pre-receive refuses such a push; ``govmedia verify``, the hosted forges'
required check, refuses such a pull request (red team 27): a head whose first-parent chain
starts at a root of its own (``git checkout --orphan``, then a merge of main) can carry
records only the publisher writes in that root commit, which has no parent to be judged
against, and a forge that merges by fast-forward makes it main's first commit, the
bootstrap every reader of ``ledger/`` and ``interaction/`` trusts as pushed.
"""

from __future__ import annotations

from pathlib import Path

from pipeline import git
from pipeline.review.history import History
from pipeline.review.verify import TARGET_BRANCH


def foreign_problems(repo: Path, history: History, old: str, new: str) -> list[str]:
    """One Chinese reason when a commit of ``old..new`` does not belong to ``old``'s
    repository (``history`` must reach ``new``), naming the first and counting them."""
    added = git.out(["rev-list", "--topo-order", "--reverse", f"{old}..{new}", "--"], cwd=repo)
    foreign = [oid for oid in added.split() if not history.in_repository(old, oid)]
    if not foreign:
        return []
    first = history.root(old)
    return [
        f"提交 {foreign[0][:10]}（共 {len(foreign)} 个）不属于本仓库的历史：它不以 {TARGET_BRANCH} 的"
        f"第一个提交 {first[:10]} 为祖先，或合并了另一段无关的历史（例如其他单位的仓库）。"
        f"{TARGET_BRANCH} 不接受无关的历史，其中的审核、撤稿、撤回在本仓库也不算；"
        f"请在从 {TARGET_BRANCH} 开始的分支上提交并审核。"
    ]


def range_problems(repo: Path, base: str, head: str) -> list[str]:
    """``foreign_problems`` of a pull request: ``head`` judged against ``base``, its merge
    base with main."""
    return foreign_problems(repo, History.load(repo, [head]), base, head)
