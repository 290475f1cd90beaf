"""Unit files a merge on main brought that neither of its parents held (red team 28).

Every command reads the roster, ``accounts.yml``, the rule files and the calendar on main as
they stand: the server let each version through only with its approvals. A hosted forge
runs no pre-receive: a pull request checked before another one was merged (a forge without
"require branches to be up to date") is merged with a clean three-way merge of two approved
versions into a third nobody approved, in the forge's own merge commit, which no check
judges (``merge_result`` refuses it when the check runs after the other merge). Readers
that act on main (the publisher, the archive build, the watch, the report, the inbox) call
:func:`unapproved_merges` or :func:`refusal`: a first-parent merge of
main that changed one of those files to a blob no parent holds is judged like the server
judges a push (the roster by the quorum of the roster before it, any other file by three
stages, approvals that are ancestors of main's tip). Its reviewers can approve the merged
version on main after the fact; until then the reader stops (the watch, the alarm, says so).
A squash or rebase of such requests makes a plain commit, not a merge: after the bootstrap
(main's first ledger record) plain steps are judged too (the roster every time, any other
unit file where it gave the blob main holds now).
"""

from __future__ import annotations

from pathlib import Path

from pipeline import git
from pipeline.content_limits import shown
from pipeline.project import LEDGER_DIR, ROSTER_FILE
from pipeline.review.history import History
from pipeline.review.verify import Target, Verifier, review_roster_step
from pipeline.review.yaml_gate import UNIT_YAML


def _suspects(repo: Path, tip: str) -> list[tuple[git.Step, git.Change]]:
    """(step, change) for every unit file a first-parent merge of ``tip`` changed to a blob
    none of its parents holds, and, after the publisher's first record (the bootstrap's
    end), every plain step that changed the roster or gave a unit file the blob ``tip``
    holds: a forge's squash or rebase of a stale request is such a step (red team 29)."""
    found: list[tuple[git.Step, git.Change]] = []
    steps = git.first_parent_steps([tip], cwd=repo, paths=list(UNIT_YAML))
    after = _after_bootstrap(repo, tip) if any(len(s.parents) == 1 for s in steps) else set()
    current: dict[str, str] = {}
    for step in steps:
        changes = [c for c in step.changes if c.status != "D"]
        if len(step.parents) == 1 and step.oid in after:
            if not current:
                current = {p: b for path in UNIT_YAML for p, b in _tree(repo, tip, path).items()}
            found += [
                (step, c)
                for c in changes
                if c.path == ROSTER_FILE or current.get(c.path) == c.new_blob
            ]
        if len(step.parents) < 2:
            continue
        names = [f"{p}:{c.path}" for c in changes for p in step.parents[1:]]
        held = set(git.cat_file_batch_check(names, cwd=repo).values())
        found += [(step, c) for c in changes if c.new_blob not in held]
    return found


def _tree(repo: Path, tip: str, path: str) -> dict[str, str]:
    return git.ls_tree(tip, path.rstrip("/"), cwd=repo)


def _after_bootstrap(repo: Path, tip: str) -> set[str]:
    """The first-parent commits of ``tip`` after the first one that wrote the publisher's
    ledger: before it, a unit's history is its bootstrap (committed before the hooks, never
    approved, trusted as pushed); after it, every change of main went through the gate."""
    chain = git.out(["rev-list", "--first-parent", tip], cwd=repo).split()
    written = git.out(
        ["rev-list", "--first-parent", "--reverse", tip, "--", LEDGER_DIR + "/"], cwd=repo
    ).split()
    if not written:
        return set()
    return set(chain[: chain.index(written[0])]) if written[0] in chain else set()


def unapproved_merges(repo: Path, tip: str) -> list[str]:
    """Chinese reasons, one per unit file a merge on ``tip``'s first-parent chain brought
    that neither parent held and that has no approvals as the server would judge them."""
    suspects = _suspects(repo, tip)
    if not suspects:
        return []
    history = History.load(repo, [tip])
    reasons = []
    for step, change in suspects:
        parent, blob = step.parents[0], change.new_blob
        if change.path == ROSTER_FILE:
            review = review_roster_step(repo, history, parent, tip, blob)
        else:
            verifier = Verifier(repo, parent, tip, history)
            (review,) = verifier.review([Target(change.path, blob)])
        if not review.publishable and len(step.parents) > 1:
            reasons.append(
                f"合并提交 {step.oid[:10]} 带来的 {shown(change.path)}（blob {blob[:10]}）"
                "两边都没有，是两次修改拼成、未经审核的版本"
            )
        elif not review.publishable:
            reasons.append(
                f"提交 {step.oid[:10]} 带来的 {shown(change.path)}（blob {blob[:10]}）"
                "在 main 上没有审核（压缩合并、变基合并会丢掉审核提交；"
                "两个过期的变更先后压缩合并会拼出无人审核的版本）"
            )
    return reasons


def refusal(repo: Path, tip: str, where: str, action: str) -> str | None:
    """The Chinese refusal of a reader about to ``action`` (发布, 构建存档网站) on ``tip``
    (``where`` names it) while a merge on it brought an unapproved unit file; None: go on."""
    reasons = unapproved_merges(repo, tip)
    if not reasons:
        return None
    heading = (
        f"{where} 上的合并提交带来了未经审核的单位文件，不予{action}"
        f"（请按原规则对合并后的版本补齐审核后再{action}）："
    )
    return "\n".join([heading, *(f"  {reason}" for reason in reasons)])


def checkout_refusal(root: Path, where: str, action: str) -> str | None:
    """:func:`refusal` for the commit checked out in ``root`` (the archive build and the
    report read main's files from its working tree); None outside a git repository."""
    tip = git.rev_parse("HEAD", cwd=root)
    return refusal(root, tip, where, action) if tip else None


def checkout_reasons(root: Path) -> list[str]:
    """:func:`unapproved_merges` of the commit checked out in ``root`` (the archive build
    and the watch read main's files from its working tree); none outside a git repository."""
    tip = git.rev_parse("HEAD", cwd=root)
    return unapproved_merges(root, tip) if tip else []
