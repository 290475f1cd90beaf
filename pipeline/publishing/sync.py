"""The ledger on the shared remote: fetch and replay, push with retry.

When a unit runs more than one publishing server (two clones of one remote: a failover
server, a hosted runner beside the self-hosted hook), the remote's ``main`` is the one
place they meet. Every ledger commit is a single-parent commit signed by the publisher
key, adding whole lines to files of its own run (``ledger/<run>.jsonl``), so a rejected
push is answered by replaying the local ledger commits onto the remote's ``main``
(``git rebase``, signing each replayed commit again) and pushing again: the files never
overlap, the replay never conflicts, and the result is still what the server's
pre-receive rules accept (ledger_trust.py).
"""

from __future__ import annotations

from pipeline import git
from pipeline.errors import GovmediaError
from pipeline.ledger_guard import git_marker
from pipeline.ledger_signing import Signer
from pipeline.project import Project

PUSH_ATTEMPTS = 8
RACE_MARKS = (
    "[rejected]",
    "non-fast-forward",
    "fetch first",
    "cannot lock ref",
    "failed to update ref",
)


class PushRejected(GovmediaError):
    """The remote's ``main`` moved since the last fetch (someone else pushed first)."""


def has_origin(project: Project) -> bool:
    return git.config_get("remote.origin.url", cwd=project.root) is not None


def fetch(project: Project, ref: str = "main") -> None:
    code, _, err = git.run(
        ["fetch", "-q", "--no-tags", "origin", f"+refs/heads/{ref}:refs/remotes/origin/{ref}"],
        cwd=project.root,
        check=False,
    )
    if code != 0:
        raise GovmediaError(
            "无法从远程仓库获取最新的 main（发布台账须与其他发布服务器同步）："
            + err.decode("utf-8", "replace").strip()[:300]
        )


def replay_onto_origin(project: Project, signer: Signer, ref: str = "main") -> None:
    """Put the local commits of ``ref`` after ``origin/<ref>``, each signed again."""
    root = project.root
    upstream = f"refs/remotes/origin/{ref}"
    if git.rev_parse(upstream, cwd=root) is None:
        return
    if git.ok(["merge-base", "--is-ancestor", upstream, git.branch_ref(ref)], cwd=root):
        return  # nothing new on the remote
    with git_marker(project):
        code, _, err = git.run(["rebase", "-q", upstream], cwd=root, env=signer.env(), check=False)
    if code != 0:
        git.run(["rebase", "--abort"], cwd=root, check=False)
        raise GovmediaError(
            f"本地的发布台账提交无法接在远程 {ref} 之后（{err.decode('utf-8', 'replace').strip()[:200]}）："
            "请检查工作目录是否有未提交的改动；台账记录仍在 ledger/ 中，下次运行会再次同步。"
        )


def sync(project: Project, signer: Signer, ref: str = "main") -> None:
    """Fetch the remote's ``ref`` and replay the local ledger commits onto it."""
    fetch(project, ref)
    replay_onto_origin(project, signer, ref)


def push_once(project: Project, ref: str = "main") -> None:
    """Push ``ref``: PushRejected when the remote moved meanwhile (compare-and-swap)."""
    root = project.root
    # a plain push: the remote updates its ref only if it still is what ours descends from
    # (receive-pack compares the old value under its ref lock), never forced
    branch = git.branch_ref(ref)  # a tag of the same name would make the push ambiguous
    args = ["push", "-q", "--porcelain", "origin", f"{branch}:refs/heads/{ref}"]
    code, out, err = git.run(args, cwd=root, check=False)
    text = (out + err).decode("utf-8", "replace")
    if code == 0:
        git.run(["update-ref", f"refs/remotes/origin/{ref}", branch], cwd=root, check=False)
        return
    # rejected as not a fast-forward, or the remote's ref moved between its check and its
    # update (two pushes at once: "cannot lock ref ... but expected ...")
    if any(mark in text for mark in RACE_MARKS):
        raise PushRejected("远程仓库的 main 已被其他发布者更新。")
    lines = [line for line in text.splitlines() if line.strip()]
    raise GovmediaError(
        "发布台账已在本地提交，但推送到远程仓库失败（下次运行会再次推送）："
        + " ".join(lines[-3:])[:300]
    )


def push(project: Project, signer: Signer, ref: str = "main") -> None:
    """Push ``ref``; when someone else pushed first, replay onto theirs and push again."""
    root = project.root
    for _ in range(PUSH_ATTEMPTS):
        local = git.rev_parse(git.branch_ref(ref), cwd=root)
        if git.rev_parse(f"refs/remotes/origin/{ref}", cwd=root) == local:
            return
        try:
            push_once(project, ref)
            return
        except PushRejected:
            sync(project, signer, ref)
    raise GovmediaError(
        f"推送发布台账连续 {PUSH_ATTEMPTS} 次被拒绝（远程仓库不断被更新）：记录已在本地提交，"
        "下次运行会再次推送。"
    )
