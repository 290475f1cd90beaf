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
from pipeline.interaction.wechat_push import SPOOL_ENV
from pipeline.interaction.wechat_spool import Spool, SpoolError
from pipeline.platforms.comments import Comments, Raw, citizen_text, platform_time
from pipeline.platforms.errors import PlatformError
from pipeline.platforms.replies import Context, Fields

WINDOW = dt.timedelta(hours=48)
CONTACTS_FILE = "govmedia-inbox-contacts.json"
# an id of its own in the inbox: a message and a comment may share a platform number
PREFIX = "m"


def read_messages(channel: Comments, cursor: str, env: dict[str, str]) -> tuple[list[Raw], str]:
    if channel.messages_pushed:
        return _pushed(cursor, env)
    return channel.read_messages(cursor)


def window_passed(received: dt.datetime, now: dt.datetime | None = None) -> bool:
    return (now or clock.now()) - received > WINDOW  # the emulators' clock in the demo


# -- readers ---------------------------------------------------------------------------------


def _pushed(cursor: str, env: dict[str, str]) -> tuple[list[Raw], str]:
    path = env.get(SPOOL_ENV, "")
    if not path:
        return [], cursor  # no callback receiver on this server: no WeChat messages
    try:
        rows, after = Spool(Path(path)).read(cursor)
    except SpoolError as exc:
        raise PlatformError(f"微信公众号私信：接收文件 {SPOOL_ENV} 损坏（{exc}）。") from None
    found = []
    for row in rows:
        reply = Fields(row, Context("微信公众号", "私信推送"))
        found.append(
            Raw(
                platform_id=reply.ident("msg_id"),
                target="",
                user=reply.ident("user"),
                text=citizen_text(reply, "text"),
                at=platform_time(reply, "at"),
            )
        )
    return found, after


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
