"""The ``source`` field: the attribution a repost must carry (第十一条)."""

from __future__ import annotations

import re
from typing import Any

from pipeline import yamlutil
from pipeline.content.collector import Collector
from pipeline.content.model import Source

URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_PARTS = (("name", "来源名称"), ("url", "原文链接"), ("title", "原文标题"))


def read_source(
    data: dict[str, Any],
    loc: yamlutil.Located,
    out: Collector,
    *,
    original: bool,
    title: str | None,
) -> Source | None:
    raw = data.get("source")
    if raw is None:
        if original is False:
            out.error(
                loc.line("original"),
                "A11-01",
                "转载文章（original: false）必须写明来源 source（name、url、title）。",
                article="第十一条",
            )
        return None
    if not isinstance(raw, dict):
        out.error(loc.line("source"), "field-type", "字段 source 应为映射，包含 name、url、title。")
        return None
    values = _source_values(raw, loc, out, original=original)
    _check_source(values, loc, out, original=original, title=title)
    if len(values) == 3:
        return Source(values["name"], values["url"], values["title"])
    if values and original is not False:
        return Source(values.get("name", ""), values.get("url", ""), values.get("title", ""))
    return None


def _source_values(
    raw: dict[str, Any], loc: yamlutil.Located, out: Collector, *, original: bool
) -> dict[str, str]:
    """The parts written as text; a repost missing one is an error."""
    values: dict[str, str] = {}
    for key, label in _PARTS:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            if original is False:
                out.error(
                    loc.line("source", key) if key in raw else loc.line("source"),
                    "A11-01",
                    f"转载文章的来源缺少 source.{key}（{label}）。",
                    article="第十一条",
                )
            continue
        values[key] = value.strip()
    return values


def _check_source(
    values: dict[str, str],
    loc: yamlutil.Located,
    out: Collector,
    *,
    original: bool,
    title: str | None,
) -> None:
    """A web address for the url; a repost keeps the original's title."""
    if "url" in values and not URL_RE.match(values["url"]):
        out.error(
            loc.line("source", "url"),
            "A11-01",
            "source.url 应为以 http:// 或 https:// 开头的网址。",
            match=values["url"],
            article="第十一条",
        )
    if original is False and title and "title" in values and values["title"] != title:
        out.error(
            loc.line("title"),
            "A11-02",
            "转载文章的标题须与原文标题一致，不得歪曲、篡改标题原意。",
            match=f"{title} ≠ {values['title']}",
            article="第十一条",
        )
