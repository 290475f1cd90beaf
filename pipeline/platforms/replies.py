"""Typed reading of platform replies: every field a client uses is checked before use.

A reply is hostile until proven otherwise (threat class 9): numbers must really be numbers
in range, ids non-empty bounded strings of a safe charset, URLs ``https://`` (``http://``
only on loopback, for the bundled emulators), texts bounded strings. A field that fails
becomes :class:`~pipeline.platforms.errors.BadReply` (or ``UncertainReply`` for a call
that may have taken effect) whose Chinese message names the field, never its value.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import SplitResult, urlsplit

from pipeline.platforms.errors import BadReply, PlatformError, UncertainReply
from pipeline.redact import scrub

ID_RE = re.compile(r"[A-Za-z0-9_\-.:@=+/]+")  # read whole (fullmatch): "^...$" took a final "\n"
URL_MAX = 2048
URL_FORBIDDEN = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")
# C0 and C1 controls, line separators, bidi controls and marks (what content_limits.shown escapes)
CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_MISSING: Any = object()


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def link_parts(value: str) -> SplitResult | None:
    """``value`` split as a browser reads it, or None: a character a browser reads otherwise
    than ``urlsplit`` (a backslash, a space, a quote), no host, or a user name or password
    before it (``https://evil.example\\@mp.weixin.qq.com/`` is on evil.example)."""
    if URL_FORBIDDEN.search(value):
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return None
    if not host or parts.username is not None or parts.password is not None:
        return None
    return parts


def platform_url(value: object, base_url: str = "") -> str | None:
    """``value`` when it is an ``https://`` URL (or ``http://`` on loopback while the client
    itself talks to a loopback emulator), else None. Never ``javascript:``, ``data:`` …"""
    if not isinstance(value, str) or not value or len(value) > URL_MAX:
        return None
    parts = link_parts(value)
    if parts is None:
        return None
    host = parts.hostname or ""
    if parts.scheme == "https":
        return value
    if parts.scheme == "http" and is_loopback(host):
        base = urlsplit(base_url) if base_url else None
        if base is not None and base.scheme == "http" and is_loopback(base.hostname or ""):
            return value
    return None


def _on_host(url: str, hosts: tuple[str, ...], base_url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    own = (urlsplit(base_url).hostname or "").lower() if base_url else ""
    return host in hosts or (bool(own) and host == own)


@dataclass(frozen=True)
class Context:
    """Where a reply came from: names the platform and call in messages."""

    platform: str
    call: str
    idempotent: bool = True
    base_url: str = ""

    def bad(self, field: str, problem: str) -> PlatformError:
        cls = BadReply if self.idempotent else UncertainReply
        tail = (
            "未采用该应答，请管理员核查平台接口或网络中间设备。"
            if self.idempotent
            else "该请求可能已生效：下次运行先与平台核对，不会重复发送。"
        )
        return cls(
            f"{self.platform} {self.call}：平台应答异常：字段 {field} {problem}；{tail}",
            platform=self.platform,
            call=self.call,
        )


class Fields:
    """A JSON object of a reply, read field by field with a type and a range each."""

    def __init__(self, data: object, ctx: Context, where: str = "") -> None:
        if not isinstance(data, dict):
            raise ctx.bad(where or "（应答）", "不是 JSON 对象")
        self.data: dict[str, Any] = data
        self.ctx = ctx
        self.where = where

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def integer(
        self,
        key: str,
        *,
        lo: int = 0,
        hi: int = 2**53,
        default: int = _MISSING,
        digits_ok: bool = False,
    ) -> int:
        value = self.data.get(key)
        if value is None:
            if default is _MISSING:
                raise self.ctx.bad(self._name(key), "缺失")
            return default
        if isinstance(value, str) and digits_ok and re.fullmatch(r"-?[0-9]{1,18}", value):
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.ctx.bad(self._name(key), "不是整数")
        if not lo <= value <= hi:
            raise self.ctx.bad(self._name(key), f"超出范围（应在 {lo} 到 {hi} 之间）")
        return value

    def ident(
        self, key: str, *, max_len: int = 128, default: str = _MISSING, credential: bool = False
    ) -> str:
        """A platform id: a non-empty bounded string (or a non-negative integer), holding no
        credential this process knows (round 36: ids are kept as given) unless it is one
        itself (``credential``: an access token, registered as a secret once read)."""
        value = self.data.get(key)
        if value is None or value == "":
            if default is _MISSING:
                raise self.ctx.bad(self._name(key), "缺失或为空")
            return default
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63:
            value = str(value)
        if not isinstance(value, str) or len(value) > max_len or not ID_RE.fullmatch(value):
            raise self.ctx.bad(
                self._name(key), f"不是合法的标识（不超过 {max_len} 个字母、数字或 _-.:@=+/）"
            )
        if not credential and scrub(value) != value:  # round 36: ids are kept as given
            raise self.ctx.bad(self._name(key), "含有本单位的凭据（平台应答回显了密钥或令牌）")
        return value

    def text(self, key: str, *, max_len: int, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.ctx.bad(self._name(key), "不是字符串")
        if len(value) > max_len:
            raise self.ctx.bad(self._name(key), f"超过 {max_len} 个字符")
        return value

    def url(self, key: str, *, required: bool = False, hosts: tuple[str, ...] = ()) -> str:
        """An https link (see ``platform_url``); with ``hosts``, only on one of them or on the
        API's own host (an emulator): a link the archive or a reader will follow is never one
        a reply chose elsewhere."""
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise self.ctx.bad(self._name(key), "缺失")
            return ""
        checked = platform_url(value, self.ctx.base_url)
        if checked is None:
            raise self.ctx.bad(self._name(key), "不是 https 链接")
        if hosts and not _on_host(checked, hosts, self.ctx.base_url):
            raise self.ctx.bad(self._name(key), f"不是 {'、'.join(hosts)} 上的链接")
        return checked

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        raise self.ctx.bad(self._name(key), "不是布尔值")

    def obj(self, key: str, *, required: bool = False) -> Fields:
        value = self.data.get(key)
        if value is None and not required:
            value = {}
        return Fields(value, self.ctx, self._name(key))

    def items(self, key: str, *, max_items: int = 1000) -> Iterator[Fields]:
        value = self.data.get(key)
        if value is None:
            return iter(())
        if not isinstance(value, list):
            raise self.ctx.bad(self._name(key), "不是列表")
        if len(value) > max_items:
            raise self.ctx.bad(self._name(key), f"超过 {max_items} 项")
        return (Fields(v, self.ctx, f"{self._name(key)}[{i}]") for i, v in enumerate(value))

    def message(self, key: str, *, max_len: int = 200) -> str:
        """An error message of the platform, for an operator: any type, bounded, one line."""
        value = self.data.get(key)
        if value is None:
            return ""
        text = value if isinstance(value, str) else ""
        text = CONTROL.sub("", text).replace("\n", " ").replace("\r", " ").strip()
        return text[:max_len] + ("…" if len(text) > max_len else "")
