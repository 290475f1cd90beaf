"""``govmedia check`` findings on what a platform would refuse or mangle (rule ``PF-*``).

- ``PF-WECHAT-MODE``: a ``wechat`` field that is not ``{send: publish | mass}``;
- ``PF-WEIBO-TOPIC``: a 「#话题#」 in the text that goes to Weibo (the digest, or the opening
  of the body when there is no digest): ``statuses/share`` refuses topics;
- (``PF-WEIBO-TEXT``, what the content rules find in the body's opening as Weibo receives
  it when there is no digest, is the rule checker's: :mod:`pipeline.rules.weibo_field`;
  so is ``PF-SUMMARY-TEXT``, the same for WeChat's digest and the app's summary made of
  the body: :mod:`pipeline.rules.summary_field`);

- ``PF-IMAGE``: an image of the post (body or cover) a platform it goes to does not take:
  its format (read from the file's first bytes) or its size against the channel's table
  (``pipeline/platforms/image_limits.py``, which each Channel holds and checks again before
  any upload).

(Remote images, which WeChat drops leaving a bare caption, are refused for every channel by
the asset rule ``A15-ASSET``, see ``pipeline/assetpath.py``.)
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.assets import worktree_problem
from pipeline.content import Post
from pipeline.findings import Finding
from pipeline.governance.registry import Registry
from pipeline.platforms.image_limits import BY_PLATFORM, HEAD, LABELS
from pipeline.platforms.wechat_mode import mode_problem
from pipeline.platforms.weibo_text import TOPIC
from pipeline.references import Reference

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


def image_findings(
    root: Path, post: Post, refs: list[Reference], registry: Registry | None
) -> list[Finding]:
    """``PF-IMAGE``: each image of ``refs`` (the post's references) that a platform the post
    goes to would refuse, read in the working tree at ``root`` (a reference refused or a
    file missing is ``A15-ASSET``'s)."""
    platforms = sorted(_platforms(post, registry))
    found: list[Finding] = []
    for ref in refs:
        limits = [
            (p, BY_PLATFORM[p][ref.field]) for p in platforms if ref.field in BY_PLATFORM.get(p, {})
        ]
        if not ref.ok or not limits or worktree_problem(root, ref.path):
            continue
        try:
            with open(root / ref.path, "rb") as handle:
                head, size = handle.read(HEAD), os.fstat(handle.fileno()).st_size
        except OSError:
            continue
        for platform, limit in limits:
            problem = limit.problem(head, size)
            if problem:
                message = (
                    f"{limit.label}「{ref.src[:80]}」{problem}：{LABELS.get(platform, platform)}"
                    "不接受，发布时会被拒绝；请压缩或转换后再提交审核。"
                )
                found.append(
                    Finding(
                        post.path, ref.line, 1, "PF-IMAGE", ARTICLE, "error", message, ref.src[:200]
                    )
                )
    return found
