"""The unit's interaction settings, ``content/interaction.yml`` (reviewed like every file
under ``content/``): reply deadline, routing rules (keywords → department and person of the
roster), question markers, and whether the archive lists answered questions.

```yaml
reply_days: 3            # working days to answer a question (default 3)
due_soon_days: 1         # "due soon" when at most this many working days are left
public_page: false       # opt-in: answered questions, anonymised, on the archive
default_route: {department: 办公室（新闻宣传科）, person: zhangwei@example.gov.cn}
routes:
  - keywords: [社保, 医保, 养老]
    department: 社会保障服务科
    person: sunli@example.gov.cn
```
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import schema, yamlutil
from pipeline.errors import ConfigError
from pipeline.review.roster import Roster

CONFIG_FILE = "content/interaction.yml"
DEFAULT_MARKERS = (
    "？",
    "?",
    "吗",
    "怎么",
    "如何",
    "请问",
    "能否",
    "可否",
    "哪里",
    "什么时候",
    "多久",
)


def _email(text: str) -> str | None:
    return None if "@" in text else "应为名册中人员的 email。"


_ROUTE_TARGET = {
    "department": schema.Line("科室", required=True),  # shown in inbox status and alerts
    "person": schema.Line("负责人", required=True, check=_email),
}
DEFAULT_ROUTE = schema.Record(_ROUTE_TARGET)
ROUTE = schema.Record(
    {
        "keywords": schema.ListOf(schema.Line("关键词"), "关键词", required=True, nonempty=True),
        **_ROUTE_TARGET,
    }
)
CONFIG = schema.Record(
    {
        "reply_days": schema.Integer("答复期限工作日数", minimum=1, default=3),
        "due_soon_days": schema.Integer("临近期限提醒工作日数", minimum=0, default=1),
        "public_page": schema.Boolean("在归档网站公开答复", default=False),
        "default_route": schema.Nested(DEFAULT_ROUTE, "默认分派"),
        "routes": schema.ListOf(schema.Nested(ROUTE), "分派规则", default=[], holes=True),
        "question_markers": schema.ListOf(
            schema.Line("提问标志"), "提问标志", default=list(DEFAULT_MARKERS)
        ),
    }
)


@dataclass(frozen=True)
class Route:
    department: str
    person: str  # email of a person in the roster
    keywords: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class InteractionConfig:
    reply_days: int = 3
    due_soon_days: int = 1
    public_page: bool = False
    routes: tuple[Route, ...] = ()
    default_route: Route = field(default_factory=lambda: Route("未分派", ""))
    question_markers: tuple[str, ...] = DEFAULT_MARKERS


def load_config(root: Path, roster: Roster | None = None) -> InteractionConfig:
    """The unit's settings (defaults when the file is absent); a SchemaError (ConfigError)
    listing every problem with file, line, column and field."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return InteractionConfig()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise ConfigError(f"{CONFIG_FILE}: 无法读取（应为 UTF-8 文本）。") from None
    return parse_config(text, roster)


def parse_config(text: str, roster: Roster | None = None) -> InteractionConfig:
    located = yamlutil.load_mapping(text, CONFIG_FILE, CONFIG.known())
    values, issues = schema.read_document(CONFIG, located)
    at = schema.At(located, issues)
    routes = tuple(
        _route(item, at.child("routes").child(index), roster)
        for index, item in enumerate(values["routes"] or [])
        if item is not None
    )
    default = InteractionConfig().default_route
    if values["default_route"] is not None:
        default = _route(values["default_route"], at.child("default_route"), roster)
    schema.raise_errors(CONFIG_FILE, issues)
    return InteractionConfig(
        reply_days=values["reply_days"],
        due_soon_days=values["due_soon_days"],
        public_page=values["public_page"],
        routes=routes,
        default_route=default,
        question_markers=tuple(values["question_markers"]),
    )


def _route(item: dict[str, Any], at: schema.At, roster: Roster | None) -> Route:
    """A routing target read by its record; its person must be in the roster."""
    person = item["person"] or ""
    if person and roster is not None and roster.by_email(person) is None:
        at.child("person").add(f"「{person}」不在名册 {roster.path} 中。", label="负责人")
    keywords = tuple(item.get("keywords") or ())
    return Route(item["department"] or "", person, keywords, at.line)
