"""WeChat article HTML that survives the WeChat editor: list markers as text (doocs/md),
scrolling tables, no bare footnote back-reference."""

from __future__ import annotations

import re

from pipeline.platforms.render_wechat import render_wechat
from tests.test_render import SITE, post

NESTED = """政务服务事项：

- 户籍办理
    - 身份证换领
        - 临时身份证
- 社保缴费
    1. 线上缴费
    2. 窗口缴费

3. 第三项
4. 第四项
"""


def render(body: str) -> str:
    return render_wechat(post(body), site_url=SITE, upload=lambda src: None).content


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_nested_lists_carry_literal_markers_with_list_style_off() -> None:
    html = render(NESTED)
    text = text_of(html)
    for marker in (
        "• 户籍办理",
        "◦ 身份证换领",
        "▪ 临时身份证",
        "• 社保缴费",
        "1. 线上缴费",
        "2. 窗口缴费",
        "3. 第三项",
        "4. 第四项",
    ):
        assert marker in text, marker
    for tag in re.findall(r"<(?:ul|ol)\b[^>]*>", html):
        assert "list-style-type: none" in tag


def test_tables_scroll_inside_a_wrapper() -> None:
    html = render("| 事项 | 时间 |\n| --- | --- |\n| 户籍 | 工作日 |\n")
    wrapper = re.search(r"<section[^>]*>\s*<table", html)
    assert wrapper is not None and "overflow-x: auto" in wrapper.group(0)
    assert html.count("<table") == html.count("</table></section>") == 1


def test_footnotes_keep_their_text_without_a_bare_back_arrow() -> None:
    html = render("延时服务[^1]。\n\n[^1]: 依据市政府办公室通知。\n")
    assert "依据市政府办公室通知" in text_of(html)
    assert "↩" not in html and "&#8617;" not in html and "#fnref" not in html
