"""Red team round 39: a character reference every HTML reader decodes and the check did not.

The check read a character reference as the character it shows only for a Chinese
character written ``&#NNNNN;`` with two to seven digits. Every HTML reader (Python-Markdown
passes the reference on, nh3 re-serialises it as the character, browsers show it) also
decodes a number without its semicolon (``约&#28846服务``, the archive), with any number of
leading zeros (``&#000000028846;``) and of any script (``p&#111;rn``). The check was clean;
WeChat, the app and the archive showed 约炮服务 and porn. Real ``govmedia check`` runs, the real renderers, real signed approvals and a real
push to a bare remote with the real pre-receive.
"""

from __future__ import annotations

import pytest

from pipeline.content import parse_post
from pipeline.platforms.render_app import feed_item
from tests.security.battery_support import Unit

POST = "content/posts/2026/11/bianmin-tongzhi.md"
FRONT = (
    "---\ntitle: {title}\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
    "channels: [wechat, app]\ncategory: 便民服务\noriginal: true\n---\n\n本周六大厅照常办公。\n\n"
)
# spelling -> (the body line, what every HTML channel shows of it)
SPELLINGS = {
    "leading-zeros": ("这里提供约&#000000028846;服务。\n", "约炮服务"),
    "latin-letters": ("这里有p&#111;rn视频。\n", "porn"),
    "latin-hex": ("这里有&#x70;&#x6F;rn视频。\n", "porn"),
}


@pytest.mark.parametrize("how", sorted(SPELLINGS))
def test_a_reference_every_html_reader_decodes_is_read_by_the_check(unit: Unit, how: str) -> None:
    line, shown = SPELLINGS[how]
    unit.branch("post/bianmin")
    unit.write(POST, FRONT.format(title="便民通知") + line)
    unit.commit("新稿")
    post = parse_post(POST, (unit.clone.path / POST).read_bytes()).post
    assert post is not None
    published = feed_item(post, site_url="https://www.example.gov.cn/")["content_html"]
    assert shown in published, published  # what the app, WeChat and the archive show
    rows = unit.check_json(POST)
    assert any(r["rule"] == "A9-07" and r["line"] == 12 for r in rows), rows
    if how == "leading-zeros":  # the server refuses it, three approvals or not
        unit.approval_all(POST)
        err = unit.attack()
        assert "A9-07" in err, err


def test_a_reference_without_its_semicolon_is_read_by_the_check(unit: Unit) -> None:
    """A number without its semicolon, in the title: a browser decodes it wherever a page
    carries it as written (the archive's titles went through ``html.unescape`` and its
    body through a Markdown that left it as written, both before this round), so the
    check reads it as the character, found at the title's line."""
    title = "提供约&#28846服务"
    unit.branch("post/bianmin")
    unit.write(POST, FRONT.format(title=f"'{title}'"))
    unit.commit("新稿")
    rows = unit.check_json(POST)
    assert any(r["rule"] == "A9-07" and r["line"] == 2 for r in rows), rows


def test_references_an_honest_post_writes_are_no_finding(unit: Unit) -> None:
    """The honest side: an ampersand, a copyright sign, an escaped bracket and a space."""
    unit.branch("post/bianmin")
    body = "A &amp; B 两厅联办，&lt;通知&gt;见附件，&#60;第一条&#62;&nbsp;&copy; 2026 牙克石市政务服务局。\n"
    unit.write(POST, FRONT.format(title="便民通知") + body)
    unit.commit("新稿")
    rows = unit.check_json(POST)
    assert not [r for r in rows if str(r["rule"]).startswith(("A9-", "A10-"))], rows
