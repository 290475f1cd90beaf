"""What ``govmedia approve`` asks of replies to citizens and hide orders (第十二条): the
roster's ``reply_stages`` (default 初审 by an editor, 终审 by the chief editor), approved
apart from posts, and a reply that passes its check (content rules, the platform's length);
a repost of a superior account (``content/reposts/``) is approved like a post, after the same
check of its text and attribution."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import GovmediaError
from pipeline.review.policy import ROLE_NAMES
from pipeline.review.roster import REPLY_STAGE_NUMBERS, STAGE_NAMES, Person, Roster


def previous_stage(kind: str, stage: int) -> int:
    """The stage that must already be approved before ``stage`` (0: none)."""
    stages = REPLY_STAGE_NUMBERS if kind == "reply" else (1, 2, 3)
    index = stages.index(stage) if stage in stages else 0
    return stages[index - 1] if index > 0 else 0


def check_interaction_approval(
    repo_root: Path, roster: Roster, person: Person, paths: list[str], stage: int
) -> None:
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
    _refuse_findings(repo_root, paths)


def check_repost_approval(repo_root: Path, paths: list[str]) -> None:
    """The reposts among ``paths`` pass their check (content rules, 第十一条 attribution, the
    platform's length) before anyone signs them; GovmediaError listing file, line and rule."""
    from pipeline.interaction.reposts import is_repost_path

    reposts = [p for p in paths if is_repost_path(p)]
    if reposts:
        _refuse_findings(repo_root, reposts, "转发")


def _refuse_findings(repo_root: Path, paths: list[str], what: str = "回复") -> None:
    from pipeline.interaction.check import check_paths

    findings = [f for f in check_paths(repo_root, paths) if f.severity == "error"]
    if findings:
        lines = [f"  {f.path}:{f.line}: [{f.rule}] {f.message}" for f in findings]
        raise GovmediaError(
            f"未通过{what}检查（{len(findings)} 个错误），不能审核：请先修正后再审核。\n"
            + "\n".join(lines)
        )
