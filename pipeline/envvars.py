"""Numbers and addresses read from ``GOVMEDIA_*`` environment variables, validated.

A value that is not a number or not an address is refused with a Chinese message that names
the variable (ConfigError, exit 2), never a ``ValueError`` traceback. The value itself is not
repeated for address variables: an address can carry a token.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from pipeline import clock
from pipeline.errors import ConfigError


def env_file(path: Path) -> dict[str, str]:
    """The ``KEY=value`` lines of a server's ``govmedia.env`` (``export`` and quotes allowed,
    ``#`` lines skipped); empty when the file does not exist."""
    return {key: value for key, (value, _) in env_file_lines(path).items()}


def env_file_lines(path: Path) -> dict[str, tuple[str, int]]:
    """:func:`env_file` with the line (from 1) each value was read from: the last line
    that sets a key wins."""
    settings: dict[str, tuple[str, int]] = {}
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            key, sep, value = line.strip().removeprefix("export ").partition("=")
            if sep and key and not key.startswith("#"):
                settings[key.strip()] = (value.strip().strip("'\""), number)
    return settings


def number(
    name: str,
    default: float,
    *,
    minimum: float = 0.0,
    maximum: float = 86_400.0,
    env: Mapping[str, str] | None = None,
) -> float:
    """A number of seconds (or a rate) from ``name``; ``default`` when unset or empty."""
    raw = (os.environ if env is None else env).get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if math.isnan(value) or not minimum <= value <= maximum:
        raise ConfigError(
            f"环境变量 {name} 应为 {minimum:g} 到 {maximum:g} 之间的数字，实际为「{raw[:40]}」。"
        )
    return value


def integer(
    name: str,
    default: int,
    *,
    minimum: int = 0,
    maximum: int = 1_000_000,
    env: Mapping[str, str] | None = None,
) -> int:
    raw = (os.environ if env is None else env).get(name, "").strip()
    if not raw:
        return default
    if not raw.lstrip("+").isdigit() or not minimum <= int(raw) <= maximum:
        raise ConfigError(
            f"环境变量 {name} 应为 {minimum} 到 {maximum} 之间的整数，实际为「{raw[:40]}」。"
        )
    return int(raw)


def check_url(name: str, value: str) -> None:
    """Refuse an address that is not ``http(s)://host[:port][/path]``."""
    problem = ""
    try:
        parts = urlsplit(value)
        _ = parts.port  # raises ValueError on a bad port
        if parts.scheme not in ("http", "https"):
            problem = "应以 http:// 或 https:// 开头"
        elif not parts.hostname:
            problem = "缺少主机名"
    except ValueError:
        problem = "无法解析（主机或端口无效）"
    if problem:
        raise ConfigError(f"{name} 不是有效的网址：{problem}。例如 https://api.weixin.qq.com")


# The numeric settings of a publishing run, checked before any platform is called.
NUMBERS = {
    "GOVMEDIA_POLL_INTERVAL": 600.0,
    "GOVMEDIA_RETRY_BASE": 600.0,
    "GOVMEDIA_MAX_WINDOW_WAIT": 86_400.0,
}
INTEGERS = {"GOVMEDIA_MAX_POLLS": 10_000}


def check_environment(env: Mapping[str, str] | None = None) -> None:
    """Refuse (ConfigError naming the variable) a numeric setting that is not a number."""
    for name, maximum in NUMBERS.items():
        number(name, 0.0, maximum=maximum, env=env)
    for name, top in INTEGERS.items():
        integer(name, 0, maximum=top, env=env)
    clock.check(env)  # the demo's emulator clock: only with loopback emulators
