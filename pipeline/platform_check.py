"""``govmedia check`` findings on what a platform would refuse or mangle (rule ``PF-*``).

- ``PF-WECHAT-MODE``: a ``wechat`` field that is not ``{send: publish | mass}``;
- ``PF-WEIBO-TOPIC``: a 「#话题#」 in the text that goes to Weibo (the digest, or the opening
  of the body when there is no digest): ``statuses/share`` refuses topics;

(Remote images, which WeChat drops leaving a bare caption, are refused for every channel by
the asset rule ``A15-ASSET``, see ``pipeline/assetpath.py``.)
"""

from __future__ import annotations

from pipeline.content import Post
from pipeline.findings import Finding
from pipeline.governance.registry import Registry
from pipeline.platforms.wechat_mode import mode_problem
from pipeline.platforms.weibo_text import TOPIC

ARTICLE = "第十条"  # the platform's rules are part of 规范 publishing (language norms)


def _platforms(post: Post, registry: Registry | None) -> set[str]:
    if registry is None:
        return set(post.channels)
    return {registry.platform_of(c) or c for c in post.channels}


def platform_findings(post: Post, registry: Registry | None) -> list[Finding]:
    platforms = _platforms(post, registry)
    found: list[Finding] = []
    problem = mode_problem(post)
    if problem:
        found.append(
            Finding(
                post.path, post.line_of("wechat"), 1, "PF-WECHAT-MODE", ARTICLE, "error", problem
            )
        )
    if "weibo" in platforms:
        if post.digest:
            hit = TOPIC.search(post.digest)
            if hit:
                found.append(
                    Finding(
                        post.path,
                        post.line_of("digest"),
                        1,
                        "PF-WEIBO-TOPIC",
                        ARTICLE,
                        "error",
                        f"摘要中的「{hit.group(0)}」是微博话题标记：微博分享接口不允许话题，"
                        "请删去两侧的 # 号。",
                        hit.group(0),
                    )
                )
        else:
            hit = TOPIC.search(post.body[:400])
            if hit:
                line, column = post.body_position(hit.start())
                found.append(
                    Finding(
                        post.path,
                        line,
                        column,
                        "PF-WEIBO-TOPIC",
                        ARTICLE,
                        "error",
                        f"正文开头的「{hit.group(0)}」会进入微博文字，而微博分享接口不允许话题："
                        "请删去两侧的 # 号，或填写不含话题的 digest 摘要。",
                        hit.group(0),
                    )
                )
    return found
