"""The interaction section of the 第十八条 report: one unit's figures for the period."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from pipeline.html_sanitize import md_text
from pipeline.interaction.figures import Figures, figures
from pipeline.interaction.outcomes import REPOSTED
from pipeline.interaction.store import Inbox
from pipeline.interaction.view import load_view
from pipeline.ledger import Record
from pipeline.project import Project
from pipeline.unit_time import unit_zone


def unit_figures(
    root: Path, records: Iterable[Record], start: dt.date, end: dt.date, today: dt.date
) -> Figures | None:
    """None when the unit has no inbox (interaction not in use)."""
    records = list(records)
    zone = unit_zone(root)
    reposted = 0
    seen: set[tuple[str, str, str]] = set()  # a repost's record written again counts once
    for r in records:
        if r.event != REPOSTED or not r.slug.startswith("interaction:"):
            continue
        if (r.slug, r.channel, r.blob) not in seen:
            seen.add((r.slug, r.channel, r.blob))
            reposted += start <= r.when.astimezone(zone).date() <= end
    if not Inbox(root).files() and not reposted:
        return None
    view = load_view(Project(root), today, records)
    found = figures(view.states, view.calendar, view.config, start, end, zone)
    return dataclasses.replace(found, reposts=reposted)


def markdown(f: Figures, reply_days: int = 3) -> list[str]:
    answered = f"{f.answered}/{f.questions}" if f.questions else "—"
    in_time = f"{f.in_time}/{f.answered}" if f.answered else "—"
    median = f"{f.median_hours} 小时" if f.median_hours is not None else "—"
    lines = [
        "### 网民互动（第十二条）",
        "",
        "| 收到留言 | 咨询已答复 | 按时答复 | 答复用时中位数 | 隐藏评论 | 建议隐藏的违规评论 | 转发上级 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        f"| {f.received} | {answered} | {in_time} | {median} | {f.hidden} | {f.violations_proposed} | {f.reposts} |",
        "",
    ]
    for reason, count in sorted(f.hidden_reasons.items()):
        lines.append(f"- 隐藏理由：{md_text(reason)}（{count} 条）")  # an editor's text
    if f.hidden_reasons:
        lines.append("")
    return lines
