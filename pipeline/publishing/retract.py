"""``govmedia retract POST --reason TEXT`` (第七条, 第二十条 责令删除).

A retraction needs a signed approval commit on main by a leader, in the protocol style of
DESIGN.md:

    撤回：政务服务大厅12月起推行延时服务

    Retracts: content/posts/2026/11/yanshi-fuwu.md
    Signed-off-by: 陈静 <chenjing@example.gov.cn>

signed (SSH or OpenPGP) with a key the roster lists for that person, who holds the role
``leader``; the roster that decides is main's roster before that commit. Then the post is
deleted from every platform it reached (WeChat freepublish/delete, Weibo destroy, a signed
retraction push to the app), each step with a ``retract-intent`` record before the call
and a ``retracted`` record after it (detail: reason, approved_by, commit), so a rerun
finishes what a killed run started. The archive keeps a tombstone with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import git
from pipeline.config import load_unit_config
from pipeline.content import parse_post
from pipeline.crashpoints import crash_point
from pipeline.errors import GovmediaError, UsageError
from pipeline.ledger import GONE_BEFORE, Ledger, Record, delivery_record, new_run_id
from pipeline.ledger_signing import publisher_signer
from pipeline.ledger_trust import trusted_ledger
from pipeline.platforms.channels import Channels, platform_label
from pipeline.platforms.errors import PlatformError, scrub
from pipeline.platforms.settings import load_settings
from pipeline.project import Project
from pipeline.publishing.ledger_commit import commit_ledger, run_lock
from pipeline.redact import append_scrubbed
from pipeline.review.retraction import review_retraction
from pipeline.review.verify import TARGET_REF

TRAILER = "Retracts"
LEADER = "leader"


@dataclass(frozen=True)
class Approval:
    commit: str
    approved_by: str  # "Name <email>"


def find_approval(project: Project, path: str, *, ref: str = TARGET_REF) -> Approval:
    """The newest valid leader approval on ``ref`` naming ``path`` in a ``Retracts:`` trailer,
    judged by the one review evaluator (``pipeline.review.retraction.review_retraction``)."""
    decision = review_retraction(project.root, path, ref)
    if decision.ok:
        return Approval(commit=decision.commit, approved_by=decision.by)
    detail = "；".join(decision.reasons)
    raise GovmediaError(
        f"撤回 {path} 需要单位领导签名的审批提交（提交说明末尾写 “{TRAILER}: {path}” 与 "
        f"“Signed-off-by: 姓名 <邮箱>”，并用名册登记的密钥签名）：{detail}。"
    )


def run_retract(
    project: Project,
    post: str,
    reason: str,
    *,
    ref: str = "main",
    channels: Channels | None = None,
    push: bool = False,
    say: Callable[[str], None] = print,
) -> int:
    reason = reason.strip()
    if not reason:
        raise UsageError("撤回必须写明原因（--reason）。")
    path = _repo_path(project, post)
    qualified = ref if ref.startswith("refs/") else f"refs/heads/{ref}"
    approval = find_approval(project, path, ref=qualified)
    # refuses a ledger a push forged (fake tombstone...)
    ledger = trusted_ledger(project, qualified)
    channels = channels or Channels(load_settings(project.root))
    signer = publisher_signer(project, ref, channels.settings)  # before any platform call
    label = load_unit_config(project).registry.label_of
    step = _Retraction(ledger, channels, path, approval, reason, new_run_id(), label, say)
    failures = 0
    with run_lock(project):
        targets = _targets(ledger, step.slug, path)
        if not targets:
            say(f"{path} 在发布台账中没有尚未撤回的发布记录，无需从平台删除。")
        for channel in _pending_channels(project, ledger, qualified, path, set(targets)):
            step.close_pending(channel)
        try:
            failures = sum(not step.take_down(c, records) for c, records in targets.items())
        finally:
            channels.close()
        sha = commit_ledger(
            project,
            f"Ledger: retract {path}\n\nReason: {reason}\nApproved-by: "
            f"{approval.approved_by}\nApproval: {approval.commit}\n",
            signer,
            ref=ref,
            push=push,
        )
        if sha:
            say(f"发布台账已提交：{sha[:12]}")
    if failures:
        say("部分平台未能删除：请处理后再次运行同一命令（已删除的平台不会重复操作）。")
        return 1
    say(f"撤回完成。原因：{reason}（批准人：{approval.approved_by}）。归档站点将保留撤回说明。")
    return 0


@dataclass
class _Retraction:
    """The ledger writes and platform calls of one retraction run."""

    ledger: Ledger
    channels: Channels
    path: str
    approval: Approval
    reason: str
    run: str
    label: Callable[[str], str]
    say: Callable[[str], None]

    @property
    def slug(self) -> str:
        return Path(self.path).stem

    @property
    def detail(self) -> dict[str, Any]:
        a = self.approval
        return {"reason": self.reason, "approved_by": a.approved_by, "commit": a.commit}

    def write(self, record: Record) -> None:
        append_scrubbed(self.ledger, record, self.channels.secrets())

    def close_pending(self, channel: str) -> None:
        """A channel never delivered (deferred, scheduled, failed) is closed too, so no
        later run sends it."""
        self.write(
            Record(
                event="retracted",
                slug=self.slug,
                channel=channel,
                run=self.run,
                path=self.path,
                commit=self.approval.commit,
                detail={**self.detail, "pending": True},
            )
        )
        self.say(f"已关闭尚未发布的渠道：{self.path} → {self.label(channel)}（今后不再发布）")

    def take_down(self, channel: str, records: list[Record]) -> bool:
        """Delete every published version on the channel's platform; whether it worked."""
        platform = records[-1].platform
        name = platform_label(platform)
        commit = self.approval.commit
        gone = True  # every version was gone before this run's calls
        try:
            for record in records:
                self.write(_rec(record, "retract-intent", self.run, commit, self.detail))
                crash_point(f"before:{platform}.retract")
                gone = self.channels(record.platform).delete(record, self.reason) and gone
                crash_point(f"after:{platform}.retract")
            # gone before: an earlier run's call took the post down (its retract-intent
            # dates the retraction, governance/published.sent_dated)
            detail = {**self.detail, GONE_BEFORE: True} if gone else self.detail
            self.write(_rec(records[-1], "retracted", self.run, commit, detail))
            self.say(f"已撤回：{self.path} → {name}{self.label(channel)}")
            return True
        except PlatformError as exc:
            message = scrub(str(exc), self.channels.secrets())
            failed = {"step": "retract", "message": message, "retry": True}
            self.write(_rec(records[-1], "failed", self.run, commit, failed))
            self.say(f"撤回失败：{self.path} → {name}：{message}")
            return False


