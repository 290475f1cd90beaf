"""The publisher: deliver the plan's tasks to their channels, exactly once.

For every (post, channel) of the plan (plan.py) the publisher writes an ``intent`` record
to the ledger BEFORE each non-idempotent platform call and the outcome right after it
(ledger.py syncs every append to disk). A run killed anywhere and run again reads its own
records back and reconciles with the platform instead of resending. Each platform's steps
are its channel's (pipeline/platforms/wechat_channel.py, weibo_channel.py,
app_channel.py, behind the one interface of channel.py): the publisher hands the channel
a :class:`TaskDelivery` (the post, its earlier records, the ledger writes) and never
branches on a platform's name. Deliveries run in one lane per platform, ``jobs`` at a time
in each; a rate window or an operator action stops the platform's lane for the run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from pipeline import git
from pipeline.crashpoints import crash_point
from pipeline.ledger import Ledger, Record, delivery_record, new_run_id
from pipeline.platforms.channel import Assets, Delivered, PostAt
from pipeline.platforms.channels import PLATFORM_NAMES, Channels
from pipeline.platforms.errors import (
    OperatorAction,
    Permanent,
    PlatformError,
    Retryable,
    WaitWindow,
    scrub,
)
from pipeline.platforms.ratelimit import RateLimiter, limiter_for
from pipeline.project import Project
from pipeline.publishing.claim import Claims
from pipeline.publishing.plan import Plan, Task, review_detail
from pipeline.redact import append_scrubbed

# deliveries of one platform in a row that ended unanswered after their retries: past it the
# platform is stopped for the rest of the run (a 5xx loop is not asked again for every post)
UNANSWERED_LIMIT = 3


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
    _unanswered: dict[str, int] = field(default_factory=dict)  # platform -> in a row
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
        with self._lock:  # one set of assets for every lane of the run
            if self._assets is None:
                self._assets = Assets(self.project.root, self.plan.commit)
            assets = self._assets
        return TaskDelivery(self, task, assets)

    def _one(self, task: Task) -> Outcome:
        stop = self._stopped.get(task.platform)
        if stop:
            return Outcome(task, "stopped", stop)
        delivery = self.delivery(task)
        channel = None
        try:
            channel = self.channels(task.platform)
            done = channel.publish(delivery)
            with self._lock:
                self._unanswered.pop(task.platform, None)
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
        elif isinstance(exc, Retryable):
            self._count_unanswered(task.platform, message)
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

    def _count_unanswered(self, platform: str, message: str) -> None:
        """One more delivery of ``platform`` ended unanswered after its retries: at
        ``UNANSWERED_LIMIT`` in a row the platform is stopped for the rest of the run, its
        other deliveries deferred to the next run (red team, round 18b: a platform, or a
        proxy, answering 5xx for ever had every pending post ask it again, each with its
        own retries, holding the run and its lock)."""
        with self._lock:
            count = self._unanswered.get(platform, 0) + 1
            self._unanswered[platform] = count
            if count >= UNANSWERED_LIMIT:
                self._stopped.setdefault(
                    platform,
                    f"连续 {count} 项发布在重试后仍未得到平台的有效应答，本次运行不再请求该平台，"
                    f"其余各项下次运行继续（最近一次：{message}）",
                )

    # -- ledger ------------------------------------------------------------------------

    def _record(self, task: Task, event: str, **fields: Any) -> Record:
        """Write ``event`` of ``task`` (``fields``: platform_id, url, detail)."""
        record = delivery_record(
            task.post,
            event,
            channel=task.channel,
            platform=task.platform,
            run=self.run,
            commit=self.plan.commit,
            **fields,
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
        written = self.record("published", platform_id=platform_id, url=url, detail=detail)
        return Delivered("published", url=written.url)  # as recorded: scrubbed (redact.py)

    def window(self) -> None:
        self._pub._window(self._task)

    def unit_file(self, path: str) -> bytes | None:
        return self.assets.unit_file(path)
