"""Checking replies and hide orders (``govmedia inbox check``, and ``approve`` before it signs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.content_limits import shown, unseen
from pipeline.errors import ConfigError
from pipeline.findings import Finding, masked
from pipeline.governance.registry import load_registry
from pipeline.interaction.replies import Reply, check_reply, parse_reply, reply_files
from pipeline.interaction.reposts import REPOSTS_DIR, is_repost_path, parse_repost
from pipeline.interaction.store import Inbox, Item
from pipeline.project import Project

if TYPE_CHECKING:
    from pipeline.rules.checker import RuleChecker

Questions = tuple[dict[str, Item], dict[str, str]]
QUESTION_NOTE = "公开答复会把网民留言原文发布在本单位网站上，"


@dataclass(frozen=True)
class OnPage:
    """What the public answers page will show of a public reply: the question and the
    answer, each one line as ``site_page.page_line`` writes it (the page escapes it for
    Markdown on top)."""

    path: str
    item: str
    question: str
    answer: str


def _read_file(root: Path, rel: str) -> bytes | None:
    try:
        return (root / rel).read_bytes()
    except OSError:
        return None


def _unreadable(rel: str) -> Finding:
    return Finding(
        rel, 1, 1, "R12-format", "第十二条", "error", "文件无法读取。", "", unreadable=True
    )


def check_paths(root: Path, paths: list[str]) -> list[Finding]:
    """Every finding of the given replies / hide orders (repository-relative paths)."""
    return check_and_show(root, paths)[0]


def check_and_show(
    root: Path,
    paths: list[str],
    *,
    unit: Path | None = None,
    read: Callable[[str], bytes | None] | None = None,
) -> tuple[list[Finding], list[OnPage]]:
    """Every finding of the given replies / hide orders / reposts (errors and warnings, the
    question of a public answer's included), and what the public answers page will show of
    each public reply whose question is known (for the reviewers, before they sign).

    ``unit``: the project whose ``accounts.yml`` and rule files judge (``verify``: main's,
    ``findings_at.main_unit_files``), else ``root``'s; ``read``: the files' bytes (``verify``:
    as committed at a revision), else the work tree's."""
    from pipeline.rules.checker import RuleChecker

    project = Project(root)
    try:
        registry = load_registry(Project(unit or root).accounts_file)
    except ConfigError as exc:
        problem = Finding("content/accounts.yml", 1, 1, "R12-config", "第十二条", "error", str(exc))
        return [problem], []
    known = Inbox(root).known_ids()
    questions: Questions | None = None
    checker = RuleChecker(unit or root)
    found: list[Finding] = []
    pages: list[OnPage] = []
    for rel in paths:
        raw = _read_file(root, rel) if read is None else read(rel)
        if raw is None:
            found.append(_unreadable(rel))
            continue
        if is_repost_path(rel):
            repost, problems = parse_repost(rel, raw)
            found.extend(checker.masked_values(problems))  # a refused field is echoed
            if repost is not None:
                found.extend(check_reply_text(rel, repost.text, 0, checker.check_text))
            continue
        parsed = parse_reply(rel, raw)
        reply = parsed.reply
        found.extend(checker.masked_values(list(parsed.findings)))
        if reply is not None:
            found.extend(check_reply(reply, registry.platform_of, checker.check_text, known))
            if reply.public:
                if questions is None:
                    questions = _questions(project)
                found.extend(_public_question(reply, questions, checker))
                pages.extend(_on_page(reply, questions))
    return masked(found), pages


def _on_page(reply: Reply, questions: Questions) -> list[OnPage]:
    from pipeline.interaction.site_page import page_line

    items, disputed = questions
    item = items.get(reply.item)
    if item is None or reply.item in disputed:
        return []  # refused by the check: nothing of it reaches the page
    return [OnPage(reply.path, reply.item, page_line(item.text), page_line(reply.text))]


def _questions(project: Project) -> Questions:
    """(item id -> first record, disputed id -> ``file:line``) of the inbox the publisher
    committed (``trusted_inbox``, ``Inbox.read``: the records the page reads): a branch's own
    edit of a question, reverted before the push, hides nothing (empty when refused)."""
    from pipeline.interaction.trusted import InboxTrustError, trusted_inbox

    try:
        return trusted_inbox(project).read()
    except InboxTrustError:
        return {}, {}


def _public_question(reply: Reply, questions: Questions, checker: RuleChecker) -> list[Finding]:
    """A public answer publishes its question on the unit's site (``site_page``): a
    stranger's text, so it must pass the content rules like the answer does, as the
    publisher committed it; a question with a second, different record is none."""
    items, disputed = questions
    if reply.item in disputed:
        message = (
            f"公开答复对应的留言 {reply.item} 在互动记录中还有一条内容不同的记录"
            f"（{disputed[reply.item]}），无法确定会公开哪一条，不能公开（请去掉 public: true，"
            "答复仍可只发给留言人）。"
        )
        return [Finding(reply.path, 1, 1, "R12-item", "第十二条", "error", message)]
    if reply.item not in items:
        message = "公开答复须对应发布者提交的互动记录（互动记录不可信或没有该留言），不能审核。"
        return [Finding(reply.path, 1, 1, "R12-item", "第十二条", "error", message)]
    question = unseen(items[reply.item].text)
    return [
        Finding(
            reply.path,
            1,
            1,
            d.rule,
            d.article,
            d.severity,
            QUESTION_NOTE
            + (
                "留言未通过检查（请去掉 public: true，答复仍可只发给留言人）："
                if d.severity == "error"
                else "留言有警告：审核人须阅读将公开的留言全文，确认后才能签名"
                "（或去掉 public: true，答复只发给留言人）："
            )
            + d.message,
            shown(question[d.start : d.end]),
        )
        for d in checker.check_text(question)
    ]


def all_paths(root: Path) -> list[str]:
    project = Project(root)
    reposts = sorted((root / REPOSTS_DIR).rglob("*.md")) if (root / REPOSTS_DIR).is_dir() else []
    return [project.rel(p) for p in [*reply_files(root), *reposts]]


def check_reply_text(
    rel: str, text: str, line: int, check_text: Callable[[str], list]
) -> list[Finding]:
    return [
        Finding(rel, line or 1, 1, d.rule, d.article, d.severity, d.message, text[d.start : d.end])
        for d in check_text(text)
    ]
