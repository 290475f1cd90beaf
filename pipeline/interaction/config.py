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

from pipeline import yamlutil
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
FIELDS = (
    "reply_days",
    "due_soon_days",
    "public_page",
    "default_route",
    "routes",
    "question_markers",
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
    """The unit's settings (defaults when the file is absent); ConfigError naming the line."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return InteractionConfig()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise ConfigError(f"{CONFIG_FILE}: 无法读取（应为 UTF-8 文本）。") from None
    return parse_config(text, roster)


def parse_config(text: str, roster: Roster | None = None) -> InteractionConfig:
    rel = CONFIG_FILE
    located = yamlutil.load_mapping(text, rel, "、".join(FIELDS))
    data = located.data
    unknown = sorted(str(k) for k in data if k not in FIELDS)
    if unknown:
        raise ConfigError(f"{rel}:{located.line(unknown[0])}: 未知字段：{'、'.join(unknown)}。")
    days = {}
    for name, default, low in (("reply_days", 3, 1), ("due_soon_days", 1, 0)):
        value = data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise ConfigError(f"{rel}:{located.line(name)}: {name} 应为不小于 {low} 的整数。")
        days[name] = value
    public = data.get("public_page", False)
    if not isinstance(public, bool):
        raise ConfigError(f"{rel}:{located.line('public_page')}: public_page 应为 true 或 false。")
    markers = data.get("question_markers", list(DEFAULT_MARKERS))
    if not isinstance(markers, list) or not all(isinstance(m, str) and m for m in markers):
        raise ConfigError(
            f"{rel}:{located.line('question_markers')}: question_markers 应为非空字符串列表。"
        )
    raw_routes = data.get("routes") or []
    if not isinstance(raw_routes, list):
        raise ConfigError(f"{rel}:{located.line('routes')}: routes 应为列表。")
    routes = tuple(
        _route(item, located, ("routes", i), roster, keywords=True)
        for i, item in enumerate(raw_routes)
    )
    default = InteractionConfig().default_route
    if data.get("default_route") is not None:
        default = _route(data["default_route"], located, ("default_route",), roster)
    return InteractionConfig(
        reply_days=days["reply_days"],
        due_soon_days=days["due_soon_days"],
        public_page=public,
        routes=routes,
        default_route=default,
        question_markers=tuple(markers),
    )


def _route(
    item: object,
    located: yamlutil.Located,
    where: tuple[object, ...],
    roster: Roster | None,
    *,
    keywords: bool = False,
) -> Route:
    rel = CONFIG_FILE
    line = located.line(*where)
    label = (
        "default_route" if where[0] == "default_route" else f"routes 第 {int(str(where[1])) + 1} 项"
    )
    if not isinstance(item, dict):
        raise ConfigError(f"{rel}:{line}: {label} 应为映射（keywords、department、person）。")
    department, person = item.get("department"), item.get("person")
    if not isinstance(department, str) or not department.strip():
        raise ConfigError(f"{rel}:{located.line(*where, 'department')}: {label} 缺少 department。")
    if not isinstance(person, str) or "@" not in person:
        raise ConfigError(
            f"{rel}:{located.line(*where, 'person')}: {label} 的 person 应为名册中人员的 email。"
        )
    if roster is not None and roster.by_email(person) is None:
        raise ConfigError(
            f"{rel}:{located.line(*where, 'person')}: {label} 的 person「{person}」不在名册"
            f" {roster.path} 中。"
        )
    words: tuple[str, ...] = ()
    if keywords:
        raw = item.get("keywords")
        if not isinstance(raw, list) or not raw or not all(isinstance(k, str) and k for k in raw):
            raise ConfigError(
                f"{rel}:{located.line(*where, 'keywords')}: {label} 的 keywords 应为非空字符串列表。"
            )
        words = tuple(raw)
    return Route(department.strip(), person.strip(), words, line)
