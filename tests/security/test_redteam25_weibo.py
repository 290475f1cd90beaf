"""Red team, round 25: the Weibo text is the checked text for every address, prefix and digest.

Round 22 checked the body's cut opening as 微博文本, measured with the default archive
address and no prefix; left open: a longer ``GOVMEDIA_SITE_URL`` or a correction's
【更正】 cuts a few characters earlier, so a denial within those characters was read by the
check and never sent. And a ``digest`` (up to 128 characters, WeChat's limit) longer than
a status holds beside the title and the link was cut the same way, unchecked: a digest
quoting a rumour and denying it at its end went to Weibo as the rumour and "…".
Defence: the status is laid out for the longest address and prefix a run may give
(``weibo_text.layout``: 64 ASCII characters of address, 【更正】), so its summary is one
text on the desk, on the server and in every run, a longer address is refused before any
call; a cut digest is read as 微博文本 like the body's cut. Real clones of a bare remote
with the installed hooks, real SSH signatures, the real CLI.
"""

from __future__ import annotations

import pytest

from pipeline.content import Post, parse_post
from pipeline.platforms.errors import Permanent
from pipeline.platforms.render_weibo import render_weibo
from pipeline.platforms.weibo_text import (
    PREFIX_RESERVE,
    RESERVED_SITE_URL,
    SITE_URL_MAX,
    status_length,
)
from pipeline.rules.weibo_field import weibo_text
from pipeline.site.paths import DEFAULT_SITE_URL, absolute_post_url
from tests.conftest import run_cli
from tests.security.battery_support import Unit, accepted
from tests.security.test_redteam22_weibo import POST, RUMOUR, _post

DENIAL = "此系谣言。"
REST = "请市民不信谣、不传谣，以官方发布为准，交通和商超一切正常。"
# the quotation ends where the default address's cut still held the denial
BODY = f"近日有网友称“{RUMOUR[:76]}”。{DENIAL}{REST}\n"
DIGEST = f"网传“{RUMOUR[:95]}”，经核实，此系谣言，请勿轻信。"
LONG_SITE = "https://www.yakeshi.gov.cn/zwfw/xinmeiti/fabu/archive/"  # under the reserve


def _parsed(text: str) -> Post:
    post = parse_post(POST, text.encode()).post
    assert post is not None
    return post


def _summary(post: Post, site_url: str, prefix: str) -> str:
    """What Weibo receives between the title and the link."""
    status = render_weibo(post, site_url=site_url, prefix=prefix)
    head = f"{prefix}【{post.title}】"
    assert status.startswith(head)
    return status[len(head) : -len(" " + absolute_post_url(site_url, "bixian-yaoyan"))]


def test_a_denial_the_default_address_kept_is_no_longer_assumed_sent(unit: Unit) -> None:
    """Attack: the denial sits just inside the cut the default address gives (round 22's
    checked text), past the cut a longer address or a correction gives. The check passed,
    the run with the unit's real address sent the rumour alone. Defence: the cut checked is
    the one every address up to the reserve gives: the desk and the server refuse it."""
    assert len(LONG_SITE) <= SITE_URL_MAX
    post = _parsed(_post(body=BODY))
    title = f"【{post.title}】"
    kept = f"近日有网友称“{RUMOUR[:76]}”。{DENIAL}…"
    link = absolute_post_url(DEFAULT_SITE_URL, "bixian-yaoyan")
    assert status_length(f"{title}{kept} {link}") <= 140  # round 22 read the denial
    for site_url in (DEFAULT_SITE_URL, LONG_SITE):
        for prefix in ("", PREFIX_RESERVE):
            assert DENIAL not in _summary(post, site_url, prefix)

    unit.branch("rumour")
    unit.write(POST, _post(body=BODY))
    unit.commit("新稿：关于近期网络传言的说明")
    checked = run_cli("check", POST, cwd=unit.clone.path)
    assert "[PF-WEIBO-TEXT]" in checked.out and "[A9-06]" in checked.out, checked.out
    unit.approval_all(POST)
    err = unit.attack()
    assert f"{POST}:10: [PF-WEIBO-TEXT]" in err, err


def test_a_digest_cut_for_weibo_is_checked_as_the_weibo_text(unit: Unit) -> None:
    """Attack: a digest within WeChat's 128 characters quotes a rumour and denies it at its
    end; the digest passes as a whole, Weibo received its cut: the rumour and "…".
    Defence: the cut digest is 微博文本, an error on the desk and on the server; the same
    digest shortened to fit passes and is sent whole."""
    post = _parsed(_post(digest=DIGEST))
    assert "此系谣言" not in render_weibo(post, site_url=DEFAULT_SITE_URL)
    unit.branch("digest")
    unit.write(POST, _post(digest=DIGEST))
    unit.commit("新稿：关于近期网络传言的说明")
    checked = run_cli("check", POST, cwd=unit.clone.path)
    assert f"{POST}:8" in checked.out and "[PF-WEIBO-TEXT]" in checked.out, checked.out
    assert "摘要（digest）截取" in checked.out and "缩短 digest" in checked.out, checked.out
    unit.approval_all(POST)
    err = unit.attack()
    assert f"{POST}:8: [PF-WEIBO-TEXT]" in err, err

    short = "我市没有任何封城安排，交通和商超一切正常，此系谣言，请勿轻信。"
    unit.branch("honest", "origin/main")
    unit.write(POST, _post(digest=short))
    unit.commit("新稿：关于近期网络传言的说明")
    checked = run_cli("check", POST, cwd=unit.clone.path)
    assert "PF-WEIBO-TEXT" not in checked.out, checked.out
    assert short in render_weibo(_parsed(_post(digest=short)), site_url=LONG_SITE)
    unit.approval_all(POST)
    accepted(unit, unit.push())


@pytest.mark.parametrize("kind", ["body", "digest"])
def test_the_checked_text_is_sent_for_every_address_and_prefix(kind: str) -> None:
    """The invariant: the text the check reads as 微博文本 is the summary of every status a
    run may send (any address up to the reserve, with or without 【更正】)."""
    post = _parsed(_post(body=BODY) if kind == "body" else _post(digest=DIGEST))
    checked = weibo_text(post, None)
    assert checked is not None and checked.endswith("…")
    for site_url in (DEFAULT_SITE_URL, LONG_SITE, RESERVED_SITE_URL):
        for prefix in ("", PREFIX_RESERVE):
            status = render_weibo(post, site_url=site_url, prefix=prefix)
            assert status_length(status) <= 140
            assert _summary(post, site_url, prefix) == checked


def test_an_address_longer_than_the_reserve_is_refused_before_any_call() -> None:
    """An archive address beyond the reserve would cut the summary earlier than checked:
    the status is refused, naming the setting, never cut otherwise."""
    post = _parsed(_post(body=BODY))
    longer = "https://" + "a" * SITE_URL_MAX + ".example.cn/"
    with pytest.raises(Permanent, match="GOVMEDIA_SITE_URL"):
        render_weibo(post, site_url=longer)
