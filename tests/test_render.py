"""Renderers: WeChat HTML, Weibo text, JSON Feed item (第十一条 attribution on each)."""

from __future__ import annotations

import re

import pytest

from pipeline.platforms.errors import Permanent
from pipeline.platforms.render_app import feed_item
from pipeline.platforms.render_common import post_url
from pipeline.platforms.render_wechat import check_limits, render_wechat
from pipeline.platforms.render_weibo import render_weibo
from pipeline.platforms.weibo import status_length
from pipeline.platforms.weibo_text import PREFIX_RESERVE, RESERVED_SITE_URL
from tests.post_support import post

SITE = "https://gov.example.cn/archive/"


BODY = """## 办理时间

详见[服务指南](https://zwfw.example.gov.cn/guide)和[公众号文章](https://mp.weixin.qq.com/s/abc)，
回到[顶部](#top)。

![大厅照片](images/hall.png)

![外链图片](https://cdn.example.com/x.png)

<script>alert(1)</script>
"""


def test_wechat_html() -> None:
    uploaded = []
    article = render_wechat(
        post(BODY), site_url=SITE, upload=lambda s: uploaded.append(s) or "https://mmbiz.qpic.cn/1"
    )
    html = article.content
    assert uploaded == ["images/hall.png"]
    assert "<style" not in html and "<script" not in html  # raw HTML escaped
    assert re.search(r'<h2 style="[^"]+">办理时间</h2>', html)
    assert '服务指南<sup class="ref" style=' in html
    assert 'href="https://mp.weixin.qq.com/s/abc"' in html  # WeChat links stay links
    assert "zwfw.example.gov.cn/guide" in html.split("参考链接")[1]  # numbered reference
    assert 'href="#top"' not in html and "顶部" in html  # anchor dropped, text kept
    assert '<img alt="大厅照片" src="https://mmbiz.qpic.cn/1"' in html
    assert "cdn.example.com" not in html and "外链图片" in html  # external image dropped
    assert "position" not in html and "float" not in html
    assert article.content_source_url == SITE + "posts/yanshi-fuwu.html"


def test_wechat_limits_checked() -> None:
    with pytest.raises(Permanent, match="标题"):
        check_limits(
            render_wechat(post("正文", title="标" * 33), site_url=SITE, upload=lambda s: None)
        )
    with pytest.raises(Permanent, match="正文"):
        check_limits(
            render_wechat(post("很长的正文。" * 4000), site_url=SITE, upload=lambda s: None)
        )
    check_limits(render_wechat(post("正文"), site_url=SITE, upload=lambda s: None))


REPOST = {
    "original": "false",
    "source": "{name: 呼伦贝尔日报, url: 'https://hlbr.example.cn/a', title: 政务服务大厅12月起推行延时服务}",
}


def test_repost_attribution_everywhere() -> None:
    p = post("转载正文。", **REPOST)
    html = render_wechat(p, site_url=SITE, upload=lambda s: None).content
    assert html.count("转载自呼伦贝尔日报《政务服务大厅12月起推行延时服务》") == 2
    assert "https://hlbr.example.cn/a" in html.split("参考链接")[1]
    assert "转载自呼伦贝尔日报" in render_weibo(p, site_url=SITE)
    item = feed_item(p, site_url=SITE)
    assert item["_govmedia"]["source"]["name"] == "呼伦贝尔日报"
    assert item["external_url"] == "https://hlbr.example.cn/a"


def test_weibo_text_fits_and_keeps_the_link() -> None:
    long = post("很长的一段正文。" * 100)
    text = render_weibo(long, site_url=SITE)
    assert status_length(text) <= 140  # counted as Weibo counts: the link's letters are half
    # and the summary is not cut shorter than the longest address and prefix need (round 25)
    widest = render_weibo(long, site_url=RESERVED_SITE_URL, prefix=PREFIX_RESERVE)
    assert 139 <= status_length(widest) <= 140 and text.split(" ")[0] in widest
    assert len(text) > 140
    assert text.endswith(post_url(long.path, SITE))
    short = post("正文", digest="一句话摘要")
    assert "一句话摘要" in render_weibo(short, site_url=SITE)
    assert render_weibo(short, site_url=SITE, prefix="【更正】").startswith("【更正】")


def test_feed_item_is_json_feed_1_1() -> None:
    item = feed_item(post("正文 **加粗**", tags="[政务服务]", category="通知公告"), site_url=SITE)
    assert item["url"] == SITE + "posts/yanshi-fuwu.html"
    assert item["id"] == "govmedia:yanshi-fuwu"  # the archive feed uses the same id
    assert "<strong>加粗</strong>" in item["content_html"]
    assert item["date_published"].startswith("2026-11-20T00:00:00+08:00")
    assert item["authors"] == [{"name": "王芳"}] and "政务服务" in item["tags"]
    assert all(
        k.startswith("_")
        or k
        in {
            "id",
            "url",
            "title",
            "content_html",
            "summary",
            "date_published",
            "authors",
            "tags",
            "image",
            "external_url",
        }
        for k in item
    )
