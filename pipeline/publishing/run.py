"""``govmedia publish``: the run around the publisher (publisher.py) — plan, claim,
deliver, report, commit.

Before planning, the run checks its working tree (ledger_guard.py): the branch, an intact
``ledger/``, git's index lock, and records a killed run left uncommitted. With ``--push``
(the server's hook) the run first claims its deliveries on the shared remote (claim.py: a
signed claim commit pushed before any platform call; a rejected push means another server
owns them), and pushes its ledger commit with retry (sync.py). The ledger records of the
run are committed to git at the end (one commit per run, ledger_commit.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline import ledger_guard
from pipeline.config import load_unit_config
from pipeline.crashpoints import crash_point
from pipeline.errors import GovmediaError
from pipeline.governance.registry import Registry
from pipeline.ledger import Ledger
from pipeline.ledger_signing import Signer, publisher_signer
from pipeline.ledger_trust import trusted_ledger
from pipeline.platforms.channels import Channels, platform_label
from pipeline.platforms.errors import PlatformError, scrub
from pipeline.platforms.settings import Settings, load_settings
from pipeline.project import Project
from pipeline.publishing import sync
from pipeline.publishing.claim import claim_deliveries
from pipeline.publishing.ledger_commit import commit_ledger, push_ledger, run_lock
from pipeline.publishing.plan import Plan, ReviewMany, Task, make_plan
from pipeline.publishing.publisher import Outcome, Publisher
from pipeline.publishing.rebuild import find_live


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


def describe_plan(
    plan: Plan, settings: Settings | None = None, registry: Registry | None = None
) -> list[str]:
    """The plan in Chinese (``--dry-run``), one line per action."""
    label = registry.label_of if registry else (lambda channel: f"「{channel}」")
    lines = [f"发布计划（{plan.ref} @ {plan.commit[:12]}）："]
    for task in plan.tasks:
        name = platform_label(task.platform)
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
    review: ReviewMany | None = None,
    channels: Channels | None = None,
    settings: Settings | None = None,
    progress: bool = True,
    say: Callable[[str], None] = print,
) -> int:
    """The whole run: plan, publish, summary, ledger commit. Exit code 0 / 1."""
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
        unfinished = _report(plan, publisher.run, outcomes, registry, say)
        if signer is not None and commit and outcomes:
            sha = commit_ledger(project, summary_message(publisher.run, outcomes), signer, ref=ref)
            if sha:
                say(f"发布台账已提交：{sha[:12]}")
    # pushed outside the lock: the server's hooks may start another run on this push
    if push and commit:
        push_ledger(project, ref, signer)
        say("发布台账已推送到 origin。")
    return 1 if unfinished else 0


def _report(
    plan: Plan,
    run: str,
    outcomes: list[Outcome],
    registry: Registry,
    say: Callable[[str], None],
) -> bool:
    """Each delivery's outcome and what waits, in Chinese; whether anything is unfinished."""
    for outcome in outcomes:
        task = outcome.task
        name = platform_label(task.platform) + registry.label_of(task.channel)
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
    say(f"本次运行 {run}：发布 {published} 项，未完成 {len(bad)} 项，此前已发布 {plan.done} 项。")
    return bool(bad or plan.refused)


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
    if push and commit and sync.has_origin(project):
        signer = signer or publisher_signer(project, ref, settings)
        sync.sync(project, signer, ref)
    return signer


def _refuse_if_live(
    project: Project, plan: Plan, ref: str, channels: Channels, say: Callable[[str], None]
) -> None:
    """An empty ledger with posts the platforms already show: a lost ledger, not a new one."""

    platforms = {t.platform for t in plan.tasks}
    try:
        found = find_live(project, ref, channels, platforms)
    except PlatformError as exc:
        say(f"台账为空，未能向平台核对是否已发布过：{scrub(str(exc), channels.secrets())}")
        return
    for platform, why in found.unreadable.items():
        say(f"台账为空，且未能读取{platform_label(platform)}的内容核对是否已发布过：{why}")
    wanted = {t.key for t in plan.tasks}
    live = [f for f in found.found if (f.post.slug, f.channel) in wanted]
    if live:
        first = live[0]
        raise GovmediaError(
            f"发布台账是空的，但平台上已有本单位的 {len(live)} 项待发布内容"
            f"（如《{first.post.title}》→ {platform_label(first.platform)}）："
            "台账很可能已丢失。为免重复发布，本次不发布。请运行 govmedia ledger rebuild "
            "依据各平台实际发布的内容重建台账，再发布。"
        )


def _claim(publisher: Publisher, signer: Signer, ref: str, say: Callable[[str], None]) -> None:
    """Own the plan's deliveries on the shared remote before any platform call."""
    if not sync.has_origin(publisher.project):
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
            f"{platform_label(task.platform)}（运行 {holder.run}）"
        )
    publisher.plan.tasks = result.mine
