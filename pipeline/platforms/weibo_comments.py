"""Weibo comments: comments/to_me, comments/reply, comments/destroy_batch, statuses/repost."""

from __future__ import annotations

from typing import Any

from pipeline.platforms.comments import (
    MAX_PAGES,
    WEIBO_PAGE,
    CommentGone,
    Comments,
    Raw,
    _weibo_time,
    citizen_text,
)
from pipeline.platforms.errors import PlatformError
from pipeline.platforms.replies import Context, Fields
from pipeline.platforms.weibo import WeiboClient


class WeiboComments(Comments):
    platform = "weibo"
    reply_once = False  # an interrupted reply cannot be confirmed: never resent

    def __init__(self, client: WeiboClient) -> None:
        self.client = client

    def read(self, cursor: str) -> tuple[list[Raw], str]:
        since = int(cursor or 0)
        found: list[Raw] = []
        max_id = 0
        for _ in range(MAX_PAGES):
            params: dict[str, Any] = {"since_id": since, "count": WEIBO_PAGE}
            if max_id:
                params["max_id"] = max_id
            data = self.client._call(
                "GET",
                "/2/comments/to_me.json",
                call="comments/to_me",
                idempotent=True,
                params=params,
            )
            reply = Fields(data, Context("微博", "comments/to_me"))
            page = list(reply.items("comments", max_items=WEIBO_PAGE))
            first = len(found)
            for item in page:
                found.append(
                    Raw(
                        platform_id=str(item.integer("id", lo=1, hi=2**63, digits_ok=True)),
                        target=str(
                            item.obj("status", required=True).integer(
                                "id", lo=1, hi=2**63, digits_ok=True
                            )
                        ),
                        user=str(
                            item.obj("user", required=True).integer(
                                "id", lo=1, hi=2**63, digits_ok=True
                            )
                        ),
                        text=citizen_text(item, "text"),
                        at=_weibo_time(item, item.text("created_at", max_len=64)),
                    )
                )
            if len(page) < WEIBO_PAGE:
                break
            # the next page: older than the oldest of this one (not of everything read: O(n²))
            max_id = min(int(r.platform_id) for r in found[first:]) - 1
        newest = max((int(r.platform_id) for r in found), default=since)
        return found, str(newest)

    def reply(self, raw_target: str, platform_id: str, text: str) -> str:
        try:
            data = self.client._call(
                "POST",
                "/2/comments/reply.json",
                call="comments/reply",
                idempotent=False,
                data={"cid": platform_id, "id": raw_target, "comment": text},
            )
        except PlatformError as exc:
            if exc.code == 20101:
                raise CommentGone(str(exc), platform=exc.platform, code=exc.code) from None
            raise
        reply = Fields(data, Context("微博", "comments/reply"))
        return str(reply.integer("id", lo=1, hi=2**63, digits_ok=True))

    def repost(self, source_id: str, text: str) -> str:
        data = self.client._call(
            "POST",
            "/2/statuses/repost.json",
            call="statuses/repost",
            idempotent=False,
            data={"id": source_id, "status": text, "is_comment": 0},
        )
        reply = Fields(data, Context("微博", "statuses/repost"))
        return str(reply.integer("id", lo=1, hi=2**63, digits_ok=True))

    def hide(self, raw_target: str, platform_id: str) -> None:
        self.client._call(
            "POST",
            "/2/comments/destroy_batch/own/biz.json",
            call="comments/destroy_batch",
            idempotent=True,
            data={"cids": platform_id},
        )

    def read_messages(self, cursor: str) -> tuple[list[Raw], str]:
        since = int(cursor or 0)
        data = self.client._call(
            "GET",
            "/2/direct_messages.json",
            call="direct_messages",
            idempotent=True,
            params={"since_id": since, "count": WEIBO_PAGE},
        )
        reply = Fields(data, Context("微博", "direct_messages"))
        found = []
        for item in reply.items("direct_messages", max_items=WEIBO_PAGE):
            found.append(
                Raw(
                    platform_id=str(item.integer("id", lo=1, hi=2**63, digits_ok=True)),
                    target="",
                    user=str(item.obj("sender", required=True).integer("id", lo=1, hi=2**63)),
                    text=citizen_text(item, "text"),
                    at=_weibo_time(item, item.text("created_at", max_len=64)),
                )
            )
        newest = max((int(r.platform_id) for r in found), default=since)
        return found, str(newest)

    def send_message(self, user: str, platform_id: str, text: str) -> str:
        data = self.client._call(
            "POST",
            "/2/direct_messages/new.json",
            call="direct_messages/new",
            idempotent=False,
            data={"uid": user, "text": text},
        )
        reply = Fields(data, Context("微博", "direct_messages/new"))
        return str(reply.integer("id", lo=1, hi=2**63, digits_ok=True))

    def close(self) -> None:
        self.client.close()
