"""Claims: which server owns a delivery, decided by a compare-and-swap on the shared remote.

Before any platform call, a run that pushes its ledger (``publish --push``) writes a
``claim`` record for every delivery of its plan (``detail.lease_until``), commits them
signed by the publisher key and pushes. The push is the compare-and-swap: it succeeds only
if the remote's ``main`` is still the one the run fetched. When it is rejected, the run
fetches, replays its commits onto the remote's (sync.py) and looks again: every
delivery that another run claimed meanwhile (a live claim: not followed by that run's
outcome and within its lease) is given up with a ``release`` record; the rest are claimed
again, until a push goes through. Only then does the run call a platform.

A claim whose run never finished is taken over when its lease has run out (its server
died), or at once when the run was started from this same clone (``detail.clone``: the
run lock proves that run is gone). The run that takes it over treats it as an intent of
every step and reconciles with the platform before sending anything (publisher.py).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import clock, git
from pipeline.crashpoints import crash_point
from pipeline.errors import GovmediaError
from pipeline.ledger import Ledger, Record, now_iso
from pipeline.ledger_signing import Signer
from pipeline.project import Project
from pipeline.publishing.plan import Task
from pipeline.publishing.sync import PUSH_ATTEMPTS, PushRejected, push_once, sync

CLAIM = "claim"
RELEASE = "release"
CLAIM_EVENTS = (CLAIM, RELEASE)
LEASE_ENV = "GOVMEDIA_CLAIM_LEASE"
DEFAULT_LEASE = 7200.0  # seconds; longer than any run's platform calls
DONE_EVENTS = ("published", "failed", "retracted", RELEASE)

Key = tuple[str, str, str]  # (slug, channel, blob)


def lease_seconds() -> float:
    raw = os.environ.get(LEASE_ENV, "")
    try:
        value = float(raw) if raw else DEFAULT_LEASE
    except ValueError:
        raise GovmediaError(f"{LEASE_ENV}={raw[:40]} 不是数字（认领租期，秒）。") from None
    if value <= 0 or value != value:
        raise GovmediaError(f"{LEASE_ENV}={raw[:40]} 应为正数（认领租期，秒）。")
    return value


def lease_until(seconds: float) -> str:
    until = clock.now() + dt.timedelta(seconds=seconds)
    return until.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


CLONE_FILE = "govmedia-clone-id"  # in the git directory: this clone's own id


def clone_id(project: Project) -> str:
    """A random id of this clone (kept in its git directory, never pushed)."""
    gitdir = git.git_dir(project.root) or project.root
    path = Path(gitdir) / CLONE_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
    except OSError:
        text = ""
    if not text:
        text = uuid.uuid4().hex[:12]
        path.write_text(text + "\n", encoding="ascii")
    return text


@dataclass
class Holder:
    run: str
    until: str
    last: str  # the run's latest event for the key
    clone: str = ""


@dataclass
class Claims:
    """The fold of claim records: per key, the runs that claimed it and how they ended."""

    holders: dict[Key, dict[str, Holder]] = field(default_factory=dict)

    @classmethod
    def fold(cls, records: Iterable[Record]) -> Claims:
        claims = cls()
        for record in records:
            key = (record.slug, record.channel, record.blob)
            runs = claims.holders.get(key)
            if record.event == CLAIM:
                runs = claims.holders.setdefault(key, {})
                runs[record.run] = Holder(
                    record.run,
                    str(record.detail.get("lease_until", "")),
                    CLAIM,
                    str(record.detail.get("clone", "")),
                )
            elif runs is not None and record.run in runs:
                runs[record.run].last = record.event
        return claims

    def live_elsewhere(
        self, key: Key, run: str, clone: str = "", now: str | None = None
    ) -> Holder | None:
        """Another server's claim on ``key`` that is neither finished nor expired."""
        now = now or now_iso()
        for holder in self.holders.get(key, {}).values():
            if holder.run == run or holder.last in DONE_EVENTS:
                continue
            if clone and holder.clone == clone:
                continue  # an earlier run of this clone: the run lock says it is gone
            if holder.until and holder.until > now:
                return holder
        return None

    def unfinished(self, key: Key, run: str) -> list[Holder]:
        """Other runs' claims on ``key`` that never came to an outcome."""
        return [
            h
            for h in self.holders.get(key, {}).values()
            if h.run != run and h.last not in DONE_EVENTS
        ]


def claims_of(ledger: Ledger) -> Claims:
    return Claims.fold(ledger.records())


def _task_key(task: Task) -> Key:
    return (task.post.slug, task.channel, task.post.blob)


@dataclass
class ClaimResult:
    mine: list[Task]
    elsewhere: list[tuple[Task, Holder]]


def claim_deliveries(
    project: Project,
    ledger: Ledger,
    tasks: Sequence[Task],
    *,
    run: str,
    signer: Signer,
    write: Callable[[Task, str, dict[str, object]], None],
    commit: Callable[[str], object],
    ref: str = "main",
) -> ClaimResult:
    """Claim ``tasks`` on the remote (compare-and-swap by push); the ones this run owns.

    ``write(task, event, detail)`` appends a record of this run; ``commit(message)``
    commits ``ledger/`` signed by the publisher.
    """
    clone = clone_id(project)
    seconds = lease_seconds()
    claimed: set[Key] = set()
    given_up: dict[Key, Holder] = {}
    for _ in range(PUSH_ATTEMPTS):
        claims = claims_of(ledger)
        for task in tasks:
            key = _task_key(task)
            if key in given_up:
                continue
            holder = claims.live_elsewhere(key, run, clone)
            if holder is not None:
                given_up[key] = holder
                if key in claimed:
                    write(task, RELEASE, {"reason": "claimed-elsewhere", "by_run": holder.run})
                continue
            if key not in claimed:
                write(task, CLAIM, {"lease_until": lease_until(seconds), "clone": clone})
                claimed.add(key)
        commit(f"Ledger: run {run} claims {len(claimed) - len(given_up)} deliveries")
        crash_point("before:ledger.claim")
        try:
            push_once(project, ref)
        except PushRejected:
            sync(project, signer, ref)
            continue
        return ClaimResult(
            mine=[t for t in tasks if _task_key(t) not in given_up],
            elsewhere=[(t, given_up[_task_key(t)]) for t in tasks if _task_key(t) in given_up],
        )
    raise GovmediaError(
        f"认领发布任务时推送连续 {PUSH_ATTEMPTS} 次被拒绝（远程仓库不断被更新）：本次不调用平台，"
        "下次运行再试。"
    )
