"""WeChat's answer codes: the ``errcode`` table (each code to a typed error of errors.py)
and the ``publish_status`` values of freepublish/get."""

from __future__ import annotations

from typing import Any

from pipeline.platforms.errors import (
    DailyQuota,
    Duplicate,
    OperatorAction,
    Permanent,
    PlatformError,
    Retryable,
    TokenExpired,
    Uncertain,
    UnknownOutcome,
    WaitWindow,
    scrub,
)
from pipeline.platforms.replies import Context, Fields

PLATFORM = "微信公众号"
TOKEN_CODES = {40001, 40014, 42001}
TOKEN_CALLS = ("token", "stable_token")

STATUS_TEXT = {
    0: "发布成功",
    1: "发布中",
    2: "原创校验未通过",
    3: "常规失败",
    4: "平台审核不通过",
    5: "成功后用户删除",
    6: "成功后被封禁",
}

# publish_status values that are events on a live post (it was published, then removed)
LIVE_EVENT_STATUSES = (5, 6)


def classify(code: int, errmsg: str, call: str, *, idempotent: bool = True) -> PlatformError:
    """The typed error for a WeChat ``errcode`` (platforms.md table and the official 全局返回码
    page, developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html).

    Long because: one branch per documented errcode, kept in one place so the table reads whole.

    A code not listed here is :class:`UnknownOutcome`: never "refused" by guess. ``-1`` on a
    non-idempotent call (``draft/add``, ``freepublish/submit``, ``message/mass/sendall``)
    may have acted: :class:`Uncertain`, reconciled before any resend.
    """
    where = f"{PLATFORM} {call}"
    kw: dict[str, Any] = {"platform": PLATFORM, "call": call, "code": code}
    detail = f"（错误码 {code}：{errmsg}）" if errmsg else f"（错误码 {code}）"
    if code == -1:
        if not idempotent:
            return Uncertain(
                f"{where}：系统繁忙{detail}，平台可能已执行该请求：先与平台核对，不盲目重发。", **kw
            )
        return Retryable(f"{where}：系统繁忙，稍后重试{detail}。", **kw)
    if code in TOKEN_CODES and call in TOKEN_CALLS:
        # 40001 from the token endpoint itself: the AppSecret is wrong, not a stale token
        return OperatorAction(
            f"{where}：获取 access_token 被拒{detail}：AppSecret 错误或已重置，本渠道已停止，"
            "请管理员检查 GOVMEDIA_WECHAT_SECRET。",
            **kw,
        )
    if code in TOKEN_CODES:
        return TokenExpired(f"{where}：access_token 无效或已过期{detail}。", **kw)
    if code in (40013, 40125, 40243):
        return OperatorAction(
            f"{where}：AppID 或 AppSecret 无效或已冻结{detail}，请管理员检查配置"
            "（GOVMEDIA_WECHAT_APPID / GOVMEDIA_WECHAT_SECRET）。",
            **kw,
        )
    if code == 40164:
        return OperatorAction(
            f"{where}：调用方 IP 不在公众号的 IP 白名单中{detail}，请管理员在公众平台添加。", **kw
        )
    if code == 48001:
        return OperatorAction(f"{where}：该公众号未获得此接口权限{detail}，请管理员处理。", **kw)
    if code == 45009:
        return DailyQuota(
            f"{where}：今日接口调用次数已达上限{detail}，本渠道今日停止，下次运行继续。",
            retry_after=86_400.0,
            **kw,
        )
    if code == 45028:  # 群发: no quota left (message/mass/sendall)
        return DailyQuota(
            f"{where}：群发次数已用完{detail}，群发推迟到下一个配额周期，下次运行继续。",
            retry_after=86_400.0,
            **kw,
        )
    if code == 45011:
        return WaitWindow(
            f"{where}：超过每分钟调用频率限制{detail}，等待下一分钟。", retry_after=60.0, **kw
        )
    if code == 53500:
        return OperatorAction(
            f"{where}：公众号的发表功能已被封禁{detail}，本渠道已停止，请管理员在公众平台核查。",
            **kw,
        )
    if code == 53501:
        return WaitWindow(
            f"{where}：发表过于频繁{detail}，本渠道本次停止，下次运行继续。",
            retry_after=3600.0,
            **kw,
        )
    if code == 53502:
        return OperatorAction(
            f"{where}：平台不认识该发布任务（publish_id 无效）{detail}，请管理员在公众平台核查。",
            **kw,
        )
    if code in (53504, 53505):
        reason = {
            53504: "需前往公众平台网页端使用草稿",
            53505: "需在公众平台网页端手动保存草稿后再发表",
        }[code]
        return OperatorAction(
            f"{where}：{reason}{detail}：这需要在公众平台网页端操作，不是修改内容；本渠道已停止。",
            **kw,
        )
    if code == 45001:  # the permanent material cap (add_material)
        return OperatorAction(
            f"{where}：永久素材数量已达上限{detail}，请管理员在公众平台清理不用的素材。", **kw
        )
    if code == 45065:  # 群发: that clientmsgid already went out (exactly-once, see mass.py)
        return Duplicate(f"{where}：该群发已发送过（clientmsgid 相同）{detail}，不重发。", **kw)
    if code == 45066:  # 群发: a retry of the same clientmsgid within a minute
        return WaitWindow(
            f"{where}：相同群发重试过快{detail}，本次停止，下次运行核对。", retry_after=60.0, **kw
        )
    if code in (
        45002, 40007, 45166, 53503, 45003, 45004, 45110, 44003, 40113, 40009, 40006, 53600
    ):  # fmt: skip
        reason = {
            53600: "文章不存在或已删除",
            40113: "文件类型不受支持",
            40009: "图片大小不合要求",
            40006: "文件大小不合要求",
            45002: "内容超长",
            40007: "media_id 无效（封面须为永久素材）",
            45166: "内容不合规",
            53503: "草稿未通过发布检查",
            45003: "标题超长",
            45004: "摘要超长",
            45110: "作者超长",
            44003: "图文内容为空",
        }[code]
        return Permanent(f"{where}：{reason}{detail}，请修改内容后重新审核。", **kw)
    return UnknownOutcome(
        f"{where}：平台返回未知错误码{detail}，结果未知：下次运行先与平台核对，不按失败处理。",
        **kw,
    )


def raise_errcode(data: dict, ctx: Context, secrets: list[str]) -> None:
    """The typed error of a non-zero ``errcode`` (an integer, or the reply is refused)."""
    reply = Fields(data, ctx)
    code = reply.integer("errcode", lo=-(2**31), hi=2**31, default=0)
    if code:
        message = scrub(reply.message("errmsg"), secrets)
        error = classify(code, message, ctx.call, idempotent=ctx.idempotent)
        if code == 45065:
            error.reply = data  # type: ignore[attr-defined]  # names the earlier send
        raise error
