"""Typed platform errors: each class says what the caller must do next.

Messages are Chinese, name the platform, the call and the error code, and never contain a
credential (tokens, secrets, HMAC keys) nor a raw reply body: clients build them from the
error code and the platform's ``errmsg`` only, passed through :func:`scrub`
(:mod:`pipeline.redact`) with every known secret.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline import redact


class PlatformError(Exception):
    """Base class. ``str()`` is a Chinese message for the operator."""

    action = "停止"

    def __init__(
        self,
        message: str,
        *,
        platform: str = "",
        call: str = "",
        code: int | None = None,
        retry_after: float = 0.0,
    ) -> None:
        self.platform = platform
        self.call = call
        self.code = code
        self.retry_after = retry_after
        super().__init__(message)


class Retryable(PlatformError):
    """Transient: retry the same call with backoff (system busy, posting too fast)."""

    action = "稍后重试"


class Uncertain(Retryable):
    """The request may or may not have been executed (timeout, dropped connection).

    Never resend a non-idempotent call on this: reconcile with the platform first.
    """

    action = "先与平台核对，再决定是否重发"


class WaitWindow(PlatformError):
    """A rate limit or quota: stop this channel until the window (``retry_after`` s) passes."""

    action = "等待下一个时间窗口"


class DailyQuota(WaitWindow):
    """The daily quota is used up (WeChat 45009): stop the channel today, resume next run."""

    action = "今日停止该渠道，下次运行继续"


class TokenExpired(PlatformError):
    """The access token is invalid or expired; WeChat clients refresh it and retry once."""

    action = "刷新令牌后重试一次"


class OperatorAction(PlatformError):
    """Configuration, IP whitelist, permission or an expired Weibo token: tell the operator."""

    action = "停止该渠道，请管理员处理"


class Permanent(PlatformError):
    """The content itself is refused (too long, invalid, failed the audit): fix the post."""

    action = "内容须修改后重新审核"


class Duplicate(PlatformError):
    """The platform says it already has this content (Weibo 20017/20019): reconcile."""

    action = "不重发，与平台核对"


class BadReply(OperatorAction):
    """The platform's answer is malformed or hostile (not JSON, wrong type, a field out of
    range, a non-http(s) URL, too large): nothing of it is used; the channel stops."""

    action = "停止该渠道，请管理员核查平台应答"


class UncertainReply(Uncertain):
    """A malformed answer to a non-idempotent call: it may have taken effect, so the next
    run reconciles with the platform instead of resending."""

    action = "先与平台核对，再决定是否重发"


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every known secret, in any encoding, replaced (see :mod:`pipeline.redact`)."""
    return redact.scrub(text, secrets)


class UnknownOutcome(Uncertain):
    """A reply the client cannot classify (an unknown error code, an error body without a
    code): whether the call took effect is unknown, so nothing is recorded as published or
    refused by guess; the caller reconciles with the platform's listing first."""

    action = "结果未知：先与平台核对，再决定是否重发"


class LiveUnconfirmed(Uncertain):
    """The platform says the post went out but its answer carries no id (Weibo 20032
    "update success, while server slow"): the caller finds it in the listing to record it."""

    action = "内容已发出：与平台核对并记录其标识"
