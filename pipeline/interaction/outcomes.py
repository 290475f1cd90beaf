"""What the sending of replies, hide orders and reposts writes to the publication ledger:
the events (an ``interaction-intent`` before the call, a final outcome after it), the slug
of an interaction file, a reply's record, and the outcome of a comment or message that is
gone or already answered."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.interaction.replies import Reply
from pipeline.interaction.store import Item
from pipeline.ledger import Ledger, Record
from pipeline.platforms.comments import AlreadyReplied, CommentGone
from pipeline.platforms.settings import Settings
from pipeline.redact import scrub

INTENT = "interaction-intent"
FAILED = "interaction-failed"  # the platform refused: nothing was done, a later run may retry
REPLIED, HIDDEN, UNANSWERABLE, REPOSTED = "replied", "hidden", "unanswerable", "reposted"
FINAL = (REPLIED, HIDDEN, UNANSWERABLE, REPOSTED)


def ledger_slug(path: str) -> str:
    return "interaction:" + path


@dataclass
class ReplyRecord:
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


def gone_or_answered(
    exc: CommentGone | AlreadyReplied, noun: str, why: str, record: ReplyRecord, last: Record | None
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
