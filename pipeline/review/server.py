"""Server side of the 三审制: the ``pre-receive`` hook of a self-hosted bare repository.

Run by ``hooks/pre-receive`` (installed with ``govmedia install-hooks``). Every path of the
unit's repository is of one of three kinds (DESIGN.md, "Trust boundary"):

- **reviewed** — everything under ``content/``: lands on main only with the approvals its
  policy asks for (``verify``), judged by the roster in force before the change;
- **publisher-written** — ``ledger/``: only commits signed by a publisher key of the roster
  (``ledger_trust``); ``interaction/`` (the inbox of citizens' comments) likewise, append-only
  (``interaction.trust``);
- **refused** — anything else (code, hooks, site configuration, workflows), symlinks and
  submodules anywhere, and every ref but a branch. The path rule is ``boundary``'s, which
  ``govmedia verify`` (the hosted forges' required check) applies too.

For an update of main, every first-parent commit that the push adds is judged on its own:
its parent must be the previous one (the old tip first: no rewrite, no orphan merge), a
roster change needs the quorum of the roster just before it, nothing may be deleted under
``content/``. The reviewed files the push changes are then judged at the new tip.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline import git
from pipeline.content_limits import shown
from pipeline.errors import GovmediaError
from pipeline.review import boundary, claim_dates, names, publisher_steps, roster_steps
from pipeline.review.content_gate import content_problems
from pipeline.review.foreign import foreign_problems
from pipeline.review.history import History
from pipeline.review.push_limits import (
    ServerSettings,
    count_problems,
    read_problems,
    refs_problems,
)
from pipeline.review.push_sizes import oversized, oversized_commits, read_total
from pipeline.review.report import stage_line
from pipeline.review.verify import (
    TARGET_BRANCH,
    TARGET_REF,
    verify_range,
)
from pipeline.review.yaml_gate import yaml_problems

BRANCH_PREFIX = "refs/heads/"
# A branch name an editor may push: no hidden namespaces, nothing git could mistake for a ref.
_BRANCH_RE = re.compile(r"^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9._/\u4e00-\u9fff-]*$")


def check_ref_name(ref: str) -> list[str]:
    """Refuse every ref the pipeline does not use: only branches (``refs/heads/<name>``)."""
    if not ref.startswith(BRANCH_PREFIX):
        return [
            f"不接受推送 {ref}：服务器只接受分支（refs/heads/*）；标签、refs/replace、"
            "refs/notes 等其他引用一律拒绝。"
        ]
    name = ref.removeprefix(BRANCH_PREFIX)
    parts = name.split("/")
    if (
        not _BRANCH_RE.match(name)
        or name in ("HEAD", "FETCH_HEAD", "ORIG_HEAD")
        or "refs" in parts
        or any(p.startswith(".") or p.endswith(".lock") or not p for p in parts)
        or ".." in name
    ):
        return [f"不接受分支名「{name}」：请使用普通分支名（如 post/yanshi-fuwu）。"]
    return []


def _first_parent_steps(repo: Path, old: str, new: str) -> tuple[list[git.Step], list[str]]:
    """The push's first-parent commits, oldest first, or the reasons it rewrites main."""
    steps = git.first_parent_steps([f"{old}..{new}"], cwd=repo)
    if not steps or not steps[0].parents or steps[0].parents[0] != old:
        return [], [
            f"不允许改写 {TARGET_BRANCH} 的历史（{old[:10]} → {new[:10]}）：新提交的第一父提交链"
            f"必须经过原来的 {TARGET_BRANCH}（不接受非快进推送、以孤立分支为第一父提交的合并）。"
        ]
    return steps, []


def check_main(repo: Path, old: str, new: str, settings: ServerSettings) -> list[str]:
    """Chinese reasons to refuse an update of main from ``old`` to ``new`` (empty: accept);
    ``settings``: the server's, read once for the push."""
    if new == git.ZERO_OID:
        return [f"不允许删除 {TARGET_BRANCH} 分支。"]
    if old == git.ZERO_OID:
        return []  # the bootstrap: the unit's first main, pushed before the hooks guard it
    if not git.is_ancestor(old, new, cwd=repo):
        return [
            f"不允许改写 {TARGET_BRANCH} 的历史（非快进推送，{old[:10]} → {new[:10]}）："
            "已发布内容的审核记录必须保留。"
        ]
    reasons = count_problems(repo, old, new, settings)  # before anything reads a commit or a blob
    if reasons:
        return reasons
    reasons = oversized_commits(repo, old, new)
    if reasons:
        return reasons
    steps, reasons = _first_parent_steps(repo, old, new)
    if reasons:
        return reasons
    reasons = oversized(repo, steps) or read_problems(
        read_total(repo, [f"{old}..{new}"], steps), settings
    )
    if reasons:
        return reasons
    history = History.load(repo, [new])
    reasons.extend(foreign_problems(repo, history, old, new))
    reasons.extend(claim_dates.date_problems(repo, history, old, new))
    for step in steps:
        reasons.extend(boundary.change_problems(step.changes, f"提交 {step.oid[:10]}："))
        reasons.extend(publisher_steps.step_problems(repo, step))
        reasons.extend(roster_steps.step_problems(repo, history, step, new))
    reasons.extend(names.range_problems(repo, old, new))
    reasons.extend(yaml_problems(repo, old, new))
    approved: set[str] = set()
    for review in verify_range(repo, old, new, history=history):
        if review.publishable:
            approved.add(review.path)
        if review.publishable or review.kind == "roster":
            continue
        what = {"post": "文章", "file": "文件", "reply": "回复或隐藏指令"}.get(review.kind, "文件")
        reasons.append(f"{what} {shown(review.path)}（blob {review.blob[:10]}）未完成审核：")
        reasons.extend(stage_line(s) for s in review.problems())
    # only what its approvals would let through: an unapproved post is refused for that alone
    reasons.extend(content_problems(repo, old, new, settings, approved))
    return reasons


