"""``govmedia publish``: deliver approved posts on main to their channels, exactly once.

For every (post, channel) of the plan (plan.py) the publisher writes an ``intent`` record
to the ledger BEFORE each non-idempotent platform call and the outcome right after it
(ledger.py syncs every append to disk). A run killed anywhere and run again reads its own
records back and reconciles with the platform instead of resending:

Each platform's steps are its channel's (pipeline/platforms/wechat_channel.py,
weibo_channel.py, app_channel.py, behind the one interface of channel.py): the publisher
hands the channel a :class:`TaskDelivery` (the post, its earlier records, the ledger
writes) and never branches on a platform's name.

The ledger records of the run are committed to git at the end (one commit per run).

With ``--push`` (the server's hook) the run first claims its deliveries on the shared
remote (ledger_claim.py: a signed claim commit pushed before any platform call; a rejected
push means another server owns them), and pushes its ledger commit with retry
(ledger_sync.py). Before planning, the run checks its working tree (ledger_guard.py): the
branch, an intact ``ledger/``, git's index lock, and records a killed run left uncommitted.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from pipeline import filelock, git, ledger_guard, ledger_sync
from pipeline.crashpoints import crash_point
from pipeline.errors import GovmediaError
from pipeline.governance.registry import Registry
from pipeline.ledger import Ledger, Record, new_run_id
from pipeline.ledger_claim import Claims, claim_deliveries
from pipeline.ledger_signing import Signer, publisher_signer
from pipeline.ledger_trust import trusted_ledger
from pipeline.plan import Plan, Task, review_detail
from pipeline.platforms.channel import Assets, Delivered, PostAt
from pipeline.platforms.channels import PLATFORM_NAMES, Channels
from pipeline.platforms.errors import (
    DailyQuota,
    OperatorAction,
    Permanent,
    PlatformError,
    Retryable,
    WaitWindow,
    scrub,
)
from pipeline.platforms.ratelimit import RateLimiter, limiter_for
from pipeline.platforms.settings import Settings
from pipeline.project import Project
from pipeline.redact import append_scrubbed


@dataclass
class Outcome:
    task: Task
    status: str  # published | failed | deferred | stopped
    message: str = ""
    url: str = ""


@dataclass
class Publisher:
    project: Project
    plan: Plan
    channels: Channels
    ledger: Ledger
    run: str = field(default_factory=new_run_id)
    jobs: int = 1
    progress: bool = True
    say: Callable[[str], None] = print
    limiters: dict[str, RateLimiter] = field(default_factory=dict)
    _stopped: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _drafted_at: dict[str, str] = field(default_factory=dict)
    _assets: Assets | None = None

    # -- running ---------------------------------------------------------------------

    def publish(self) -> list[Outcome]:
        tasks = self.plan.tasks
        if not tasks:
            return []
        self._drafted_at = git.first_commit_times(
            sorted({t.post.path for t in tasks}), self.plan.commit, cwd=self.project.root
        )
        for platform in {t.platform for t in tasks}:
            self.limiters.setdefault(platform, limiter_for(platform))
        outcomes: list[Outcome] = []
        bar = tqdm(total=len(tasks), desc="发布", unit="项", disable=not self.progress or None)
        by_platform: dict[str, list[Task]] = {}
        for task in tasks:
            by_platform.setdefault(task.platform, []).append(task)

        def lane(items: list[Task]) -> list[Outcome]:
            done: list[Outcome] = []
            with ThreadPoolExecutor(max_workers=max(1, self.jobs)) as pool:
                for outcome in pool.map(self._one, items):
                    done.append(outcome)
                    bar.update(1)
            return done

        with ThreadPoolExecutor(max_workers=len(by_platform)) as lanes:
            for result in lanes.map(lane, by_platform.values()):
                outcomes.extend(result)
        bar.close()
        return outcomes

    def delivery(self, task: Task) -> TaskDelivery:
        if self._assets is None:
            self._assets = Assets(self.project.root, self.plan.commit)
        return TaskDelivery(self, task, self._assets)

    def _one(self, task: Task) -> Outcome:
        stop = self._stopped.get(task.platform)
        if stop:
            return Outcome(task, "stopped", stop)
        delivery = self.delivery(task)
        channel = None
        try:
            channel = self.channels(task.platform)
            done = channel.publish(delivery)
            return Outcome(task, done.status, done.message, done.url)
        except PlatformError as exc:
            return self._failure(task, exc)
        finally:
            if channel is not None:
                channel.done(delivery)

    def _failure(self, task: Task, exc: PlatformError) -> Outcome:
        message = scrub(str(exc), self.channels.secrets())
        permanent = isinstance(exc, Permanent)
        if isinstance(exc, (WaitWindow, OperatorAction)):
            with self._lock:
                self._stopped.setdefault(task.platform, message)
        self._record(
            task,
            "failed",
            detail={
                "error": type(exc).__name__,
                "code": exc.code,
                "message": message,
                "retry": not permanent,
            },
        )
        status = "deferred" if isinstance(exc, (WaitWindow, Retryable)) else "failed"
        return Outcome(task, status, message)

    # -- ledger ------------------------------------------------------------------------

    def _record(
        self,
        task: Task,
        event: str,
        *,
        platform_id: str = "",
        url: str = "",
        detail: dict[str, Any] | None = None,
    ) -> Record:
        record = Record(
            event=event,
            slug=task.post.slug,
            channel=task.channel,
            run=self.run,
            path=task.post.path,
            blob=task.post.blob,
            commit=self.plan.commit,
            platform=task.platform,
            platform_id=platform_id,
            url=url,
            detail=detail or {},
        )
        # scrubbed of every credential, thread-safe, fsynced before returning
        written = append_scrubbed(self.ledger, record, self.channels.secrets())
        task.history.append(written)
        return written

    def _window(self, task: Task) -> None:
        limiter = self.limiters.get(task.platform)
        if limiter is not None and not limiter.acquire(max_wait=5.0):
            raise WaitWindow(
                f"{PLATFORM_NAMES[task.platform]}：已达到本时段的发布频率上限，等待下一个时间窗口。",
                platform=PLATFORM_NAMES[task.platform],
                retry_after=3600,
            )


class TaskDelivery(PostAt):
    """One task as its channel sees it (pipeline/platforms/channel.py ``Delivery``)."""

    def __init__(self, publisher: Publisher, task: Task, assets: Assets) -> None:
        super().__init__(task.post, assets, task.correction_of or "")
        self._pub = publisher
        self._task = task

    def mine(self) -> list[Record]:
        return self._task.mine()

    def taken_over(self) -> bool:
        """Whether another run claimed this delivery and never recorded how it ended: any
        of its steps may have reached the platform, so every step is reconciled first."""
        task = self._task
        key = (task.post.slug, task.channel, task.post.blob)
        return bool(Claims.fold(task.mine()).unfinished(key, self._pub.run))

    def ledger(self) -> Iterable[Record]:
        return self._pub.ledger.records()

    def record(
        self,
        event: str,
        *,
        platform_id: str = "",
        url: str = "",
        detail: dict[str, Any] | None = None,
    ) -> Record:
        return self._pub._record(self._task, event, platform_id=platform_id, url=url, detail=detail)

    def intent(self, op: str, **detail: Any) -> None:
        self.record("intent", detail={"step": op, "title": self.post.title, **detail})
        crash_point(f"before:{op}")

    def review(self) -> dict[str, Any]:
        drafted = self._pub._drafted_at.get(self.post.path, "")
        return review_detail(self._task.review, drafted)

    def published(self, platform_id: str, url: str, **extra: Any) -> Delivered:
        detail: dict[str, Any] = {"review": self.review(), "title": self.post.title, **extra}
        if self.correction_of:
            detail["correction_of"] = self.correction_of
        if "content_sha256" not in detail:  # for govmedia watch
            detail["content_sha256"] = self._pub.channels(self._task.platform).rendered_hash(self)
        self.record("published", platform_id=platform_id, url=url, detail=detail)
        return Delivered("published", url=url)

    def window(self) -> None:
        self._pub._window(self._task)

    def unit_file(self, path: str) -> bytes | None:
        return self.assets.unit_file(path)


# -- the run around the publisher ------------------------------------------------------------


@contextlib.contextmanager
def run_lock(project: Project) -> Iterator[None]:
    """One publishing run per repository at a time (a hook rerun waits for the previous)."""
    directory = git.git_dir(project.root) or project.root
    with filelock.exclusive(directory / "govmedia-publish.lock"):
        yield


def push_ledger(project: Project, ref: str = "main", signer: Signer | None = None) -> None:
    """Push ``ref`` to origin when it is ahead (the ledger commits of this and earlier runs).

    With ``signer``, a push rejected because another server pushed first is replayed onto
    the remote's ``ref`` and pushed again (ledger_sync.py)."""
    root = project.root
    if signer is not None:
        ledger_sync.fetch(project, ref)
        ledger_sync.replay_onto_origin(project, signer, ref)
        ledger_sync.push(project, signer, ref)
        return
    ahead = git.out(["rev-list", "--count", f"origin/{ref}..{ref}"], cwd=root, check=False).strip()
    if ahead == "0":
        return
    code, _, err = git.run(["push", "-q", "origin", f"{ref}:{ref}"], cwd=root, check=False)
    if code != 0:
        raise GovmediaError(
            "发布台账已在本地提交，但推送到远程仓库失败（下次运行会再次推送）："
            + err.decode("utf-8", "replace").strip()[:300]
        )


