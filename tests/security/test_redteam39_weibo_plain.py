"""Red team round 39: Weibo's plain text joined what the check read apart.

A post without a digest goes to Weibo as the body in plain text: links by their text,
formatting and attribute lists gone, whitespace and paragraphs removed
(``render_common.plain_text``). The check read that text only when it was a cut of the
body (round 22); a body that fits whole was taken to be "what the body's check read". It
was not: ``本店提供[约](…)[炮](…)服务``, ``约[](…)炮`` (an empty link), ``*约*{: .a}炮`` (an
attribute list) and ``约`` and ``炮`` in two paragraphs were clean for the check, and the
status Weibo received read 本店提供约炮服务. Real ``govmedia check`` runs, the real Weibo
renderer, real signed approvals and a real push to a bare remote with the real pre-receive.
"""

from __future__ import annotations

import pytest

from pipeline.content import parse_post
from pipeline.platforms.render_weibo import render_weibo
from tests.security.battery_support import Unit

POST = "content/posts/2026/11/bendian-fuwu.md"
FRONT = (
    "---\ntitle: 通知\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
    "channels: [weibo]\ncategory: 便民服务\noriginal: true\n---\n\n"
)
RULES = ("PF-WEIBO-TEXT", "A9-07")  # the links and the attribute list: also the body's
SPLIT = {
    "two-links": "本店提供[约](https://a.example.gov.cn/)[炮](https://b.example.gov.cn/)服务\n",
    "empty-link": "本店提供约[](https://a.example.gov.cn/)炮服务\n",
    "attribute-list": "本店提供*约*{: .a}炮服务\n",
    "paragraphs": "本店提供约\n\n炮服务\n",
}


@pytest.mark.parametrize("how", sorted(SPLIT))
def test_a_word_weibos_plain_text_joins_is_read_by_the_check(unit: Unit, how: str) -> None:
    unit.branch("post/bendian")
    unit.write(POST, FRONT + SPLIT[how])
    unit.commit("新稿")
    post = parse_post(POST, (unit.clone.path / POST).read_bytes()).post
    assert post is not None
    assert "本店提供约炮服务" in render_weibo(post, site_url="https://www.example.gov.cn/")
    rows = unit.check_json(POST)
    found = [r for r in rows if r["rule"] in RULES and r["severity"] == "error"]
    assert found and found[0]["line"] == 10, rows
    if how == "paragraphs":  # the others are read in the body too since markup_view's tokens
        assert found[0]["rule"] == "PF-WEIBO-TEXT" and "纯文本" in str(found[0]["message"])
        unit.approval_all(POST)  # the server refuses it, three approvals or not
        err = unit.attack()
        assert "PF-WEIBO-TEXT" in err, err


def test_an_honest_body_that_fits_weibo_has_no_weibo_finding(unit: Unit) -> None:
    """The honest side: links, bold and paragraphs that join nothing."""
    unit.branch("post/bendian")
    body = "本周六**照常办公**，详见[办事指南](https://www.example.gov.cn/)。\n\n欢迎咨询。\n"
    unit.write(POST, FRONT + body)
    unit.commit("新稿")
    assert not [r for r in unit.check_json(POST) if r["rule"] == "PF-WEIBO-TEXT"]
