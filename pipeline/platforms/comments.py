"""The interaction API of an account (platforms.md, "Interaction"): comments listed since a
cursor, a reply, a hide, over each platform's typed client. Each platform's class is in its
own module (wechat_comments.py, weibo_comments.py, app_comments.py) and its channel opens it
(``Channel.comments``). Every reply from a platform is read field by field (``Fields``): a
malformed answer is a PlatformError naming the field, never a crash and never a half-read
batch.

``Raw`` is one comment as the platform gives it, before privacy.py minimises it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from pipeline.platforms.errors import OperatorAction, PlatformError
from pipeline.platforms.replies import Fields

CST = dt.timezone(dt.timedelta(hours=8))
WEIBO_PAGE = 200
APP_PAGE = 200
WECHAT_PAGE = 50
MAX_PAGES = 500
CITIZEN_TEXT_MAX = 2000  # characters of a comment or message the inbox keeps
CLIPPED_NOTE = f"……（留言超过 {CITIZEN_TEXT_MAX} 字，其后部分未收录）"


class CommentGone(PlatformError):
    """The comment no longer exists on the platform (its author deleted it)."""


class WindowPassed(PlatformError):
    """WeChat's 48-hour customer-service window is over: no direct answer any more."""


class AlreadyReplied(PlatformError):
    """The platform already holds a reply to this comment (one reply per comment)."""


@dataclass(frozen=True)
class Raw:
    platform_id: str
    target: str
    user: str
    text: str
    at: dt.datetime
    replied: bool = False
    # the comment's identity on the account when its id alone is not one (WeChat numbers
    # comments per article: ``<msg_data_id>:<index>:<user_comment_id>``); "" = the id
    key: str = ""


class Comments:
    """One account's interaction API: list new comments since a cursor, reply, hide.

    What the platform guarantees, for the sender (pipeline/interaction/send.py):
    ``reply_once``: it keeps one reply per comment and says so (a resend after an
    interrupted reply is answered "already replied"); ``message_once``: the same for a
    direct message; ``message_window``: direct answers only within 48 hours of the
    citizen's message; ``message_to_user``: a direct answer goes to the person (their
    platform user id), not to the message.
    """

    platform = ""
    reply_once = True
    message_once = False
    message_window = False
    message_to_user = True
    messages_pushed = False  # direct messages come to the unit's callback (WeChat), not read

    def read(self, cursor: str) -> tuple[list[Raw], str]:
        raise NotImplementedError

    def reply(self, raw_target: str, platform_id: str, text: str) -> str:
        raise NotImplementedError

    def hide(self, raw_target: str, platform_id: str) -> None:
        raise NotImplementedError

    def repost(self, source_id: str, text: str) -> str:
        raise OperatorAction(f"{self.platform}：平台没有转发接口，请在平台上手动转发。")

    def read_messages(self, cursor: str) -> tuple[list[Raw], str]:
        """Direct messages (私信) since ``cursor``, from the platform's API."""
        return [], cursor

    def send_message(self, user: str, platform_id: str, text: str) -> str:
        """Answer a direct message; the platform's id of the answer."""
        raise OperatorAction(f"{self.platform}：平台没有私信接口。", platform=self.platform)

    def close(self) -> None:
        return None


def citizen_text(item: Fields, key: str) -> str:
    """A citizen's comment or message: a string (anything else is a malformed reply), its
    first ``CITIZEN_TEXT_MAX`` characters and a note when it is longer. Its length is the
    citizen's choice, not the platform's, so it never makes the page a bad reply: that
    stopped the channel's fetch, kept its cursor, and no later comment on the account was
    ever fetched again (red team, round 16b)."""
    text = item.text(key, max_len=len(str(item.data.get(key, ""))))
    if len(text) <= CITIZEN_TEXT_MAX:
        return text
    return text[:CITIZEN_TEXT_MAX] + CLIPPED_NOTE


TIME_MAX = 4_102_444_800  # 2100-01-01: a later time is no platform's (wechat_articles too)


def platform_time(item: Fields, key: str) -> dt.datetime:
    """A platform's Unix time in seconds (field ``key``), in China Standard Time. Bounded
    like every other field: a time past 2100 is a malformed reply naming the field. It was
    read up to 2⁴⁰, and a year past 9999 was a ValueError that stopped the whole fetch,
    every channel of it, on every run while the platform listed it (red team, round 19b)."""
    return epoch(item.integer(key, lo=0, hi=TIME_MAX))


def epoch(seconds: int) -> dt.datetime:
    """A platform's Unix time in seconds, in China Standard Time."""
    return dt.datetime.fromtimestamp(seconds, CST)


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}
_WEIBO_TIME_RE = re.compile(
    r"^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$"
)


def _weibo_time(item: Fields, text: str) -> dt.datetime:
    """``Tue Dec 01 09:30:00 +0800 2026`` (strptime is slow at 10,000 comments a run)."""
    try:
        at = _parse_weibo_time(text)
    except (ValueError, KeyError):
        raise item.ctx.bad("created_at", "不是微博的时间格式") from None
    if not 1970 <= at.year < 2100:  # year 9999 with its offset overflowed in China's time
        raise item.ctx.bad("created_at", "不在 1970—2099 年之间")
    return at


@functools.lru_cache(maxsize=4096)
def _parse_weibo_time(text: str) -> dt.datetime:
    """Cached: a page of comments shares few distinct seconds."""
    m = _WEIBO_TIME_RE.match(text)
    if m is None:
        raise ValueError(text)
    month, day, hh, mm, ss, sign, oh, om, year = m.groups()
    offset = dt.timedelta(hours=int(oh), minutes=int(om)) * (1 if sign == "+" else -1)
    return dt.datetime(
        int(year), _MONTHS[month], int(day), int(hh), int(mm), int(ss), tzinfo=dt.timezone(offset)
    )
