"""Red team round 39: words joined on the HTML channels by Markdown links or attribute lists.

WeChat, the app and the archive show ``[约](…)[炮](…)`` (two links side by side),
``约[](…)炮`` (a link with no text) and ``*约*{: .a}炮`` (an attribute list after an
emphasis) as 约炮; the check read the link syntax and the attribute list as markup that
breaks a word. A post for WeChat and the app alone (Weibo's plain text is read since this
round's ``weibo_field``) was clean and went out. Real ``govmedia check`` runs, the real app
renderer, real signed approvals and a real push to a bare remote with the real pre-receive.
"""

from __future__ import annotations

import html
import re

import pytest

from pipeline.content import parse_post
from pipeline.platforms.render_app import feed_item
from tests.security.battery_support import Unit

POST = "content/posts/2026/11/bendian-tongzhi.md"
FRONT = (
    "---\ntitle: 通知\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
    "channels: [wechat, app]\ncategory: 便民服务\noriginal: true\n---\n\n"
)
JOINED = {
    "two-links": "本店提供[约](https://a.example.gov.cn/)[炮](https://b.example.gov.cn/)服务\n",
    "empty-link": "本店提供约[](https://a.example.gov.cn/)炮服务\n",
    "attribute-list": "本店提供*约*{: .a}炮服务\n",
}


@pytest.mark.parametrize("how", sorted(JOINED))
def test_words_the_html_channels_show_joined_are_read_joined(unit: Unit, how: str) -> None:
    unit.branch("post/bendian")
    unit.write(POST, FRONT + JOINED[how])
    unit.commit("新稿")
    post = parse_post(POST, (unit.clone.path / POST).read_bytes()).post
    assert post is not None
    shown = feed_item(post, site_url="https://www.example.gov.cn/")["content_html"]
    assert "本店提供约炮服务" in html.unescape(re.sub(r"<[^>]*>", "", shown))
    rows = unit.check_json(POST)
    assert any(r["rule"] == "A9-07" and r["line"] == 10 for r in rows), rows
    if how == "empty-link":  # the server refuses it, three approvals or not
        unit.approval_all(POST)
        err = unit.attack()
        assert "A9-07" in err, err


def test_honest_links_and_emphasis_join_no_words(unit: Unit) -> None:
    unit.branch("post/bendian")
    body = (
        "**重要**：本周六*照常*办公，请查看[办事指南](https://www.example.gov.cn/)"
        "[表格下载](https://www.example.gov.cn/b)和*材料清单*{: .gm-note}。\n"
    )
    unit.write(POST, FRONT + body)
    unit.commit("新稿")
    assert not [r for r in unit.check_json(POST) if str(r["rule"]).startswith(("A9-", "A10-"))]
