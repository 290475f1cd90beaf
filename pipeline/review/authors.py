"""Who wrote a reviewed file: the author a post, repost, reply or hide order names, read by
its own model (one parser everywhere), so that nobody approves their own text."""

from __future__ import annotations

import re

from pipeline.content import parse_post
from pipeline.interaction.replies import is_interaction_path, parse_reply
from pipeline.interaction.reposts import is_repost_path, parse_repost


def author_email(rel: str, raw: bytes) -> tuple[str, str]:
    """(author email, problem) of a post, read by the post model (one parser everywhere);
    of a reply or hide order, by the reply model."""
    if is_repost_path(rel):
        repost, findings = parse_repost(rel, raw)
        if repost is not None:
            return repost.author_email, ""
        return (
            "",
            f"转发文件不符合格式要求（第 {findings[0].line} 行：{_unquoted(findings[0].message)}），"
            "不能审核或发送",
        )
    if is_interaction_path(rel):
        parsed = parse_reply(rel, raw)
        if parsed.reply is not None:
            return parsed.reply.author_email, ""
        first = parsed.findings[0]
        return (
            "",
            f"回复文件不符合格式要求（第 {first.line} 行：{_unquoted(first.message)}），不能审核或发送",
        )
    result = parse_post(rel, raw)
    if result.post is not None:
        return result.post.author_email.lower(), ""
    errors = [f for f in result.findings if f.severity == "error"]
    first = errors[0] if errors else None
    where = f"第 {first.line} 行：{_unquoted(first.message)}" if first else "无法解析"
    return "", f"文章不符合格式要求，无法认定作者与内容（{where}），不能审核或发布"


_QUOTED = re.compile(r"「[^」\n]*」")


def _unquoted(message: str) -> str:
    """A loader's message without the value it quotes (``「…」``): a refused field may hold a
    credential, and this problem is shown by ``approve``, ``verify`` and the server, where
    no rule reads it (red team, round 35); ``govmedia check`` shows the value, masked."""
    return _QUOTED.sub("「…」", message)
