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

``check`` reports problems as Findings with file, line and field, in Chinese: malformed
front matter, an unknown item or channel, an empty answer, the content rules over the answer,
and the platform's length limit (Weibo: 140 characters, refused at check time).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline import yamlutil
from pipeline.findings import Finding

REPLIES_DIR = "content/replies"
MODERATION_DIR = "content/moderation"
ACTIONS = ("hide",)
# Reply length limits per platform (platforms.md): Weibo comments/reply ≤ 140 characters.
LIMITS = {"weibo": 140, "wechat": 1000, "app": 2000}
_FRONT_RE = re.compile(r"\A---\n(.*?\n)---\n?(.*)\Z", re.S)
_AUTHOR_RE = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>@\s]+@[^<>\s]+)>\s*$")


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
    return Finding(path, line, 1, rule, "第十二条", "error", message, match)


def parse_reply(rel: str, raw: bytes) -> Parsed:
    """The reply or hide order in ``raw``, or Findings naming the line and field."""
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return Parsed(None, (_finding(rel, 1, "R12-format", "不是 UTF-8 编码的文本。"),))
    match = _FRONT_RE.match(text)
    if match is None:
        return Parsed(
            None,
            (
                _finding(
                    rel, 1, "R12-format", "缺少以 --- 开始和结束的 YAML 头（item、author 等）。"
                ),
            ),
        )
    try:
        loc = yamlutil.load(match.group(1), line_offset=1)
    except yamlutil.YamlSyntaxError as exc:
        return Parsed(
            None, (_finding(rel, exc.line, "R12-format", f"YAML 头格式错误：{exc.problem}"),)
        )
    data = loc.data if isinstance(loc.data, dict) else None
    if data is None:
        return Parsed(None, (_finding(rel, 2, "R12-format", "YAML 头应为键值映射。"),))
    found: list[Finding] = []
    moderation = rel.startswith(MODERATION_DIR + "/")
    allowed = (
        {"item", "author", "date", "action", "reason"}
        if moderation
        else {"item", "author", "date", "public"}
    )
    for key in data:
        if key not in allowed:
            found.append(_finding(rel, loc.line(key), "R12-field", f"未知字段 {key}。"))
    item = data.get("item")
    channel = ""
    if not isinstance(item, str) or ":" not in item:
        found.append(
            _finding(
                rel,
                loc.line("item"),
                "R12-item",
                "item 应为收件箱中的条目标识（如 weibo:3000000007）。",
            )
        )
        item = ""
    else:
        channel = item.split(":", 1)[0]
    author = data.get("author")
    m = _AUTHOR_RE.match(author) if isinstance(author, str) else None
    if m is None:
        found.append(
            _finding(rel, loc.line("author"), "R12-author", "author 应为「姓名 <email>」。")
        )
    day = yamlutil.parse_date(data.get("date"))
    if data.get("date") is not None and day is None:
        found.append(_finding(rel, loc.line("date"), "R12-date", "date 应为 YYYY-MM-DD。"))
    body = match.group(2).strip()
    body_line = match.group(1).count("\n") + 3
    reason = ""
    public = False
    if moderation:
        action = data.get("action")
        if action not in ACTIONS:
            found.append(
                _finding(rel, loc.line("action"), "R12-action", "action 应为 hide（隐藏评论）。")
            )
        reason = data.get("reason") if isinstance(data.get("reason"), str) else ""
        if not reason.strip():
            found.append(
                _finding(
                    rel,
                    loc.line("reason"),
                    "R12-reason",
                    "隐藏网民评论须写明理由（reason），不得无故删除。",
                )
            )
    else:
        public = data.get("public", False)
        if not isinstance(public, bool):
            found.append(
                _finding(rel, loc.line("public"), "R12-field", "public 应为 true 或 false。")
            )
            public = False
        if not body:
            found.append(_finding(rel, body_line, "R12-empty", "回复正文为空。"))
    if found:
        return Parsed(None, tuple(found))
    assert m is not None
    return Parsed(
        Reply(
            path=rel,
            kind="hide" if moderation else "reply",
            item=str(item),
            channel=channel,
            author_name=m.group("name"),
            author_email=m.group("email").lower(),
            date=day,
            text=body,
            reason=reason.strip(),
            public=bool(public),
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
