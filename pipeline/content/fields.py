"""The front matter's fields, one reader each: every problem names the file, line and field.

A reader takes the loaded mapping (``data``), the lines of its keys (``loc``) and the file's
:class:`~pipeline.content.collector.Collector`, and returns the field's value, or an empty
or ``None`` value when the field is missing or wrong (the problem is then collected).
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

AUTHOR_RE = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")

KNOWN_FIELDS = {
    "title": "标题",
    "date": "日期",
    "author": "作者",
    "channels": "发布渠道",
    "category": "栏目",
    "tags": "标签",
    "original": "是否原创",
    "source": "来源",
    "digest": "摘要",
    "waivers": "豁免",
    "cover": "封面图",
    "wechat": "微信发送方式",
}
REQUIRED = ("title", "date", "author", "channels")


def check_keys(data: dict[str, Any], loc: yamlutil.Located, fm_line: int, out: Collector) -> None:
    """Keys written twice, keys not known (a warning) and required keys missing."""
    for key, line in loc.duplicates:
        out.error(line, "field-duplicate", f"字段 {key} 重复出现。", match=key)
    for key in data:
        if key not in KNOWN_FIELDS:
            out.warning(
                loc.line(key),
                "field-unknown",
                f"未知字段「{key}」（拼写错误？已知字段：{'、'.join(KNOWN_FIELDS)}）。",
                match=str(key),
            )
    for key in REQUIRED:
        if data.get(key) is None:
            out.error(
                fm_line, "field-required", f"缺少必填字段 {key}（{KNOWN_FIELDS[key]}）。", match=key
            )


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
                )


def str_field(data: dict[str, Any], key: str, loc: yamlutil.Located, out: Collector) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        out.error(
            loc.line(key),
            "field-type",
            f"字段 {key}（{KNOWN_FIELDS.get(key, key)}）应为非空文本，实际为「{value!r}」。",
            match=str(value),
        )
        return None
    return value.strip()


def str_list(
    data: dict[str, Any], key: str, loc: yamlutil.Located, out: Collector
) -> list[str] | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        out.error(
            loc.line(key),
            "field-type",
            f"字段 {key}（{KNOWN_FIELDS[key]}）应为列表，例如 [{value}]。",
            match=value,
        )
        return None
    if not isinstance(value, list):
        out.error(
            loc.line(key),
            "field-type",
            f"字段 {key}（{KNOWN_FIELDS[key]}）应为列表。",
            match=str(value),
        )
        return None
    items: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            out.error(
                loc.line(key, index),
                "field-type",
                f"字段 {key} 的第 {index + 1} 项应为非空文本。",
                match=str(item),
            )
            continue
        items.append(item.strip())
    return items


def parse_post_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            return None
    return None


def read_date(data: dict[str, Any], loc: yamlutil.Located, out: Collector) -> dt.date | None:
    if data.get("date") is None:
        return None
    post_date = parse_post_date(data["date"])
    if post_date is None:
        out.error(
            loc.line("date"),
            "date-invalid",
            "字段 date 不是有效日期，应为 YYYY-MM-DD。",
            match=str(data["date"]),
        )
    return post_date


def read_author(
    data: dict[str, Any], loc: yamlutil.Located, out: Collector, roster: AuthorLookup | None
) -> tuple[str | None, str, str]:
    """(author as written, name, email); the name and email must be the roster's (第十五条)."""
    author = str_field(data, "author", loc, out)
    if author is None:
        return None, "", ""
    m = AUTHOR_RE.match(author)
    if not m:
        out.error(
            loc.line("author"),
            "field-type",
            "字段 author 应写成「姓名 <邮箱>」，例如「王芳 <wangfang@example.gov.cn>」。",
            match=author,
        )
        return author, "", ""
    name, email = m["name"].strip(), m["email"].strip()
    if roster is not None and roster.find(name, email) is None:
        out.error(
            loc.line("author"),
            "author-roster",
            f"作者不在人员名单 {roster.path} 中（姓名与邮箱须一致）。",
            match=author,
            article="第十五条",
        )
    return author, name, email


def read_channels(
    data: dict[str, Any], loc: yamlutil.Located, out: Collector, registry: ChannelLookup | None
) -> tuple[list[str] | None, set[str]]:
    """(the accounts named, their platforms): each account must be in the registry."""
    channels = str_list(data, "channels", loc, out)
    if channels is not None and not channels and "channels" in data:
        out.error(
            loc.line("channels"), "field-required", "字段 channels 不能为空：至少指定一个发布账号。"
        )
    platforms: set[str] = set()
    for index, channel in enumerate(channels or []):
        if registry is None:
            continue
        account = registry.accounts.get(channel)
        if account is None:
            out.error(
                loc.line("channels", index),
                "channel-unknown",
                f"未知的发布渠道「{channel}」：{registry.path} 中没有这个账号 id（已有：{'、'.join(registry.accounts)}）。",
                match=channel,
            )
        else:
            platforms.add(account.platform)
    if channels and len(set(channels)) != len(channels):
        out.error(loc.line("channels"), "field-duplicate", "字段 channels 中有重复的账号。")
    return channels, platforms


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


def read_original(data: dict[str, Any], loc: yamlutil.Located, out: Collector) -> bool:
    original = data.get("original", True)
    if isinstance(original, bool):
        return original
    out.error(
        loc.line("original"),
        "field-type",
        "字段 original 应为 true（原创）或 false（转载）。",
        match=str(original),
    )
    return True


def read_digest(data: dict[str, Any], loc: yamlutil.Located, out: Collector) -> str:
    if data.get("digest") is None:
        return ""
    digest = str_field(data, "digest", loc, out) or ""
    if len(digest) > DIGEST_MAX:
        out.error(
            loc.line("digest"),
            "digest-length",
            f"摘要 digest 不得超过 {DIGEST_MAX} 个字符（现为 {len(digest)} 个）。",
            match=digest[:20] + "…",
        )
    return digest


def read_cover(data: dict[str, Any], loc: yamlutil.Located, out: Collector, *, rel: str) -> str:
    """The cover path as written; its file is checked by ``govmedia check`` (assets)."""
    cover = str_field(data, "cover", loc, out)
    if not cover:
        return ""
    _, reason = resolve_asset(rel, cover)
    if reason:
        out.error(
            loc.line("cover"),
            ASSET_RULE,
            f"封面图 cover「{cover}」不予使用：{reason}",
            match=cover,
            article=ASSET_ARTICLE,
        )
        return ""
    return cover
