"""Red team, round 12: a platform's reply chooses the link the archive shows.

The archive page of a post links each platform copy at the URL its platform answered
(WeChat's ``article_url`` from ``freepublish/get``); the reply is read as an ``https`` URL of
any host. A hostile reply (threat class 9, attacker c) can make the unit's own archive page
send citizens to a site of its choosing under the unit's name. ``govmedia publish`` runs in
a new process against the loopback emulator.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pipeline.emulators import Emulator
from tests.publish_support import (
    SMALL_POSTS,
    env_for,
    faults,
    ledger_records,
    publish_process,
    small_repo,
)

POST = (SMALL_POSTS[0],)  # wechat, weibo and app
PHISH = "https://weixin-verify.example/s/unit-notice"


@pytest.mark.xfail(
    strict=True,
    reason="pipeline/platforms (replies.url) accepts an https URL of any host and "
    "pipeline/site/pages.py links it: a WeChat article URL is not pinned to mp.weixin.qq.com "
    "(or the emulator's own address)",
)
def test_a_reply_cannot_point_the_archive_at_another_site(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", POST)
    detail = {"count": 1, "item": [{"idx": 1, "article_url": PHISH}]}
    faults(
        emulator,
        {"path": "/cgi-bin/freepublish/get", "merge": {"article_detail": detail}, "times": -1},
    )
    run = publish_process(repo, env_for(emulator))
    assert "Traceback" not in run.out + run.err
    allowed = {"mp.weixin.qq.com", urlsplit(emulator.url).hostname}
    wechat = [
        r for r in ledger_records(repo) if r["event"] == "published" and r["platform"] == "wechat"
    ]
    assert wechat, run.out + run.err  # the article was published; only its link is at stake
    for record in wechat:
        assert urlsplit(record["url"]).hostname in allowed, record["url"]
