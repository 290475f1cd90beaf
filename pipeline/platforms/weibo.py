"""Weibo API v2 client: statuses/share, statuses/destroy, statuses/user_timeline.

The token goes in the ``access_token`` form field of POSTs (as documented) and in the
``Authorization: OAuth2`` header of GETs, never in a URL. Error codes map to errors.py as
platforms.md says; a 20017/20019 duplicate is never retried but reconciled with the
timeline by the caller. Every field of every reply is checked
(:mod:`pipeline.platforms.replies`): a status is returned only with numeric ids, bounded
texts and booleans, so no platform value reaches the ledger or a page unchecked.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Generator, Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx

from pipeline import redact
from pipeline.platforms.errors import (
    Duplicate,
    LiveUnconfirmed,
    OperatorAction,
    Permanent,
    PlatformError,
    Retryable,
    Uncertain,
    UnknownOutcome,
    WaitWindow,
    scrub,
)
from pipeline.platforms.http import JsonApi, RetryPolicy, make_client
from pipeline.platforms.image_limits import WEIBO_PIC, sniff
from pipeline.platforms.ratelimit import ReadBudget
from pipeline.platforms.replies import Context, Fields
from pipeline.platforms.weibo_text import STATUS_MAX, TOPIC, status_length

PLATFORM = "微博"
ID_MAX = 2**63 - 1
TEXT_MAX = 10_000
PAGE_MAX = 200
OTHER_ACCOUNT = "不是本单位账号（GOVMEDIA_WEIBO_UID）的微博"
URL_TEXT_MAX = 2048
LINK = re.compile(r"https?://[^\s]+")
SHORT_HOSTS = ("t.cn",)
# 21301 auth faild, 21319 accessor was revoked, 21327 token expired, 21332 invalid token,
# 21314-21317 token used / expired / revoked / rejected: the user must authorise again
REAUTHORISE = (21301, 21314, 21315, 21316, 21317, 21319, 21327, 21332)


def classify(code: int, error: str, call: str) -> PlatformError:
    """The typed error of a Weibo ``error_code`` (platforms.md; open.weibo.com/wiki/Error_code).

    A code not listed is :class:`UnknownOutcome`: whether the call acted is unknown, so it is
    reconciled with the timeline, never recorded as refused by guess.
    """
    where = f"{PLATFORM} {call}"
    kw: dict[str, Any] = {"platform": PLATFORM, "call": call, "code": code}
    detail = f"（错误码 {code}：{error}）" if error else f"（错误码 {code}）"
    if code in (10001, 10002, 10009):
        return Retryable(f"{where}：平台系统错误或繁忙{detail}，稍后重试。", **kw)
    if code == 20016:  # "out of limit": a rate limit, never an immediate retry
        return WaitWindow(
            f"{where}：发布过快，触发频率限制{detail}，本渠道本次停止，下次运行继续。",
            retry_after=600.0,
            **kw,
        )
    if code in (10022, 10023, 10024):
        return WaitWindow(
            f"{where}：触发频率限制{detail}，等待下一个小时窗口。", retry_after=3600.0, **kw
        )
    if code == 20032:  # "update success, while server slow": the status is live
        return LiveUnconfirmed(
            f"{where}：平台表示已发布成功但响应缓慢{detail}，需在时间线中核对其标识。", **kw
        )
    if code in (20017, 20019, 20111):
        return Duplicate(f"{where}：平台认为近期已发过相同或相似内容{detail}，不重发。", **kw)
    if code == 20012:
        return Permanent(f"{where}：文字超过 {STATUS_MAX} 字{detail}，请缩短摘要。", **kw)
    if code == 10017:
        return Permanent(
            f"{where}：参数错误{detail}（例如正文中没有安全域名下的链接），请检查内容与站点地址。",
            **kw,
        )
    if code == 10014:
        return OperatorAction(f"{where}：应用没有该接口权限{detail}，请管理员处理。", **kw)
    if code in REAUTHORISE:
        return OperatorAction(
            f"{where}：访问令牌已过期、无效或授权已取消{detail}，需账号管理员重新授权并更新 "
            "GOVMEDIA_WEIBO_TOKEN；本渠道已停止。",
            **kw,
        )
    if code in (20101, 20102):
        return Permanent(f"{where}：微博不存在或不属于本账号{detail}。", **kw)
    return UnknownOutcome(
        f"{where}：平台返回未知错误码{detail}，结果未知：先与平台核对，不按失败处理。", **kw
    )


class OAuth2(httpx.Auth):
    """Weibo's access token in the ``Authorization: OAuth2`` header of every request."""

    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"OAuth2 {self._token}"
        yield request


