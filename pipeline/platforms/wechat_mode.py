"""How a post goes to WeChat: 发布 (``freepublish``: on the account's page only) or 群发
(``message/mass/sendall``: into every follower's message list, under a quota).

Per post in the front matter, ``wechat: {send: mass}`` or ``wechat: {send: publish}``;
without it, the post's category decides: categories listed in the publisher's setting
``GOVMEDIA_WECHAT_MASS_CATEGORIES`` (comma-separated, e.g. ``通知公告``) are mass-sent.
"""

from __future__ import annotations

import hashlib

from pipeline.content import Post

MODES = {"publish": "发布（仅出现在公众号主页）", "mass": "群发（推送到关注者的消息列表）"}


def categories(setting: str) -> frozenset[str]:
    return frozenset(c.strip() for c in setting.replace("，", ",").split(",") if c.strip())


def mode_problem(post: Post) -> str:
    """A Chinese message when the ``wechat`` field is malformed, else ""."""
    value = post.meta.get("wechat")
    if value is None:
        return ""
    if not isinstance(value, dict) or set(value) - {"send"}:
        return "字段 wechat 应为映射，例如 wechat: {send: mass}（只支持 send 一项）。"
    if value.get("send") not in MODES:
        shown = "、".join(f"{k}（{v}）" for k, v in MODES.items())
        return f"字段 wechat.send 应为 {shown} 之一，实际为「{value.get('send')}」。"
    return ""


def send_mode(post: Post, mass_categories: frozenset[str]) -> str:
    value = post.meta.get("wechat")
    if isinstance(value, dict) and value.get("send") in MODES:
        return str(value["send"])
    return "mass" if post.category in mass_categories else "publish"


def clientmsgid(slug: str, blob: str) -> str:
    """The mass send's ``clientmsgid`` (≤ 64 bytes): the same for every resend of one
    approved version, so the platform answers a resend with the first send (45065)."""
    return "gm-" + hashlib.sha256(f"{slug}:{blob}".encode()).hexdigest()[:40]
