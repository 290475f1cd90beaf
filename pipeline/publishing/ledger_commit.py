"""The ledger's git side of every run: one run at a time per repository, the signed ledger
commit, and its push (with replay onto the remote when another server pushed first)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from pipeline import filelock, git, ledger_guard
from pipeline.errors import GovmediaError
from pipeline.ledger_signing import Signer
from pipeline.project import Project
from pipeline.publishing import sync


@contextlib.contextmanager
def run_lock(project: Project) -> Iterator[None]:
    """One publishing run per repository at a time (a hook rerun waits for the previous)."""
    directory = git.git_dir(project.root) or project.root
    with filelock.exclusive(directory / "govmedia-publish.lock"):
        yield


def push_ledger(project: Project, ref: str = "main", signer: Signer | None = None) -> None:
    """Push ``ref`` to origin when it is ahead (the ledger commits of this and earlier runs).

    With ``signer``, a push rejected because another server pushed first is replayed onto
    the remote's ``ref`` and pushed again (sync.py)."""
    root = project.root
    if signer is not None:
        sync.fetch(project, ref)
        sync.replay_onto_origin(project, signer, ref)
        sync.push(project, signer, ref)
        return
    branch = git.branch_ref(ref)  # never a tag of the same name (nor ``origin/<ref>``'s)
    ahead = git.out(
        ["rev-list", "--count", f"refs/remotes/origin/{ref}..{branch}"], cwd=root, check=False
    ).strip()
    if ahead == "0":
        return
    code, _, err = git.run(["push", "-q", "origin", f"{branch}:{branch}"], cwd=root, check=False)
    if code != 0:
        raise GovmediaError(
            "发布台账已在本地提交，但推送到远程仓库失败（下次运行会再次推送）："
            + err.decode("utf-8", "replace").strip()[:300]
        )


def commit_ledger(
    project: Project, message: str, signer: Signer, *, ref: str = "main", push: bool = False
) -> str | None:
    """Commit ``ledger/`` (only it) on ``ref`` when it changed, signed by the publisher
    identity ``signer`` (ledger_signing.py); optionally push it."""
    root = project.root
    if git.current_branch(root) != ref:
        return None
    with ledger_guard.git_marker(project):
        git.run(["add", "--ignore-removal", "--", "ledger"], cwd=root)
        if git.ok(["diff", "--cached", "--quiet", "--", "ledger"], cwd=root):
            return None
        code, _, err = git.run(
            ["commit", "-q", "--no-verify", "-S", "-m", message, "--", "ledger"],
            cwd=root,
            env=signer.env(),
            check=False,
        )
    if code != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise GovmediaError(
            f"发布台账已写入 ledger/，但用发布者密钥签名提交失败（{detail[0][:200]}）："
            "请检查 GOVMEDIA_PUBLISHER_KEY 所指的私钥与 ssh-keygen，下次运行会再次提交。"
        )
    if push:
        push_ledger(project, ref, signer)
    return git.rev_parse("HEAD", cwd=root)
