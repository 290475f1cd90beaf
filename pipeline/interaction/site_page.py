"""The opt-in public page of answered questions (政务留言板), one line in the site's GENERATORS.

Listed only when the unit sets ``public_page: true`` in ``content/interaction.yml`` and the
reviewed reply itself says ``public: true``; the question is shown anonymised (no user, numbers
already masked in the inbox) and every text goes through ``html_sanitize.md_text``, after
``content_limits.shown`` wrote each control character, line separator and bidi control as
``\\uXXXX`` (a citizen's text must not read backwards or garble the page; line breaks are
spaces: each text is one paragraph). The answer is the approved blob the ledger recorded
as sent, never the work tree's file; the question is the item's record the check read
(``Inbox.read``), and an item with a second, different record is left off. Each entry ends
with its review record: the approvals that count and the warnings each reviewer
acknowledged (``site_review``, round 24).
"""

from __future__ import annotations

from pathlib import Path

from pipeline import git
from pipeline.content_limits import shown
from pipeline.html_sanitize import md_text
from pipeline.interaction.config import load_config
from pipeline.interaction.outcomes import REPLIED
from pipeline.interaction.replies import parse_reply
from pipeline.interaction.site_review import review_records
from pipeline.interaction.store import Inbox
from pipeline.interaction.trusted import trusted_inbox
from pipeline.ledger_trust import trusted_ledger
from pipeline.project import Project
from pipeline.unit_time import unit_zone

PAGE = "hudong.md"
TITLE = "网民留言答复"


def page_line(text: str) -> str:
    """A text of the page as a reader reads it: one line, shown (``content_limits.shown``);
    what ``inbox check``, ``status`` and ``approve`` show the reviewers."""
    return shown(" ".join(text.splitlines()))


def public_text(text: str) -> str:
    """A text of the page, as Markdown: :func:`page_line`, escaped."""
    return md_text(page_line(text))


def answered_page(project: Project, docs_dir: Path) -> list[tuple[str, str]]:
    config = load_config(project.root)
    if not config.public_page or not Inbox(project.root).files():
        return []
    items, disputed = trusted_inbox(project).read()  # the records the check read
    sent = [
        r
        for r in trusted_ledger(project).records()
        if r.event == REPLIED and r.slug.startswith("interaction:") and r.blob
    ]
    blobs = git.cat_blobs([r.blob for r in sent], cwd=project.root)
    entries = []
    for record in sent:
        parsed = parse_reply(record.path, blobs.get(record.blob, b""))
        reply = parsed.reply
        item = items.get(str(record.detail.get("item", "")))
        if reply is None or not reply.public or item is None or item.id in disputed:
            continue
        entries.append((item.when, item.text, reply.text, record.when, record.path, record.blob))
    lines = [
        f"# {TITLE}（第十二条）",
        "",
        "网民在本单位政务新媒体上的咨询及经审核发出的答复（已隐去留言人信息）。",
        "",
    ]
    zone = unit_zone(project.root)
    texts = {
        (e[4], e[5]): f"{e[1]}\n{blobs.get(e[5], b'').decode('utf-8', 'replace')}" for e in entries
    }
    records = review_records(project.root, [(e[4], e[5]) for e in entries], texts)
    for asked, question, answer, answered, path, blob in sorted(
        entries, key=lambda e: e[0], reverse=True
    ):
        lines += [
            f"## {asked.astimezone(zone):%Y-%m-%d} 咨询",
            "",
            f"**问**：{public_text(question)}",
            "",
            f"**答**（{answered.astimezone(zone):%Y-%m-%d}）：{public_text(answer)}",
            "",
            *records.get((path, blob), []),
        ]
    if not entries:
        lines.append("暂无公开的答复。")
    (docs_dir / PAGE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [(TITLE, PAGE)]
