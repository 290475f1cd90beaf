"""The unit's accounts registry, ``content/accounts.yml`` (第四–七条, 第十八条 台账).

Loading validates the structure (types, dates, enumerations, date order), declared once
with the schema layer (:data:`ACCOUNT`, :data:`REGISTRY`), and raises :class:`ConfigError`
naming file, line, column and field. Whether the content meets the
regulation (deadlines, responsible people, names) is for ``checks.py``: a registry that
loads may still have findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import content_limits, yamlutil
from pipeline.errors import ConfigError
from pipeline.schema import (
    At,
    Choice,
    Date,
    Field,
    Integer,
    Line,
    ListOf,
    Nested,
    Record,
    Text,
    raise_errors,
    read_document,
    warnings_of,
)

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


@dataclass(frozen=True, repr=False)
class Responsible:
    """第五条: 主要负责人、分管负责人、总编辑 and 管理部门 (empty string = missing)."""

    principal: str = ""
    supervisor: str = ""
    chief_editor: str = ""
    department: str = ""


@dataclass(frozen=True, repr=False)
class OpeningApproval:
    """第四条: the leadership meeting that approved opening, and the approving leader."""

    meeting_date: dt.date | None = None
    minutes: str = ""
    approved_by: str = ""


@dataclass(frozen=True, repr=False)
class ClosureApproval:
    """第七条: approval by the unit's principal leader and the public notice."""

    approved_by: str = ""
    approved_on: dt.date | None = None
    notice_date: dt.date | None = None
    notice_url: str = ""


@dataclass(frozen=True, repr=False)
class Consent:
    """第四条第二款, 第十三条: the unit's consent to an official's real-name account."""

    approved_by: str = ""
    date: dt.date | None = None


@dataclass(frozen=True, repr=False)
class Account:
    """One account of the registry, as its entry in the accounts file reads."""

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


@dataclass(frozen=True, repr=False)
class Registry:
    """The unit's account registry, as read from its accounts file."""

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


def _text(label: str, **options: Any) -> Text:
    """A text field of the registry: numbers are taken as text, an empty text is unset."""
    return Line(label, scalars=True, blank=True, default="", **options)


def _owner(item: Mapping[Any, Any]) -> str:
    """The account as messages name it before it is parsed: 账号「name」（id）的, each
    character a terminal obeys written as an escape (the name is not checked yet)."""
    account_id, name = item.get("id"), item.get("name")
    if not isinstance(account_id, str) or not account_id.strip():
        return ""
    if isinstance(name, str) and name.strip():
        return (
            f"账号「{content_limits.shown(name.strip())}」（{content_limits.shown(account_id)}）的"
        )
    return f"账号「{content_limits.shown(account_id)}」的"


URL_HINT = "不是有效的 http(s) 链接。"
RESPONSIBLE = Record({key: _text(label) for key, label in RESPONSIBLE_FIELDS.items()})
OPENING = Record(
    {
        "meeting_date": Date("专题会议日期"),
        "minutes": _text("会议纪要文号"),
        "approved_by": _text("批准人"),
    }
)
CLOSURE = Record(
    {
        "approved_by": _text("批准人"),
        "approved_on": Date("批准日期"),
        "notice_date": Date("关闭公告日期"),
        "notice_url": _text("关闭公告链接", pattern=URL_RE, hint=URL_HINT),
    }
)
CONSENT = Record({"approved_by": _text("同意人"), "date": Date("同意日期")})
ID_HINT = "应只含小写字母、数字和连字符（文章 channels 引用它），例如 wechat。"
ACCOUNT = Record(
    {
        "id": Text("账号 id", required=True, pattern=ID_RE, hint=ID_HINT),
        "platform": Choice("平台", values=PLATFORMS, names=PLATFORM_ZH, required=True),
        "name": Line("账号名称", scalars=True, required=True),
        "kind": Choice("账号类型", values=KINDS, names=KIND_ZH, default="institutional"),
        "holder": _text("实名账号持有人"),
        "opened": Date("开设日期"),  # missing: a finding of `accounts check` (A4-01)
        "filed": Date("开设备案日期"),
        "closed": Date("关闭日期"),
        "closure_filed": Date("关闭备案日期"),
        "expected_monthly_posts": Integer("每月应发布次数", minimum=0, default=0),
        "responsible": Nested(RESPONSIBLE, "责任人", default={}),
        "opening_approval": Nested(OPENING, "开设审批"),
        "closure_approval": Nested(CLOSURE, "关闭审批"),
        "consent": Nested(CONSENT, "单位同意"),
        "url": _text("账号主页", pattern=URL_RE, hint=URL_HINT),
    },
    unknown="warning",
    owner=_owner,
)
KEYWORDS_EXAMPLE = "[牙克石, 政务服务]（账号名称须包含其中之一，第六条）"
REGISTRY = Record(
    {
        "unit": Line("单位名称", required=True),
        "locality_keywords": ListOf(
            Line("关键词"), "地名关键词", nonempty=True, example=KEYWORDS_EXAMPLE
        ),
        "accounts": ListOf(Nested(ACCOUNT), "账号", required=True, nonempty=True, holes=True),
        "timezone": Field("时区"),  # read by unit_time.py
    },
    unknown="warning",
)


