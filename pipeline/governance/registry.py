"""The unit's accounts registry, ``content/accounts.yml`` (第四–七条, 第十八条 台账).

Loading validates the structure (types, dates, enumerations, date order) and raises
:class:`ConfigError` naming file, line and field. Whether the content meets the
regulation (deadlines, responsible people, names) is for ``checks.py``: a registry that
loads may still have findings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.yamlutil import parse_date

PLATFORMS = ("wechat", "weibo", "app", "other")
PLATFORM_ZH = {"wechat": "微信公众号", "weibo": "微博", "app": "移动客户端", "other": "其他平台"}
KINDS = ("institutional", "official_personal")
KIND_ZH = {"institutional": "机构账号", "official_personal": "公务人员职务实名账号"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)

RESPONSIBLE_FIELDS = {
    "principal": "主要负责人",
    "supervisor": "分管负责人",
    "chief_editor": "总编辑",
    "department": "管理部门",
}
TOP_FIELDS = ("unit", "locality_keywords", "accounts", "timezone")  # timezone: unit_time.py
ACCOUNT_FIELDS = {
    "id": "账号 id",
    "platform": "平台",
    "name": "账号名称",
    "kind": "账号类型",
    "holder": "实名账号持有人",
    "opened": "开设日期",
    "filed": "开设备案日期",
    "closed": "关闭日期",
    "closure_filed": "关闭备案日期",
    "expected_monthly_posts": "每月应发布次数",
    "responsible": "责任人",
    "opening_approval": "开设审批",
    "closure_approval": "关闭审批",
    "consent": "单位同意",
    "url": "账号主页",
}
OPENING_FIELDS = {
    "meeting_date": "专题会议日期",
    "minutes": "会议纪要文号",
    "approved_by": "批准人",
}
CLOSURE_FIELDS = {
    "approved_by": "批准人",
    "approved_on": "批准日期",
    "notice_date": "关闭公告日期",
    "notice_url": "关闭公告链接",
}
CONSENT_FIELDS = {"approved_by": "同意人", "date": "同意日期"}


@dataclass(frozen=True)
class Responsible:
    """第五条: 主要负责人、分管负责人、总编辑 and 管理部门 (empty string = missing)."""

    principal: str = ""
    supervisor: str = ""
    chief_editor: str = ""
    department: str = ""


@dataclass(frozen=True)
class OpeningApproval:
    """第四条: the leadership meeting that approved opening, and the approving leader."""

    meeting_date: dt.date | None = None
    minutes: str = ""
    approved_by: str = ""


@dataclass(frozen=True)
class ClosureApproval:
    """第七条: approval by the unit's principal leader and the public notice."""

    approved_by: str = ""
    approved_on: dt.date | None = None
    notice_date: dt.date | None = None
    notice_url: str = ""


@dataclass(frozen=True)
class Consent:
    """第四条第二款, 第十三条: the unit's consent to an official's real-name account."""

    approved_by: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class Account:
    id: str
    platform: str
    name: str
    opened: dt.date | None
    closed: dt.date | None
    line: int
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    kind: str = "institutional"
    holder: str = ""
    filed: dt.date | None = None
    closure_filed: dt.date | None = None
    expected_monthly_posts: int = 0
    responsible: Responsible = field(default_factory=Responsible)
    opening_approval: OpeningApproval | None = None
    closure_approval: ClosureApproval | None = None
    consent: Consent | None = None
    url: str = ""
    # 1-based line of each field ("responsible.principal" for nested ones).
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, key: str) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return self.line

    def is_open_on(self, day: dt.date) -> bool:
        return (self.opened is None or self.opened <= day) and (
            self.closed is None or day <= self.closed
        )

    @property
    def label(self) -> str:
        """The account in a message: its public name, with the id the files use in brackets."""
        return f"「{self.name}」（{self.id}）" if self.name else f"「{self.id}」"


@dataclass(frozen=True)
class Registry:
    unit: str
    accounts: dict[str, Account]
    path: str
    raw: dict[str, Any] = field(compare=False, repr=False)
    located: yamlutil.Located | None = field(default=None, compare=False, repr=False)
    locality_keywords: tuple[str, ...] = ()
    # Non-fatal remarks (unknown fields …) as (line, message).
    warnings: tuple[tuple[int, str], ...] = ()

    def platform_of(self, account_id: str) -> str | None:
        account = self.accounts.get(account_id)
        return account.platform if account else None

    def label_of(self, account_id: str) -> str:
        """An account named in a message: 「public name」（id）, or 「id」 when unregistered."""
        account = self.accounts.get(account_id)
        return account.label if account else f"「{account_id}」"