def commit_ledger(
    project: Project, message: str, signer: Signer, *, ref: str = "main", push: bool = False
) -> str | None:
    """Commit ``ledger/`` (only it) on ``ref`` when it changed, signed by the publisher
    identity ``signer`` (ledger_signing.py); optionally push it."""
    root = project.root
    if git.current_branch(root) != ref:
        return None
    with ledger_guard.git_marker(project):
        git.run(["add", "--ignore-removal", "--", "ledger"], cwd=root)
        if git.ok(["diff", "--cached", "--quiet", "--", "ledger"], cwd=root):
            return None
        code, _, err = git.run(
            ["commit", "-q", "--no-verify", "-S", "-m", message, "--", "ledger"],
            cwd=root,
            env=signer.env(),
            check=False,
        )
    if code != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise GovmediaError(
            f"发布台账已写入 ledger/，但用发布者密钥签名提交失败（{detail[0][:200]}）："
            "请检查 GOVMEDIA_PUBLISHER_KEY 所指的私钥与 ssh-keygen，下次运行会再次提交。"
        )
    if push:
        push_ledger(project, ref, signer)
    return git.rev_parse("HEAD", cwd=root)


def summary_message(run: str, outcomes: list[Outcome]) -> str:
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    head = (
        f"Ledger: publish run {run} ({counts.get('published', 0)} published, "
        f"{counts.get('failed', 0)} failed, {counts.get('deferred', 0) + counts.get('stopped', 0)} deferred)"
    )
    lines = [f"- {o.status}: {o.task.post.path} -> {o.task.channel}" for o in outcomes[:200]]
    return head + "\n\n" + "\n".join(lines) + "\n"


