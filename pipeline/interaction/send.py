"""Sending approved replies and hide orders exactly once (先审后发, 第十二条).

Only files on main whose current blob holds every approval of the roster's
``reply_stages`` (the one evaluator, ``pipeline.review.policy``, through ``verify``) are
sent. Each send is journalled in the publication ledger: an ``interaction-intent`` record
before the call, then ``replied`` / ``hidden`` or ``unanswerable`` (the comment was deleted
by its author, the reply would exceed the platform's limit) after it. A file with a final
record is never sent again; one with an intent and no outcome (a crash mid-call) is
reconciled — WeChat and the app refuse a second reply to the same comment, which proves the
first one arrived — or left for a person to check, never sent twice.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import git
from pipeline.governance.registry import Registry, load_registry
from pipeline.interaction.config import load_config
from pipeline.interaction.messages import Contacts
from pipeline.interaction.replies import MODERATION_DIR, REPLIES_DIR, Reply, parse_reply
from pipeline.interaction.reposts import REPOSTS_DIR, Repost, parse_repost
from pipeline.interaction.store import Item
from pipeline.interaction.trusted import trusted_inbox
from pipeline.ledger import Ledger, Record, new_run_id
from pipeline.platforms.channels import open_comments
from pipeline.platforms.comments import AlreadyReplied, CommentGone, Comments, WindowPassed
from pipeline.platforms.errors import PlatformError, Uncertain
from pipeline.platforms.settings import Settings
from pipeline.project import Project
from pipeline.redact import scrub
from pipeline.review.verify import TARGET_REF, PostReview, review_paths

INTENT = "interaction-intent"
FAILED = "interaction-failed"  # the platform refused: nothing was done, a later run may retry
REPLIED, HIDDEN, UNANSWERABLE, REPOSTED = "replied", "hidden", "unanswerable", "reposted"
FINAL = (REPLIED, HIDDEN, UNANSWERABLE, REPOSTED)


def ledger_slug(path: str) -> str:
    return "interaction:" + path


@dataclass
class SendResult:
    sent: list[str] = field(default_factory=list)
    public: list[str] = field(default_factory=list)  # past WeChat's window: answered publicly
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, Chinese reason)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


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
    run = _start(project, settings, env, opener, ref, files + reposts)
    try:
        for path, blob in files:
            _send_reply(run, path, blob)
        _send_reposts(run, reposts)
    finally:
        for channel in run.channels.values():
            channel.close()
    return run.result


@dataclass
class _Sending:
    """What one ``send`` run reads once and shares between its replies and reposts."""

    settings: Settings
    env: dict[str, str]
    opener: Callable[[str, Settings, dict[str, str]], Comments]
    ledger: Ledger
    state: dict[str, Record]  # the last ledger record of each interaction file
    reviews: dict[str, PostReview]
    blobs: dict[str, tuple[str, bytes]]
    items: dict[str, Item]
    registry: Registry
    run: str
    direct: Direct
    channels: dict[str, Comments] = field(default_factory=dict)
    result: SendResult = field(default_factory=SendResult)

    def channel(self, platform: str) -> Comments:
        channel = self.channels.get(platform) or self.opener(platform, self.settings, self.env)
        self.channels[platform] = channel
        return channel

    def ready(self, path: str) -> tuple[bool, Record | None]:
        """Whether ``path`` is still to send (no final record, approved), and its last record."""
        last = self.state.get(ledger_slug(path))
        if last is not None and last.event in FINAL:
            return False, last
        review = self.reviews[path]
        if not review.publishable:
            reasons = "；".join(s.reason for s in review.problems())
            self.result.skipped.append((path, f"未完成审核，不发送（{reasons}）"))
            return False, last
        return True, last


def _start(
    project: Project,
    settings: Settings,
    env: dict[str, str],
    opener: Callable[[str, Settings, dict[str, str]], Comments],
    ref: str,
    every: list[tuple[str, str]],
) -> _Sending:
    """Read the ledger, the reviews, the files, the trusted inbox and the registry once."""
    root = project.root
    ledger = Ledger(project.ledger_dir)
    state = {
        slug: record
        for (slug, _), record in ledger.state().items()
        if slug.startswith("interaction:")
    }
    reviews = {r.path: r for r in review_paths(root, [p for p, _ in every], None, ref)}
    blobs = git.cat_file_batch([b for _, b in every], cwd=root)
    items = {i.id: i for i in trusted_inbox(project).items()}  # a forged target: refused
    registry = load_registry(project.accounts_file)
    run = new_run_id()
    direct = Direct(Contacts(root).load(), load_config(root).public_page)
    args = (settings, env, opener, ledger, state, reviews, blobs, items, registry, run, direct)
    return _Sending(*args)


def _send_reply(run: _Sending, path: str, blob: str) -> None:
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
    record = _Record(run.ledger, run.run, reply, blob, item, platform, run.settings)
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


def _send_reposts(run: _Sending, reposts: list[tuple[str, str]]) -> None:
    """Approved reposts of superior accounts (三审 like posts), each sent once."""
    result = run.result
    for path, blob in reposts:
        ready, last = run.ready(path)
        if not ready:
            continue
        repost, _ = parse_repost(path, run.blobs.get(blob, ("", b""))[1])
        platform = run.registry.platform_of(repost.channel) if repost else None
        if repost is None or platform is None:
            result.failed.append((path, "转发文件格式错误或账号不在台账中"))
            continue
        if last is not None and last.event == INTENT:
            result.skipped.append(
                (path, "上次转发中断，无法确认是否已转发：为避免重复，请人工核对。")
            )
            continue
        record = functools.partial(
            _repost_record, run.ledger, run.run, path, blob, repost, platform
        )
        try:
            channel = run.channel(platform)
            record(INTENT)
            status_id = channel.repost(repost.source_id, repost.status)
        except Uncertain:
            result.failed.append(
                (path, "转发结果未知（连接中断），下次运行不会重复转发，请人工核对。")
            )
            continue
        except PlatformError as exc:
            record(FAILED, reason=scrub(str(exc), run.settings.secrets()))
            result.failed.append((path, scrub(str(exc))))
            continue
        record(REPOSTED, status_id=status_id)
        result.sent.append(path)


def _repost_record(
    ledger: Ledger,
    run: str,
    path: str,
    blob: str,
    repost: Repost,
    platform: str,
    event: str,
    **detail: str,
) -> None:
    ledger.append(
        Record(
            event=event,
            slug=ledger_slug(path),
            channel=repost.channel,
            run=run,
            path=path,
            blob=blob,
            detail={
                "kind": "repost",
                "platform": platform,
                "source_account": repost.source_account,
                "source_id": repost.source_id,
                **detail,
            },
        )
    )


def pending_reposts(root: Path, ref: str = TARGET_REF) -> list[tuple[str, str]]:
    return [
        (p, b)
        for p, b in sorted(git.ls_tree(ref, REPOSTS_DIR, cwd=root).items())
        if p.endswith(".md")
    ]


@dataclass
class _Record:
    ledger: Ledger
    run: str
    reply: Reply
    blob: str
    item: Item
    platform: str
    settings: Settings

    def write(self, event: str, platform_id: str = "", **detail: str) -> None:
        self.ledger.append(
            Record(
                event=event,
                slug=ledger_slug(self.reply.path),
                channel=self.reply.channel,
                run=self.run,
                path=self.reply.path,
                blob=self.blob,
                platform="",  # not a post: kept out of the publication readers' way
                platform_id="",
                detail={
                    "item": self.item.id,
                    "kind": self.reply.kind,
                    "platform": self.platform,
                    "reply_id": platform_id,
                    "received": self.item.at,
                    **{k: scrub(v, self.settings.secrets()) for k, v in detail.items()},
                },
            )
        )


def _deliver(
    channel: Comments, reply: Reply, item: Item, record: _Record, last: Record | None
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
        return _gone_or_answered(exc, "评论", "（每条评论只能回复一次）", record, last)
    except Uncertain:
        raise  # the intent stays: the next run reconciles instead of sending blindly
    except PlatformError as exc:
        record.write(FAILED, reason=str(exc))
        raise
    record.write(REPLIED, reply_id)
    return ""


def _gone_or_answered(
    exc: CommentGone | AlreadyReplied, noun: str, why: str, record: _Record, last: Record | None
) -> str:
    """A comment or message (``noun``) its author deleted, or one the platform says is
    already answered: recorded, never sent again; ``""`` when our own interrupted send
    is what answered it."""
    if isinstance(exc, CommentGone):
        record.write(UNANSWERABLE, reason=f"网民已删除该{noun}，无法回复")
        return f"网民已删除该{noun}，无法回复（已记入台账）"
    if last is not None and last.event == INTENT:
        record.write(REPLIED, reason="上次发送已送达（平台已有回复）")
        return ""
    record.write(UNANSWERABLE, reason=f"平台上该{noun}已有其他回复{why}")
    return f"平台上该{noun}已有回复，未重复发送（已记入台账）"


# -- direct messages -------------------------------------------------------------------------

PUBLIC = "public"
WINDOW_REASON = (
    "已超过公众号客服消息 48 小时回复时限，无法私信答复"
    "（在回复文件中写 public: true 并在 content/interaction.yml 开启 public_page，即改为在归档网站公开答复）"
)
WINDOW_PUBLIC = "已超过公众号客服消息 48 小时回复时限，改为在归档网站公开答复"


@dataclass(frozen=True)
class Direct:
    contacts: dict[str, str]  # item id -> platform user id (messages.Contacts)
    public_page: bool  # the unit lists answered questions on its archive


def deliver_message(
    channel: Comments,
    reply: Reply,
    item: Item,
    record: _Record,
    last: Record | None,
    direct: Direct,
) -> str:
    """Answer one direct message: ``""`` sent, ``PUBLIC`` answered on the archive instead,
    else the Chinese reason it was not sent."""
    from pipeline.interaction.messages import window_passed

    if reply.kind == "hide":
        record.write(UNANSWERABLE, reason="私信不公开显示，无需隐藏")
        return "私信不公开显示，无需隐藏（已记入台账）"
    if last is not None and last.event == INTENT and not channel.message_once:
        return "上次发送中断，无法确认私信是否已送达：为避免重复，不再发送，请人工核对后处理。"
    if channel.message_window and window_passed(item.when):
        return _past_window(reply, record, direct)
    user = direct.contacts.get(item.id, "")
    if channel.message_to_user and not user:
        return "本机没有这条私信的回复地址（只保存在拉取它的服务器上）：请在该服务器上发送。"
    record.write(INTENT)
    try:
        reply_id = channel.send_message(user, item.platform_id, reply.text)
    except WindowPassed:
        return _past_window(reply, record, direct)
    except (CommentGone, AlreadyReplied) as exc:
        return _gone_or_answered(exc, "私信", "", record, last)
    except Uncertain:
        raise
    except PlatformError as exc:
        record.write(FAILED, reason=str(exc))
        raise
    record.write(REPLIED, reply_id, via="message")
    return ""


def _past_window(reply: Reply, record: _Record, direct: Direct) -> str:
    if reply.public and direct.public_page:
        record.write(REPLIED, via="public", reason=WINDOW_PUBLIC)
        return PUBLIC
    record.write(UNANSWERABLE, reason=WINDOW_REASON)
    return WINDOW_REASON + "（已记入台账）"
