"""Answering a direct message (私信): within the platform's window, to the user it came
from, else publicly on the archive when the reply and the unit allow it."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.interaction.messages import window_passed
from pipeline.interaction.outcomes import (
    FAILED,
    INTENT,
    REPLIED,
    UNANSWERABLE,
    ReplyRecord,
    gone_or_answered,
)
from pipeline.interaction.privacy import pseudonym
from pipeline.interaction.replies import Reply
from pipeline.interaction.store import Item
from pipeline.ledger import Record
from pipeline.platforms.comments import AlreadyReplied, CommentGone, Comments, WindowPassed
from pipeline.platforms.errors import PlatformError, Uncertain

PUBLIC = "public"
WINDOW_REASON = (
    "已超过公众号客服消息 48 小时回复时限，无法私信答复"
    "（在回复文件中写 public: true 并在 content/interaction.yml 开启 public_page，即改为在归档网站公开答复）"
)
WINDOW_PUBLIC = "已超过公众号客服消息 48 小时回复时限，改为在归档网站公开答复"


NOT_THE_SENDER = (
    "本机保存的回复地址不是这条私信的网民（与收件箱记录的网民化名不符，"
    "可能是平台对同一私信编号给出了另一位发信人）：为免把答复发给他人，不发送，请人工核对。"
)


@dataclass(frozen=True)
class Direct:
    contacts: dict[str, str]  # item id -> platform user id (messages.Contacts)
    public_page: bool  # the unit lists answered questions on its archive
    salt: str = ""  # the pseudonym salt (privacy.py): empty when this run has none

    def sender_of(self, item: Item) -> str | None:
        """The platform user id to answer ``item`` with: ``""`` when this clone has none,
        ``None`` when the one it has is not the citizen the inbox record names (its
        pseudonym differs, or no salt to compare with): red team, round 31."""
        user = self.contacts.get(item.id, "")
        if not user:
            return ""
        if self.salt and pseudonym(self.salt, item.platform, user) == item.user:
            return user
        return None


def deliver_message(
    channel: Comments,
    reply: Reply,
    item: Item,
    record: ReplyRecord,
    last: Record | None,
    direct: Direct,
) -> str:
    """Answer one direct message: ``""`` sent, ``PUBLIC`` answered on the archive instead,
    else the Chinese reason it was not sent."""
    if reply.kind == "hide":
        record.write(UNANSWERABLE, reason="私信不公开显示，无需隐藏")
        return "私信不公开显示，无需隐藏（已记入台账）"
    if last is not None and last.event == INTENT and not channel.message_once:
        return "上次发送中断，无法确认私信是否已送达：为避免重复，不再发送，请人工核对后处理。"
    if channel.message_window and window_passed(item.when):
        return _past_window(reply, record, direct)
    user = direct.sender_of(item) if channel.message_to_user else ""
    if user is None:
        return NOT_THE_SENDER
    if channel.message_to_user and not user:
        return "本机没有这条私信的回复地址（只保存在拉取它的服务器上）：请在该服务器上发送。"
    record.write(INTENT)
    try:
        reply_id = channel.send_message(user, item.platform_id, reply.text)
    except WindowPassed:
        return _past_window(reply, record, direct)
    except (CommentGone, AlreadyReplied) as exc:
        return gone_or_answered(exc, "私信", "", record, last)
    except Uncertain:
        raise
    except PlatformError as exc:
        record.write(FAILED, reason=str(exc))
        raise
    record.write(REPLIED, reply_id, via="message")
    return ""


def _past_window(reply: Reply, record: ReplyRecord, direct: Direct) -> str:
    if reply.public and direct.public_page:
        record.write(REPLIED, via="public", reason=WINDOW_PUBLIC)
        return PUBLIC
    record.write(UNANSWERABLE, reason=WINDOW_REASON)
    return WINDOW_REASON + "（已记入台账）"
