"""The inbox as its readers may believe it: only records the publisher committed, signed.

``inbox status``, the report's interaction figures, the public answered-questions page and
``watch``'s overdue alert read ``interaction/`` through ``trusted_inbox``, which

- checks every first-parent step of the branch that touched ``interaction/`` with the same
  machinery as the ledger (``ledger_history.verify_guarded``: signed by a key under
  ``publishers:`` of the roster before it, append-only, whole valid records), remembering the
  verified tips in the git directory, and
- requires the working tree's record files to be what the verified commit holds, plus at most
  what this machine's own ``inbox fetch`` appended since (before ``--commit``): the fetch
  attests each file it wrote by its SHA-256 in the git directory (``attest``; no push can
  write there, as for the ledger's verified tips). A record edited, removed or added by hand
  is refused, naming the file and line.

A refusal is an ``InboxTrustError`` with a Chinese message; nothing is read until it is fixed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from pipeline import atomic_file, git
from pipeline.errors import GovmediaError
from pipeline.interaction import trust
from pipeline.interaction.store import CURSORS, INTERACTION_DIR, Inbox
from pipeline.ledger_history import Guard, verify_guarded
from pipeline.project import Project

CACHE_FILE = "govmedia-interaction-trust.json"
FETCHED_FILE = "govmedia-inbox-fetched.json"  # rel -> "<size>:<SHA-256>" as the fetch left it


class InboxTrustError(GovmediaError):
    """The inbox holds a record the publisher did not commit (Chinese message, file and line)."""


def _refusal(commit: str, subject: str, problems: list[str]) -> str:
    title = f"（{subject[:60]}）" if subject else ""
    return (
        f"互动记录不可信：提交 {commit[:12]}{title} 修改了 {INTERACTION_DIR}/，但"
        + "；".join(problems)
        + f"。{INTERACTION_DIR}/ 只能由发布者身份签名追加；在此问题解决之前不读取互动记录。"
    )


GUARD = Guard(trust.touches, trust.judge, _refusal, InboxTrustError, CACHE_FILE)


def trusted_inbox(project: Project, ref: str = "HEAD") -> Inbox:
    """The inbox of ``project`` once the history of ``ref`` and the working tree prove that
    every record in it was committed by the publisher; InboxTrustError otherwise."""
    inbox = Inbox(project.root)
    files = inbox.files()
    if git.git_dir(project.root) is None:
        if files:
            raise InboxTrustError(
                f"{project.root.name} 不是 git 仓库：无法核验互动记录 {INTERACTION_DIR}/ 的来源，"
                "不予采信。"
            )
        return inbox
    tip = verify_guarded(project.root, ref, GUARD).tip
    committed = _committed_records(project.root, tip) if tip else {}
    attested = _load_attested(project.root)
    problem = _working_tree_problem(project.root, files, committed, attested)
    if problem:
        raise InboxTrustError(
            f"互动记录不可信：{problem}。互动记录只能由 govmedia inbox fetch 以发布者身份签名提交；"
            "请用 git 恢复被改动的文件（git checkout -- interaction），在此之前不读取互动记录。"
        )
    return inbox


def _committed_records(root: Path, tip: str) -> dict[str, bytes]:
    """path -> committed bytes of every record file under ``interaction/`` at ``tip``."""
    blob_of = {
        path: blob
        for path, blob in git.ls_tree(tip, INTERACTION_DIR, cwd=root).items()
        if path != f"{INTERACTION_DIR}/{CURSORS}"
    }
    blobs = git.cat_blobs(list(set(blob_of.values())), cwd=root)
    return {path: blobs.get(blob, b"") for path, blob in blob_of.items()}


def _working_tree_problem(
    root: Path, files: list[Path], committed: dict[str, bytes], attested: dict[str, str]
) -> str:
    """The first difference between the record files on disk and the verified commit that
    this machine's fetch did not attest."""
    seen: set[str] = set()
    for path in files:
        rel = path.relative_to(root).as_posix()
        seen.add(rel)
        try:
            data = path.read_bytes()
        except OSError:
            return f"{rel}: 无法读取"
        expected = committed.get(rel, b"")
        if data == expected:
            continue
        line = _first_difference(expected, data)
        if data.startswith(expected) and (not expected or expected.endswith(b"\n")):
            vouched = _attested_size(data, attested.get(rel, ""))
            if vouched == len(data):
                continue  # appended by this machine's own fetch, not yet committed
            line = max(line, data[:vouched].count(b"\n") + 1)
            return (
                f"{rel}:{line}: 此行起的记录既没有经发布者签名提交，也不是本机 inbox fetch 写入的"
            )
        return f"{rel}:{line}: 与发布者签名提交的记录不一致（被改动或删除）"
    for rel in sorted(set(committed) - seen):
        return f"{rel}:1: 已提交的互动记录文件在工作区中缺失"
    return ""


# -- what this machine's fetch wrote (the git directory: no push can write there) -------------


def snapshot(root: Path) -> dict[str, str]:
    """rel -> SHA-256 of every record file now, taken by the fetch before it appends."""
    inbox = Inbox(root)
    return {p.relative_to(root).as_posix(): _digest(p.read_bytes()) for p in inbox.files()}


def attest(root: Path, written: Iterable[str], before: dict[str, str]) -> None:
    """Record the files the fetch just appended to (``written``, repository-relative), each only
    if it was trusted before the append (new, as committed, or as the fetch last left it): a
    fetch never vouches for a line someone else put there."""
    gitdir = git.git_dir(root)
    if gitdir is None:
        return
    attested = _load_attested(root)
    tip = git.rev_parse("HEAD", cwd=root)
    committed = _committed_records(root, tip) if tip else {}
    for rel in dict.fromkeys(written):
        prior = before.get(rel)
        trusted = (
            prior is None or prior == attested.get(rel) or prior == _digest(committed.get(rel, b""))
        )
        path = root / rel
        if trusted and path.is_file():
            attested[rel] = _digest(path.read_bytes())
    data = json.dumps(attested, sort_keys=True)
    try:
        atomic_file.write_text(gitdir / FETCHED_FILE, data, prefix=FETCHED_FILE)
    except OSError:
        return  # a read-only git directory: the records wait for ``inbox fetch --commit``


def _load_attested(root: Path) -> dict[str, str]:
    gitdir = git.git_dir(root)
    if gitdir is None:
        return {}
    try:
        data = json.loads((gitdir / FETCHED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _digest(data: bytes) -> str:
    return f"{len(data)}:{hashlib.sha256(data).hexdigest()}"


def _attested_size(data: bytes, entry: str) -> int:
    """How many leading bytes of ``data`` the fetch's attestation ``entry`` vouches for."""
    size, _, _ = entry.partition(":")
    if not size.isdigit() or int(size) > len(data):
        return 0
    return int(size) if _digest(data[: int(size)]) == entry else 0


def _first_difference(expected: bytes, data: bytes) -> int:
    """1-based number of the first line where ``data`` departs from ``expected``."""
    number = 1
    for old, new in zip(expected.split(b"\n"), data.split(b"\n"), strict=False):
        if old != new:
            return number
        number += 1
    return number
