"""The unit's accounts registry, ``content/accounts.yml`` (第四–七条, 第十八条 台账)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import yamlutil
from pipeline.errors import ConfigError

PLATFORMS = ("wechat", "weibo", "app", "other")


@dataclass(frozen=True)
class Account:
    id: str
    platform: str
    name: str
    opened: dt.date | None
    closed: dt.date | None
    line: int
    raw: dict[str, Any] = field(compare=False, repr=False)


@dataclass(frozen=True)
class Registry:
    unit: str
    accounts: dict[str, Account]
    path: str
    raw: dict[str, Any] = field(compare=False, repr=False)
    located: yamlutil.Located | None = field(default=None, compare=False, repr=False)

    def platform_of(self, account_id: str) -> str | None:
        account = self.accounts.get(account_id)
        return account.platform if account else None


def parse_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def load_registry(path: Path, rel: str = "content/accounts.yml") -> Registry:
    """Load and minimally validate the registry; raises ConfigError naming file and line."""
    if not path.is_file():
        raise ConfigError(f"{rel}: 找不到账号台账文件（第十八条要求建立统一台账）。")
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{rel}: 不是 UTF-8 编码的文本（{exc.reason}）。") from None
    try:
        located = yamlutil.load(text)
    except yamlutil.YamlSyntaxError as exc:
        raise ConfigError(f"{rel}:{exc.line}: YAML 语法错误：{exc.problem}") from None
    data = located.data
    if not isinstance(data, dict):
        raise ConfigError(f"{rel}:1: 顶层应为映射（unit、accounts 等字段）。")
    items = data.get("accounts")
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{rel}:{located.line('accounts')}: 字段 accounts 应为非空列表。")
    accounts: dict[str, Account] = {}
    for index, item in enumerate(items):
        line = located.line("accounts", index)
        if not isinstance(item, dict):
            raise ConfigError(f"{rel}:{line}: accounts 第 {index + 1} 项应为映射。")
        account_id = item.get("id")
        if not isinstance(account_id, str) or not account_id.strip():
            raise ConfigError(f"{rel}:{line}: accounts 第 {index + 1} 项缺少字段 id。")
        if account_id in accounts:
            raise ConfigError(f"{rel}:{line}: 账号 id「{account_id}」重复。")
        platform = item.get("platform")
        if platform not in PLATFORMS:
            raise ConfigError(
                f"{rel}:{located.line('accounts', index, 'platform')}: 账号「{account_id}」的 "
                f"platform 应为 {' / '.join(PLATFORMS)} 之一，实际为「{platform}」。"
            )
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{rel}:{line}: 账号「{account_id}」缺少字段 name（账号名称）。")
        dates: dict[str, dt.date | None] = {}
        for key in ("opened", "closed"):
            value = item.get(key)
            parsed = parse_date(value)
            if value is not None and parsed is None:
                raise ConfigError(
                    f"{rel}:{located.line('accounts', index, key)}: 账号「{account_id}」的 {key} "
                    f"不是有效日期（应为 YYYY-MM-DD）：「{value}」。"
                )
            dates[key] = parsed
        accounts[account_id] = Account(
            id=account_id,
            platform=platform,
            name=name,
            opened=dates["opened"],
            closed=dates["closed"],
            line=line,
            raw=item,
        )
    unit = data.get("unit")
    if not isinstance(unit, str) or not unit.strip():
        raise ConfigError(f"{rel}:{located.line('unit')}: 缺少字段 unit（单位名称）。")
    return Registry(unit=unit, accounts=accounts, path=rel, raw=data, located=located)
