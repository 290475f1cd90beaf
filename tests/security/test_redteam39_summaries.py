"""Red team round 39: WeChat's digest and the app's summary, made of the body, never checked.

Without a ``digest`` WeChat's digest (the share card, the article list) is the body's plain
text cut to 54 characters and the app's summary cut to 120: paragraphs joined, links by
their text. Only Weibo's text was read by the check (rounds 22 and 39). ``约`` and ``炮`` in
two paragraphs were clean and both summaries read 约炮; a rumour quoted and denied after
the cut (round 22's post, sent to WeChat and the app only) went out alone in the digest.
Real ``govmedia check`` runs, the real WeChat and app renderers, real signed approvals and a
real push to a bare remote with the real pre-receive.
"""

from __future__ import annotations

from pipeline.content import parse_post
from pipeline.platforms.render_app import feed_item
from pipeline.platforms.render_wechat import render_wechat
from tests.security.battery_support import Unit
from tests.security.test_redteam22_weibo import DENIAL, POST, RUMOUR, _post

SITE = "https://www.example.gov.cn/"


def _summaries(unit: Unit) -> tuple[str, str]:
    post = parse_post(POST, (unit.clone.path / POST).read_bytes()).post
    assert post is not None
    digest = render_wechat(post, site_url=SITE, upload=lambda src: SITE + src).digest
    return digest, feed_item(post, site_url=SITE)["summary"]


def test_words_the_summaries_join_across_paragraphs_are_read(unit: Unit) -> None:
    unit.branch("post/bendian")
    unit.write(POST, _post(channels="[wechat, app]", body="本店提供约\n\n炮服务，欢迎光临。\n"))
    unit.commit("新稿")
    for summary in _summaries(unit):
        assert "本店提供约炮服务" in summary, summary
    found = [r for r in unit.check_json(POST) if r["rule"] == "PF-SUMMARY-TEXT"]
    assert found and found[0]["severity"] == "error" and found[0]["line"] == 10, found


def test_a_rumour_the_wechat_digest_cuts_from_its_denial_is_shown_to_reviewers(
    unit: Unit,
) -> None:
    """Only the cut makes it: a warning each reviewer acknowledges (or a digest), not an
    error, since enforcement news and rebuttals name the offence or the rumour first (an
    error blocked 28 of 6,182 legitimate texts read so)."""
    unit.branch("post/bixian")
    unit.write(POST, _post(channels="[wechat, app]"))
    unit.commit("新稿：关于近期网络传言的说明")
    digest, _ = _summaries(unit)
    assert RUMOUR[:20] in digest and DENIAL[:6] not in digest  # the rumour alone
    found = [r for r in unit.check_json(POST) if r["rule"] == "PF-SUMMARY-TEXT"]
    shown = [r for r in found if "A9-06" in str(r["message"])]
    assert shown and {r["severity"] for r in shown} == {"warning"}, found
    assert all("digest" in str(r["message"]) for r in shown), shown


def test_a_digest_or_the_denial_first_passes(unit: Unit) -> None:
    unit.branch("post/bixian")
    unit.write(
        POST, _post(channels="[wechat, app]", digest="我市没有任何封城安排，请不信谣、不传谣。")
    )
    other = POST.replace("bixian", "xianfa-bixian")
    unit.write(
        other, _post(channels="[wechat, app]", body=f"{DENIAL}近日有网友称“{RUMOUR}”，此系谣言。\n")
    )
    unit.commit("新稿")
    for path in (POST, other):
        assert not [r for r in unit.check_json(path) if r["rule"] == "PF-SUMMARY-TEXT"], path
