"""A branch's history of publisher-written records, verified step by step and remembered.

``verify_guarded`` checks every first-parent step of a branch since its root commit (the
bootstrap) that touches a publisher-written directory, with that directory's ``Guard``
(``ledger/``: ``pipeline.ledger_trust``; ``interaction/``: ``pipeline.interaction.trusted``):
the steps are read from git in batches, each judged with the roster as it stood at its
parent. Verified tips are remembered, in this process and in the git directory (no push can
write there), so that the next reader only checks the new steps.

The root commit is the bootstrap, trusted as pushed. A shallow clone (``git clone
--depth``, a CI checkout's default) shows the commit at its edge without parents, so that
commit would pass for the root and everything it holds for the bootstrap: a walk that has to
reach the root refuses a shallow clone instead (red team 26), naming ``git fetch --unshallow``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline import atomic_file, git
from pipeline.content_limits import shown
from pipeline.errors import ConfigError, GovmediaError
from pipeline.ledger_judge import Judge, Step, blobs_of
from pipeline.project import ROSTER_FILE
from pipeline.review import signatures
from pipeline.review.roster import Roster, parse_roster
from pipeline.review.shallow import UNSHALLOW, is_shallow

CACHE_VERSION = 1
CACHE_KEEP = 32
CHUNK = 200  # steps whose blobs are read at once (bounds memory)
_VERIFIED: set[tuple[str, str, str]] = set()  # (git dir, tip, cache) verified in this process


@dataclass(frozen=True)
class LedgerTrust:
    """A verified branch: its tip, and how many guarded steps this call checked."""

    tip: str
    checked: int = 0
    from_cache: bool = False


@dataclass(frozen=True)
class Guard:
    """One publisher-written directory: which paths it holds, how a step touching it is judged,
    how a refusal reads, and where its verified tips are remembered (``ledger/`` in
    ``pipeline.ledger_trust``; ``interaction/`` in ``pipeline.interaction.trusted``)."""

    touches: Callable[[str], bool]
    judge: Judge
    refusal: Callable[[str, str, list[str]], str]  # (commit, subject, problems) -> Chinese
    error: type[GovmediaError]
    cache_file: str


def verify_guarded(repo_root: Path, ref: str, guard: Guard) -> LedgerTrust:
    """Check every first-parent step of ``ref`` after its root commit that touches what
    ``guard`` guards; ``guard.error`` naming the first offending commit."""
    tip = git.resolve_branch(ref, cwd=repo_root)  # the branch, never a tag of its name
    if tip is None:
        return LedgerTrust("")
    gitdir = git.git_dir(repo_root)
    memo = (str(gitdir), tip, guard.cache_file)
    if memo in _VERIFIED:
        return LedgerTrust(tip, from_cache=True)
    known = _load_cache(gitdir, guard.cache_file)
    if tip in known:
        _VERIFIED.add(memo)
        return LedgerTrust(tip, from_cache=True)
    chain = git.out(["rev-list", "--first-parent", tip], cwd=repo_root).split()
    start = next((c for c in chain if c in known), None)
    if start is None and is_shallow(repo_root):
        raise guard.error(_shallow_refusal())
    _refuse_other_roots(repo_root, tip, start, guard)
    steps = [
        s for s in _steps(repo_root, tip, start) if any(guard.touches(c.path) for c in s.changes)
    ]
    checked = 0
    for index in range(0, len(steps), CHUNK):
        _check_chunk(repo_root, steps[index : index + CHUNK], guard)
        checked += len(steps[index : index + CHUNK])
    _VERIFIED.add(memo)
    _save_cache(gitdir, [tip, *(k for k in known if k != tip)], guard.cache_file)
    return LedgerTrust(tip, checked=checked, from_cache=start is not None)


def _refuse_other_roots(repo_root: Path, tip: str, start: str | None, guard: Guard) -> None:
    """The history of ``tip`` has one first commit (none new since ``start``, verified).

    The server refuses every commit of another history; a forge that merged a branch rooted
    in an orphan commit by fast-forward (red team 27) would make that commit the first one of
    the first-parent chain, the bootstrap whose records are read as pushed. With the unit's
    own history reachable too, the tip then has two first commits: nothing is read."""
    revs = [tip] if start is None else [tip, "--not", start]
    roots = git.out(["rev-list", "--max-parents=0", *revs], cwd=repo_root).split()
    if len(roots) > (1 if start is None else 0):
        raise guard.error(
            f"无法核验发布者写入的记录（发布台账 ledger/、网民互动 interaction/）：{tip[:12]} 的历史有 "
            f"{len(roots) + (0 if start is None else 1)} 个起点（{'、'.join(r[:12] for r in roots)}），"
            "含有不属于本仓库的历史（孤立分支 git checkout --orphan 的提交经快进合并进入），"
            "最早的提交无法当作仓库的起点。请由运维人员把 main 恢复到合并前的提交；在此之前不读取这些记录。"
        )


def _shallow_refusal() -> str:
    return (
        "无法核验发布者写入的记录（发布台账 ledger/、网民互动 interaction/）：本仓库是浅克隆"
        "（git clone --depth），提交历史不完整，最早的提交会被当作仓库的起点，其中的记录由谁写入无从核验。"
        f"请先运行 {UNSHALLOW} 取得完整历史（CI 的检出请设 fetch-depth: 0）；在此之前不读取这些记录。"
    )


def _check_chunk(repo_root: Path, steps: list[Step], guard: Guard) -> None:
    rosters = _rosters_at(repo_root, [s.parents[0] for s in steps if s.parents])
    verdicts = signatures.verdicts(repo_root, [s.commit for s in steps])
    blobs = git.cat_blobs(blobs_of(steps, guard.touches), cwd=repo_root)
    for step in steps:
        parent = step.parents[0] if step.parents else ""
        roster, roster_problem = rosters.get(parent, (None, ""))
        verdict = verdicts.get(step.commit)
        problems = guard.judge(step, parent, roster, verdict, blobs, roster_problem)
        if problems:
            subject = git.out(
                ["log", "-1", "--format=%s", step.commit], cwd=repo_root, check=False
            ).strip()
            # the forger's text: shown, never obeyed, on the terminal (red team, round 31)
            raise guard.error(guard.refusal(step.commit, shown(subject), problems))


def _steps(repo_root: Path, tip: str, start: str | None) -> list[Step]:
    """First-parent steps from ``start`` (exclusive; root when None) to ``tip``, with diffs."""
    revs = [tip] if start is None else [f"{start}..{tip}"]
    steps = git.first_parent_steps(revs, cwd=repo_root)
    # the root commit is the bootstrap: nothing before it to compare with
    return [Step(s.oid, s.parents, list(s.changes)) for s in steps if s.parents]


def _rosters_at(repo_root: Path, commits: list[str]) -> dict[str, tuple[Roster | None, str]]:
    """commit -> (its roster, or None and why), parsing each distinct roster blob once."""
    names = [f"{c}:{ROSTER_FILE}" for c in dict.fromkeys(commits)]
    blob_of = git.cat_file_batch_check(names, cwd=repo_root)
    raws = git.cat_blobs(list(set(blob_of.values())), cwd=repo_root)
    parsed: dict[str, tuple[Roster | None, str]] = {}
    for blob, raw in raws.items():
        try:
            parsed[blob] = (parse_roster(raw.decode("utf-8-sig"), ROSTER_FILE), "")
        except (ConfigError, UnicodeDecodeError) as exc:
            parsed[blob] = (None, f"提交之前的名册无法解析（{exc}），无法认定发布者")
    result: dict[str, tuple[Roster | None, str]] = {}
    for commit in commits:
        blob = blob_of.get(f"{commit}:{ROSTER_FILE}")
        result[commit] = parsed.get(blob, (None, "")) if blob else (None, "")
    return result


# -- the verified-tips cache (in the git directory: no push can write there) ------------------


def _load_cache(gitdir: Path | None, cache_file: str) -> list[str]:
    if gitdir is None:
        return []
    try:
        data = json.loads((gitdir / cache_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return []
    tips = data.get("verified")
    return [t for t in tips if isinstance(t, str)] if isinstance(tips, list) else []


def _save_cache(gitdir: Path | None, tips: list[str], cache_file: str) -> None:
    if gitdir is None:
        return
    data = json.dumps({"version": CACHE_VERSION, "verified": tips[:CACHE_KEEP]})
    try:
        atomic_file.write_text(gitdir / cache_file, data, prefix=cache_file)
    except OSError:
        return  # a read-only git directory: verify again next time


def clear_cache(repo_root: Path | None = None) -> None:
    """Forget verified tips (in this process, and in ``repo_root``'s git directory)."""
    _VERIFIED.clear()
    gitdir = git.git_dir(repo_root) if repo_root is not None else None
    if gitdir is not None:
        for cache in gitdir.glob("govmedia-*-trust.json"):
            cache.unlink(missing_ok=True)
