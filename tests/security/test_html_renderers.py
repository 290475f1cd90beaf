"""Threat class 10: one sanitiser policy for every HTML output (pipeline/html_sanitize.py).

The same XSS battery goes through every renderer a post reaches — the app's
``content_html``, the WeChat article, the archive page and its feeds (see
test_html_site.py for the built site) — and none of it may survive as live markup;
an honest post renders as before.
"""

from __future__ import annotations

import json

import pytest

from pipeline.content import Post, parse_post
from pipeline.html_sanitize import attr_link, clean_html, md_link, md_text, safe_url
from pipeline.platforms.render_app import feed_item
from pipeline.platforms.render_common import new_markdown
from pipeline.platforms.render_wechat import render_wechat
from pipeline.site.sanitize import render_body
from tests.conftest import SAMPLE_CONTENT
from tests.post_support import post
from tests.security.html_support import PAYLOADS, hostile_body, live_script

SITE = "https://gov.example.cn/archive/"
HOSTILE_SOURCE = {
    "title": "'</a><svg onload=alert(1337)>'",  # a repost keeps its source's title
    "original": "false",
    "source": (
        "{name: '<img src=x onerror=alert(1337)>', "
        "url: 'https://x.example/\"><script>alert(1337)</script>', "
        "title: '</a><svg onload=alert(1337)>'}"
    ),
}


def outputs(p: Post) -> dict[str, str]:
    """Every HTML a post becomes outside the site build."""
    item = feed_item(p, site_url=SITE)
    wechat = render_wechat(p, site_url=SITE, upload=lambda src: "https://mmbiz.qpic.cn/x/0")
    return {
        "app content_html": item["content_html"],
        "wechat article": wechat.content,
        "archive body": render_body(p.body, lambda src: None),
    }


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_is_neutralised_by_every_renderer(payload: str) -> None:
    for name, html in outputs(post(f"正文开头。\n\n{payload}\n\n正文结尾。")).items():
        assert live_script(html) == [], (name, payload, html)
        assert "正文开头" in html and "正文结尾" in html, name


def test_hostile_source_fields_are_escaped_and_the_url_dropped() -> None:
    p = post("转载正文。", **HOSTILE_SOURCE)
    item = feed_item(p, site_url=SITE)
    wechat = render_wechat(p, site_url=SITE, upload=lambda src: None)
    for name, html in {"app": item["content_html"], "wechat": wechat.content}.items():
        assert live_script(html) == [], (name, html)
        assert "&lt;img src=x onerror=alert(1337)&gt;" in html  # shown as text, not run
    assert "external_url" not in item and item["_govmedia"]["source"]["url"] == ""
    assert wechat.content_source_url == SITE + "posts/yanshi-fuwu.html"  # not the bad URL
    assert "x.example" not in wechat.content


def test_whole_battery_in_one_post_with_a_hostile_source() -> None:
    p = post(hostile_body(), **HOSTILE_SOURCE)
    for name, html in outputs(p).items():
        assert live_script(html) == [], (name, html)
    item = feed_item(p, site_url=SITE)
    assert set(json.dumps(item["_govmedia"]["source"], ensure_ascii=False)) and not item.get(
        "external_url"
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example/x",
        'https://x.example/"onmouseover="alert(1)',
        "https://x.example/<script>",
        "https://x.example/\u202e",
        "ftp://x.example/",
        "",
        None,
        42,
    ],
)
def test_safe_url_refuses(url: object) -> None:
    assert safe_url(url) == ""
    assert "href" not in attr_link(url, "文字")
    assert md_link(url, "[文字]") == "\\[文字\\]"  # text only, no Markdown link


def test_safe_url_keeps_honest_urls() -> None:
    for url in ("https://www.nmg.gov.cn/a?b=1&c=2", "http://127.0.0.1:8000/posts/x.html"):
        assert safe_url(url) == url
    assert attr_link("https://a.example/?q=1&x=2", "<b>") == (
        '<a href="https://a.example/?q=1&amp;x=2" rel="noopener noreferrer">&lt;b&gt;</a>'
    )
    assert md_link("https://a.example/p(1)", "站") == "[站](https://a.example/p%281%29)"
    assert md_text("[x](javascript:alert(1)){: onclick=x}") == (
        "\\[x\\]\\(javascript:alert\\(1\\)\\)\\{: onclick=x\\}"
    )


def test_clean_html_keeps_honest_markup() -> None:
    honest = (
        '<h2 id="a">标题</h2><p><strong>加粗</strong> <a href="https://example.gov.cn/">链接</a>'
        ' <a href="mailto:x@example.gov.cn">邮件</a></p><table><tr><td>1</td></tr></table>'
        '<figure><img src="images/a.png" alt="图"><figcaption>说明</figcaption></figure>'
    )
    cleaned = clean_html(honest)
    for kept in (
        '<h2 id="a">',
        "<strong>加粗</strong>",
        'href="https://example.gov.cn/"',
        'href="mailto:x@example.gov.cn"',
        "<td>1</td>",
        'src="images/a.png"',
        "<figcaption>说明</figcaption>",
    ):
        assert kept in cleaned, (kept, cleaned)
    assert clean_html(cleaned) == cleaned  # stable


@pytest.mark.parametrize(
    "path", sorted(p.name for p in (SAMPLE_CONTENT / "posts").rglob("*.md"))[:12]
)
def test_honest_sample_posts_render_unchanged(path: str) -> None:
    """The sanitiser changes nothing an honest post contains (links only gain ``rel``)."""
    file = next((SAMPLE_CONTENT / "posts").rglob(path))
    rel = "content/" + file.relative_to(SAMPLE_CONTENT).as_posix()
    p = parse_post(rel, file.read_bytes()).post
    assert p is not None
    raw = new_markdown().convert(p.body)
    item = feed_item(p, site_url=SITE)
    assert raw in item["content_html"].replace(' rel="noopener noreferrer nofollow"', "")
    assert live_script(item["content_html"]) == []
