"""Red team round 26: the hosted forges' required check passed a forged ledger record.

On a hosted forge the gate of main is ``review.yml``: ``govmedia verify --base <merge base>
--head <PR head> --format github``, as a required status check. ``verify`` judged the
reviewed files under ``content/`` only, so a pull request whose only change was a line an
editor appended to ``ledger/`` (a tombstone, a ``published`` record silencing the watch)
had nothing to judge and passed (exit 0), where the server's pre-receive refuses every
``ledger/`` or ``interaction/`` step that is not an append signed by the publisher. Now
``verify`` judges every first-parent step of the range that touches them with the server's
own rule (``review/publisher_steps.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.ledger import Ledger, Record
from tests.conftest import run_cli
from tests.publish_support import git, publisher_env
from tests.review_support import Key
from tests.security.ledger_support import signed_commit
from tests.security.test_ledger_readers import EDITOR
from tests.security.test_ledger_readers import repo as repo  # the unit, published


def _publisher_key(repo: Path) -> Key:
    private = Path(publisher_env(repo)["GOVMEDIA_PUBLISHER_KEY"])
    return Key(private, private.with_name("publisher.pub").read_text().strip())


def _ci_verify(repo: Path, *fmt: str) -> tuple[int, str, str]:
    """``review.yml``'s step: verify from the merge base with main to the pull request."""
    head = git(repo, "rev-parse", "HEAD").strip()
    base = git(repo, "merge-base", "main", head).strip()
    result = run_cli("verify", "--base", base, "--head", head, *fmt, cwd=repo)
    return result.code, result.out, result.err


def main_merged_after_a_run(repo: Path, branch: str) -> None:
    """``branch``, a branch of main with one draft commit, brought up to date by merging a
    later main that holds the publisher's own signed ledger append (the forge's "Update
    branch"). Left checked out."""
    git(repo, "checkout", "-q", "-b", branch)
    git(repo, "commit", "-q", "--allow-empty", "-m", "Draft")
    git(repo, "checkout", "-q", "main")
    Ledger(repo / "ledger").append(Record("published", "x", "wechat", at="2026-11-02T00:00:00Z"))
    signed_commit(repo, "Ledger: a later run", _publisher_key(repo))
    git(repo, "checkout", "-q", branch)
    git(repo, "merge", "-q", "--no-ff", "-m", f"Merge main into {branch}", "main")


def test_a_pull_request_forging_a_ledger_record_fails_the_required_check(
    repo: Path, emulator: Emulator
) -> None:
    git(repo, "checkout", "-q", "-b", "fix-typo")
    path = sorted((repo / "ledger").glob("*.jsonl"))[0]
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    line.update(event="retracted", detail={"reason": "伪造", "approved_by": "陈静"})
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    forged = signed_commit(repo, "Fix a typo", None, who=EDITOR)
    code, out, err = _ci_verify(repo, "--format", "github")
    assert code == 1, out + err
    assert "::error title=发布者记录不可信::" in out and forged[:10] in out
    assert "Traceback" not in err
    code, out, err = _ci_verify(repo)  # the checklist step, and an editor's own terminal
    assert code == 1 and forged[:10] in err and "ledger/" in err


def test_the_publishers_own_signed_append_passes_the_check(repo: Path, emulator: Emulator) -> None:
    git(repo, "checkout", "-q", "-b", "ledger-catch-up")
    Ledger(repo / "ledger").append(Record("published", "x", "wechat", at="2026-11-02T00:00:00Z"))
    signed_commit(repo, "Ledger: honest", _publisher_key(repo))  # as the publisher's run
    code, out, err = _ci_verify(repo, "--format", "github")
    assert code == 0 and "::error" not in out, out + err
    code, out, err = _ci_verify(repo)
    assert code == 0 and "发布者" not in err, out + err


def test_a_pull_request_brought_up_to_date_with_main_passes_the_check(
    repo: Path, emulator: Emulator
) -> None:
    """The forge's "Update branch" merges main into the pull request: the merge holds
    main's own ledger commits, and the pull request brings no record of its own."""
    main_merged_after_a_run(repo, "post/update")
    code, out, err = _ci_verify(repo, "--format", "github")
    assert code == 0 and "::error" not in out, out + err
