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

No commit a push brings to main may be dated after the clock either, claim or not (red
team 33): a merge dated in 2099 by whoever merged made every claim signed on main's tip
after it (the leader's retraction above all) lie "before its parent" until 2099, and the
advice to recommit cannot be followed on main. A parent already dated after the clock
(on main before this rule) bounds a claim by the clock instead of by its own date, so a
claim made on it must still be dated now, never earlier, yet can be made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pipeline import clock, git
from pipeline.errors import ConfigError
from pipeline.review.history import Commit, History, committer_stamp

SKEW = dt.timedelta(minutes=10)
CHINA = dt.timezone(dt.timedelta(hours=8))
FIX = "请核对电脑时钟后重新签署（govmedia approve、撤稿或 govmedia revoke），再推送。"
# the commit signed on is dated in the future: its author's clock, not the signer's, is wrong
FUTURE_PARENT = (
    "该提交的时间晚于当前时间：请其作者核对电脑时钟，以正确时间重新提交"
    "（如 git commit --amend --date=now），再请审核人员重新签署。"
)

# a commit that claims nothing dated in the future: refused itself, before anyone signs on it
AHEAD = (
    "请其作者核对电脑时钟，以正确时间重新提交（如 git commit --amend --date=now；"
    "合并提交则重新合并），其后的审核提交须重新签署，再推送。"
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


Floor = tuple[dt.datetime, str]  # the latest date in a commit's ancestry, and whose it is


def _stamp(text: str) -> dt.datetime | None:
    """A committer timestamp (``%ct``) as a time, None when no clock has it."""
    try:
        return dt.datetime.fromtimestamp(int(text), dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _latest(found: list[Floor]) -> Floor:
    """The latest of ``found``; of equal dates the first (a commit's own before its
    parents', so a refusal names the nearest commit, not one chosen by its id)."""
    return max(found, key=lambda floor: floor[0])


def _floors(repo: Path, added: list[list[str]]) -> dict[str, Floor]:
    """The latest committer date (and its commit) of each commit of ``added`` (id, ``%ct``,
    parents; parents first) with everything the push brings under it, and of each parent
    outside it (its own date): a claim is held to its parents' floors, so a commit of the
    claimant's own between the stage it follows and the claim, dated back or with no
    readable date, lowers no bound (red team 33)."""
    inside = {row[0] for row in added}
    outside = sorted({p for _, _, *parents in added for p in parents if p not in inside})
    floors: dict[str, Floor] = {}
    raws = git.cat_file_batch(outside, cwd=repo) if outside else {}
    for oid in outside:
        when = _stamp(committer_stamp(raws.get(oid, ("", b""))[1])[0])
        if when is not None:
            floors[oid] = (when, oid)
    for oid, stamp, *parents in added:
        own = _stamp(stamp)
        found = [(own, oid)] if own is not None else []
        found += [floors[p] for p in parents if p in floors]
        if found:
            floors[oid] = _latest(found)
    return floors


def _ahead_of_clock(added: list[list[str]], history: History, latest: dt.datetime) -> list[str]:
    """Reasons for the commits of ``added`` that are no claim and are dated after
    ``latest`` (a claim's own reason names it as one)."""
    reasons: list[str] = []
    for oid, stamp, *_ in added:
        commit = history.commits.get(oid)
        if (commit is not None and _kind(commit)) or not _after(stamp, latest):
            continue
        when = _stamp(stamp)
        shown = (
            _shown(when) if when is not None else f"{stamp} 秒（Unix 时间，超出日历能显示的年份）"
        )
        reasons.append(
            f"提交 {oid[:10]} 的时间 {shown}晚于当前时间（服务器或核验时的时钟）："
            f"在其后签署的审核、撤稿都会早于它而被拒绝。{AHEAD}"
        )
    return reasons


def _after(stamp: str, latest: dt.datetime) -> bool:
    """Whether the committer timestamp ``stamp`` (``%ct``) lies after ``latest``, a date
    past every year a clock can show (git's fsck takes any 64-bit time) included."""
    return stamp.isdigit() and int(stamp) > latest.timestamp()


def _claim_problem(
    claim: Commit, floors: dict[str, Floor], now: dt.datetime, latest: dt.datetime
) -> str:
    """Why ``claim`` is refused for its date ("" when it is not)."""
    signed = _when(claim.committed_at)
    if signed is None:
        return f"{_kind(claim)} {claim.oid[:10]} 没有可读的提交时间（committer 行）。"
    if signed > latest:
        return (
            f"{_kind(claim)} {claim.oid[:10]} 的签署时间 {_shown(signed)}晚于当前时间"
            f"（服务器或核验时的时钟）：公开的审核记录按此时间显示，不接受未来的时间。{FIX}"
        )
    found = [floors[p] for p in claim.parents if p in floors]
    if not found:
        return ""
    before, whose = _latest(found)
    if signed >= min(before, now) - SKEW:
        return ""
    fix = FUTURE_PARENT if before > latest else FIX
    return (
        f"{_kind(claim)} {claim.oid[:10]} 的签署时间 {_shown(signed)}早于它所在的"
        f"提交 {whose[:10]}（{_shown(before)}）：签名只能在所签内容之后，公开的"
        f"审核记录不接受提前的时间。{fix}"
    )


def date_problems(
    repo: Path, history: History, old: str, new: str, now: Callable[[], dt.datetime] = _now
) -> list[str]:
    """Chinese reasons to refuse the commits of ``old..new`` dated after the server's clock,
    and the claim commits dated before a commit they were made on (the latest of their
    ancestry the push brings, and their parents; the clock, when that is later);
    ``history`` reaches ``new``."""
    listing = git.out(
        ["log", "--topo-order", "--reverse", "--format=%H %ct %P", f"{old}..{new}", "--"],
        cwd=repo,
    )
    added = [line.split() for line in listing.splitlines() if len(line.split()) >= 2]
    clock_now = now()
    latest = clock_now + SKEW
    reasons = _ahead_of_clock(added, history, latest)
    claims = [history.commits[row[0]] for row in added if row[0] in history.commits]
    claims = [c for c in claims if _kind(c)]
    if not claims:
        return reasons
    floors = _floors(repo, added)
    found = (_claim_problem(c, floors, clock_now, latest) for c in claims)
    return reasons + [r for r in found if r]


def range_problems(repo: Path, base: str, head: str) -> list[str]:
    """``date_problems`` of a pull request: ``head`` judged from ``base``, its merge base
    with main (``govmedia verify``, the hosted forges' required check, and ``status``)."""
    return date_problems(repo, History.load(repo, [head]), base, head)