class _Reader:
    """Typed field access for one account, raising ConfigError with file, line, field."""

    def __init__(self, rel: str, loc: yamlutil.Located, index: int, label: str) -> None:
        self.rel = rel
        self.loc = loc
        self.index = index
        self.label = label
        self.lines: dict[str, int] = {}

    def line(self, *keys: str) -> int:
        return self.loc.line("accounts", self.index, *keys)

    def fail(self, keys: tuple[str, ...], message: str) -> ConfigError:
        name = ".".join(keys)
        return ConfigError(
            f"{self.rel}:{self.line(*keys)}: 账号「{self.label}」的字段 {name}{message}"
        )

    def note(self, *keys: str) -> None:
        if ("accounts", self.index, *keys) in self.loc.lines:
            self.lines[".".join(keys)] = self.line(*keys)

    def text(self, data: dict[str, Any], *keys: str, required: bool = False) -> str:
        value = data.get(keys[-1])
        self.note(*keys)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.fail(keys, f"缺失或为空（{_zh(keys)}）。")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(keys, f"应为文本（{_zh(keys)}），实际为 {type(value).__name__}。")
        return str(value).strip()

    def date(self, data: dict[str, Any], *keys: str) -> dt.date | None:
        value = data.get(keys[-1])
        self.note(*keys)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            raise self.fail(keys, f"不是有效日期（应为 YYYY-MM-DD）：「{value}」。")
        return parsed

    def mapping(self, data: dict[str, Any], key: str, allowed: dict[str, str]) -> dict | None:
        value = data.get(key)
        self.note(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail((key,), f"应为映射（{'、'.join(allowed)}），或写 null。")
        for sub in value:
            if sub not in allowed:
                raise self.fail((key, str(sub)), f"未知（{key} 下可用：{'、'.join(allowed)}）。")
        return value


def _zh(keys: tuple[str, ...]) -> str:
    tables = {
        "responsible": RESPONSIBLE_FIELDS,
        "opening_approval": OPENING_FIELDS,
        "closure_approval": CLOSURE_FIELDS,
        "consent": CONSENT_FIELDS,
    }
    if len(keys) == 2:
        return tables.get(keys[0], {}).get(keys[1], keys[1])
    return ACCOUNT_FIELDS.get(keys[0], keys[0])


def _label(item: dict[str, Any], account_id: str) -> str:
    """The account as messages name it before it is parsed: 「name」（id）."""
    name = item.get("name")
    return (
        f"「{name.strip()}」（{account_id}）"
        if isinstance(name, str) and name.strip()
        else f"「{account_id}」"
    )


def _parse_account(
    item: dict[str, Any], index: int, rel: str, loc: yamlutil.Located, warnings: list
) -> Account:
    account_id = item.get("id")
    line = loc.line("accounts", index)
    if not isinstance(account_id, str) or not account_id.strip():
        raise ConfigError(f"{rel}:{line}: accounts 第 {index + 1} 项缺少字段 id（账号 id）。")
    r = _Reader(rel, loc, index, account_id)
    if not ID_RE.match(account_id):
        raise r.fail(("id",), "应只含小写字母、数字和连字符（文章 channels 引用它），例如 wechat。")
    for key in item:
        if key not in ACCOUNT_FIELDS:
            warnings.append(
                (
                    r.line(str(key)),
                    f"账号{_label(item, account_id)}有未知字段「{key}」（拼写错误？）。",
                )
            )
    platform = item.get("platform")
    r.note("platform")
    if platform not in PLATFORMS:
        raise r.fail(("platform",), f"应为 {' / '.join(PLATFORMS)} 之一，实际为「{platform}」。")
    name = r.text(item, "name", required=True)
    kind = item.get("kind", "institutional")
    r.note("kind")
    if kind not in KINDS:
        raise r.fail(("kind",), f"应为 {' / '.join(KINDS)} 之一，实际为「{kind}」。")
    opened = r.date(item, "opened")  # missing: a finding of `accounts check` (A4-01)
    filed = r.date(item, "filed")
    closed = r.date(item, "closed")
    closure_filed = r.date(item, "closure_filed")
    expected = item.get("expected_monthly_posts", 0)
    r.note("expected_monthly_posts")
    if expected is None:
        expected = 0
    if isinstance(expected, bool) or not isinstance(expected, int) or expected < 0:
        raise r.fail(("expected_monthly_posts",), f"应为非负整数，实际为「{expected}」。")
    holder = r.text(item, "holder")
    url = r.text(item, "url")
    if url and not URL_RE.match(url):
        raise r.fail(("url",), f"不是有效的 http(s) 链接：「{url}」。")

    resp = r.mapping(item, "responsible", RESPONSIBLE_FIELDS) or {}
    responsible = Responsible(**{k: r.text(resp, "responsible", k) for k in RESPONSIBLE_FIELDS})
    opening = None
    raw_open = r.mapping(item, "opening_approval", OPENING_FIELDS)
    if raw_open is not None:
        opening = OpeningApproval(
            meeting_date=r.date(raw_open, "opening_approval", "meeting_date"),
            minutes=r.text(raw_open, "opening_approval", "minutes"),
            approved_by=r.text(raw_open, "opening_approval", "approved_by"),
        )
    closure = None
    raw_close = r.mapping(item, "closure_approval", CLOSURE_FIELDS)
    if raw_close is not None:
        closure = ClosureApproval(
            approved_by=r.text(raw_close, "closure_approval", "approved_by"),
            approved_on=r.date(raw_close, "closure_approval", "approved_on"),
            notice_date=r.date(raw_close, "closure_approval", "notice_date"),
            notice_url=r.text(raw_close, "closure_approval", "notice_url"),
        )
        if closure.notice_url and not URL_RE.match(closure.notice_url):
            raise r.fail(
                ("closure_approval", "notice_url"),
                f"不是有效的 http(s) 链接：「{closure.notice_url}」。",
            )
    consent = None
    raw_consent = r.mapping(item, "consent", CONSENT_FIELDS)
    if raw_consent is not None:
        consent = Consent(
            approved_by=r.text(raw_consent, "consent", "approved_by"),
            date=r.date(raw_consent, "consent", "date"),
        )

    # Date order: data-entry mistakes, not regulation findings.
    if filed is not None and opened is None:
        raise r.fail(("filed",), "已填写，但 opened（开设日期）为空。")
    if filed is not None and opened is not None and filed < opened:
        raise r.fail(("filed",), f"（{filed}）早于开设日期 opened（{opened}）。")
    if closed is not None and opened is not None and closed < opened:
        raise r.fail(("closed",), f"（{closed}）早于开设日期 opened（{opened}）。")
    if closure_filed is not None and closed is None:
        raise r.fail(("closure_filed",), "已填写，但 closed（关闭日期）为空。")
    if closure_filed is not None and closed is not None and closure_filed < closed:
        raise r.fail(("closure_filed",), f"（{closure_filed}）早于关闭日期 closed（{closed}）。")
    if (
        closure is not None
        and closed is None
        and any((closure.approved_by, closure.approved_on, closure.notice_date))
    ):
        raise r.fail(("closure_approval",), "已填写，但 closed（关闭日期）为空。")
    return Account(
        id=account_id,
        platform=str(platform),
        name=name,
        opened=opened,
        closed=closed,
        line=line,
        raw=item,
        kind=str(kind),
        holder=holder,
        filed=filed,
        closure_filed=closure_filed,
        expected_monthly_posts=expected,
        responsible=responsible,
        opening_approval=opening,
        closure_approval=closure,
        consent=consent,
        url=url,
        lines=r.lines,
    )


def parse_registry(text: str, rel: str = "content/accounts.yml") -> Registry:
    """Parse and validate registry text; raises ConfigError naming file, line and field."""
    located = yamlutil.load_mapping(text, rel, "unit、locality_keywords、accounts")
    data = located.data
    if located.duplicates:
        key, line = located.duplicates[0]
        raise ConfigError(f"{rel}:{line}: 字段 {key} 重复出现。")
    unit = data.get("unit")
    if not isinstance(unit, str) or not unit.strip():
        raise ConfigError(f"{rel}:{located.line('unit')}: 缺少字段 unit（单位名称）。")
    keywords_raw = data.get("locality_keywords")
    if keywords_raw is None:
        keywords: tuple[str, ...] = (unit.strip(),)
    elif (
        isinstance(keywords_raw, list)
        and keywords_raw
        and all(isinstance(k, str) and k.strip() for k in keywords_raw)
    ):
        keywords = tuple(k.strip() for k in keywords_raw)
    else:
        raise ConfigError(
            f"{rel}:{located.line('locality_keywords')}: 字段 locality_keywords 应为非空的文本列表"
            f"（账号名称须包含其中之一，第六条），例如 [牙克石, 政务服务]。"
        )
    items = data.get("accounts")
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{rel}:{located.line('accounts')}: 字段 accounts 应为非空列表。")
    warnings: list[tuple[int, str]] = [
        (located.line(str(key)), f"未知的顶层字段「{key}」（拼写错误？）。")
        for key in data
        if key not in TOP_FIELDS
    ]
    accounts: dict[str, Account] = {}
    for index, item in enumerate(items):
        line = located.line("accounts", index)
        if not isinstance(item, dict):
            raise ConfigError(f"{rel}:{line}: accounts 第 {index + 1} 项应为映射。")
        account = _parse_account(item, index, rel, located, warnings)
        if account.id in accounts:
            raise ConfigError(
                f"{rel}:{line}: 账号 id「{account.id}」重复（第一次出现在第 "
                f"{accounts[account.id].line} 行）。"
            )
        accounts[account.id] = account
    return Registry(
        unit=unit.strip(),
        accounts=accounts,
        path=rel,
        raw=data,
        located=located,
        locality_keywords=keywords,
        warnings=tuple(warnings),
    )


def load_registry(path: Path, rel: str = "content/accounts.yml") -> Registry:
    """Load and validate the registry file; raises ConfigError naming file, line and field."""
    if not path.is_file():
        raise ConfigError(f"{rel}: 找不到账号台账文件（第十八条要求建立统一台账）。")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{rel}: 不是 UTF-8 编码的文本（{exc.reason}）。") from None
    return parse_registry(text, rel)