class WeiboClient(JsonApi):
    platform = PLATFORM
    error_key = "error_code"

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | None = None,
        rip: str = "",
        reads: ReadBudget | None = None,
        uid: str = "",
    ) -> None:
        if not token:
            raise OperatorAction(f"{PLATFORM}：未配置 GOVMEDIA_WEIBO_TOKEN。", platform=PLATFORM)
        kwargs = {"timeout": timeout} if timeout else {}
        self.http = make_client(base_url, transport=transport, **kwargs)
        self._token = token
        self.auth = OAuth2(token)
        self.base_url = base_url
        self.rip = rip
        self.uid = uid  # the unit's account: a status another account's is never ours
        redact.register(token)
        self.retry = retry or RetryPolicy.from_env()
        self.reads = reads or ReadBudget.from_env()

    def close(self) -> None:
        self.http.close()

    def secrets(self) -> list[str]:
        return [self._token]

    # -- the call loop (http.JsonApi) ---------------------------------------------------------

    def before(self, method: str, call: str) -> None:
        if method == "GET":
            self.reads.take(call)  # Weibo's hourly request quota counts reads too

    def check(self, data: dict, call: str, idempotent: bool) -> None:
        if "error_code" in data:
            raise self._error(data, call, idempotent)

    def _error(self, data: dict, call: str, idempotent: bool) -> PlatformError:
        """The typed error of an ``error_code`` answer."""
        reply = Fields(data, Context(PLATFORM, call, idempotent, self.base_url))
        try:  # a string or a number; anything else is an unknown error
            code = reply.integer("error_code", lo=0, hi=10**9, digits_ok=True)
        except PlatformError:
            code = -1
        error = classify(code, scrub(reply.message("error"), self.secrets()), call)
        if not idempotent and isinstance(error, Retryable) and not isinstance(error, Uncertain):
            # the platform answered with an error code: it may still have acted
            return Uncertain(
                f"{str(error).rstrip('。')}；该请求可能已生效，先与时间线核对，不盲目重发。",
                platform=PLATFORM,
                call=call,
                code=error.code,
            )
        return error

    def share(self, status: str, *, pic: tuple[str, bytes] | None = None, rip: str = "") -> dict:
        """Post ``status`` (≤ 140 characters, with a safe-domain link); the status object."""
        if status_length(status) > STATUS_MAX:
            raise Permanent(
                f"{PLATFORM} share：文字 {status_length(status)} 字，超过 {STATUS_MAX} 字。",
                platform=PLATFORM,
                call="statuses/share",
            )
        if not re.search(r"https?://", status):
            raise Permanent(
                f"{PLATFORM} share：文字中没有指向归档站点的链接。",
                platform=PLATFORM,
                call="statuses/share",
            )
        if TOPIC.search(status):
            raise Permanent(
                f"{PLATFORM} share：文字含 #话题#，分享接口不允许，请删去话题标记。",
                platform=PLATFORM,
                call="statuses/share",
            )
        problem = WEIBO_PIC.problem(pic[1]) if pic else ""
        if pic and problem:
            raise Permanent(
                f"{PLATFORM} share：{WEIBO_PIC.label}「{pic[0][:80]}」{problem}，微博不接受。",
                platform=PLATFORM,
                call="statuses/share",
            )
        rip = rip or self.rip
        if not rip:
            raise OperatorAction(
                f"{PLATFORM} share：未配置操作者真实 IP（GOVMEDIA_WEIBO_RIP），"
                "分享接口要求 rip 参数；本渠道已停止，请管理员配置。",
                platform=PLATFORM,
                call="statuses/share",
            )
        data: dict[str, str] = {"access_token": self._token, "status": status, "rip": rip}
        kwargs: dict[str, Any] = {"data": data}
        if pic:
            kwargs["files"] = {"pic": (pic[0], pic[1], f"image/{sniff(pic[1])}")}
        data = self._call(
            "POST", "/2/statuses/share.json", call="statuses/share", idempotent=False, **kwargs
        )
        status = parse_status(Fields(data, Context(PLATFORM, "statuses/share", False)))
        if not self.ours(status):  # the timeline decides, never recorded as this post's
            raise Context(PLATFORM, "statuses/share", False).bad("user.id", OTHER_ACCOUNT)
        return status

    def ours(self, status: dict) -> bool:
        """Whether ``status`` may be the unit's own: with ``uid`` configured, one whose
        ``user`` names another account is not (red team, round 18b)."""
        user = (status.get("user") or {}).get("idstr") or ""
        return not (self.uid and user and user != self.uid)

    def status_url(self, status: dict) -> str:
        """The status's public page, on the configured account when there is one."""
        if self.uid and not self.ours(status):
            return ""
        own = {**status, "user": {"idstr": self.uid}} if self.uid else status
        return status_url(own)

    def destroy(self, status_id: str) -> dict | None:
        """Delete one's own status; ``None`` when it no longer exists (20101). The reply is
        the deleted status: one naming another is not this deletion (red team, round 43)."""
        try:
            data = self._call(
                "POST",
                "/2/statuses/destroy.json",
                call="statuses/destroy",
                idempotent=True,
                data={"access_token": self._token, "id": status_id},
            )
            reply = Fields(data, Context(PLATFORM, "statuses/destroy"))
            status = parse_status(reply)
            if status["idstr"] != status_id:
                raise reply.ctx.bad("id", f"不是请求删除的微博 {status_id}")
            return status
        except Permanent as exc:
            if exc.code == 20101:
                return None
            raise

    def user_timeline(self, *, count: int = 100, page: int = 1) -> dict:
        """``{"statuses": [checked status, ...], "total_number"}``."""
        data = self._call(
            "GET",
            "/2/statuses/user_timeline.json",
            call="statuses/user_timeline",
            idempotent=True,
            params={"count": count, "page": page},
        )
        reply = Fields(data, Context(PLATFORM, "statuses/user_timeline"))
        statuses = [parse_status(s) for s in reply.items("statuses", max_items=PAGE_MAX)]
        return {
            "statuses": statuses,
            "total_number": reply.integer("total_number", default=len(statuses)),
        }

    def iter_timeline(self, *, count: int = 100, max_pages: int = 20) -> Iterator[dict]:
        """The account's own statuses, newest first."""
        for page in range(1, max_pages + 1):
            statuses = self.user_timeline(count=count, page=page).get("statuses") or []
            yield from (s for s in statuses if self.ours(s))
            if len(statuses) < count:
                return

    def expand_short_urls(self, short_urls: list[str]) -> dict[str, str]:
        """``{short: long}`` through ``short_url/expand`` (at most 20 per call, as documented)."""
        found: dict[str, str] = {}
        for start in range(0, len(short_urls), 20):
            batch = short_urls[start : start + 20]
            data = self._call(
                "GET",
                "/2/short_url/expand.json",
                call="short_url/expand",
                idempotent=True,
                params=[("url_short", u) for u in batch],
            )
            reply = Fields(data, Context(PLATFORM, "short_url/expand", True, self.base_url))
            for item in reply.items("urls", max_items=20):
                short = item.text("url_short", max_len=URL_TEXT_MAX)
                long = item.text("url_long", max_len=URL_TEXT_MAX)
                if short in batch and long and item.boolean("result", default=True):
                    found[short] = long
        return found

    def find_shared(
        self, text: str, link: str, *, skip: Collection[str] = (), max_pages: int = 20
    ) -> dict | None:
        """The newest own status that is ``text`` as Weibo stores it: links become ``t.cn``
        short links, so a status matches when its text is ours with the links taken out
        and one of its links is ``link`` itself or a short link that expands to it. A
        status whose id is in ``skip`` (the ledger records it for a delivery) is passed."""
        wanted = without_links(text)
        for status in self.iter_timeline(max_pages=max_pages):
            if str(status.get("idstr") or status.get("id")) in skip:
                continue
            body = str(status.get("text", ""))
            if body == text:
                return status
            if without_links(body) != wanted:
                continue
            links = LINK.findall(body)
            if link in links:
                return status
            shorts = [u for u in links if is_short_link(u)]
            if shorts and link in self.expand_short_urls(shorts).values():
                return status
        return None

    def find_status(self, needle: str, *, max_pages: int = 20) -> dict | None:
        """The newest own status whose text contains ``needle`` (the post's archive link),
        with its ``t.cn`` short links expanded through the platform."""
        for status in self.iter_timeline(max_pages=max_pages):
            text = str(status.get("text", ""))
            if needle in text:
                return status
            shorts = [u for u in LINK.findall(text) if is_short_link(u)]
            if shorts and any(needle in long for long in self.expand_short_urls(shorts).values()):
                return status
        return None


