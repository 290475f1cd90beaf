"""The unit's one time zone for every time shown to people (status, verify, reports).

It comes from the unit's configuration (``timezone:`` at the top of
``content/accounts.yml``, an IANA name), default ``Asia/Shanghai`` (北京时间). Machine
output (JSON, the ledger) keeps RFC 3339 times with their offset.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.project import ACCOUNTS_FILE

DEFAULT_ZONE = "Asia/Shanghai"
BEIJING_NAMES = frozenset({"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC"})
_FIXED_BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def zone_of(name: str, where: str = ACCOUNTS_FILE) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name in BEIJING_NAMES:
            return _FIXED_BEIJING  # no tz database on this machine: China has no DST
        raise ConfigError(
            f"{where}：timezone「{name}」不是有效的时区名称（例如 Asia/Shanghai）。"
        ) from None


def unit_zone(root: Path) -> dt.tzinfo:
    """The zone the unit's configuration names; the default when it names none."""
    path = root / ACCOUNTS_FILE
    name = DEFAULT_ZONE
    line = 1
    if path.is_file():
        try:
            located = yamlutil.load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yamlutil.YamlSyntaxError):
            located = None  # ``check`` reports an unreadable registry itself
        if located is not None and isinstance(located.data, dict):
            value = located.data.get("timezone")
            if value is not None:
                line = located.line("timezone")
                if not isinstance(value, str) or not value.strip():
                    raise ConfigError(f"{ACCOUNTS_FILE}:{line}: timezone 应为时区名称。")
                name = value.strip()
    return zone_of(name, f"{ACCOUNTS_FILE}:{line}")


def zone_label(zone: dt.tzinfo) -> str:
    key = getattr(zone, "key", None) or str(zone)
    return "北京时间" if key in BEIJING_NAMES else key


def local_time(value: str, zone: dt.tzinfo | None = None) -> str:
    """An RFC 3339 time as ``2026-11-20 10:00`` in ``zone`` (default 北京时间)."""
    zone = zone or zone_of(DEFAULT_ZONE)
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")
