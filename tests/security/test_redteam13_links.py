"""Red team, round 13: WeChat article links as a browser reads them.

A WeChat article keeps a live link only to another WeChat article (``ARTICLE_HOSTS``);
every other link becomes a numbered reference. The renderer asked Python's ``urlparse`` for
the host, which takes the last ``@`` of the authority as the end of a userinfo:
``https://evil.example\\@mp.weixin.qq.com/s/x`` is on mp.weixin.qq.com to Python but on
evil.example to every browser (a backslash ends the host of an http(s) URL), so a post
could keep a live link to any site. A link is now kept only when it has no userinfo and
none of the characters a browser reads otherwise (``wechat_articles.is_article_link``).
The platforms' replies (``Fields.url(..., hosts=ARTICLE_HOSTS)``) held: each spelling
below is refused as a bad reply, the honest link taken.
"""

from __future__ import annotations

import re

import pytest

from pipeline.platforms.errors import BadReply
from pipeline.platforms.render_wechat import render_wechat
from pipeline.platforms.replies import Context, Fields
from tests.post_support import post

SITE = "https://gov.example.cn/archive/"
HONEST = "https://mp.weixin.qq.com/s/abc"
# urlsplit sees mp.weixin.qq.com in each; a browser goes elsewhere, or carries a userinfo.
DISGUISED = [
    "https://evil.example\\@mp.weixin.qq.com/s/abc",
    "https://evil.example%5C@mp.weixin.qq.com/s/abc",
    "https://user:pw@mp.weixin.qq.com/s/abc",
    "https://evil.example\t@mp.weixin.qq.com/s/abc",
    "http://evil.example\\\\@mp.weixin.qq.com/s/abc",
]
# spellings a reply might try: another host, a trailing dot, IDNA, a port's userinfo, //
ELSEWHERE = [
    *DISGUISED,
    "https://mp.weixin.qq.com@evil.example/s/abc",
    "https://mp.weixin.qq.com:443@evil.example/s/abc",
    "https://mp.weixin.qq.com./s/abc",
    "https://mp.weixin.qq.com.evil.example/s/abc",
    "https://xn--mp-weixin-qq-com.example/s/abc",
    "https://mp。weixin.qq.com/s/abc",
    "//mp.weixin.qq.com/s/abc",
    "https:\\\\mp.weixin.qq.com/s/abc",
    "https://evil.example/https://mp.weixin.qq.com/s/abc",
]


def _live_links(body: str) -> list[str]:
    html = render_wechat(post(body), site_url=SITE, upload=lambda s: None).content
    return re.findall(r'<a [^>]*href="([^"]*)"', html)


@pytest.mark.parametrize("href", DISGUISED)
def test_a_link_only_python_reads_as_a_wechat_article_is_no_live_link(href: str) -> None:
    """Attack: a post links ``https://evil.example\\@mp.weixin.qq.com/…``; the WeChat copy
    kept it as a live link to evil.example. Defence: it becomes a numbered reference like
    every link off WeChat's article host; the honest article link stays live."""
    assert _live_links(f"见[上一期通知]({href})。") == []
    assert _live_links(f"见[上一期通知]({HONEST})。") == [HONEST]


@pytest.mark.parametrize("href", ELSEWHERE)
def test_a_reply_cannot_name_the_article_host_in_another_spelling(href: str) -> None:
    """Held: the reply's ``article_url`` in any of these spellings is a bad reply; the
    honest link is taken as it is."""
    ctx = Context("微信公众号", "freepublish/get", base_url="https://api.weixin.qq.com")
    with pytest.raises(BadReply, match="article_url"):
        Fields({"article_url": href}, ctx).url("article_url", hosts=("mp.weixin.qq.com",))
    taken = Fields({"article_url": HONEST}, ctx).url("article_url", hosts=("mp.weixin.qq.com",))
    assert taken == HONEST
