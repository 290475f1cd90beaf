"""What ``govmedia approve`` asks of replies to citizens and hide orders (第十二条): the
roster's ``reply_stages`` (default 初审 by an editor, 终审 by the chief editor), approved
apart from posts, and a reply that passes its check (content rules, the platform's length);
a repost of a superior account (``content/reposts/``) is approved like a post, after the same
check of its text and attribution. Errors refuse; the warnings (the answer's, a public
answer's question's, a repost's) go to the same acknowledgement as a post's
(``approve._findings_gate``), beside the texts the public answers page will show."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import GovmediaError
from pipeline.findings import Finding
from pipeline.review.policy import ROLE_NAMES
from pipeline.review.roster import REPLY_STAGE_NUMBERS, STAGE_NAMES, Person, Roster

if TYPE_CHECKING:
    from pipeline.interaction.check import OnPage


def previous_stage(kind: str, stage: int) -> int:
    """The stage that must already be approved before ``stage`` (0: none)."""
    stages = REPLY_STAGE_NUMBERS if kind == "reply" else (1, 2, 3)
    index = stages.index(stage) if stage in stages else 0
    return stages[index - 1] if index > 0 else 0


def check_interaction_approval(
    repo_root: Path, roster: Roster, person: Person, paths: list[str], stage: int
) -> None:
    """``person`` may approve ``stage`` of the replies and hide orders ``paths`` (their
    check is :func:`interaction_findings`)."""
    from pipeline.interaction.replies import is_interaction_path

    if not all(is_interaction_path(p) for p in paths):
        raise GovmediaError("回复与隐藏指令须与文章分开审核（审核阶段与角色不同）。")
    if stage not in REPLY_STAGE_NUMBERS:
        names = "、".join(f"{s}（{STAGE_NAMES[s]}）" for s in REPLY_STAGE_NUMBERS)
        raise GovmediaError(f"回复与隐藏指令只有第 {names} 审，没有第 {stage} 审。")
    if not roster.may_approve_reply(person, stage):
        roles = "、".join(ROLE_NAMES.get(r, r) for r in roster.reply_stages.get(stage, ()))
        raise GovmediaError(
            f"{person.ident} 在名册中没有回复第 {stage} 审（{STAGE_NAMES[stage]}）的角色"
            f"（需要：{roles}）。"
        )


def interaction_findings(repo_root: Path, paths: list[str]) -> tuple[list[Finding], list[OnPage]]:
    """The findings of the replies, hide orders and reposts among ``paths`` as committed
    (checked clean in the work tree before), and what the public answers page will show of
    them; GovmediaError listing file, line and rule when one has an error: nobody signs it."""
    from pipeline.interaction.check import check_and_show
    from pipeline.interaction.replies import is_interaction_path
    from pipeline.interaction.reposts import is_repost_path

    found: list[Finding] = []
    pages: list[OnPage] = []
    for what, kind in (("回复", is_interaction_path), ("转发", is_repost_path)):
        chosen = [p for p in paths if kind(p)]
        if chosen:
            findings, shown = check_and_show(repo_root, chosen)
            _refuse_errors(findings, what)
            found += findings
            pages += shown
    return found, pages


def page_lines(pages: list[OnPage]) -> list[str]:
    """For people: each public answer as the public answers page will show it, whole."""
    lines = []
    for page in pages:
        lines += [
            f"{page.path}：公开答复，本单位网站「网民留言答复」页将发布网民留言 {page.item} 的全文"
            "与答复全文（审核人须读完）：",
            f"  问：{page.question}",
            f"  答：{page.answer}",
        ]
    return lines


def _refuse_errors(findings: list[Finding], what: str) -> None:
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        lines = [f"  {f.path}:{f.line}: [{f.rule}] {f.message}" for f in errors]
        raise GovmediaError(
            f"未通过{what}检查（{len(errors)} 个错误），不能审核：请先修正后再审核。\n"
            + "\n".join(lines)
        )