def _branch_collisions(repo: Path, ref: str) -> list[str]:
    """A new branch may not differ from another (main above all) only by case, nor be a
    folder or file of one in another case: in a clone on Windows or macOS the two are one
    file, so ``Main`` pushed by anyone would become a reviewer's ``origin/main``, the base
    that ``approve`` and ``verify`` judge the change against."""
    name = ref.removeprefix(BRANCH_PREFIX).casefold()
    _, out, _ = git.run(["for-each-ref", "--format=%(refname)", BRANCH_PREFIX], cwd=repo)
    for other in {*out.decode("utf-8", "replace").split(), TARGET_REF} - {ref}:
        folded = other.removeprefix(BRANCH_PREFIX).casefold()
        if folded == name or name.startswith(folded + "/") or folded.startswith(name + "/"):
            return [
                f"不接受分支名「{ref.removeprefix(BRANCH_PREFIX)}」：与已有分支"
                f"「{other.removeprefix(BRANCH_PREFIX)}」只有大小写不同，在 Windows、macOS "
                "的克隆中会互相覆盖（包括审核所依据的 main）；请换一个分支名。"
            ]
    return []


def check_update(repo: Path, old: str, new: str, ref: str, settings: ServerSettings) -> list[str]:
    """Chinese reasons to refuse one ref update (empty: accept)."""
    reasons = check_ref_name(ref)
    if reasons:
        return reasons
    if ref != TARGET_REF:
        # editors' working branches: judged when they reach main
        return _branch_collisions(repo, ref) if old == git.ZERO_OID else []
    return check_main(repo, old, new, settings)


# Set by git for the hooks of a push from a shallow clone (receive-pack): the edges it names.
SHALLOW_ENV = "GIT_SHALLOW_FILE"
MAX_EDGES = 10_000


def cut_edges(repo: Path, edges: Sequence[str]) -> list[str]:
    """The edges whose commit the server lacks or that name a parent it lacks: where the
    history would be cut. An honest shallow clone's edge is a commit of main, whole here.
    Two batch reads, whatever the number of edges: the commits, then all their parents."""
    found = git.cat_file_batch(list(edges), cwd=repo)
    parents_of: dict[str, list[str]] = {}
    for edge in edges:
        kind, raw = found.get(edge, ("", b""))
        head = raw.split(b"\n\n", 1)[0].decode("utf-8", "replace").splitlines()
        if kind == "commit":
            parents_of[edge] = [ln.split(" ", 1)[1] for ln in head if ln.startswith("parent ")]
    every = sorted({p for parents in parents_of.values() for p in parents})
    held = git.cat_file_batch_check(every, cwd=repo) if every else {}
    return [e for e in edges if e not in parents_of or any(p not in held for p in parents_of[e])]


SHALLOW_REFUSAL = (
    "不接受这次推送：推送的提交所依据的父提交服务器上没有（浅克隆的边界或不存在的提交），"
    "接受会使服务器仓库成为浅仓库、历史在推送者指定处截断。"
    "请在完整的克隆中（git fetch --unshallow）基于 main 重新提交后推送。"
)


def shallow_problems(repo: Path, edges_file: str | None) -> list[str]:
    """A push whose commits name parents the server does not hold (a shallow clone's edge,
    or parents made up) is taken by git only under ``receive.shallowUpdate``, a setting of
    the server's configuration at any level; taken, it made the server's repository
    shallow, its history cut where the pusher said, and every fresh clone of it a shallow
    clone that the desk's commands refuse. No honest push needs it: the server holds the
    whole history a branch of main starts from."""
    if not edges_file:
        return []
    try:
        edges = Path(edges_file).read_text(encoding="ascii", errors="replace").split()
    except OSError:  # git named a file of edges the hook cannot read: not known to be whole
        return [SHALLOW_REFUSAL]
    return [SHALLOW_REFUSAL] if len(edges) > MAX_EDGES or cut_edges(repo, edges) else []


def pre_receive(repo: Path, lines: Sequence[str], *, shallow: str | None = None) -> int:
    """``shallow``: the file of a shallow clone's edges git hands the hook (``SHALLOW_ENV``)."""
    updates = [line for line in lines if len(line.split()) == 3]
    settings = ServerSettings.read(repo)  # once per push: every check asks its limits of it
    try:
        refusals = shallow_problems(repo, shallow) or refs_problems(settings, len(updates))
    except GovmediaError as exc:
        refusals = [str(exc)]
    for line in [] if refusals else updates:
        old, new, ref = line.split()
        try:
            refusals.extend(check_update(repo, old, new, ref, settings))
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
    shallow = os.environ.get(SHALLOW_ENV)
    return pre_receive(repo, sys.stdin.read().splitlines(), shallow=shallow)


if __name__ == "__main__":
    from pipeline.error_handler import guarded

    raise SystemExit(guarded(main, ["pipeline.review.server", *sys.argv[1:]]))
