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
must fit Weibo's 140 characters, checked before review.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline import yamlutil
from pipeline.findings import Finding

REPOSTS_DIR = "content/reposts"
LIMIT = 140
_FRONT_RE = re.compile(r"\A---\n(.*?\n)---\n?(.*)\Z", re.S)
_AUTHOR_RE = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>@\s]+@[^<>\s]+)>\s*$")
_ID_RE = re.compile(r"^[0-9]{1,20}$")


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
    return Finding(path, line, 1, rule, "第十一、十二条", "error", message)


def parse_repost(rel: str, raw: bytes) -> tuple[Repost | None, list[Finding]]:
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None, [_finding(rel, 1, "R12-format", "不是 UTF-8 编码的文本。")]
    match = _FRONT_RE.match(text)
    if match is None:
        return None, [_finding(rel, 1, "R12-format", "缺少以 --- 开始和结束的 YAML 头。")]
    try:
        loc = yamlutil.load(match.group(1), line_offset=1)
    except yamlutil.YamlSyntaxError as exc:
        return None, [_finding(rel, exc.line, "R12-format", f"YAML 头格式错误：{exc.problem}")]
    data = loc.data if isinstance(loc.data, dict) else {}
    found: list[Finding] = []
    source = data.get("source")
    account = source.get("account") if isinstance(source, dict) else None
    ident = str(source.get("id", "")) if isinstance(source, dict) else ""
    if not isinstance(account, str) or not account.strip():
        found.append(
            _finding(
                rel, loc.line("source"), "A11-source", "source.account 应为被转发的上级账号名称。"
            )
        )
    if not _ID_RE.match(ident):
        found.append(
            _finding(
                rel,
                loc.line("source", "id"),
                "R12-source",
                "source.id 应为被转发内容在平台上的数字 ID。",
            )
        )
    channel = data.get("channel")
    if not isinstance(channel, str) or not channel:
        found.append(
            _finding(rel, loc.line("channel"), "R12-field", "channel 应为账号 ID（如 weibo）。")
        )
    author = data.get("author")
    m = _AUTHOR_RE.match(author) if isinstance(author, str) else None
    if m is None:
        found.append(
            _finding(rel, loc.line("author"), "R12-author", "author 应为「姓名 <email>」。")
        )
    body = match.group(2).strip()
    if found:
        return None, found
    assert m is not None and isinstance(account, str) and isinstance(channel, str)
    repost = Repost(
        rel,
        account.strip(),
        ident,
        channel,
        m.group("email").lower(),
        yamlutil.parse_date(data.get("date")),
        body,
    )
    if len(repost.status) > LIMIT:
        line = match.group(1).count("\n") + 3
        return None, [
            _finding(
                rel,
                line,
                "R12-length",
                f"转发文字连同出处「//转发自@{repost.source_account}」共 {len(repost.status)} 字，"
                f"超过微博上限 {LIMIT} 字。",
            )
        ]
    return repost, []
