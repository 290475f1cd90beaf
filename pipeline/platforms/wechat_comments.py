"""WeChat comments: comment/list, comment/reply/add, comment/delete (platforms.md)."""

from __future__ import annotations

from pipeline.platforms.comments import (
    MAX_PAGES,
    WECHAT_PAGE,
    AlreadyReplied,
    CommentGone,
    Comments,
    Raw,
    WindowPassed,
    citizen_text,
    platform_time,
)
from pipeline.platforms.errors import PlatformError
from pipeline.platforms.replies import Context, Fields
from pipeline.platforms.wechat import WeChatClient

# The article of a published job whose comments are read and answered: the channel publishes
# one article a job. WeChat names a comment by the article (``msg_data_id``, ``index``) and
# its ``user_comment_id``, which may be numbered per article (red team, round 19b).
ARTICLE_INDEX = 1


def comment_key(article: str, platform_id: str) -> str:
    """A WeChat comment's identity on the account: article, index and comment id."""
    return f"{article}:{ARTICLE_INDEX}:{platform_id}"


class WeChatComments(Comments):
    platform = "wechat"
    message_window = True
    messages_pushed = True  # to the callback (pipeline/interaction/wechat_push.py)

    def __init__(self, client: WeChatClient) -> None:
        self.client = client

    def read(self, cursor: str) -> tuple[list[Raw], str]:
        """Every comment on every published article (re-listed: the inbox folds repeats);
        the cursor is the newest comment time seen, for the operator."""
        found: list[Raw] = []
        for job in self.client.iter_published():
            article = str(job["article_id"])
            begin = 0
            for _ in range(MAX_PAGES):
                data = self.client._call(
                    "POST",
                    "/cgi-bin/comment/list",
                    call="comment/list",
                    idempotent=True,
                    json={
                        "msg_data_id": article,
                        "index": ARTICLE_INDEX,
                        "begin": begin,
                        "count": WECHAT_PAGE,
                        "type": 0,
                    },
                )
                reply = Fields(data, Context("微信公众号", "comment/list"))
                page = list(reply.items("comment", max_items=WECHAT_PAGE))
                for item in page:
                    ident = str(item.integer("user_comment_id", lo=0, hi=2**63))
                    found.append(
                        Raw(
                            platform_id=ident,
                            target=article,
                            user=item.ident("openid"),
                            text=citizen_text(item, "content"),
                            at=platform_time(item, "create_time"),
                            replied=item.has("reply"),
                            key=comment_key(article, ident),
                        )
                    )
                begin += len(page)
                if len(page) < WECHAT_PAGE:
                    break
        newest = max((r.at for r in found), default=None)
        return found, newest.isoformat() if newest else cursor

    def reply(self, raw_target: str, platform_id: str, text: str) -> str:
        try:
            self.client._call(
                "POST",
                "/cgi-bin/comment/reply/add",
                call="comment/reply/add",
                idempotent=False,
                json={
                    "msg_data_id": raw_target,
                    "index": ARTICLE_INDEX,
                    "user_comment_id": int(platform_id),
                    "content": text,
                },
            )
        except PlatformError as exc:
            if exc.code == 88008:
                raise CommentGone(str(exc), platform=exc.platform, code=exc.code) from None
            if exc.code == 88009:
                raise AlreadyReplied(str(exc), platform=exc.platform, code=exc.code) from None
            raise
        return platform_id

    def hide(self, raw_target: str, platform_id: str) -> None:
        try:
            self.client._call(
                "POST",
                "/cgi-bin/comment/delete",
                call="comment/delete",
                idempotent=True,
                json={
                    "msg_data_id": raw_target,
                    "index": ARTICLE_INDEX,
                    "user_comment_id": int(platform_id),
                },
            )
        except PlatformError as exc:
            if exc.code == 88008:
                raise CommentGone(str(exc), platform=exc.platform, code=exc.code) from None
            raise

    def send_message(self, user: str, platform_id: str, text: str) -> str:
        try:
            self.client._call(
                "POST",
                "/cgi-bin/message/custom/send",
                call="message/custom/send",
                idempotent=False,
                json={"touser": user, "msgtype": "text", "text": {"content": text}},
            )
        except PlatformError as exc:
            if exc.code == 45015:
                raise WindowPassed(str(exc), platform=exc.platform, code=exc.code) from None
            raise
        return platform_id

    def close(self) -> None:
        self.client.close()
