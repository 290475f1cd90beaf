"""What a publishing run has to do: approved posts on main not yet on the channels they name.

The plan reads posts from git at the published commit (never the working tree), asks the
review module whether each post's blob is publishable (三审, checked again here), keeps
posts dated in the future for a later run, and folds the ledger to find, per (post,
channel), whether it is done, half-done (an intent without its outcome: reconcile), a
new version of a published post (a correction), retracted, or refused for good.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import clock, git
from pipeline.content import Post, parse_post
from pipeline.errors import GovmediaError
from pipeline.governance.registry import Account, Registry
from pipeline.ledger import Ledger, Record
from pipeline.platforms.channels import CHANNELS
from pipeline.project import POSTS_DIR, Project
from pipeline.review.merged_units import refusal
from pipeline.review.results import PostReview
from pipeline.review.verify import review_posts
from pipeline.slugs import duplicate_slugs

CHINA = dt.timezone(dt.timedelta(hours=8))
PUBLISHABLE_PLATFORMS = tuple(CHANNELS)


ReviewMany = Callable[[Path, list[str], str], list[PostReview]]


def default_review() -> ReviewMany:
    """The one review evaluator, batched (``pipeline.review.verify.review_posts``)."""
    return review_posts


def single(review_post: Callable[[Path, str, str], PostReview]) -> ReviewMany:
    """Adapt a ``review_post(repo_root, path, ref)`` function (e.g. a test double)."""
    return lambda root, paths, ref: [review_post(root, p, ref) for p in paths]


@dataclass
class Task:
    post: Post
    channel: str
    platform: str
    review: PostReview
    history: list[Record]
    correction_of: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.post.slug, self.channel)

    def mine(self) -> list[Record]:
        """This version's records (same blob), oldest first."""
        return [r for r in self.history if r.blob == self.post.blob]

    def resuming(self) -> bool:
        return any(r.event in ("intent", "drafted", "submitted") for r in self.mine())


@dataclass
class Plan:
    commit: str
    ref: str
    tasks: list[Task] = field(default_factory=list)
    scheduled: list[Post] = field(default_factory=list)
    unapproved: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (path, channel, reason)
    refused: list[tuple[str, str]] = field(default_factory=list)  # refused, still undelivered
    done: int = 0


def today_in_china() -> dt.date:
    return clock.today()


def load_posts_at(
    project: Project, commit: str, registry: Registry
) -> tuple[list[Post], list[tuple[str, str]]]:
    posts: list[Post] = []
    broken: list[tuple[str, str]] = []
    blobs = git.ls_tree(commit, POSTS_DIR, cwd=project.root)
    paths = sorted(p for p in blobs if p.endswith(".md"))
    contents = git.cat_blobs([blobs[p] for p in paths], cwd=project.root)
    shared = {p: others for others in duplicate_slugs(paths).values() for p in others}
    for path in paths:
        if path in shared:
            others = "、".join(p for p in shared[path] if p != path)
            broken.append((path, f"文件名（slug）与 {others} 重复，不予发布"))
            continue
        raw = contents.get(blobs[path])
        if raw is None:
            continue
        result = parse_post(path, raw, registry=registry)
        errors = [f for f in result.findings if f.severity == "error"]
        if result.post is None or errors:
            first = errors[0] if errors else None
            reason = f"第 {first.line} 行：{first.message}" if first else "无法解析"
            broken.append((path, f"文章不符合格式要求（{reason}）"))
            continue
        posts.append(result.post)
    return posts, broken


def history_index(ledger: Ledger) -> dict[tuple[str, str], list[Record]]:
    index: dict[tuple[str, str], list[Record]] = {}
    for record in ledger.records():
        index.setdefault((record.slug, record.channel), []).append(record)
    return index


def make_plan(
    project: Project,
    registry: Registry,
    ledger: Ledger,
    *,
    ref: str = "main",
    review: ReviewMany | None = None,
    today: dt.date | None = None,
) -> Plan:
    """The plan of a run on ``ref``: each post's pending deliveries, and why the others wait."""
    commit = _resolve(project, ref)
    merged = refusal(project.root, commit, ref, "发布")
    if merged:  # the unit files every step below reads as they stand (the roster above all)
        raise GovmediaError(merged)
    plan = Plan(commit=commit, ref=ref)
    posts, broken = load_posts_at(project, commit, registry)
    plan.unapproved.extend(broken)
    today = today or today_in_china()
    index = history_index(ledger)
    candidates = _candidates(plan, posts, registry, index, today)
    reviews = _reviews(project, candidates, commit, review)
    for post in candidates:
        result = reviews.get(post.path)
        if result is None or not result.publishable or result.blob != post.blob:
            plan.unapproved.append((post.path, _review_reason(result)))
            continue
        _plan_channels(plan, post, result, registry, index, today)
    return plan


def _resolve(project: Project, ref: str) -> str:
    """The commit ``ref`` names; UsageError when there is none."""
    commit = git.resolve_branch(ref, cwd=project.root)
    if commit is None:
        from pipeline.errors import UsageError

        raise UsageError(f"找不到分支或提交 {ref}：请在内容仓库中、{ref} 分支存在时运行。")
    return commit


