"""The review record of each public answer on the public answers page (第十二条, 第十五条).

A post's archive page shows who approved it and the warnings each reviewer acknowledged
before signing (``site.pages.acks_block``); a public answer publishes a citizen's question
and the unit's answer under its name, so its entry shows the same: each approval the one
evaluator counts for the version sent (``review.approved.review_versions``) and the
``Acknowledged-Warning`` trailers of those approval commits (``review.acks``). Every text
goes through ``html_sanitize.md_text`` (after ``content_limits.shown``).
"""

from __future__ import annotations

from pathlib import Path

from pipeline import git
from pipeline.content_limits import shown
from pipeline.html_sanitize import md_text
from pipeline.review.acks import acks_by_commit, agreed, shown_publicly
from pipeline.review.approved import review_versions
from pipeline.review.roster import STAGE_NAMES
from pipeline.review.verify import TARGET_REF

ACKS_HEADING = "**审核人已确认的警告**（检查提示但经审核人阅读后接受的内容）："


def _name(by: str) -> str:
    return md_text(shown(by.split("<")[0].strip()))


def review_records(
    root: Path, sent: list[tuple[str, str]], shown_texts: dict[tuple[str, str], str]
) -> dict[tuple[str, str], list[str]]:
    """Per sent public answer (path, blob): its review record as Markdown lines; an
    acknowledged warning's words only as far as ``shown_texts`` (the reviewed answer and
    the question the page shows beside it) hold them (``acks.shown_publicly``), and only
    those every stage of the answer records (``acks.agreed``)."""
    if not sent:
        return {}
    ref = TARGET_REF if git.rev_parse(TARGET_REF, cwd=root) else "HEAD"
    reviews = review_versions(root, sent, ref)
    stages = {(r.path, r.blob): [s for s in r.stages if s.ok and s.commit] for r in reviews}
    acks = acks_by_commit(root, {s.commit for found in stages.values() for s in found})
    records: dict[tuple[str, str], list[str]] = {}
    for (path, blob), found in stages.items():
        signed = "；".join(
            f"{md_text(STAGE_NAMES.get(s.stage, str(s.stage)))} {_name(s.by)}"
            f"（审核提交 {md_text(s.commit[:10])}）"
            for s in found
        )
        lines = [f"审核记录：{signed or '无有效的审核签名'}", ""]
        written = agreed([[a for a in acks.get(s.commit, []) if a.path == path] for s in found])
        items = [
            f"- {md_text(STAGE_NAMES.get(s.stage, str(s.stage)))} {_name(s.by)}："
            + md_text(shown(f"第 {a.line} 行 {a.label()}"))
            for s, stage_acks in zip(found, written, strict=True)
            for a in shown_publicly(stage_acks, shown_texts.get((path, blob), ""))
        ]
        if items:
            lines += [ACKS_HEADING, "", *items, ""]
        records[(path, blob)] = lines
    return records
