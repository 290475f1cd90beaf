"""Every renderer refuses (or, for the archive, shows as plain text) a body nested deeper
than it can take, before any Markdown is parsed: one post, never the run or the build."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.content import Post, parse_post
from pipeline.platforms.errors import Permanent
from pipeline.platforms.render_app import feed_item
from pipeline.platforms.render_wechat import render_wechat
from pipeline.platforms.render_weibo import render_weibo
from pipeline.site.sanitize import render_body
from tests.badinput.support import POST_DIR, front

SITE = "https://www.example.gov.cn/"
BODIES = {
    "list-1000": "\n".join("    " * i + "- 项" for i in range(1000)) + "\n",
    "stars-40kb": "*强 " * 3500 + " 调*" * 3500 + "\n",
    "quote-300": ">" * 300 + " 引用\n",
    # Markdown's block parser is quadratic in the number of blocks (red team round 22)
    "paragraphs-15000": "段。\n\n" * 15_000,
    "blank-lines-200000": "正文。" + "\n" * 200_000,
}


def _post(body: str) -> Post:
    result = parse_post(f"{POST_DIR}/ok.md", (front() + "正文。\n").encode())
    assert result.post is not None, result.findings
    return dataclasses.replace(result.post, body=body)


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_platform_renderers_refuse_the_post_alone(kind: str) -> None:
    post = _post(BODIES[kind])
    with pytest.raises(Permanent):
        render_wechat(post, site_url=SITE, upload=lambda src: None)
    with pytest.raises(Permanent):
        feed_item(post, site_url=SITE, commit="0" * 40)
    with pytest.raises(Permanent):
        render_weibo(post, site_url=SITE)


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_the_archive_shows_it_as_escaped_text(kind: str) -> None:
    html = render_body(BODIES[kind])
    assert html.startswith("<p>") and "<ul>" not in html and "<em>" not in html
    assert "<blockquote>" not in html


def test_an_ordinary_body_still_renders() -> None:
    post = _post("# 标题\n\n> 引用\n\n- 一\n    - 二\n\n**粗体**和*斜体*。\n")
    article = render_wechat(post, site_url=SITE, upload=lambda src: None)
    assert "<blockquote" in article.content and "<strong" in article.content
    assert "<em>" in render_body(post.body)


@pytest.mark.parametrize("kind", ["paragraphs-15000", "blank-lines-200000"])
def test_a_body_of_too_many_blank_lines_is_an_error_of_the_post(kind: str) -> None:
    text = (front() + BODIES[kind]).encode()
    result = parse_post(f"{POST_DIR}/blocks.md", text)
    found = [f for f in result.findings if f.rule == "render-blocks"]
    assert found and found[0].severity == "error", result.findings
    assert "空行" in found[0].message


def test_a_long_post_of_few_blank_lines_has_no_block_finding() -> None:
    text = (front() + "段落。\n\n" * 2_000 + "。" * 100_000).encode()
    result = parse_post(f"{POST_DIR}/long.md", text)
    assert not [f for f in result.findings if f.rule == "render-blocks"]