def _candidates(
    plan: Plan,
    posts: list[Post],
    registry: Registry,
    index: dict[tuple[str, str], list[Record]],
    today: dt.date,
) -> list[Post]:
    """The posts with work left on a channel, to review; the others go into ``plan``
    (a slug the ledger records for another path, dated later, or settled everywhere)."""
    recorded = _ledger_paths(index)
    candidates: list[Post] = []
    for post in posts:
        elsewhere = sorted(recorded.get(post.slug, set()) - {post.path})
        if elsewhere:
            plan.unapproved.append(
                (post.path, f"文件名（slug）已被台账中的 {'、'.join(elsewhere)} 使用，不予发布")
            )
            continue
        if post.date > today:
            plan.scheduled.append(post)
            continue
        wanted = [c for c in post.channels if _eligible(registry, c, today)]
        if any(_needs_work(post, c, index) for c in wanted):
            candidates.append(post)
            continue
        for channel in wanted:
            _account_state(plan, post, channel, index.get((post.slug, channel), []))
    return candidates


def _reviews(
    project: Project, candidates: list[Post], commit: str, review: ReviewMany | None
) -> dict[str, PostReview]:
    """The review of each candidate at ``commit``, by path, in one batch (none when none)."""
    reviews: dict[str, PostReview] = {}
    if candidates:
        review = review or default_review()
        for result in review(project.root, [p.path for p in candidates], commit):
            reviews[result.path] = result
    return reviews


def _plan_channels(
    plan: Plan,
    post: Post,
    result: PostReview,
    registry: Registry,
    index: dict[tuple[str, str], list[Record]],
    today: dt.date,
) -> None:
    """A task for each channel of an approved post still to deliver, or why it is skipped."""
    for channel in post.channels:
        account = registry.accounts.get(channel)
        history = index.get((post.slug, channel), [])
        if account is None:
            continue
        why = _not_ours(account, today)
        if why:
            plan.skipped.append((post.path, channel, why))
            continue
        state = _account_state(plan, post, channel, history)
        if state != "todo":
            continue
        previous = [r for r in history if r.event == "published"]
        plan.tasks.append(
            Task(
                post=post,
                channel=channel,
                platform=account.platform,
                review=result,
                history=history,
                correction_of=previous[-1].blob if previous else "",
            )
        )


def _not_ours(account: Account, today: dt.date) -> str:
    """Why this pipeline does not publish to ``account`` ("" when it does): an account the
    registry has opening on a later day is not open yet (第七条: opened once approved and
    announced; red team, round 43), one with a closing day is closed or closing."""
    if account.platform not in PUBLISHABLE_PLATFORMS:
        return "该账号不经本流水线发布"
    if account.opened is not None and account.opened > today:
        return f"账号登记的开设日期为 {account.opened}，开设前暂不发布"
    if account.closed is not None:
        return f"账号已于 {account.closed} 关闭"
    if account.raw.get("kind") == "official_personal":
        return "公务人员个人账号不经本流水线发布"
    return ""


def _ledger_paths(index: dict[tuple[str, str], list[Record]]) -> dict[str, set[str]]:
    """Slug -> every post path the ledger records under it."""
    paths: dict[str, set[str]] = {}
    for (slug, _), records in index.items():
        paths.setdefault(slug, set()).update(r.path for r in records if r.path)
    return paths


def _eligible(registry: Registry, channel: str, today: dt.date) -> bool:
    account = registry.accounts.get(channel)
    return account is not None and not _not_ours(account, today)


def _account_state(plan: Plan, post: Post, channel: str, history: list[Record]) -> str:
    state = _state(post, history)
    if state == "done":
        plan.done += 1
    elif state == "retracted":
        plan.skipped.append((post.path, channel, "已撤回，不再发布"))
    elif state == "refused":
        plan.skipped.append((post.path, channel, "平台拒绝了此版本（见台账），须修改后重新审核"))
        plan.refused.append((post.path, channel))
    return state


def _needs_work(post: Post, channel: str, index: dict[tuple[str, str], list[Record]]) -> bool:
    return _state(post, index.get((post.slug, channel), [])) == "todo"


def _state(post: Post, history: list[Record]) -> str:
    if any(r.event == "retracted" for r in history):
        return "retracted"
    # claims say who works on a delivery, not how it went (claim.py)
    mine = [r for r in history if r.blob == post.blob and r.event not in ("claim", "release")]
    if any(r.event == "published" for r in mine):
        return "done"
    if mine and mine[-1].event == "failed" and not mine[-1].detail.get("retry", True):
        return "refused"
    return "todo"


def _review_reason(result: PostReview | None) -> str:
    if result is None:
        return "审核模块没有给出结果"
    problems = result.problems()
    if problems:
        names = {1: "初审", 2: "复审", 3: "终审"}
        first = problems[0]
        label = first.label or names.get(first.stage, str(first.stage))
        return f"{label}未通过：{first.reason}".rstrip("：")
    return "未通过三审"


def review_detail(result: PostReview, drafted_at: str) -> dict[str, Any]:
    """The ``review`` part of a ``published`` record: each approved stage, and when the
    post was first committed."""
    return {
        "stages": [
            {"stage": s.stage, "by": s.by, "commit": s.commit, "at": s.at}
            for s in result.stages
            if s.ok
        ],
        "drafted_at": drafted_at,
    }