def ledger_of(project: Project) -> Ledger:
    return Ledger(project.ledger_dir)


def describe_plan(
    plan: Plan, settings: Settings | None = None, registry: Registry | None = None
) -> list[str]:
    """The plan in Chinese (``--dry-run``), one line per action."""
    label = registry.label_of if registry else (lambda channel: f"「{channel}」")
    lines = [f"发布计划（{plan.ref} @ {plan.commit[:12]}）："]
    for task in plan.tasks:
        name = PLATFORM_NAMES.get(task.platform, task.platform)
        what = "续传（先与平台核对，不重复发送）" if task.resuming() else "发布"
        if task.correction_of:
            what += f"更正版本（替换 {task.correction_of[:8]}）"
        lines.append(
            f"  {what}：《{task.post.title}》→ {name}{label(task.channel)}  {task.post.path}"
        )
    for post in plan.scheduled:
        lines.append(
            f"  定时：《{post.title}》将于 {post.date} 当日或之后的运行中发布  {post.path}"
        )
    for path, reason in plan.unapproved:
        lines.append(f"  暂不发布：{path}：{reason}")
    for path, channel, reason in plan.skipped:
        lines.append(f"  跳过：{path} → {label(channel)}：{reason}")
    lines.append(
        f"合计：待发布 {len(plan.tasks)} 项，定时 {len(plan.scheduled)} 篇，"
        f"未通过审核 {len(plan.unapproved)} 篇，已发布 {plan.done} 项。"
    )
    return lines


