"""Red team round 27: a pull request rooted in an orphan commit of its own.

``govmedia verify`` (the hosted forges' required check, ``review.yml``) judges the records
only the publisher writes step by step, on the pull request's first-parent chain from the
merge base (round 26). A head made with ``git checkout --orphan`` has a root commit of its
own on that chain: the editor writes a forged tombstone into ``ledger/`` there, then merges
main (``-s ours``, keeping the forged tree), so the merge base is main's tip, the tree adds
one ledger line, and the one step that adds it has no parent: it was never judged, and the
check passed. On the server the same push is refused (a commit of another history, and a
first-parent chain that leaves main). A forge that merges by fast-forward (Gitea's and
Forgejo's "fast-forward only", or an operator's ``git merge --ff-only`` after the check)
makes that root main's first commit: the bootstrap every reader of ``ledger/`` trusts as
pushed, so the forged tombstone is read as the publisher's. Now ``verify`` refuses every
commit of another history with the server's own rule (``review/foreign.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.ledger import CHECKSUM_FIELD, Record
from tests.conftest import run_cli
from tests.publish_support import git
from tests.review_support import identity_env
from tests.security.test_ledger_readers import EDITOR
from tests.security.test_ledger_readers import repo as repo  # the unit, published
from tests.security.test_redteam26_hosted_gate import _ci_verify, main_merged_after_a_run

TITLE = "::error title=不属于本仓库的历史::"


def _server(repo: Path) -> Path:
    """A bare remote of ``repo`` with govmedia's hooks, main pushed."""
    bare = repo.parent / "remote.git"
    git(repo.parent, "init", "-q", "--bare", "-b", "main", str(bare))
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "-q", "origin", "main")
    installed = run_cli("install-hooks", str(bare), cwd=repo.parent)
    assert installed.code == 0, installed.err
    return bare


def _push(repo: Path, dst: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "push", "origin", f"HEAD:refs/heads/{dst}"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


def _forge_tombstone(repo: Path) -> None:
    """Append a well-formed retraction of the last published post (checksum recomputed)."""
    path = sorted((repo / "ledger").glob("*.jsonl"))[0]
    data = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    data.pop(CHECKSUM_FIELD)
    data.update(event="retracted", detail={"reason": "伪造", "approved_by": "陈静"})
    with path.open("a", encoding="utf-8") as handle:
        handle.write(Record(**data).to_json() + "\n")


def _orphan_pull_request(repo: Path) -> str:
    """The editor's branch: an orphan root holding main's files and the forged line, then
    main merged in without changing that tree. Its root commit's id."""
    git(repo, "checkout", "-q", "--orphan", "fix-typo")
    _forge_tombstone(repo)
    git(repo, "add", "-A")
    env = identity_env(*EDITOR, None)
    for args in (
        ["commit", "-q", "-m", "Fix a typo"],
        ["merge", "-q", "-s", "ours", "--allow-unrelated-histories", "-m", "Merge main", "main"],
    ):
        subprocess.run(["git", *args], cwd=repo, env={**os.environ, **env}, check=True)
    return git(repo, "rev-list", "--max-parents=0", "HEAD", "--not", "main").strip()


def test_a_pull_request_rooted_in_its_own_orphan_commit_fails_the_required_check(
    repo: Path, emulator: Emulator
) -> None:
    _server(repo)
    root = _orphan_pull_request(repo)
    head = git(repo, "rev-parse", "HEAD").strip()
    assert git(repo, "merge-base", "main", head).strip() == git(repo, "rev-parse", "main").strip()
    changed = git(repo, "diff", "--name-only", "main", head).split()
    assert len(changed) == 1 and changed[0].startswith("ledger/")  # one forged line, nothing else
    code, out, err = _ci_verify(repo, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith(TITLE)]
    assert len(annotations) == 1 and "共 2 个" in annotations[0], out  # the root and the merge
    assert root[:10] in annotations[0] or head[:10] in annotations[0], out
    assert "Traceback" not in err
    code, out, err = _ci_verify(repo)  # the checklist step, and an editor's own terminal
    assert code == 1 and "不属于本仓库的历史" in err, out + err
    # the editor learns it before asking for reviews: status lists the same refusal
    status = run_cli("status", cwd=repo)
    assert status.code == 0 and "不属于本仓库的历史" in status.out, status.out + status.err
    # the server refuses the same history pushed to main: its first-parent chain leaves main
    pushed = _push(repo, "main")
    assert pushed.returncode != 0 and "不允许改写 main 的历史" in pushed.stderr, pushed.stderr


def test_a_branch_of_main_brought_up_to_date_and_the_publishers_append_pass(
    repo: Path, emulator: Emulator
) -> None:
    """Honest: a branch of main that merged a later main (the forge's "Update branch")
    holds commits made after its fork point, all of main's history; the publisher's own
    signed append on a branch of main passes too."""
    _server(repo)
    main_merged_after_a_run(repo, "post/draft")
    code, out, err = _ci_verify(repo, "--format", "github")
    assert code == 0 and "::error" not in out, out + err
    pushed = _push(repo, "post/draft")
    assert pushed.returncode == 0, pushed.stderr


def test_readers_refuse_a_main_fast_forwarded_to_an_orphan_root(
    repo: Path, emulator: Emulator
) -> None:
    """The second defence: a forge (or an operator) that fast-forwards main past the check
    makes the orphan commit the first-parent chain's first commit, whose records every
    reader took as the bootstrap. The tip's history then has two first commits, and the
    readers of the publisher's records refuse it, also after main was verified before."""
    from pipeline.ledger_trust import LedgerTrustError, trusted_ledger
    from pipeline.project import Project

    trusted_ledger(Project(repo))  # main verified (and remembered) before the merge
    _orphan_pull_request(repo)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "fix-typo")
    first = git(repo, "rev-list", "--first-parent", "--max-parents=0", "HEAD").strip()
    assert first != git(repo, "rev-list", "--max-parents=0", "HEAD", "--not", "fix-typo^2")
    with pytest.raises(LedgerTrustError, match="2 个起点"):
        trusted_ledger(Project(repo))
    # the readers' commands say it in Chinese and read nothing
    report = run_cli("report", "--year", "2026", cwd=repo)
    assert report.code != 0 and "不属于本仓库的历史" in report.err, report.out + report.err


def test_readers_accept_main_with_one_first_commit(repo: Path, emulator: Emulator) -> None:
    """The control: the unit's own main, merges of its own branches included, is read."""
    from pipeline.ledger_trust import trusted_ledger
    from pipeline.project import Project

    git(repo, "checkout", "-q", "-b", "post/draft")
    git(repo, "commit", "-q", "--allow-empty", "-m", "Draft")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge post/draft", "post/draft")
    assert len(git(repo, "rev-list", "--max-parents=0", "HEAD").split()) == 1
    assert trusted_ledger(Project(repo)).files()
