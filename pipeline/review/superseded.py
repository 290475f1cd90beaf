"""An approval older than the version it would replace does not count (red team 40).

A claim binds a path and a blob, and stays in the history for good. When a later decision
replaces that version (the leaders approve a roster that removes an acting leader, a rule
file made stricter, a post corrected), the old claims still name the old blob: a push that
brings the old bytes back found them "current" again, so anyone, without a signature, undid
the later decision: the roster of before (the removed leader's key in force again), the
weaker rule file, the uncorrected post. So a change on top of ``base`` counts a claim only
when it was not yet on the target branch when the version it replaces landed there: the
quorum's later decision outranks every approval made before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

from pipeline import git
from pipeline.review import policy
from pipeline.review.history import History


def landings(repo_root: Path, base: str | None, paths: Iterable[str]) -> dict[str, str]:
    """For each path that exists at ``base``: the commit of ``base``'s first-parent chain
    where the version ``base`` holds landed (the last one that changed it). None (a file
    already on the branch, judged by readers): nothing to outrank."""
    if base is None:
        return {}
    wanted = sorted(set(paths))
    found = git.cat_file_batch_check([f"{base}:{p}" for p in wanted], cwd=repo_root)
    present = [path for path in wanted if f"{base}:{path}" in found]  # new files: nothing
    result: dict[str, str] = {}
    for start in range(0, len(present), _PATHS_PER_WALK):
        result.update(_last_changes(repo_root, base, present[start : start + _PATHS_PER_WALK]))
    return result


_PATHS_PER_WALK = 500  # pathspecs per ``git log``: well inside the argument limits
_MARK = "\x01"


def _last_changes(repo_root: Path, base: str, paths: list[str]) -> dict[str, str]:
    """One first-parent walk of ``base`` for all ``paths``: the newest commit that changed
    each (what ``git log -1 --first-parent base -- path`` gives, path by path). The walk
    stops once every path is found: the history below their last changes is never read."""
    wanted = set(paths)
    args = ["log", "--first-parent", "--diff-merges=first-parent", "--name-only", "-z"]
    args += [f"--format={_MARK}%H", base, "--"] + [f":(literal){p}" for p in paths]
    result: dict[str, str] = {}
    commit = ""
    first = False  # the first name after a commit's line comes after a newline
    with closing(git.stream(args, cwd=repo_root, sep=b"\0")) as tokens:
        for raw in tokens:
            token = raw.decode("utf-8", "replace")
            if first:
                token, first = token.removeprefix("\n"), False
            if token in wanted:
                if commit:
                    result.setdefault(token, commit)
                    if len(result) == len(wanted):
                        break
            elif _is_commit_line(token):
                commit, first = token[len(_MARK) :], True
    return result


def _is_commit_line(token: str) -> bool:
    oid = token.removeprefix(_MARK)
    return token.startswith(_MARK) and len(oid) in (40, 64) and all(c in _HEX for c in oid)


_HEX = frozenset("0123456789abcdef")


def outranked(judged: policy.Judged, history: History, landed: str | None) -> policy.Judged:
    """``judged``, failed when its commit was on the target branch by the time the version
    it would replace landed there (``landed``, from :func:`landings`)."""
    if judged.valid and landed and history.is_ancestor(judged.claim.commit.oid, landed):
        return policy.superseded(judged, landed)
    return judged