def without_links(text: str) -> str:
    """``text`` with every link removed and spaces normalised (links are stored shortened)."""
    return re.sub(r"\s+", " ", LINK.sub("", text)).strip()


def is_short_link(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host in SHORT_HOSTS


def _numeric_id(reply: Fields, key: str, *, required: bool) -> str:
    """A Weibo id: a positive integer, given as a number or a digit string."""
    if not required and not reply.has(key):
        return ""
    return str(reply.integer(key, lo=1, hi=ID_MAX, digits_ok=True))


def _same_id(reply: Fields, *, required: bool) -> str:
    """``idstr`` and ``id``, each checked when present, and the same number when both are."""
    idstr = _numeric_id(reply, "idstr", required=False)
    number = _numeric_id(reply, "id", required=required and not idstr)
    if idstr and number and idstr != number:
        raise reply.ctx.bad(reply._name("id"), "与 idstr 不一致")
    return idstr or number


def parse_status(reply: Fields) -> dict[str, Any]:
    """A status object with only checked fields: numeric ids, bounded texts."""
    idstr = _same_id(reply, required=True)
    uid = _same_id(reply.obj("user"), required=False)
    return {
        "id": int(idstr),
        "idstr": idstr,
        "text": reply.text("text", max_len=TEXT_MAX),
        "created_at": reply.text("created_at", max_len=64),
        "user": {"id": int(uid), "idstr": uid} if uid else {},
        "deleted": reply.boolean("deleted"),
    }


def status_url(status: dict) -> str:
    """The status's public page; "" unless both ids are plain numbers (never a scheme)."""
    user = status.get("user") or {}
    uid = str(user.get("idstr") or user.get("id") or "")
    sid = str(status.get("idstr") or status.get("id") or "")
    if not (uid.isdigit() and uid.isascii() and sid.isdigit() and sid.isascii()):
        return ""
    return f"https://weibo.com/{uid}/{sid}"
