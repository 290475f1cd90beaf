"""Reposts of superior accounts (第十二条 及时转发; 第十一条 注明出处): ``content/reposts/``.

``content/reposts/YYYY/MM/<slug>.md`` — reviewed like a post (三审, the roster's ``stages``),
sent with the platform's repost API (Weibo ``statuses/repost``)::

    ---
    source:
      account: 呼伦贝尔发布          # the superior account, named in the attribution
      id: "5000000000000001"        # its status on the platform
    channel: weibo
    author: 王芳 <wangfang@example.gov.cn>
    date: 2026-12-02
    ---
    今冬供暖保障措施，请市民周知。

The attribution is automatic: the text goes out as ``<text> //转发自@<account>``; the whole
must fit Weibo's 140 characters, checked before review. The head is declared with the
schema layer (:data:`REPOST`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pipeline.findings import Finding
from pipeline.interaction.replies import AUTHOR_RE, read_front_matter
from pipeline.schema import Date, Nested, Record, Text, read_document

REPOSTS_DIR = "content/reposts"
LIMIT = 140
_ID_RE = re.compile(r"^[0-9]{1,20}$")
ARTICLE = "第十一、十二条"


def is_repost_path(path: str) -> bool:
    return path.startswith(REPOSTS_DIR + "/") and path.endswith(".md")


@dataclass(frozen=True)
class Repost:
    path: str
    source_account: str
    source_id: str
    channel: str
    author_email: str
    date: dt.date | None
    text: str

    @property
    def status(self) -> str:
        """The text sent, with the 第十一条 attribution."""
        return f"{self.text} //转发自@{self.source_account}"


def _finding(path: str, line: int, rule: str, message: str) -> Finding:
    return Finding(path, line, 1, rule, ARTICLE, "error", message)


def _text(label: str, rule: str, **options: Any) -> Text:
    return Text(label, required=True, rule=rule, missing_rule=rule, **options)


SOURCE = Record(
    {
        "account": _text("被转发的上级账号名称", "A11-source"),
        "id": _text("被转发内容在平台上的数字 ID", "R12-source", scalars=True, pattern=_ID_RE),
    },
    unknown="ignore",
)
REPOST = Record(
    {
        "source": Nested(
            SOURCE, "出处", required=True, rule="A11-source", missing_rule="A11-source"
        ),
        "channel": _text("发布账号 id", "R12-field"),
        "author": _text("作者", "R12-author", pattern=AUTHOR_RE, hint="应为「姓名 <email>」。"),
        "date": Date("日期", rule="R12-date"),
    },
    unknown="ignore",
)


def parse_repost(rel: str, raw: bytes) -> tuple[Repost | None, list[Finding]]:
    """The repost in ``raw``, or Findings naming the line, column and field."""
    front = read_front_matter(rel, raw, ARTICLE)
    if isinstance(front, Finding):
        return None, [front]
    loc, body, body_line = front
    values, issues = read_document(REPOST, loc)
    if issues:
        return None, [issue.finding(rel, ARTICLE) for issue in issues]
    author = AUTHOR_RE.fullmatch(values["author"])
    assert author is not None  # the field's pattern
    source = values["source"]
    repost = Repost(
        rel,
        source["account"],
        source["id"],
        values["channel"],
        author.group("email").lower(),
        values["date"],
        body,
    )
    if len(repost.status) > LIMIT:
        return None, [
            _finding(
                rel,
                body_line,
                "R12-length",
                f"转发文字连同出处「//转发自@{repost.source_account}」共 {len(repost.status)} 字，"
                f"超过微博上限 {LIMIT} 字。",
            )
        ]
    return repost, []
