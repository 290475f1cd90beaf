"""A post of the unit written in a test: its source text and the parsed ``Post``."""

from __future__ import annotations

from pipeline.content import Post, parse_post

POST = "content/posts/2026/11/yanshi-fuwu.md"


def post_source(body: str, **front: str) -> str:
    """The post's file: the usual front matter (any field replaced or added by ``front``)
    and ``body``."""
    fields = {
        "title": "政务服务大厅12月起推行延时服务",
        "date": "2026-11-20",
        "author": "王芳 <wangfang@example.gov.cn>",
        "channels": "[wechat, weibo, app]",
        **front,
    }
    head = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\n{head}---\n\n{body}\n"


def post(body: str, **front: str) -> Post:
    """``post_source`` parsed by the post model at ``POST``; it must parse."""
    result = parse_post(POST, post_source(body, **front).encode())
    assert result.post is not None, result.findings
    return result.post
