"""The limits of a post file and its fields, and the refusal of bytes that are no post at all.

The limits of the body's text (nesting, control characters) are ``pipeline.content_limits``.
"""

from __future__ import annotations

from pipeline import content_limits
from pipeline.content.collector import Collector

MAX_BYTES = 2 * 1024 * 1024
WECHAT_TITLE_MAX = 32
DIGEST_MAX = 128
# Without a digest: WeChat's digest and the app's summary, the body's plain text cut to these
WECHAT_SUMMARY = 54
APP_SUMMARY = 120


def too_large(size: int, out: Collector) -> bool:
    """Refuse a file of ``size`` bytes over :data:`MAX_BYTES`; True when refused."""
    if size <= MAX_BYTES:
        return False
    out.error(
        1,
        "file-too-large",
        f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）。",
        unreadable=True,
    )
    return True


def refuse_raw(raw: bytes, out: Collector) -> bool:
    """Refuse bytes too large, empty, binary or holding a NUL; True when refused."""
    if too_large(len(raw), out):
        return True
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        out.error(
            1, "file-empty", "文件为空：文章需要 front matter（标题、日期、作者、渠道）和正文。"
        )
        return True
    if b"\0" in raw[:8192]:
        out.error(
            1,
            "file-binary",
            "这是二进制文件，不是 Markdown 文本（是否把图片或文档误命名为 .md？）。",
            unreadable=True,
        )
        return True
    nul = content_limits.nul_problem(raw)
    if nul is not None:
        out.error(nul.line, nul.rule, nul.message, column=nul.column, unreadable=True)
        return True
    return False
