"""Demo step: a leader orders a post taken down (第七条, 第二十条 责令删除).

The leader signs an approval commit with a ``Retracts:`` trailer and pushes it; then
``govmedia retract`` (on the server, in the publisher's work clone, whose key signs the
ledger commit) deletes the post on every platform it reached and records it in the
ledger, and the archive keeps a tombstone with the reason.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import httpx

from pipeline import git, proc
from pipeline.demo.steps_review import REVIEWERS, _reviewer_env
from pipeline.errors import GovmediaError
from pipeline.ledger import Ledger
from pipeline.project import Project
from pipeline.publishing import hook

if TYPE_CHECKING:
    from pipeline.demo import DemoContext

REASON = "办事时间调整，原文信息已过时，另行发布更新通知"


def _target(ctx: DemoContext) -> tuple[str, str]:
    """The earliest post that reached all three channels: (path, slug)."""
    live = Ledger(Project(ctx.repo).ledger_dir).published()
    channels: dict[str, set[str]] = {}
    paths: dict[str, str] = {}
    for (slug, _channel), record in live.items():
        channels.setdefault(slug, set()).add(record.platform)
        paths[slug] = record.path
    candidates = sorted(s for s, c in channels.items() if {"wechat", "weibo", "app"} <= c)
    if not candidates:
        raise GovmediaError("发布台账中没有同时发布到三个渠道的文章，无法演示撤回。")
    slug = min(candidates, key=lambda s: paths[s])
    return paths[slug], slug


def _visible(ctx: DemoContext, slug: str) -> int:
    emulator = ctx.data["emulator"]
    pub = httpx.get(emulator.url + "/_emulator/published", timeout=10).json()
    text = str(pub)
    return text.count(slug)


def retract(ctx: DemoContext) -> None:
    if ctx.data.get("publish_skipped"):
        ctx.say("  跳过（本次演示未发布）。")
        return
    git.run(["pull", "-q", "--ff-only", "origin", "main"], cwd=ctx.repo, check=False)
    path, slug = _target(ctx)
    name, email = REVIEWERS[3]
    message = (
        f"撤回：{slug}\n\n理由：{REASON}\n\nRetracts: {path}\nSigned-off-by: {name} <{email}>\n"
    )
    git.run(
        ["commit", "-q", "--allow-empty", "-S", "-m", message],
        cwd=ctx.repo,
        env=_reviewer_env(ctx, 3),
    )
    code, _, err = git.run(["push", "-q", "origin", "main"], cwd=ctx.repo, check=False)
    if code != 0:
        raise GovmediaError("撤回审批提交被服务器拒绝：" + err.decode("utf-8", "replace"))
    ctx.say(f"  {name}（终审领导）签名批准撤回 {path}（Retracts 审批提交，已推送）")
    before = _visible(ctx, slug)
    # on the server, as the publisher: its key signs the ledger commit (never an editor's clone)
    server = {**hook.server_env(ctx.remote), **ctx.env}
    work = hook.prepare_work(ctx.remote, server)
    code, out, err = proc.run(
        [sys.executable, "-m", "pipeline", "retract", path, "--reason", REASON, "--push"],
        cwd=work,
        env=server,
        check=False,
    )
    git.run(["pull", "-q", "--ff-only", "origin", "main"], cwd=ctx.repo, check=False)
    for line in (out + err).decode("utf-8", "replace").splitlines():
        if line.strip():
            ctx.say("  " + line)
    if code != 0:
        raise GovmediaError(f"govmedia retract 未成功（退出码 {code}）。")
    after = _visible(ctx, slug)
    ctx.say(f"  平台上该文章的条目：撤回前 {before} 处，撤回后 {after} 处。")
    if after:
        raise GovmediaError("撤回后平台上仍能看到该文章。")
    ctx.data["retracted"] = {"path": path, "slug": slug, "reason": REASON}
    ctx.say("  归档站点将保留该文的撤稿公告（标题、日期、撤回原因），正文不再公开。")
