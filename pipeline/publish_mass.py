"""群发 delivery of one WeChat task, exactly once (called by :mod:`pipeline.publish`).

``intent(wechat.draft)`` → draft/add → ``drafted`` → ``intent(wechat.mass)`` (with its
``clientmsgid``) → message/mass/sendall → ``published`` (``platform_id`` ``mass:<msg_id>``).
A mass send cannot be undone and a duplicate lands in every follower's phone, so a resend
(after a crash, a timeout or a reply that says nothing) carries the same ``clientmsgid``:
within 24 hours the platform answers it with the first send's msg_id (45065) and nothing
goes out twice. A spent quota (45028) defers the post with a clear message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.crashpoints import crash_point
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.wechat_mode import clientmsgid

if TYPE_CHECKING:
    from pipeline.plan import Task
    from pipeline.publish import Outcome, Publisher


def publish_mass(pub: Publisher, task: Task, client: WeChatClient) -> Outcome:
    mine = task.mine()
    media_id = next(
        (r.detail.get("media_id") for r in reversed(mine) if r.event == "drafted"), None
    )
    drafted = any(r.event == "intent" and r.detail.get("step") == "wechat.draft" for r in mine)
    if media_id is None and drafted:
        media_id = pub._wechat_find_draft(task, client)
        if media_id:
            pub._record(task, "drafted", detail={"media_id": media_id, "reconciled": True})
    if media_id is None:
        media_id = pub._wechat_draft(task, client)
    key = clientmsgid(task.post.slug, task.post.blob)
    pub._window(task)
    pub._intent(task, "wechat.mass", media_id=media_id, clientmsgid=key)
    sent = client.mass_sendall(str(media_id), key)
    crash_point("after:wechat.mass")
    outcome = pub._published(
        task,
        f"mass:{sent['msg_id']}",
        "",
        send="mass",
        msg_id=sent["msg_id"],
        msg_data_id=sent["msg_data_id"],
        media_id=media_id,
        clientmsgid=key,
        reconciled=bool(sent["duplicate"]),
    )
    crash_point("recorded:wechat.mass")
    return outcome
