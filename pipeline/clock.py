"""The time govmedia records: ledger records, run ids, claim leases, "today".

It is the real clock. The one exception is the demo, which replays a year of sample
history on its loopback emulators: there the emulators' clock is used, moved as the
emulators' own (``clock_offset``, ``POST /_emulator/clock``): ``GOVMEDIA_EMULATOR_CLOCK``
holds the seconds added to real time.

That setting is read from the process environment only (the server's environment or
``<bare>/govmedia.env``), never from the repository, and it is honoured only when every
platform address in the environment is a loopback emulator: ``GOVMEDIA_WECHAT_API``,
``GOVMEDIA_WEIBO_API`` and ``GOVMEDIA_APP_PUSH`` all set, all on 127.0.0.0/8, ``::1`` or
``localhost`` (the environment wins over a ``GOVMEDIA_CONFIG`` file, so these are the
addresses a run calls). Anywhere else it is refused with a ConfigError naming it, before a
platform is called (``envvars.check_environment``): a real unit's ledger can never be
dated by anything but the real clock.

Protocol timestamps are not records and stay on the real clock: the app push signature,
token lifetimes, the client's own rate windows.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import math
import os
import time
from collections.abc import Mapping
from urllib.parse import urlsplit

from pipeline.errors import ConfigError

ENV_NAME = "GOVMEDIA_EMULATOR_CLOCK"
_pinned: float | None = None  # the demo's own process: set by pin(), never by the environment
ENDPOINTS = ("GOVMEDIA_WECHAT_API", "GOVMEDIA_WEIBO_API", "GOVMEDIA_APP_PUSH")
CHINA = dt.timezone(dt.timedelta(hours=8), "CST")
# far enough for any replay (decades), near enough that a typo cannot leave datetime's range
MAX_OFFSET = 100 * 366 * 86_400.0


def loopback_host(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine's loopback."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _loopback(url: str) -> bool:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    return loopback_host(host)


def parse_offset(raw: object) -> float:
    """Seconds of a clock offset, from text (the environment) or a number (the emulators'
    ``POST /_emulator/clock``): finite and at most ``MAX_OFFSET`` either way, else ValueError.
    The one parser of both, so the demo's clock and the emulators' agree on what is valid."""
    value = math.nan
    if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
        with contextlib.suppress(ValueError, OverflowError):  # OverflowError: a huge int
            value = float(raw)
    if not math.isfinite(value) or abs(value) > MAX_OFFSET:
        raise ValueError(f"not a clock offset: finite seconds, at most {MAX_OFFSET:.0f} either way")
    return value


def pin(seconds: float | None) -> None:
    """In this process only, run the clock ``seconds`` ahead of real time (None: as the
    environment says). The demo calls it for the steps it runs in its own process."""
    global _pinned
    _pinned = seconds


def offset(env: Mapping[str, str] | None = None) -> float:
    """Seconds the recorded time is ahead of real time: 0 unless on the demo's emulators."""
    if env is None and _pinned is not None:
        return _pinned
    env = os.environ if env is None else env
    raw = env.get(ENV_NAME, "").strip()
    if not raw:
        return 0.0
    try:
        value = parse_offset(raw)
    except ValueError:
        raise ConfigError(
            f"环境变量 {ENV_NAME} 应为秒数（模拟器时钟相对真实时间的偏移）。"
        ) from None
    elsewhere = [name for name in ENDPOINTS if not _loopback(env.get(name, ""))]
    if elsewhere:
        raise ConfigError(
            f"环境变量 {ENV_NAME}（模拟器时钟）只用于本机平台模拟器的演示与测试，"
            f"而 {'、'.join(elsewhere)} 未设置或不是本机回环地址：真实平台上只使用真实时间。"
            f"请删除 {ENV_NAME}。"
        )
    return value


def check(env: Mapping[str, str] | None = None) -> None:
    """Refuse an unusable clock setting (ConfigError) before any platform is called."""
    offset(env)


def now(env: Mapping[str, str] | None = None) -> dt.datetime:
    """The current time (UTC, aware) on the clock records use."""
    return dt.datetime.fromtimestamp(time.time() + offset(env), dt.UTC)


def today(env: Mapping[str, str] | None = None) -> dt.date:
    """Today in China on the clock records use."""
    return now(env).astimezone(CHINA).date()


def china_year() -> int:
    """The year in China on the real clock, whatever the machine's zone (a server on UTC
    is still in the old year for the first eight hours of China's new one): the year the
    content rules judge by (red team round 45)."""
    return today({}).year


def iso_z(moment: dt.datetime) -> str:
    """``2026-03-04T02:00:00.000000Z``: the ledger's format for a time."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def git_dates(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """``GIT_AUTHOR_DATE`` / ``GIT_COMMITTER_DATE`` for a commit made now on the emulators'
    clock; nothing on the real clock (git then takes its own, real time)."""
    if offset(env) == 0:
        return {}
    stamp = now(env).isoformat(timespec="seconds")
    return {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
