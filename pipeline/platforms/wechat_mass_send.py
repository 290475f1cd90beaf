"""群发 delivery of one WeChat task, exactly once (called by the WeChat channel).

``intent(wechat.draft)`` → draft/add → ``drafted`` → ``intent(wechat.mass)`` (with its
``clientmsgid`` and the platform's clock) → message/mass/sendall → ``submitted``
(``msg_id``) → message/mass/get → ``published`` (``platform_id`` ``mass:<msg_id>``).

A mass send cannot be undone and a duplicate lands in every follower's phone, so before
any resend the publisher reconciles:

- a recorded ``msg_id`` is asked about (message/mass/get), never sent again: sent →
  ``published``; still sending → next run; deleted after sending → recorded and reported,
  not resent; failed → the operator decides (:mod:`pipeline.publishing.mass_outcome`);
- an intent without its ``msg_id`` (a crash, a timeout, a reply that says nothing) is
  resent with the same ``clientmsgid`` only inside the platform's 24-hour window, in which
  WeChat answers it with the first send (45065). The window is measured from the intent
  on our clock and on the platform's (its ``Date`` header), the longer of the two; past
  it the run refuses and tells the operator what to check and which command records
  the outcome.

A spent quota (45028) defers the post with a clear message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.clock import now as recorded_now
from pipeline.crashpoints import crash_point
from pipeline.ledger import Record
from pipeline.platforms.channel import Delivered
from pipeline.platforms.errors import OperatorAction, Retryable
from pipeline.platforms.served_clock import watch_clock
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.wechat_mode import clientmsgid

if TYPE_CHECKING:
    from pipeline.platforms.channel import Delivery
    from pipeline.platforms.wechat_channel import WeChatChannel

PLATFORM = "微信公众号"
DEDUP_WINDOW = 24 * 3600  # the platform answers a resent clientmsgid within it (45065)
SAFETY = 3600  # resend only this long before the window closes
UNSETTLED = ("Uncertain", "UncertainReply", "UnknownOutcome", "LiveUnconfirmed")
NOT_SENT = "NotSent"  # ``failed`` written by ``govmedia ledger mass``: confirmed not sent
COMMAND = "govmedia ledger mass"


def current(mine: list[Record]) -> tuple[list[Record], int]:
    """The records after the last confirmed "not sent", and how many such there are."""
    marks = [
        i for i, r in enumerate(mine) if r.event == "failed" and r.detail.get("error") == NOT_SENT
    ]
    return (mine[marks[-1] + 1 :] if marks else mine), len(marks)


def sent_record(records: list[Record]) -> Record | None:
    """The latest ``submitted`` record of a mass send (its ``msg_id``)."""
    return next(
        (r for r in reversed(records) if r.event == "submitted" and r.detail.get("msg_id")), None
    )


def open_intent(records: list[Record]) -> Record | None:
    """The latest mass-send intent whose outcome the ledger does not know."""
    pending: Record | None = None
    for record in records:
        if record.event == "intent" and record.detail.get("step") == "wechat.mass":
            pending = record
        elif refused(record):
            pending = None  # the platform refused the send: nothing went out
    return pending


def refused(record: Record) -> bool:
    """A ``failed`` record of the platform's own refusal (an errcode that is not "maybe")."""
    if record.event != "failed" or record.detail.get("error") in UNSETTLED:
        return False
    return isinstance(record.detail.get("code"), int) and record.detail.get("code") != -1


