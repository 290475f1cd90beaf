"""Rendering review states for people (text), scripts (JSON) and CI annotations (github)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pipeline.content_limits import shown
from pipeline.findings import Finding
from pipeline.interaction.reposts import is_repost_path
from pipeline.review.acks import Ack
from pipeline.review.roster import STAGE_NAMES
from pipeline.review.verify import PostReview, StageResult
from pipeline.unit_time import local_time, zone_label

FORMATS = ("text", "json", "github")


def stage_line(result: StageResult, zone: dt.tzinfo | None = None) -> str:
    """One stage for people; times in ``zone`` (the unit's; default 北京时间). The claimed
    signer and the reason quote a commit's ``Signed-off-by`` (anyone's text): shown with
    controls and bidi escaped (``content_limits.shown``), so it cannot forge a line."""
    name = result.label or f"第 {result.stage} 审（{STAGE_NAMES.get(result.stage, '')}）"
    by = shown(result.by)
    if result.ok:
        when = f"{local_time(result.at, zone)}（{zone_label(zone) if zone else '北京时间'}）"
        return f"  ✓ {name}：{by}，{when}，提交 {result.commit[:10]}"
    where = f"（{by}，提交 {result.commit[:10]}）" if result.commit else ""
    return f"  ✗ {name}：{shown(result.reason)}{where}"


def format_text(
    reviews: list[PostReview],
    warnings: dict[str, list[str]] | None = None,
    zone: dt.tzinfo | None = None,
) -> str:
    """``warnings``: per path, lines about the check warnings of its current version."""
    if not reviews:
        return "没有新增或修改的文章或其他待审文件。"
    lines: list[str] = []
    for review in reviews:
        verdict = "可以发布" if review.publishable else "不可发布"
        lines.append(f"{shown(review.path)}@{review.blob[:10]}：{verdict}")
        lines.extend(stage_line(s, zone) for s in review.stages)
        lines.extend((warnings or {}).get(review.path, []))
    ready = sum(r.publishable for r in reviews)
    lines.append(f"共 {len(reviews)} 项：{ready} 项已完成审核，{len(reviews) - ready} 项未完成。")
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_github(reviews: list[PostReview]) -> str:
    lines = []
    for review in reviews:
        if review.publishable:
            continue
        detail = "；".join(
            f"{s.label or f'第 {s.stage} 审'}：{s.reason}" for s in review.problems()
        )
        lines.append(f"::error file={review.path},line=1,title=三审未完成::{_escape(detail)}")
    return "\n".join(lines)


# what the change holds beyond its files' reviews: (annotation title, terminal heading)
PUBLISHER_RECORDS = (
    "发布者记录不可信",
    "本次变更中有发布者才能写入的记录（ledger/、interaction/）不是发布者签名的追加，不可合并：",
)
FOREIGN_HISTORY = (
    "不属于本仓库的历史",
    "本次变更带来了不以 main 的第一个提交为起点的历史（孤立分支或其他仓库），不可合并"
    "（与服务器的 pre-receive 同一规则）：",
)
ROSTER_STEPS = (
    "名册修改未获批准",
    "本次变更中有一步修改了名册（content/roster.yml），未获该步之前名册的批准；快进合并后这一步"
    "就是 main 的历史，不可合并（与服务器的 pre-receive 同一规则，即使之后又改回原样）：",
)
NAMES = (
    "服务器不接受的文件名",
    "本次变更新增的文件名服务器同样拒绝（只有大小写或 Unicode 写法不同、单位文件的另一种写法、"
    "重复的文章标识），不可合并：",
)
MERGE_RESULT = (
    "合并结果无人审核",
    "main 在本变更的合并基点之后也修改了这些文件，合并后的版本（两边的修改拼在一起）不是任何人"
    "审核过的版本，不可合并：请先将 main 合并进本分支（或变基），再对合并后的版本重新三审"
    "（服务器同样拒绝未经审核的合并结果）：",
)
CONTENT = (
    "内容检查未通过",
    "本次变更中审核已完成的文章、转发或回复未通过服务器的内容检查（按 main 上现行的规则），"
    "不可合并（与服务器的 pre-receive 同一检查）：",
)
UNIT_YAML = (
    "无法读取的单位文件",
    "本次变更中的单位 YAML 文件（名册、accounts.yml、规则、日历）govmedia 无法读取，合并后每次发布、"
    "检查和巡查都会因它停止，不可合并（与服务器的 pre-receive 同一检查）：",
)
CLAIM_DATES = (
    "签署时间不可信",
    "本次变更中有审核、撤稿或撤回提交的签署时间晚于当前时间或早于其所在的提交；公开的审核记录按此"
    "时间显示，不可合并（与服务器的 pre-receive 同一规则）：",
)
OUTSIDE_CONTENT = (
    "不随内容合并的修改",
    "本次变更修改了内容（content/）与发布者记录以外的文件，或有符号链接、子模块、删除的已审核内容，"
    "不可合并（与服务器的 pre-receive 同一规则）：",
)


def refusals(problems: list[str], fmt: str, kind: tuple[str, str]) -> str:
    """Reasons against the change beyond its files' reviews (``kind``: a record the publisher
    did not write, a path outside the reviewed and publisher-written ones): GitHub
    annotations, or a Chinese block for the terminal."""
    title, heading = kind
    if fmt == "github":
        return "\n".join(f"::error title={title}::{_escape(p)}" for p in problems)
    return "\n".join([heading, *(f"  {shown(p)}" for p in problems)])


def has_findings(review: PostReview) -> bool:
    """A post, a reply, a hide order or a repost: a text the content check judges."""
    return review.kind in ("post", "reply") or is_repost_path(review.path)


def review_json(
    review: PostReview,
    findings: dict[str, list[Finding]] | None = None,
    acks: dict[str, list[Ack]] | None = None,
) -> dict[str, Any]:
    """A review for scripts, with what the reviewers see: the check findings of the current
    version (``findings``, as ``govmedia check --format json``) and, per stage, the warnings
    its approval commit acknowledged (``acknowledged``)."""
    data = review.to_json()
    if has_findings(review):
        data["findings"] = [f.to_json() for f in (findings or {}).get(review.path, [])]
    for stage, result in zip(data["stages"], review.stages, strict=True):
        recorded = (acks or {}).get(result.commit, []) if result.commit else []
        stage["acknowledged"] = [a.to_json() for a in recorded if a.path == review.path]
    return data


def render(
    reviews: list[PostReview],
    fmt: str,
    warnings: dict[str, list[str]] | None = None,
    zone: dt.tzinfo | None = None,
    *,
    findings: dict[str, list[Finding]] | None = None,
    acks: dict[str, list[Ack]] | None = None,
) -> str:
    if fmt == "json":
        items = [review_json(r, findings, acks) for r in reviews]
        return json.dumps(items, ensure_ascii=False, indent=2)
    if fmt == "github":
        return format_github(reviews)
    return format_text(reviews, warnings, zone)
