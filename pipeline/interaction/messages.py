"""Citizens' direct messages (第十二条 私信) on the three platforms, beside their comments.

- WeChat pushes them to the account's callback (``wechat_push``): read from the server's
  spool; answered with ``message/custom/send`` only within 48 hours of the citizen's last
  message (``WINDOW``; the platform's errcode 45015 past it);
- Weibo (*unconfirmed*): ``GET /2/direct_messages.json``, ``POST /2/direct_messages/new.json``;
- the app: ``GET /app/messages?since=N``, ``POST /app/messages/reply``.

WeChat and Weibo answer a person, not a message: the platform user id is needed to answer,
and the repository keeps only its keyed hash (privacy.py), so the fetch leaves the id in the
server's git directory (``Contacts``), never in a file a push could carry.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from pipeline import clock, git
from pipeline.interaction.platforms import (
    MAX_PAGES,
    WEIBO_PAGE,
    AppChannel,
    Channel,
    Raw,
    WeChatChannel,
    WeiboChannel,
    _epoch,
    _weibo_time,
)
from pipeline.interaction.wechat_push import SPOOL_ENV, PushRefused, Spool
from pipeline.platforms.errors import OperatorAction, PlatformError
from pipeline.platforms.replies import Context, Fields

WINDOW = dt.timedelta(hours=48)
CONTACTS_FILE = "govmedia-inbox-contacts.json"
APP_PAGE = 200
# an id of its own in the inbox: a message and a comment may share a platform number
PREFIX = "m"


class WindowPassed(PlatformError):
    """WeChat's 48-hour customer-service window is over: no direct answer any more."""


def read_messages(channel: Channel, cursor: str, env: dict[str, str]) -> tuple[list[Raw], str]:
    if isinstance(channel, WeChatChannel):
        return _wechat_read(cursor, env)
    if isinstance(channel, WeiboChannel):
        return _weibo_read(channel, cursor)
    if isinstance(channel, AppChannel):
        return _app_read(channel, cursor)
    return [], cursor


def send_message(channel: Channel, user: str, platform_id: str, text: str) -> str:
    if isinstance(channel, WeChatChannel):
        try:
            channel.client._call(
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
    if isinstance(channel, WeiboChannel):
        data = channel.client._call(
            "POST",
            "/2/direct_messages/new.json",
            call="direct_messages/new",
            idempotent=False,
            data={"uid": user, "text": text},
        )
        return str(
            Fields(data, Context("微博", "direct_messages/new")).integer(
                "id", lo=1, hi=2**63, digits_ok=True
            )
        )
    if isinstance(channel, AppChannel):
        data = channel._exchange(
            "POST", "/messages/reply", {"id": platform_id, "text": text}, "messages/reply"
        )
        return Fields(data, Context("客户端", "messages/reply")).ident("id")
    raise OperatorAction(f"{channel.platform}：平台没有私信接口。", platform=channel.platform)


def window_passed(received: dt.datetime, now: dt.datetime | None = None) -> bool:
    return (now or clock.now()) - received > WINDOW  # the emulators' clock in the demo


# -- readers ---------------------------------------------------------------------------------


def _wechat_read(cursor: str, env: dict[str, str]) -> tuple[list[Raw], str]:
    path = env.get(SPOOL_ENV, "")
    if not path:
        return [], cursor  # no callback receiver on this server: no WeChat messages
    try:
        rows, after = Spool(Path(path)).read(int(cursor or 0))
    except PushRefused as exc:
        raise PlatformError(f"微信公众号私信：接收文件 {SPOOL_ENV} 损坏（{exc}）。") from None
    found = []
    for row in rows:
        reply = Fields(row, Context("微信公众号", "私信推送"))
        found.append(
            Raw(
                platform_id=reply.ident("msg_id"),
                target="",
                user=reply.ident("user"),
                text=reply.text("text", max_len=2000),
                at=_epoch(reply.integer("at", lo=0, hi=2**40)),
            )
        )
    return found, str(after)


def _weibo_read(channel: WeiboChannel, cursor: str) -> tuple[list[Raw], str]:
    since = int(cursor or 0)
    data = channel.client._call(
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
                text=item.text("text", max_len=2000),
                at=_weibo_time(item, item.text("created_at", max_len=64)),
            )
        )
    newest = max((int(r.platform_id) for r in found), default=since)
    return found, str(newest)


def _app_read(channel: AppChannel, cursor: str) -> tuple[list[Raw], str]:
    since = int(cursor or 0)
    found: list[Raw] = []
    for _ in range(MAX_PAGES):
        data = channel._exchange("GET", f"/messages?since={since}", None, "messages")
        page = list(
            Fields(data, Context("客户端", "messages")).items("messages", max_items=APP_PAGE)
        )
        for item in page:
            number = item.integer("id", lo=1, hi=2**63, digits_ok=True)
            found.append(
                Raw(
                    platform_id=str(number),
                    target="",
                    user=item.ident("user"),
                    text=item.text("text", max_len=2000),
                    at=_epoch(item.integer("created_at", lo=0, hi=2**40)),
                    replied=item.boolean("replied"),
                )
            )
            since = max(since, number)
        if len(page) < APP_PAGE:
            break
    return found, str(since)


# -- who to answer: kept on the server, never in the repository ------------------------------


class Contacts:
    """item id -> the platform user id to answer, in the git directory of this clone."""

    def __init__(self, root: Path) -> None:
        where = git.git_dir(root)
        self.path = (where or root / ".git") / CONTACTS_FILE

    def load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def add(self, pairs: dict[str, str]) -> None:
        if not pairs:
            return
        data = {**self.load(), **pairs}
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
        os.replace(tmp, self.path)