def run_publish(
    project: Project,
    *,
    ref: str = "main",
    dry_run: bool = False,
    jobs: int = 1,
    push: bool = False,
    commit: bool = True,
    review: Any = None,
    channels: Channels | None = None,
    settings: Settings | None = None,
    progress: bool = True,
    say: Callable[[str], None] = print,
) -> int:
    """The whole run: plan, publish, summary, ledger commit. Exit code 0 / 1."""
    from pipeline.config import load_unit_config
    from pipeline.plan import make_plan
    from pipeline.platforms.settings import load_settings

    registry = load_unit_config(project).registry
    with run_lock(project):
        settings = settings or (channels.settings if channels else load_settings(project.root))
        signer = None
        if not dry_run:
            signer = _prepare_tree(project, ref, settings, commit=commit, push=push, say=say)
        ledger = trusted_ledger(project, ref)  # refuses a ledger a push forged
        plan = make_plan(project, registry, ledger, ref=ref, review=review)
        if dry_run:
            for line in describe_plan(plan, registry=registry):
                say(line)
            return 0
        # before any platform call: a run whose ledger commit would not be trusted stops here
        if commit and plan.tasks and signer is None:
            signer = publisher_signer(project, ref, settings)
        channels = channels or Channels(settings)
        if plan.tasks and not any(True for _ in ledger.records()):
            _refuse_if_live(project, plan, ref, channels, say)
        publisher = Publisher(
            project, plan, channels, ledger, jobs=jobs, progress=progress, say=say
        )
        if push and commit and signer is not None and plan.tasks:
            _claim(publisher, signer, ref, say)
        try:
            outcomes = publisher.publish()
        finally:
            channels.close()
            ledger.close()
        for outcome in outcomes:
            task = outcome.task
            name = PLATFORM_NAMES.get(task.platform, task.platform) + registry.label_of(
                task.channel
            )
            if outcome.status == "published":
                extra = "（更正）" if task.correction_of else ""
                say(f"已发布{extra}：《{task.post.title}》→ {name}  {outcome.url}")
            elif outcome.status == "failed":
                say(f"失败：《{task.post.title}》→ {name}：{outcome.message}")
            else:
                say(f"推迟：《{task.post.title}》→ {name}：{outcome.message or '下次运行继续'}")
        for path, reason in plan.unapproved:
            say(f"暂不发布：{path}：{reason}")
        for path, channel, reason in plan.skipped:
            say(f"跳过：{path} → {registry.label_of(channel)}：{reason}")
        if plan.scheduled:
            say(f"定时发布：{len(plan.scheduled)} 篇文章的日期未到，将在之后的运行中发布。")
        if plan.refused:  # still undelivered: the run is not a success until they are fixed
            say(f"仍有 {len(plan.refused)} 项被平台拒绝、尚未送达：修改文章并重新审核后再发布。")
        published = sum(1 for o in outcomes if o.status == "published")
        bad = [o for o in outcomes if o.status != "published"]
        say(
            f"本次运行 {publisher.run}：发布 {published} 项，未完成 {len(bad)} 项，"
            f"此前已发布 {plan.done} 项。"
        )
        sha = None
        if signer is not None and commit and outcomes:
            sha = commit_ledger(project, summary_message(publisher.run, outcomes), signer, ref=ref)
            if sha:
                say(f"发布台账已提交：{sha[:12]}")
    # pushed outside the lock: the server's hooks may start another run on this push
    if push and commit:
        push_ledger(project, ref, signer)
        say("发布台账已推送到 origin。")
    return 1 if bad or plan.refused else 0