def _targets(ledger: Ledger, slug: str, path: str) -> dict[str, list[Record]]:
    """Per channel, every published version of the post at ``path`` not yet retracted
    (oldest first). Records are matched by path as well as slug: a post elsewhere with the
    same slug is never taken down with it."""
    result: dict[str, list[Record]] = {}
    for record in ledger.records():
        if not record.of_post(slug, path):
            continue
        if record.event == "published":
            result.setdefault(record.channel, []).append(record)
        elif record.event == "retracted":
            result.pop(record.channel, None)
    return result


def _pending_channels(
    project: Project, ledger: Ledger, ref: str, path: str, delivered: set[str]
) -> list[str]:
    """Channels of the post at ``ref`` with no delivery to take down and no retraction yet."""
    raw = git.show_blob(f"{git.branch_ref(ref)}:{path}", cwd=project.root)
    post = parse_post(path, raw).post if raw is not None else None
    if post is None:
        return []
    slug = Path(path).stem
    closed = {
        r.channel for r in ledger.records() if r.event == "retracted" and r.of_post(slug, path)
    }
    return [c for c in post.channels if c not in delivered and c not in closed]


def _rec(published: Record, event: str, run: str, commit: str, detail: dict[str, Any]) -> Record:
    """A record of retracting ``published``: its version, channel and place on the platform."""
    return delivery_record(
        published,
        event,
        channel=published.channel,
        platform=published.platform,
        run=run,
        commit=commit,
        platform_id=published.platform_id,
        url=published.url,
        detail=dict(detail),
    )


def _repo_path(project: Project, post: str) -> str:
    candidate = Path(post)
    root = project.root.absolute()
    cwd = Path.cwd().absolute()
    if candidate.is_absolute():
        rel = project.rel(candidate)
    elif cwd == root or root in cwd.parents:
        rel = project.rel(cwd / candidate)
    else:
        rel = candidate.as_posix()
    if not rel.startswith("content/posts/") or not rel.endswith(".md"):
        raise UsageError(f"{post}：不是 content/posts/ 下的文章路径。")
    return rel
