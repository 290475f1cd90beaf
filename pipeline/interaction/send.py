"""Sending approved replies and hide orders exactly once (先审后发, 第十二条).

Only files on main whose current blob holds every approval of the roster's
``reply_stages`` (the one evaluator, ``pipeline.review.policy``, through ``verify``) are
sent. Each send is journalled in the publication ledger: an ``interaction-intent`` record
before the call, then ``replied`` / ``hidden`` or ``unanswerable`` (the comment was deleted
by its author, the reply would exceed the platform's limit) after it. A file with a final
record is never sent again; one with an intent and no outcome (a crash mid-call) is
reconciled — WeChat and the app refuse a second reply to the same comment, which proves the
first one arrived — or left for a person to check, never sent twice.

This module sends replies and hide orders of comments; the run's shared context is
``send_run``, reposts ``send_reposts``, direct messages ``direct``, and the ledger's events
and a reply's record ``outcomes``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline import git
from pipeline.interaction.direct import PUBLIC, deliver_message
from pipeline.interaction.outcomes import (
    FAILED,
    HIDDEN,
    INTENT,
    REPLIED,
    ReplyRecord,
    gone_or_answered,
)
from pipeline.interaction.replies import MODERATION_DIR, REPLIES_DIR, Reply, parse_reply
from pipeline.interaction.send_reposts import pending_reposts, send_reposts
from pipeline.interaction.send_run import Sending, SendResult, start
from pipeline.interaction.store import Item
from pipeline.ledger import Record
from pipeline.platforms.channels import open_comments
from pipeline.platforms.comments import AlreadyReplied, CommentGone, Comments
from pipeline.platforms.errors import PlatformError, Uncertain
from pipeline.platforms.settings import Settings
from pipeline.project import Project
from pipeline.redact import scrub
from pipeline.review.verify import TARGET_REF


def pending_files(root: Path, ref: str = TARGET_REF) -> list[tuple[str, str]]:
    """(path, blob) of every reply and hide order on ``ref``."""
    found: list[tuple[str, str]] = []
    for folder in (REPLIES_DIR, MODERATION_DIR):
        found.extend(
            (p, b)
            for p, b in sorted(git.ls_tree(ref, folder, cwd=root).items())
            if p.endswith(".md")
        )
    return found


def send(
    project: Project,
    settings: Settings,
    env: dict[str, str],
    *,
    opener: Callable[[str, Settings, dict[str, str]], Comments] = open_comments,
    ref: str = TARGET_REF,
) -> SendResult:
    files = pending_files(project.root, ref)
    reposts = pending_reposts(project.root, ref)
    if not files and not reposts:
        return SendResult()
    run = start(project, settings, env, opener, ref, files + reposts)
    try:
        for path, blob in files:
            _send_reply(run, path, blob)
        send_reposts(run, reposts)
    finally:
        for channel in run.channels.values():
            channel.close()
    return run.result


def _send_reply(run: Sending, path: str, blob: str) -> None:
    """One approved reply or hide order, sent once; its outcome goes to ``run.result``."""
    ready, last = run.ready(path)
    if not ready:
        return
    reply = parse_reply(path, run.blobs.get(blob, ("", b""))[1]).reply
    if reply is None:
        run.result.failed.append((path, "回复文件格式错误"))
        return
    item = run.items.get(reply.item)
    platform = run.registry.platform_of(reply.channel)
    if item is None or platform is None:
        run.result.failed.append((path, f"收件箱中没有条目 {reply.item}"))
        return
    record = ReplyRecord(run.ledger, run.run, reply, blob, item, platform, run.settings)
    try:
        channel = run.channel(platform)
        if item.kind == "message":
            outcome = deliver_message(channel, reply, item, record, last, run.direct)
        else:
            outcome = _deliver(channel, reply, item, record, last)
    except PlatformError as exc:
        run.result.failed.append((path, scrub(str(exc))))
        return
    if outcome == PUBLIC:
        run.result.public.append(path)
    elif outcome:
        run.result.skipped.append((path, outcome))
    else:
        run.result.sent.append(path)


def _deliver(
    channel: Comments, reply: Reply, item: Item, record: ReplyRecord, last: Record | None
) -> str:
    """Send one reply or hide order of a comment (a message's: ``deliver_message``); the
    Chinese reason when it was not sent (else empty)."""
    if (
        last is not None
        and last.event == INTENT
        and not channel.reply_once
        and reply.kind == "reply"
    ):
        return "上次发送中断，无法确认微博是否已收到回复：为避免重复，不再发送，请人工核对后处理。"
    record.write(INTENT)
    try:
        if reply.kind == "hide":
            channel.hide(item.target, item.platform_id)
            record.write(HIDDEN, reason=reply.reason)
            return ""
        reply_id = channel.reply(item.target, item.platform_id, reply.text)
    except (CommentGone, AlreadyReplied) as exc:
        return gone_or_answered(exc, "评论", "（每条评论只能回复一次）", record, last)
    except Uncertain:
        raise  # the intent stays: the next run reconciles instead of sending blindly
    except PlatformError as exc:
        record.write(FAILED, reason=str(exc))
        raise
    record.write(REPLIED, reply_id)
    return ""
