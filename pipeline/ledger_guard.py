"""Checks before a publishing run trusts its working tree: the branch, the ledger folder,
git's index lock, and ledger records an interrupted run left uncommitted.

- Publishing runs only with the branch it publishes from checked out (never a detached
  HEAD or another branch: the ledger commit would land nowhere, or on the wrong branch).
- ``ledger/`` must be a folder holding at least what ``ref`` has committed: a missing,
  emptied or shortened ledger would make the plan publish everything again.
- ``index.lock`` left behind by a git command of ours that was killed (``kill -9`` inside
  the ledger commit) is removed, once it is certain that its process is gone and no git
  process runs in the repository; any other lock is reported, never removed.
- Ledger records an interrupted run wrote but did not commit are committed first.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from pipeline import git
from pipeline.errors import GovmediaError
from pipeline.project import LEDGER_DIR, Project

MARKER = "govmedia-git.json"  # in the git directory: which process of ours runs git here
INDEX_LOCK = "index.lock"


def require_branch(project: Project, ref: str) -> None:
    """GovmediaError unless ``ref`` (a branch name) is the checked-out branch."""
    branch = git.current_branch(project.root)
    if branch == ref:
        return
    where = f"分支 {branch}" if branch else "分离头指针（detached HEAD）"
    raise GovmediaError(
        f"当前检出的是{where}，不是要发布的分支 {ref}：发布台账必须提交在 {ref} 上，"
        f"否则下次运行会重复发布。请先运行 git checkout {ref}（或 git switch {ref}）再发布。"
    )


def require_ledger_intact(project: Project, ref: str) -> None:
    """GovmediaError when the working tree's ledger lacks records ``ref`` has committed."""
    ledger = project.ledger_dir
    if ledger.is_symlink() or (ledger.exists() and not ledger.is_dir()):
        raise GovmediaError(
            f"{LEDGER_DIR} 不是目录：发布台账应是仓库根目录下的 {LEDGER_DIR}/ 文件夹。"
            f"为免重复发布，本次不发布；恢复：git checkout {ref} -- {LEDGER_DIR}"
        )
    committed = git.ls_tree(git.branch_ref(ref), LEDGER_DIR, cwd=project.root)
    blobs = git.cat_blobs(list(committed.values()), cwd=project.root)
    damaged: list[str] = []
    for path, blob in sorted(committed.items()):
        want = blobs.get(blob, b"")
        local = project.root / path
        try:
            with open(local, "rb") as handle:
                have = handle.read(len(want))
        except OSError:
            have = b""
        if have != want:
            damaged.append(path)
    if damaged:
        names = "、".join(damaged[:5]) + (f" 等 {len(damaged)} 个文件" if len(damaged) > 5 else "")
        raise GovmediaError(
            f"发布台账缺失或被清空：{names} 少了 {ref} 上已提交的记录。为免重复发布，本次不发布。"
            f"恢复：git checkout {ref} -- {LEDGER_DIR}；若提交的台账本身已丢失，"
            "运行 govmedia ledger rebuild 依据各平台实际发布的内容重建。"
        )


def ledger_dirty(project: Project) -> bool:
    """Whether ``ledger/`` holds changes (new, changed or staged files) not committed."""
    text = git.out(
        ["status", "--porcelain", "--untracked-files=all", "--", LEDGER_DIR],
        cwd=project.root,
        check=False,
    )
    return bool(text.strip())


# -- git's index lock ---------------------------------------------------------------------------


def _start_time(pid: int) -> str | None:
    """The kernel's start time of ``pid`` (tells a reused pid apart), None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else None


def _alive(pid: int, start: str) -> bool:
    now = _start_time(pid)
    if now is not None:
        return now == start
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not Path("/proc/self/stat").exists()  # no /proc: cannot tell, assume alive


def _git_running_in(root: Path) -> bool:
    """Whether a git process has ``root`` as its working folder (False without /proc)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    target = root.resolve()
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "git":
                continue
            if Path(os.readlink(entry / "cwd")).resolve() == target:
                return True
        except OSError:
            continue
    return False


@contextlib.contextmanager
def git_marker(project: Project) -> Iterator[None]:
    """Around git commands that take the index lock: record which process of ours runs
    them, so that a later run can tell our own stale lock from somebody's live one."""
    gitdir = git.git_dir(project.root)
    if gitdir is None:
        yield
        return
    marker = gitdir / MARKER
    data = {"pid": os.getpid(), "start": _start_time(os.getpid()) or ""}
    marker.write_text(json.dumps(data), encoding="utf-8")
    try:
        yield
    finally:
        marker.unlink(missing_ok=True)


def clear_stale_index_lock(project: Project) -> bool:
    """Remove ``index.lock`` when a killed process of ours left it; True when removed.

    GovmediaError (naming the file) when a lock exists that is not provably stale.
    """
    gitdir = git.git_dir(project.root)
    if gitdir is None:
        return False
    lock = gitdir / INDEX_LOCK
    if not lock.exists():
        (gitdir / MARKER).unlink(missing_ok=True)
        return False
    marker = gitdir / MARKER
    owner: dict[str, object] = {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads(marker.read_text(encoding="utf-8"))
        owner = loaded if isinstance(loaded, dict) else {}
    pid = owner.get("pid")
    ours_and_dead = (
        isinstance(pid, int)
        and not _alive(pid, str(owner.get("start", "")))
        and not _git_running_in(project.root)
    )
    if not ours_and_dead:
        raise GovmediaError(
            f"{lock} 存在：另一个 git 进程可能正在操作此仓库，本次不发布。"
            "确认没有 git 进程在运行后删除该文件，再重新运行。"
        )
    lock.unlink(missing_ok=True)
    marker.unlink(missing_ok=True)
    return True
