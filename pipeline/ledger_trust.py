"""Who may change the ledger: only the publisher's own identity, and only by appending.

The ledger (``ledger/*.jsonl``) is publisher-written (DESIGN.md, trust boundary). A
first-parent step ``parent → commit`` of main that touches ``ledger/`` is accepted only
when ``commit``

- has exactly one parent (``parent``),
- carries a valid SSH signature by a key listed under ``publishers:`` in the roster as it
  stood at ``parent``,
- changes nothing outside ``ledger/``, and
- only appends: every changed file is a regular ``ledger/<name>.jsonl`` whose old content is
  a byte prefix of its new content, the new bytes being whole lines, each a valid record
  (``pipeline.ledger.parse_record``); no deletion, no rename, no other file.

``step_problems`` judges one step (the server's pre-receive hook calls it for every
first-parent step of a push, with the trusted roster); ``verify_history`` judges every step
of a branch since its root commit (the bootstrap), batched, and remembers verified tips in
the git directory so that the next reader only checks the new steps. Readers call
``trusted_ledger`` before they believe a line.

The machinery is shared with the inbox (``interaction/``): the judge of one step is
``pipeline.ledger_judge``, the verification of a branch ``pipeline.ledger_history``; this
module holds what is the ledger's own.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

from pipeline import git
from pipeline.errors import GovmediaError
from pipeline.ledger import Ledger, parse_record
from pipeline.ledger_history import Guard, LedgerTrust, verify_guarded
from pipeline.ledger_judge import (
    Change,
    Step,
    append_only_judge,
    appended_problems,
    blobs_of,
    signer_problems,
    step_blobs,
)
from pipeline.project import LEDGER_DIR, Project
from pipeline.review import signatures
from pipeline.review.roster import Roster

LEDGER_FILE_RE = re.compile(r"^ledger/[^/]+\.jsonl$")
REGULAR_FILE = "100644"
CACHE_FILE = "govmedia-ledger-trust.json"
RECORDS = "发布台账"


class LedgerTrustError(GovmediaError):
    """The ledger's history holds a step the publisher did not make (Chinese message)."""


def _in_ledger(path: str) -> bool:
    return path == LEDGER_DIR or path.startswith(LEDGER_DIR + "/")


# -- one step ---------------------------------------------------------------------------------


def step_problems(repo_root: Path, parent: str, commit: str, roster: Roster) -> list[str]:
    """Chinese reasons why the first-parent step ``parent → commit`` may NOT change ``ledger/``,
    each naming the commit (``提交 <id>（发布台账）：...``), as the pre-receive hook prints them.

    Empty: the step does not touch ``ledger/``, or it is an append by the publisher.
    """
    changes = git.diff_changes(parent, commit, cwd=repo_root)
    if not any(_in_ledger(c.path) for c in changes):
        return []
    raw = git.cat_file_batch([commit], cwd=repo_root).get(commit)
    parents = _parents(raw[1]) if raw and raw[0] == "commit" else ()
    step = Step(commit, parents, changes)
    verdict = signatures.verdicts(repo_root, [commit]).get(commit)
    signer = signer_problems(verdict, roster, "", RECORDS)
    blobs = step_blobs(blobs_of([step], _in_ledger), signer, cwd=repo_root)
    problems = judge(step, parent, roster, verdict, blobs)
    return [f"提交 {commit[:10]}（发布台账）：{p}。" for p in problems]


def _parents(raw: bytes) -> tuple[str, ...]:
    header = raw.split(b"\n\n", 1)[0]
    return tuple(
        line.split(b" ", 1)[1].decode("ascii", "replace")
        for line in header.split(b"\n")
        if line.startswith(b"parent ")
    )


def _ledger_line(text: str, where: str) -> None:
    """A ledger line: blank (ASCII white space only) or a valid record."""
    if text.strip(string.whitespace):
        parse_record(text, where)


def _change_problems(change: Change, blobs: dict[str, bytes]) -> list[str]:
    path = change.path
    if not _in_ledger(path):
        return [f"同一提交还修改了发布台账以外的文件 {path}：台账提交只能改动 ledger/"]
    if change.status == "D":
        return [f"删除了 {path}：发布台账只能追加，不能删除"]
    if change.status not in ("A", "M"):
        return [f"{path} 的变更类型为 {change.status}：发布台账只能追加记录"]
    if not LEDGER_FILE_RE.match(path):
        return [f"{path} 不是 ledger/ 下的 .jsonl 台账文件"]
    if change.new_mode != REGULAR_FILE or (
        change.status == "M" and change.old_mode != REGULAR_FILE
    ):
        return [f"{path} 不是普通文件（模式 {change.new_mode}）：发布台账只能是普通文件"]
    old = blobs.get(change.old_blob, b"") if change.status == "M" else b""
    new = blobs.get(change.new_blob)
    if new is None or (change.status == "M" and change.old_blob not in blobs):
        return [f"{path}：读不到该文件的内容"]
    if not new.startswith(old):
        return [f"{path}：改动或删除了已有的台账记录（旧内容不是新内容的前缀），台账只能在末尾追加"]
    if old and not old.endswith(b"\n"):
        return [f"{path}：原文件末尾不完整，追加会与上一行粘连"]
    return appended_problems(path, old, new, _ledger_line, "发布台账记录不是有效的 UTF-8 文本")


# The reasons against one ledger-touching step (empty: accepted).
judge = append_only_judge(
    RECORDS,
    "修改发布台账的提交必须是只有一个父提交的普通提交（不能是合并提交），且直接接在 main 之后",
    _change_problems,
)


# -- a branch's history and its readers -----------------------------------------------------


def _ledger_refusal(commit: str, subject: str, problems: list[str]) -> str:
    title = f"（{subject[:60]}）" if subject else ""
    return (
        f"发布台账不可信：提交 {commit[:12]}{title} 修改了 ledger/，但"
        + "；".join(problems)
        + "。发布台账只能由发布者身份签名追加；在此问题解决之前不读取台账。"
    )


LEDGER_GUARD = Guard(_in_ledger, judge, _ledger_refusal, LedgerTrustError, CACHE_FILE)


def verify_history(repo_root: Path, ref: str) -> LedgerTrust:
    """Check every first-parent step of ``ref`` after its root commit that touches ``ledger/``.

    Raises LedgerTrustError naming the first offending commit. Verified tips are remembered
    (in this process and in the git directory), so later calls only check the new steps.
    """
    return verify_guarded(repo_root, ref, LEDGER_GUARD)


def trusted_ledger(project: Project, ref: str = "HEAD") -> Ledger:
    """The ledger of ``project`` once the history of ``ref`` proves who wrote it.

    The working tree's ledger is the committed one plus what this machine appended since
    (a crashed run's intents); a push can only change the committed part, which is checked.
    Raises LedgerTrustError (Chinese, naming the commit) when a step was not the publisher's.
    """
    ledger = Ledger(project.ledger_dir)
    if git.git_dir(project.root) is None:
        if ledger.files():
            raise LedgerTrustError(
                f"{project.root.name} 不是 git 仓库：无法核验发布台账 {LEDGER_DIR}/ 的来源，不予采信。"
            )
        return ledger
    verify_history(project.root, ref)
    return ledger
