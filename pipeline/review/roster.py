"""The roster, ``content/roster.yml``: who may approve, in which role, with which keys.

Its fields are declared once with the schema layer (:data:`ROSTER`, :data:`PERSON`, …);
what one field cannot say alone (an email or a key belongs to one identity only, a
publisher has no roles) is checked in :func:`_identities`, in the same style.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline import content_limits, yamlutil
from pipeline.review.keys import NonCanonical, normalize_key
from pipeline.schema import (
    At,
    Choice,
    Field,
    Integer,
    Invalid,
    Line,
    ListOf,
    MappingOf,
    Nested,
    Record,
    line_problem,
    raise_errors,
    read_document,
    shown,
)

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


@dataclass(frozen=True, repr=False)
class Person:
    """One person of the roster: identity, roles and signing keys."""

    name: str
    email: str
    roles: tuple[str, ...]
    keys: tuple[str, ...]
    title: str = ""
    line: int = 0

    @property
    def ident(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(frozen=True, repr=False)
class ChangePolicy:
    """Who must approve a change to the roster itself (``roster_change:`` in roster.yml).

    ``approvals`` different people of the roster in force before the change, each holding
    one of ``roles``, at least one of them holding one of ``require``. One person can never
    change the roster alone: ``approvals`` is at least 2.
    """

    approvals: int = 2
    roles: tuple[str, ...] = ("leader", "chief_editor")
    require: tuple[str, ...] = ("leader",)


@dataclass(frozen=True, repr=False)
class Roster:
    """The unit's roster: people, review stages and the policy for changing it."""

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


class PublicKey(Field):
    """An OpenSSH public key line, read as ``"<type> <base64>"`` (comment dropped)."""

    def convert(self, value: object, at: At) -> str:
        if not isinstance(value, str):
            raise Invalid(f"应为公钥字符串（.pub 文件中的整行），实际为{shown(value)}。")
        problem = line_problem(value.strip())  # the comment too: the line is shown as written
        if problem is not None:
            raise Invalid(problem)
        try:
            return normalize_key(value)
        except NotImplementedError:
            kind = value.split()[0] if value.split() else value
            raise Invalid(
                f"是不受支持的公钥类型「{kind}」：请使用 ssh-ed25519 或 ssh-rsa 密钥。"
            ) from None
        except NonCanonical:
            raise Invalid(
                "不是该公钥的规范编码（同一把密钥可以写成多种编码，看起来像另一把密钥）："
                "请粘贴 ssh-keygen 生成的 .pub 文件中的原行。"
            ) from None
        except ValueError:
            raise Invalid(
                "不是有效的 SSH 公钥（应为 .pub 文件中的整行，如「ssh-ed25519 AAAA... 姓名」）。"
            ) from None


class Stage(Field):
    """A review stage: 1 (初审), 2 (复审) or 3 (终审), written as a number or as text."""

    def convert(self, value: object, at: At) -> int:
        try:
            stage = int(str(value))
        except ValueError:
            stage = 0
        if isinstance(value, bool) or stage not in STAGE_NAMES:
            raise Invalid(f"应为 1（初审）、2（复审）或 3（终审），实际为{shown(value)}。")
        return stage


def _named(kind: str) -> Callable[[Mapping[Any, Any]], str]:
    def owner(item: Mapping[Any, Any]) -> str:
        name = item.get("name")  # not checked yet: each character a terminal obeys escaped
        if not isinstance(name, str) or not name.strip():
            return ""
        return f"{kind}「{content_limits.shown(name.strip())}」的"

    return owner


def _roles(label: str = "角色", **options: Any) -> ListOf:
    role = Choice("角色", values=ROLES, names=ROLE_NAMES)
    return ListOf(role, label, **options)


def _reply_stage_keys(stages: dict[int, Any]) -> str | None:
    if set(stages) != set(REPLY_STAGE_NUMBERS):
        return "应只含 1（初审）和 3（终审）两个阶段。"
    return None


def _policy_roles(policy: dict[str, Any]) -> str | None:
    if policy["require"] and policy["roles"] and not set(policy["require"]) <= set(policy["roles"]):
        return "中 require 的角色须同时列在 roles 中。"
    return None


EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+")
_IDENTITY = {
    "name": Line("姓名", required=True),
    "email": Line("邮箱", required=True, pattern=EMAIL_RE, hint="无效（应为邮箱地址）。"),
    "keys": ListOf(PublicKey("公钥"), "公钥", default=[], holes=True),
    "title": Line("职务", scalars=True, blank=True, default=""),
}
PERSON = Record({**_IDENTITY, "roles": _roles(default=[])}, unknown="ignore", owner=_named("人员"))
PUBLISHER = Record({**_IDENTITY, "roles": Field("角色")}, unknown="ignore", owner=_named("发布者"))
DEFAULT_POLICY = ChangePolicy()
CHANGE_POLICY = Record(
    {
        "approvals": Integer("批准人数", minimum=2, default=DEFAULT_POLICY.approvals),
        "roles": _roles("批准人角色", nonempty=True, default=list(DEFAULT_POLICY.roles)),
        "require": _roles("必须有的角色", nonempty=True, default=list(DEFAULT_POLICY.require)),
    }
)
ROSTER = Record(
    {
        "stages": MappingOf(Stage("阶段"), _roles(nonempty=True), "审核阶段"),
        "people": ListOf(Nested(PERSON), "人员", required=True, nonempty=True, holes=True),
        "roster_change": Nested(CHANGE_POLICY, "名册修改规则", check=_policy_roles),
        "publishers": ListOf(Nested(PUBLISHER), "发布者", default=[], holes=True),
        "reply_stages": MappingOf(
            Stage("阶段"), _roles(nonempty=True), "回复审核阶段", check=_reply_stage_keys
        ),
    },
    unknown="ignore",
)


def _identities(values: dict[str, Any], at: At) -> tuple[tuple[Person, ...], tuple[Person, ...]]:
    """People and publishers; an email or a key may belong to one identity only, and a
    publisher (the publishing program's own key) has no roles and is no person."""
    emails: dict[str, str] = {}
    holders: dict[str, tuple[str, str]] = {}  # key -> (section, name)
    found: dict[str, list[Person]] = {"people": [], "publishers": []}
    for section in ("people", "publishers"):
        for index, item in enumerate(values[section] or []):
            if item is None:
                continue
            here = At(at.loc, at.issues, (section, index))
            here = here.owned(_named("人员" if section == "people" else "发布者")(item))
            _unique(section, item, here, emails, holders)
            if section == "publishers" and item["roles"]:
                here.child("roles").add("应为空：发布者只签名发布台账，不参与审核。")
            found[section].append(
                Person(
                    name=item["name"] or "",
                    email=item["email"] or "",
                    roles=tuple(item["roles"] or ()) if section == "people" else (),
                    keys=tuple(k for k in item["keys"] if k),
                    title=item["title"] if section == "people" else "",
                    line=here.line,
                )
            )
    return tuple(found["people"]), tuple(found["publishers"])


def _unique(
    section: str,
    item: dict[str, Any],
    at: At,
    emails: dict[str, str],
    holders: dict[str, tuple[str, str]],
) -> None:
    email, name = (item["email"] or "").lower(), item["name"] or ""
    if email and email in emails:
        why = "：发布者是发布程序自身的身份，不能是人员。" if section == "publishers" else "。"
        at.child("email").add(f"「{item['email']}」已属于 {emails[email]}{why}", label="邮箱")
    emails.setdefault(email, name)
    for index, key in enumerate(item["keys"] or []):
        if key is None:
            continue
        if key not in holders:
            holders[key] = (section, name)
            continue
        holder_section, holder = holders[key]
        if section == "publishers" and holder_section == "people":
            why = f"已登记给人员 {holder}：发布者密钥只能存放在服务器上，不能是任何人的密钥。"
        else:
            why = f"已登记给 {holder}：一把密钥只能属于一个身份。"
        at.child("keys").child(index).add(why)


def parse_roster(text: str, rel: str = "content/roster.yml") -> Roster:
    """Parse roster text; raises ConfigError (a :class:`SchemaError` listing every problem)
    naming file, line, column and field."""
    located = yamlutil.load_mapping(text, rel, "stages、people")
    values, issues = read_document(ROSTER, located)
    people, publishers = _identities(values, At(located, issues))
    raise_errors(rel, issues)
    policy = values["roster_change"]
    return Roster(
        people=people,
        stages={**DEFAULT_STAGES, **{k: tuple(v) for k, v in (values["stages"] or {}).items()}},
        path=rel,
        change_policy=ChangePolicy(
            approvals=policy["approvals"],
            roles=tuple(policy["roles"]),
            require=tuple(policy["require"]),
        )
        if policy
        else ChangePolicy(),
        publishers=publishers,
        reply_stages={k: tuple(v) for k, v in values["reply_stages"].items()}
        if values["reply_stages"]
        else dict(DEFAULT_REPLY_STAGES),
    )
