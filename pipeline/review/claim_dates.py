"""When a claim says it was signed: the dates the public record shows, checked on their way
to main.

Each stage of a post's review record (the archive's 审核记录, the assessment's review time
and order) is dated by its signed approval commit's committer date, which the signer
writes: git takes any date (``GIT_COMMITTER_DATE``) and signs it. A claim commit (an
approval, a retraction or a revocation) a push brings to main must therefore have a
readable date, no later than the clock and no earlier than the commits it was made on (its
parents), each within ``SKEW`` for clocks that differ a little. The server's pre-receive
refuses such a push; ``govmedia verify`` (the hosted forges' required check) and
``status`` refuse the same of a pull request. One reviewer can then no longer date a 终审
before the 复审 it follows (a review "done in time"), nor after the publication it
allowed, nor leave it without a time the archive can show. The order itself is never
taken from these dates (``history.py``); this keeps the shown dates true to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pipeline import clock, git
from pipeline.errors import ConfigError
from pipeline.review.history import Commit, History, committed_at

SKEW = dt.timedelta(minutes=10)
CHINA = dt.timezone(dt.timedelta(hours=8))
FIX = "请核对电脑时钟后重新签署（govmedia approve、撤稿或 govmedia revoke），再推送。"
# the commit signed on is dated in the future: its author's clock, not the signer's, is wrong
FUTURE_PARENT = (
    "该提交的时间晚于当前时间：请其作者核对电脑时钟，以正确时间重新提交"
    "（如 git commit --amend --date=now），再请审核人员重新签署。"
)


def _now() -> dt.datetime:
    """The server's clock; the demo's emulator clock where it is honoured and later (its
    replayed year may end after today), never an earlier one."""
    real = dt.datetime.now(dt.UTC)
    try:
        return max(real, clock.now())
    except ConfigError:
        return real


def _when(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _shown(when: dt.datetime) -> str:
    return when.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S（北京时间）")


def _kind(commit: Commit) -> str:
    """What the commit claims, in the words of its refusal ("" for no claim)."""
    if commit.approval is not None:
        return "审核提交"
    if commit.retracts:
        return "撤稿提交"
    return "撤回提交" if commit.revokes else ""


def date_problems(
    repo: Path, history: History, old: str, new: str, now: Callable[[], dt.datetime] = _now
) -> list[str]:
    """Chinese reasons to refuse the claim commits of ``old..new`` whose committer date lies
    after the server's clock or before one of their parents' (``history`` reaches ``new``)."""
    added = git.out(["rev-list", "--topo-order", "--reverse", f"{old}..{new}", "--"], cwd=repo)
    claims = [history.commits[o] for o in added.split() if o in history.commits]
    claims = [c for c in claims if _kind(c)]
    if not claims:
        return []
    parents = git.cat_file_batch(sorted({p for c in claims for p in c.parents}), cwd=repo)
    latest = now() + SKEW
    reasons: list[str] = []
    for claim in claims:
        signed = _when(claim.committed_at)
        if signed is None:
            reasons.append(f"{_kind(claim)} {claim.oid[:10]} 没有可读的提交时间（committer 行）。")
            continue
        if signed > latest:
            reasons.append(
                f"{_kind(claim)} {claim.oid[:10]} 的签署时间 {_shown(signed)}晚于当前时间"
                f"（服务器或核验时的时钟）：公开的审核记录按此时间显示，不接受未来的时间。{FIX}"
            )
            continue
        for parent in claim.parents:
            before = _when(committed_at(parents.get(parent, ("", b""))[1]))
            if before is not None and signed < before - SKEW:
                fix = FUTURE_PARENT if before > latest else FIX
                reasons.append(
                    f"{_kind(claim)} {claim.oid[:10]} 的签署时间 {_shown(signed)}早于它所在的"
                    f"提交 {parent[:10]}（{_shown(before)}）：签名只能在所签内容之后，公开的"
                    f"审核记录不接受提前的时间。{fix}"
                )
                break
    return reasons


def range_problems(repo: Path, base: str, head: str) -> list[str]:
    """``date_problems`` of a pull request: ``head`` judged from ``base``, its merge base
    with main (``govmedia verify``, the hosted forges' required check, and ``status``)."""
    return date_problems(repo, History.load(repo, [head]), base, head)
