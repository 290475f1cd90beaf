"""Reply files and hide orders: small Markdown files under ``content/`` that name an inbox item.

``content/replies/YYYY/MM/<slug>.md`` — an answer to a citizen (先审后发: reviewed like a
post, with the roster's ``reply_stages``)::

    ---
    item: weibo:3000000007          # the inbox item id (interaction/...)
    author: 王芳 <wangfang@example.gov.cn>
    date: 2026-12-02
    public: true                    # optional: may be listed, anonymised, on the archive
    ---
    您好，社保卡补办可在政务服务大厅 3 号窗口当场办理……

``content/moderation/YYYY/MM/<slug>.md`` — an order to hide a citizen's comment, with its
reason (a citizen's voice is never removed silently)::

    ---
    item: weibo:3000000009
    action: hide
    reason: 含赌博推广信息（A9-07）
    author: 王芳 <wangfang@example.gov.cn>
    date: 2026-12-02
    ---

The heads are declared with the schema layer (:data:`REPLY`, :data:`HIDE`).
``check`` reports problems as Findings with file, line, column and field, in Chinese: malformed
front matter, an unknown item or channel, an empty answer, the content rules over the answer,
and the platform's length limit (Weibo: 140 characters, refused at check time).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import content_limits, yamlutil
from pipeline.findings import Finding
from pipeline.schema import Boolean, Choice, Date, Record, Text, read_document

REPLIES_DIR = "content/replies"
MODERATION_DIR = "content/moderation"
ACTIONS = ("hide",)
# Reply length limits per platform (platforms.md): Weibo comments/reply ≤ 140 characters.
LIMITS = {"weibo": 140, "wechat": 1000, "app": 2000}
_FRONT_RE = re.compile(r"\A---\n(.*?\n)---\n?(.*)\Z", re.S)
AUTHOR_RE = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>@\s]+@[^<>\s]+)>\s*$")
ITEM_HINT = "应为收件箱中的条目标识（如 weibo:3000000007）。"
ARTICLE = "第十二条"


def is_interaction_path(path: str) -> bool:
    """A reply or a hide order (reviewed with the roster's ``reply_stages``)."""
    return path.endswith(".md") and (
        path.startswith(REPLIES_DIR + "/") or path.startswith(MODERATION_DIR + "/")
    )


@dataclass(frozen=True)
class Reply:
    path: str
    kind: str  # reply | hide
    item: str
    channel: str
    author_name: str
    author_email: str
    date: dt.date | None
    text: str  # the answer (empty for a hide order)
    reason: str = ""
    public: bool = False
    body_line: int = 1


@dataclass(frozen=True)
class Parsed:
    reply: Reply | None
    findings: tuple[Finding, ...]


def _finding(path: str, line: int, rule: str, message: str, match: str = "") -> Finding:
    return Finding(path, line, 1, rule, ARTICLE, "error", message, match)


def _text(label: str, rule: str, **options: Any) -> Text:
    return Text(label, required=True, rule=rule, missing_rule=rule, **options)


_ITEM = _text("收件箱条目", "R12-item", pattern=re.compile(r"[^:]+:.+"), hint=ITEM_HINT)
_AUTHOR = _text("作者", "R12-author", pattern=AUTHOR_RE, hint="应为「姓名 <email>」。")
_DATE = Date("日期", rule="R12-date")
REPLY = Record(
    {
        "item": _ITEM,
        "author": _AUTHOR,
        "date": _DATE,
        "public": Boolean("可在档案站点公开", default=False, rule="R12-field"),
    },
    unknown_rule="R12-field",
)
HIDE = Record(
    {
        "item": _ITEM,
        "author": _AUTHOR,
        "date": _DATE,
        "action": Choice(
            "操作",
            values=ACTIONS,
            names={"hide": "隐藏评论"},
            required=True,
            rule="R12-action",
            missing_rule="R12-action",
        ),
        "reason": _text(
            "理由", "R12-reason", missing="必填：隐藏网民评论须写明理由，不得无故删除。"
        ),
    },
    unknown_rule="R12-field",
)


def read_front_matter(
    rel: str, raw: bytes, article: str
) -> tuple[yamlutil.Located, str, int] | Finding:
    """(the YAML head, the body, the body's first line) of a reply, hide order or repost,
    or the finding saying why it cannot be read."""

    def bad(line: int, message: str) -> Finding:
        return Finding(rel, line, 1, "R12-format", article, "error", message)

    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return bad(1, "不是 UTF-8 编码的文本。")
    terminal = content_limits.terminal_problem(text, 1)  # text a reviewer's terminal hides
    if terminal is not None:
        return Finding(
            rel, terminal.line, terminal.column, terminal.rule, article, "error", terminal.message
        )
    match = _FRONT_RE.match(text)
    if match is None:
        return bad(1, "缺少以 --- 开始和结束的 YAML 头（item、author 等）。")
    try:
        loc = yamlutil.load(match.group(1), line_offset=1)
    except yamlutil.YamlSyntaxError as exc:
        return bad(exc.line, f"YAML 头格式错误：{exc.problem}")
    if not isinstance(loc.data, dict):
        return bad(2, "YAML 头应为「字段: 值」形式的映射。")
    return loc, match.group(2).strip(), match.group(1).count("\n") + 3


def parse_reply(rel: str, raw: bytes) -> Parsed:
    """The reply or hide order in ``raw``, or Findings naming the line, column and field."""
    front = read_front_matter(rel, raw, ARTICLE)
    if isinstance(front, Finding):
        return Parsed(None, (front,))
    loc, body, body_line = front
    moderation = rel.startswith(MODERATION_DIR + "/")
    values, issues = read_document(HIDE if moderation else REPLY, loc)
    found = [issue.finding(rel, ARTICLE) for issue in issues]
    if not moderation and not body:
        found.append(_finding(rel, body_line, "R12-empty", "回复正文为空。"))
    if found:
        return Parsed(None, tuple(found))
    author = AUTHOR_RE.fullmatch(values["author"])
    assert author is not None  # the field's pattern
    return Parsed(
        Reply(
            path=rel,
            kind="hide" if moderation else "reply",
            item=values["item"],
            channel=values["item"].split(":", 1)[0],
            author_name=author.group("name"),
            author_email=author.group("email").lower(),
            date=values["date"],
            text=body,
            reason=values.get("reason") or "",
            public=bool(values.get("public")),
            body_line=body_line,
        ),
        (),
    )


def check_reply(
    reply: Reply,
    platform_of: Callable[[str], str | None],
    check_text: Callable[[str], list] | None = None,
    known_items: set[str] | None = None,
) -> list[Finding]:
    """Problems with a parsed reply: channel, item, length limit, content rules."""
    found: list[Finding] = []
    platform = platform_of(reply.channel)
    if platform is None:
        found.append(
            _finding(
                reply.path,
                2,
                "R12-item",
                f"item 的渠道「{reply.channel}」不在 content/accounts.yml 中。",
            )
        )
    if known_items is not None and reply.item not in known_items:
        found.append(_finding(reply.path, 2, "R12-item", f"收件箱中没有条目 {reply.item}。"))
    if reply.kind != "reply":
        return found
    limit = LIMITS.get(platform or "", 0)
    if limit and len(reply.text) > limit:
        found.append(
            _finding(
                reply.path,
                reply.body_line,
                "R12-length",
                f"回复共 {len(reply.text)} 字，超过{platform}回复上限 {limit} 字，请缩短后再审核。",
            )
        )
    if check_text is not None:
        for d in check_text(reply.text):
            line = reply.body_line + reply.text.count("\n", 0, d.start)
            found.append(
                Finding(
                    reply.path,
                    line,
                    1,
                    d.rule,
                    d.article,
                    d.severity,
                    d.message,
                    reply.text[d.start : d.end],
                )
            )
    return found


def reply_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for folder in (REPLIES_DIR, MODERATION_DIR):
        base = root / folder
        if base.is_dir():
            files.extend(sorted(p for p in base.rglob("*.md") if p.is_file()))
    return files