def _check_dates(v: dict[str, Any], at: At) -> None:
    """Date order: data-entry mistakes, not regulation findings."""
    opened, filed, closed, closure_filed = (
        v[k] for k in ("opened", "filed", "closed", "closure_filed")
    )
    if filed is not None and opened is None:
        at.child("filed").add("已填写，但 opened（开设日期）为空。", label="开设备案日期")
    elif filed is not None and opened is not None and filed < opened:
        at.child("filed").add(f"（{filed}）早于开设日期 opened（{opened}）。")
    if closed is not None and opened is not None and closed < opened:
        at.child("closed").add(f"（{closed}）早于开设日期 opened（{opened}）。")
    if closure_filed is not None and closed is None:
        at.child("closure_filed").add("已填写，但 closed（关闭日期）为空。", label="关闭备案日期")
    elif closure_filed is not None and closed is not None and closure_filed < closed:
        at.child("closure_filed").add(f"（{closure_filed}）早于关闭日期 closed（{closed}）。")
    closure = v["closure_approval"] or {}
    if closed is None and any(
        closure.get(k) for k in ("approved_by", "approved_on", "notice_date")
    ):
        at.child("closure_approval").add("已填写，但 closed（关闭日期）为空。", label="关闭审批")


def _lines(loc: yamlutil.Located, index: int) -> dict[str, int]:
    """The line of each field an account writes ("responsible.principal" for nested ones)."""
    prefix = ("accounts", index)
    return {
        ".".join(map(str, path[2:])): line
        for path, line in loc.lines.items()
        if path[:2] == prefix and len(path) > 2 and all(isinstance(k, str) for k in path[2:])
    }


def _account(v: dict[str, Any], index: int, loc: yamlutil.Located) -> Account:
    opening, closure, consent = v["opening_approval"], v["closure_approval"], v["consent"]
    return Account(
        id=v["id"],
        platform=v["platform"],
        name=v["name"],
        opened=v["opened"],
        closed=v["closed"],
        line=loc.line("accounts", index),
        raw=loc.data["accounts"][index],
        kind=v["kind"],
        holder=v["holder"],
        filed=v["filed"],
        closure_filed=v["closure_filed"],
        expected_monthly_posts=v["expected_monthly_posts"],
        responsible=Responsible(**v["responsible"]),
        opening_approval=None if opening is None else OpeningApproval(**opening),
        closure_approval=None if closure is None else ClosureApproval(**closure),
        consent=None if consent is None else Consent(**consent),
        url=v["url"],
        lines=_lines(loc, index),
    )


def parse_registry(text: str, rel: str = "content/accounts.yml") -> Registry:
    """Parse and validate registry text; raises ConfigError (a :class:`SchemaError` listing
    every problem) naming file, line, column and field."""
    located = yamlutil.load_mapping(text, rel, REGISTRY.known())
    values, issues = read_document(REGISTRY, located)
    items = [(i, item) for i, item in enumerate(values["accounts"] or []) if item is not None]
    first_lines: dict[str, int] = {}
    for index, item in items:
        at = At(located, issues, ("accounts", index)).owned(_owner(item))
        _check_dates(item, at)
        if item["id"] in first_lines:
            first = first_lines[item["id"]]
            at.add(f"账号 id「{item['id']}」重复（第一次出现在第 {first} 行）。", name="")
        first_lines.setdefault(item["id"], at.line)
    raise_errors(rel, issues)
    accounts = {item["id"]: _account(item, index, located) for index, item in items}
    unit = values["unit"]
    return Registry(
        unit=unit,
        accounts=accounts,
        path=rel,
        raw=located.data,
        located=located,
        locality_keywords=tuple(values["locality_keywords"] or (unit,)),
        warnings=warnings_of(issues),
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
