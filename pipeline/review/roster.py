"""The roster, ``content/roster.yml``: who may approve, in which role, with which keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.review.keys import normalize_key

ROLES = ("editor", "chief_editor", "leader")
# What messages call each role: people read the Chinese name, never the roster's id.
ROLE_NAMES = {"editor": "责任编辑", "chief_editor": "总编辑", "leader": "领导"}
DEFAULT_STAGES: dict[int, tuple[str, ...]] = {1: ("editor",), 2: ("chief_editor",), 3: ("leader",)}
STAGE_NAMES = {1: "初审", 2: "复审", 3: "终审"}
# Replies to citizens and hide orders (content/replies/, content/moderation/): 初审 by an
# editor, 终审 by the chief editor, unless ``reply_stages`` in roster.yml says otherwise.
REPLY_STAGE_NUMBERS = (1, 3)
DEFAULT_REPLY_STAGES: dict[int, tuple[str, ...]] = {1: ("editor",), 3: ("chief_editor",)}


def role_names(roles: tuple[str, ...] | list[str]) -> str:
    """Roles as people read them: ``责任编辑、总编辑``."""
    return "、".join(ROLE_NAMES.get(role, role) for role in roles)


def role_choices() -> str:
    """The roles a roster may name, with the id the file needs: ``editor（责任编辑）、…``."""
    return "、".join(f"{role}（{ROLE_NAMES[role]}）" for role in ROLES)


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    roles: tuple[str, ...]
    keys: tuple[str, ...]
    title: str = ""
    line: int = 0

    @property
    def ident(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(frozen=True)
class ChangePolicy:
    """Who must approve a change to the roster itself (``roster_change:`` in roster.yml).

    ``approvals`` different people of the roster in force before the change, each holding
    one of ``roles``, at least one of them holding one of ``require``. One person can never
    change the roster alone: ``approvals`` is at least 2.
    """

    approvals: int = 2
    roles: tuple[str, ...] = ("leader", "chief_editor")
    require: tuple[str, ...] = ("leader",)


@dataclass(frozen=True)
class Roster:
    people: tuple[Person, ...]
    stages: dict[int, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_STAGES))
    path: str = "content/roster.yml"
    change_policy: ChangePolicy = field(default_factory=ChangePolicy)
    # The publisher's own identity (never a person): signs the ledger commits; no roles.
    publishers: tuple[Person, ...] = ()
    reply_stages: dict[int, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_REPLY_STAGES)
    )

    def by_email(self, email: str) -> Person | None:
        email = email.strip().lower()
        for person in self.people:
            if person.email.lower() == email:
                return person
        return None

    def find(self, name: str, email: str) -> Person | None:
        person = self.by_email(email)
        if person is not None and person.name == name.strip():
            return person
        return None

    def by_key(self, key: str) -> Person | None:
        """The person who lists ``key`` (``"<type> <base64>"``, see ``normalize_key``)."""
        for person in self.people:
            if key in person.keys:
                return person
        return None

    def may_approve(self, person: Person, stage: int) -> bool:
        return any(role in person.roles for role in self.stages.get(stage, ()))

    def may_approve_reply(self, person: Person, stage: int) -> bool:
        return any(role in person.roles for role in self.reply_stages.get(stage, ()))

    def publisher_by_key(self, key: str) -> Person | None:
        """The publisher identity that lists ``key`` (never a person of ``people``)."""
        for publisher in self.publishers:
            if key in publisher.keys:
                return publisher
        return None


def parse_roster(text: str, rel: str = "content/roster.yml") -> Roster:
    """Parse roster text; raises ConfigError naming file, line and field."""
    located = yamlutil.load_mapping(text, rel, "stages、people")
    data = located.data
    stages = dict(DEFAULT_STAGES)
    raw_stages = data.get("stages")
    if raw_stages is not None:
        if not isinstance(raw_stages, dict):
            raise ConfigError(f"{rel}:{located.line('stages')}: stages 应为 阶段→角色列表 的映射。")
        for key, roles in raw_stages.items():
            line = located.line("stages", key)
            try:
                stage = int(key)
            except (TypeError, ValueError):
                raise ConfigError(
                    f"{rel}:{line}: 审核阶段应为 1、2、3，实际为「{key}」。"
                ) from None
            if stage not in (1, 2, 3):
                raise ConfigError(f"{rel}:{line}: 审核阶段应为 1、2、3，实际为「{key}」。")
            if not isinstance(roles, list) or not roles or not all(r in ROLES for r in roles):
                raise ConfigError(
                    f"{rel}:{line}: 第 {stage} 审的角色应为 {role_choices()} 中的一个或多个。"
                )
            stages[stage] = tuple(roles)
    people_raw = data.get("people")
    if not isinstance(people_raw, list) or not people_raw:
        raise ConfigError(f"{rel}:{located.line('people')}: people 应为非空列表。")
    people: list[Person] = []
    emails: set[str] = set()
    all_keys: dict[str, str] = {}
    for index, item in enumerate(people_raw):
        line = located.line("people", index)
        if not isinstance(item, dict):
            raise ConfigError(f"{rel}:{line}: people 第 {index + 1} 项应为映射。")
        name, email = item.get("name"), item.get("email")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{rel}:{line}: people 第 {index + 1} 项缺少 name。")
        if not isinstance(email, str) or "@" not in email:
            raise ConfigError(
                f"{rel}:{located.line('people', index, 'email')}: {name} 的 email 无效。"
            )
        if email.lower() in emails:
            raise ConfigError(f"{rel}:{line}: email「{email}」重复出现。")
        emails.add(email.lower())
        roles = item.get("roles") or []
        if not isinstance(roles, list) or not all(r in ROLES for r in roles):
            raise ConfigError(
                f"{rel}:{located.line('people', index, 'roles')}: {name} 的 roles 应为 "
                f"{role_choices()} 中的若干项。"
            )
        keys = item.get("keys") or []
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise ConfigError(
                f"{rel}:{located.line('people', index, 'keys')}: {name} 的 keys 应为公钥字符串列表。"
            )
        normalized: list[str] = []
        for key_index, key in enumerate(keys):
            key_line = located.line("people", index, "keys", key_index)
            normalized.append(_parse_key(key, name, rel, key_line))
            if normalized[-1] in all_keys:
                raise ConfigError(
                    f"{rel}:{key_line}: {name} 的公钥已登记给 {all_keys[normalized[-1]]}："
                    "一把密钥只能属于一个人。"
                )
            all_keys[normalized[-1]] = name
        title = item.get("title") or ""
        people.append(
            Person(
                name=name.strip(),
                email=email.strip(),
                roles=tuple(roles),
                keys=tuple(normalized),
                title=str(title),
                line=line,
            )
        )
    policy = _parse_change_policy(data.get("roster_change"), located, rel)
    publishers = _parse_publishers(located, rel, emails, all_keys)
    return Roster(
        people=tuple(people),
        stages=stages,
        path=rel,
        change_policy=policy,
        publishers=publishers,
        reply_stages=_parse_reply_stages(data.get("reply_stages"), located, rel),
    )


def _parse_reply_stages(
    raw: object, located: yamlutil.Located, rel: str
) -> dict[int, tuple[str, ...]]:
    """The ``reply_stages`` section (replies and hide orders): stages 1 and 3, both required."""
    if raw is None:
        return dict(DEFAULT_REPLY_STAGES)
    line = located.line("reply_stages")
    if not isinstance(raw, dict) or {str(k) for k in raw} != {"1", "3"}:
        raise ConfigError(
            f"{rel}:{line}: reply_stages 应为映射，且只含 1（初审）和 3（终审）两个阶段。"
        )
    result: dict[int, tuple[str, ...]] = {}
    for key, roles in raw.items():
        if not isinstance(roles, list) or not roles or not all(r in ROLES for r in roles):
            raise ConfigError(
                f"{rel}:{located.line('reply_stages', key)}: 回复第 {key} 审的角色应为 "
                f"{role_choices()} 中的一个或多个。"
            )
        result[int(key)] = tuple(roles)
    return result


def _parse_change_policy(raw: object, located: yamlutil.Located, rel: str) -> ChangePolicy:
    """The ``roster_change`` section; ConfigError naming file, line and field."""
    if raw is None:
        return ChangePolicy()
    line = located.line("roster_change")
    if not isinstance(raw, dict):
        raise ConfigError(f"{rel}:{line}: roster_change 应为映射（approvals、roles、require）。")
    unknown = sorted(str(k) for k in raw if k not in ("approvals", "roles", "require"))
    if unknown:
        raise ConfigError(f"{rel}:{line}: roster_change 中有未知字段：{'、'.join(unknown)}。")
    default = ChangePolicy()
    approvals = raw.get("approvals", default.approvals)
    if isinstance(approvals, bool) or not isinstance(approvals, int) or approvals < 2:
        raise ConfigError(
            f"{rel}:{located.line('roster_change', 'approvals')}: roster_change.approvals "
            "应为不小于 2 的整数：名册修改不能由一人批准。"
        )
    lists: dict[str, tuple[str, ...]] = {}
    for name in ("roles", "require"):
        value = raw.get(name, getattr(default, name))
        if not isinstance(value, (list, tuple)) or not value or not all(r in ROLES for r in value):
            raise ConfigError(
                f"{rel}:{located.line('roster_change', name)}: roster_change.{name} 应为 "
                f"{role_choices()} 中的一个或多个。"
            )
        lists[name] = tuple(value)
    if not set(lists["require"]) <= set(lists["roles"]):
        raise ConfigError(
            f"{rel}:{located.line('roster_change', 'require')}: roster_change.require 中的角色"
            "须同时列在 roster_change.roles 中。"
        )
    return ChangePolicy(approvals=approvals, roles=lists["roles"], require=lists["require"])


def _parse_publishers(
    located: yamlutil.Located, rel: str, emails: set[str], person_keys: dict[str, str]
) -> tuple[Person, ...]:
    """The optional ``publishers:`` section: the publisher's own signing identity."""
    raw = located.data.get("publishers")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(f"{rel}:{located.line('publishers')}: publishers 应为列表。")
    result: list[Person] = []
    seen_keys: dict[str, str] = {}
    for index, item in enumerate(raw):
        line = located.line("publishers", index)
        if not isinstance(item, dict):
            raise ConfigError(f"{rel}:{line}: publishers 第 {index + 1} 项应为映射。")
        name, email = item.get("name"), item.get("email")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{rel}:{line}: publishers 第 {index + 1} 项缺少 name。")
        if not isinstance(email, str) or "@" not in email:
            raise ConfigError(
                f"{rel}:{located.line('publishers', index, 'email')}: 发布者 {name} 的 email 无效。"
            )
        if email.lower() in emails:
            raise ConfigError(
                f"{rel}:{line}: 发布者 email「{email}」与 people 中的人员或其他发布者重复："
                "发布者是发布程序自身的身份，不能是人员。"
            )
        emails.add(email.lower())
        if item.get("roles"):
            raise ConfigError(
                f"{rel}:{located.line('publishers', index, 'roles')}: 发布者 {name} 不能有 roles："
                "发布者只签名发布台账，不参与审核。"
            )
        keys = item.get("keys") or []
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise ConfigError(
                f"{rel}:{located.line('publishers', index, 'keys')}: 发布者 {name} 的 keys "
                "应为公钥字符串列表。"
            )
        normalized: list[str] = []
        for key_index, key in enumerate(keys):
            key_line = located.line("publishers", index, "keys", key_index)
            text = _parse_key(key, name, rel, key_line)
            if text in person_keys:
                raise ConfigError(
                    f"{rel}:{key_line}: 发布者 {name} 的公钥已登记给人员 {person_keys[text]}："
                    "发布者密钥只能存放在服务器上，不能是任何人的密钥。"
                )
            if text in seen_keys:
                raise ConfigError(
                    f"{rel}:{key_line}: 发布者 {name} 的公钥已登记给 {seen_keys[text]}："
                    "一把密钥只能属于一个身份。"
                )
            seen_keys[text] = name
            normalized.append(text)
        result.append(
            Person(
                name=name.strip(), email=email.strip(), roles=(), keys=tuple(normalized), line=line
            )
        )
    return tuple(result)


def _parse_key(text: str, name: str, rel: str, line: int) -> str:
    """A roster key line as ``"<type> <base64>"``; ConfigError naming file and line."""
    try:
        return normalize_key(text)
    except NotImplementedError:
        kind = text.split()[0] if text.split() else text
        raise ConfigError(
            f"{rel}:{line}: {name} 的公钥类型「{kind}」不受支持：请使用 ssh-ed25519 或 ssh-rsa 密钥。"
        ) from None
    except ValueError:
        raise ConfigError(
            f"{rel}:{line}: {name} 的 keys 中有一项不是有效的 SSH 公钥（应为 .pub 文件中的整行，"
            f"如「ssh-ed25519 AAAA... {name}」）。"
        ) from None