def _prepare_tree(
    project: Project,
    ref: str,
    settings: Settings,
    *,
    commit: bool,
    push: bool,
    say: Callable[[str], None],
) -> Signer | None:
    """The checks before a run trusts its working tree (ledger_guard.py); the signer when
    this run commits and had to sign already (pending records, a sync with the remote)."""
    ledger_guard.require_branch(project, ref)
    # before anything is committed: "git add ledger" must never record a loss
    ledger_guard.require_ledger_intact(project, ref)
    if ledger_guard.clear_stale_index_lock(project):
        say("已清除上次被中断的发布进程遗留的 git 索引锁（index.lock）。")
    repaired = Ledger(project.ledger_dir).repair_tails()
    for name in repaired:
        say(
            f"发布台账 ledger/{name} 末尾有一条写到一半的记录（进程中断所致），已截去；其操作未发出，本次将核对后继续。"
        )
    signer = None
    if commit and ledger_guard.ledger_dirty(project):
        signer = publisher_signer(project, ref, settings)
        sha = commit_ledger(project, "Ledger: records of an interrupted run", signer, ref=ref)
        if sha:
            say(f"上次运行中断时未提交的发布台账记录已提交：{sha[:12]}")
    if push and commit and ledger_sync.has_origin(project):
        signer = signer or publisher_signer(project, ref, settings)
        ledger_sync.sync(project, signer, ref)
    return signer


def _refuse_if_live(
    project: Project, plan: Plan, ref: str, channels: Channels, say: Callable[[str], None]
) -> None:
    """An empty ledger with posts the platforms already show: a lost ledger, not a new one."""
    from pipeline.ledger_rebuild import find_live

    platforms = {t.platform for t in plan.tasks}
    try:
        found = find_live(project, ref, channels, platforms)
    except PlatformError as exc:
        say(f"台账为空，未能向平台核对是否已发布过：{scrub(str(exc), channels.secrets())}")
        return
    for platform, why in found.unreadable.items():
        say(
            f"台账为空，且未能读取{PLATFORM_NAMES.get(platform, platform)}的内容核对是否已发布过：{why}"
        )
    wanted = {t.key for t in plan.tasks}
    live = [f for f in found.found if (f.post.slug, f.channel) in wanted]
    if live:
        first = live[0]
        raise GovmediaError(
            f"发布台账是空的，但平台上已有本单位的 {len(live)} 项待发布内容"
            f"（如《{first.post.title}》→ {PLATFORM_NAMES.get(first.platform, first.platform)}）："
            "台账很可能已丢失。为免重复发布，本次不发布。请运行 govmedia ledger rebuild "
            "依据各平台实际发布的内容重建台账，再发布。"
        )


def _claim(publisher: Publisher, signer: Signer, ref: str, say: Callable[[str], None]) -> None:
    """Own the plan's deliveries on the shared remote before any platform call."""
    if not ledger_sync.has_origin(publisher.project):
        return

    def write(task: Task, event: str, detail: dict[str, Any]) -> None:
        publisher._record(task, event, detail=detail)

    def commit(message: str) -> None:
        commit_ledger(publisher.project, message, signer, ref=ref)

    result = claim_deliveries(
        publisher.project,
        publisher.ledger,
        publisher.plan.tasks,
        run=publisher.run,
        signer=signer,
        write=write,
        commit=commit,
        ref=ref,
    )
    crash_point("after:ledger.claim")
    for task, holder in result.elsewhere:
        say(
            f"由另一台发布服务器处理：《{task.post.title}》→ "
            f"{PLATFORM_NAMES.get(task.platform, task.platform)}（运行 {holder.run}）"
        )
    publisher.plan.tasks = result.mine


__all__ = [
    "Channels",
    "DailyQuota",
    "Outcome",
    "Publisher",
    "commit_ledger",
    "run_lock",
    "summary_message",
]
