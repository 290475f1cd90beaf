"""The front matter's fields, declared once (:data:`FRONT_MATTER`, the schema layer's
:class:`~pipeline.schema.Record`), plus the checks a field cannot make alone: the author
against the roster, the channels against the registry, the title's length on WeChat, the
cover's path. Every problem names the file, line, column and field, in the schema's style.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline import content_limits, yamlutil
from pipeline.assetpath import ASSET_ARTICLE, ASSET_RULE, resolve_asset
from pipeline.content.collector import Collector
from pipeline.content.limits import DIGEST_MAX, WECHAT_TITLE_MAX
from pipeline.lookups import AuthorLookup, ChannelLookup
from pipeline.schema import (
    At,
    Boolean,
    Date,
    Field,
    Invalid,
    ListOf,
    Record,
    Text,
    duplicates,
    parse_day,
)

AUTHOR_RE = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")
AUTHOR_HINT = "应写成「姓名 <邮箱>」，例如「王芳 <wangfang@example.gov.cn>」。"


def _digest_length(digest: str) -> str | None:
    if len(digest) > DIGEST_MAX:
        raise Invalid(
            f"不得超过 {DIGEST_MAX} 个字符（现为 {len(digest)} 个）。", rule="digest-length"
        )
    return None


FRONT_MATTER = Record(
    {
        "title": Text("标题", required=True),
        "date": Date("日期", required=True, datetimes=True, rule="date-invalid"),
        "author": Text("作者", required=True, pattern=AUTHOR_RE, hint=AUTHOR_HINT),
        "channels": ListOf(
            Text("账号 id"),
            "发布渠道",
            required=True,
            nonempty=True,
            unique=True,
            example="[{value}]",
        ),
        "category": Text("栏目"),
        "tags": ListOf(Text("标签"), "标签", example="[{value}]"),
        "original": Boolean("是否原创", default=True, hint="true（原创）或 false（转载）"),
        "source": Field("来源"),  # read by source.py (第十一条)
        "digest": Text("摘要", check=_digest_length),
        "waivers": Field("豁免"),  # read by waivers.py
        "cover": Text("封面图"),
        "wechat": Field("微信发送方式"),  # read by the WeChat channel
    },
    unknown="warning",
)
KNOWN_FIELDS = {key: field.label for key, field in FRONT_MATTER.fields.items()}
REQUIRED = tuple(key for key, field in FRONT_MATTER.fields.items() if field.required)


def read_fields(loc: yamlutil.Located, out: Collector) -> dict[str, Any]:
    """Every declared field's value (None or its default when missing or wrong); each
    problem, keys written twice first, becomes a finding."""
    issues = duplicates(loc)
    values = FRONT_MATTER.read(loc.data, At(loc, issues))
    for issue in issues:
        out.issue(issue)
    return values


def check_text_fields(data: dict[str, Any], loc: yamlutil.Located, out: Collector) -> None:
    """Bidi controls, control characters and line breaks in the fields sent as text."""
    for key in ("title", "author", "category", "digest", "tags", "source"):
        value = data.get(key)
        items: list[tuple[tuple[object, ...], str]] = []
        if isinstance(value, str):
            items = [((key,), value)]
        elif isinstance(value, list):
            items = [((key, i), v) for i, v in enumerate(value) if isinstance(v, str)]
        elif isinstance(value, dict):
            items = [((key, k), v) for k, v in value.items() if isinstance(v, str)]
        for path, text in items:
            name = ".".join(str(p) for p in path)
            problem = content_limits.field_problem(name, text.strip(), single_line=key != "digest")
            if problem:
                out.error(
                    loc.line(*path),
                    "field-characters",
                    problem,
                    match=content_limits.visible(text[:40]),
                    column=loc.column(*path),
                )


def parse_post_date(value: object) -> dt.date | None:
    """A post's date: ``YYYY-MM-DD`` or an ISO date-time (its day)."""
    return parse_day(value, datetimes=True)


def read_author(
    author: str | None, loc: yamlutil.Located, out: Collector, roster: AuthorLookup | None
) -> tuple[str, str]:
    """(name, email) of the author as written; they must be the roster's (第十五条)."""
    m = AUTHOR_RE.match(author) if author else None
    if m is None:
        return "", ""
    name, email = m["name"].strip(), m["email"].strip()
    if roster is not None and roster.find(name, email) is None:
        out.error(
            loc.line("author"),
            "author-roster",
            f"字段 author（作者）不在人员名单 {roster.path} 中（姓名与邮箱须一致）。",
            match=str(author),
            article="第十五条",
            column=loc.column("author"),
        )
    return name, email


def read_channels(
    channels: list[str] | None,
    loc: yamlutil.Located,
    out: Collector,
    registry: ChannelLookup | None,
) -> set[str]:
    """The platforms of the accounts named: each account must be in the registry."""
    platforms: set[str] = set()
    for index, channel in enumerate(channels or []):
        if registry is None:
            continue
        account = registry.accounts.get(channel)
        if account is None:
            out.error(
                loc.line("channels", index),
                "channel-unknown",
                f"字段 channels 第 {index + 1} 项（发布渠道）「{channel}」未知："
                f"{registry.path} 中没有这个账号 id（已有：{'、'.join(registry.accounts)}）。",
                match=channel,
                column=loc.column("channels", index),
            )
        else:
            platforms.add(account.platform)
    return platforms


def check_title_length(
    title: str | None, platforms: set[str], loc: yamlutil.Located, out: Collector
) -> None:
    if title is not None and "wechat" in platforms and len(title) > WECHAT_TITLE_MAX:
        out.error(
            loc.line("title"),
            "title-length",
            f"发往微信公众号的标题不得超过 {WECHAT_TITLE_MAX} 个字符（现为 {len(title)} 个）。",
            match=title,
        )


def read_cover(cover: str | None, loc: yamlutil.Located, out: Collector, *, rel: str) -> str:
    """The cover path as written; its file is checked by ``govmedia check`` (assets)."""
    if not cover:
        return ""
    _, reason = resolve_asset(rel, cover)
    if reason:
        out.error(
            loc.line("cover"),
            ASSET_RULE,
            f"字段 cover（封面图）「{cover}」不予使用：{reason}",
            match=cover,
            article=ASSET_ARTICLE,
            column=loc.column("cover"),
        )
        return ""
    return cover
