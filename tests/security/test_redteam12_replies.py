"""Red team, round 12: a platform's reply chooses the link the archive shows.

The archive page of a post links each platform copy at the URL its platform answered
(WeChat's ``article_url`` from ``freepublish/get``); the reply is read as an ``https`` URL of
any host. A hostile reply (threat class 9, attacker c) can make the unit's own archive page
send citizens to a site of its choosing under the unit's name. An article link is now taken
only on mp.weixin.qq.com (or the API's own host: the emulator); any other is a bad reply,
refused and named like every malformed field. ``govmedia publish`` runs in a new process
against the loopback emulator.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

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
    records = ledger_records(repo)
    for record in records:  # no record of any kind keeps the reply's link
        assert PHISH not in str(record), record
    for record in records:
        if record["event"] == "published" and record["platform"] == "wechat":
            assert urlsplit(record["url"]).hostname in allowed, record["url"]
    # the reply is refused loudly, naming the field and the host it must be on
    assert run.code != 0
    assert "article_url 不是 mp.weixin.qq.com 上的链接" in run.out + run.err
    assert "未采用该应答" in run.out + run.err
    # the honest channels of the same post are published as usual
    assert {r["platform"] for r in records if r["event"] == "published"} == {"weibo", "app"}