def publish_mass(channel: WeChatChannel, task: Delivery, client: WeChatClient) -> Delivered:
    clock = watch_clock(client.http)
    records, resets = current(task.mine())
    sent = sent_record(records)
    if sent is not None:
        return confirm(task, client, dict(sent.detail))
    pending = open_intent(records)
    if pending is not None:
        check_window(task, client, pending, clock.latest)
    media_id = next(
        (r.detail.get("media_id") for r in reversed(records) if r.event == "drafted"), None
    )
    drafted = any(r.event == "intent" and r.detail.get("step") == "wechat.draft" for r in records)
    media_id = channel.drafted(task, media_id, drafted)
    key = clientmsgid(task.post.slug, task.post.blob) + (f"-{resets}" if resets else "")
    task.window()
    if clock.latest is None:
        client.draft_batchget(0, 1)  # a read: the platform's clock, for the window above
    served = {"platform_at": clock.latest} if clock.latest is not None else {}
    task.intent("wechat.mass", media_id=media_id, clientmsgid=key, **served)
    reply = client.mass_sendall(str(media_id), key)
    crash_point("after:wechat.mass")
    wrong = channel.claims_another(task, f"mass:{reply['msg_id']}", "message/mass/sendall")
    if wrong is not None:  # another post's send: the next run resends with the same key
        raise wrong
    detail = {
        "send": "mass",
        "msg_id": reply["msg_id"],
        "msg_data_id": reply["msg_data_id"],
        "media_id": media_id,
        "clientmsgid": key,
        "reconciled": bool(reply["duplicate"]),
    }
    task.record("submitted", detail=detail)
    crash_point("recorded:wechat.mass")
    return confirm(task, client, detail)


def check_window(
    task: Delivery, client: WeChatClient, pending: Record, served: float | None
) -> None:
    """Refuse a resend the platform would no longer recognise (past its 24 hours)."""
    elapsed = recorded_now().timestamp() - pending.when.timestamp()  # the ledger's clock
    then = pending.detail.get("platform_at")
    if isinstance(then, (int, float)):
        client.draft_batchget(0, 1)  # a read: the platform's clock now, from its reply
        now = watch_clock(client.http).latest
        if now is not None:
            elapsed = max(elapsed, now - float(then))
    if elapsed < DEDUP_WINDOW - SAFETY:
        return
    hours = int(elapsed // 3600)
    raise OperatorAction(
        f"{PLATFORM}：《{task.post.title}》的群发在 {hours} 小时前已发起，但没有记下结果"
        "（发送后中断或平台应答异常）；平台只在 24 小时内识别重发，现在重发可能让关注者"
        "收到两次，故不自动重发。请在公众平台「内容与互动 → 群发」的已发送记录中核查这篇"
        f"文章是否已群发，然后记下结果：已发出，运行 {COMMAND} {task.post.path} --sent "
        "（知道 msg_id 时加 --msg-id <msg_id>）；"
        f"未发出，运行 {COMMAND} {task.post.path} --not-sent，"
        "下次发布运行会重新群发。",
        platform=PLATFORM,
        call="message/mass/sendall",
    )


def confirm(task: Delivery, client: WeChatClient, detail: dict[str, Any]) -> Delivered:
    """Ask the platform how the recorded mass send ended; record it when it has."""
    msg_id = str(detail["msg_id"])
    status = client.mass_get(msg_id) if msg_id.isdigit() else "SEND_SUCCESS"
    crash_point("after:wechat.mass_get")
    extra = {k: detail.get(k) for k in ("msg_id", "msg_data_id", "media_id", "clientmsgid")}
    if status == "SENDING":
        raise Retryable(
            f"{PLATFORM}：群发 {msg_id} 仍在发送中，下次运行再核对（不会重发）。",
            platform=PLATFORM,
            call="message/mass/get",
        )
    if status == "SEND_FAIL":
        raise OperatorAction(
            f"{PLATFORM}：平台报告群发 {msg_id}（《{task.post.title}》）发送失败。请在公众平台"
            f"核查；确认未发出后运行 {COMMAND} {task.post.path} --not-sent，下次发布运行会重新群发。",
            platform=PLATFORM,
            call="message/mass/get",
        )
    if status == "DELETE":
        message = (
            f"{PLATFORM}：群发 {msg_id}（《{task.post.title}》）已发出，之后被删除："
            "已记入台账并告警，不会自动重发；如需重新发布，请按更正流程处理。"
        )
        task.record(
            "published",
            platform_id=f"mass:{msg_id}",
            detail={
                "title": task.post.title,
                "send": "mass",
                **extra,
                "msg_status": status,
                "live_event": message,
                "review": task.review(),
            },
        )
        return Delivered("failed", message)
    outcome = task.published(
        f"mass:{msg_id}", "", send="mass", **extra, reconciled=bool(detail.get("reconciled"))
    )
    crash_point("recorded:wechat.mass_get")
    return outcome
