"""Red team, round 18b: what a platform's reply can make us do (threat class 9).

Each test drives the real ``govmedia publish`` (a new process) or the real clients against
the loopback emulator, in a git repository built in ``tmp_path`` with real signed approvals.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from pipeline.emulators import Emulator
from pipeline.errors import ConfigError
from pipeline.platforms.errors import BadReply, PlatformError
from pipeline.platforms.http import RetryPolicy
from pipeline.platforms.settings import load_settings
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.weibo import WeiboClient
from pipeline.publishing.publisher import UNANSWERED_LIMIT
from tests.publish_support import (
    CREDS,
    WECHAT_BIZ,
    WEIBO_UID,
    env_for,
    faults,
    ledger_records,
    publish_process,
    published,
    small_repo,
    stats,
)

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"
OTHER_BIZ = "MzkxOTk5OTk5OQ=="  # another official account's __biz
OTHER_UID = "7100000999"  # another Weibo account
SIX = (  # six sample posts that go to Weibo
    "2026/03/dating-kaifang-shijian.md",
    "2026/03/fanzha-jingti-maochong.md",
    "2026/03/neimenggu-yiwangtongban-tizhi.md",
    "2026/03/zhanghao-kaitong-gonggao.md",
    "2026/03/zhangshang-app-shangxian.md",
    "2026/11/nianmo-fanzha-tixing.md",
)
RETRY = RetryPolicy(attempts=1, base_delay=0.0)


def _article(url: str) -> dict:
    return {
        "publish_id": "2247483001",
        "publish_status": 0,
        "article_id": "ART_other_1",
        "article_detail": {"count": 1, "item": [{"idx": 1, "article_url": url}]},
    }


def _wechat(emulator: Emulator, biz: str = WECHAT_BIZ) -> WeChatClient:
    return WeChatClient(
        emulator.url,
        CREDS["GOVMEDIA_WECHAT_APPID"],
        CREDS["GOVMEDIA_WECHAT_SECRET"],
        retry=RETRY,
        biz=biz,
    )


def test_a_reply_naming_another_accounts_page_never_becomes_the_posts_link(
    tmp_path: Path, emulator: Emulator
) -> None:
    """WeChat's ``freepublish/get`` answered success with a link to an article of another
    official account on mp.weixin.qq.com (its ``__biz``), and Weibo's ``statuses/share``
    with a status whose ``user`` is another account: the host was checked, the account
    not, so the ledger, and through it the archive's links to the WeChat and Weibo copies,
    pointed at another account's page. Both are now refused before anything is recorded;
    the next run records the post's own article and status, each sent once."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),))
    env = env_for(emulator)
    foreign = f"https://mp.weixin.qq.com/s?__biz={OTHER_BIZ}&mid=2247483650&idx=1&sn=0a1b2c"
    faults(
        emulator,
        {
            "path": "/cgi-bin/freepublish/get",
            "merge": {"article_detail": {"count": 1, "item": [{"idx": 1, "article_url": foreign}]}},
            "times": -1,
        },
        {
            "path": "/2/statuses/share.json",
            "merge": {"user": {"id": int(OTHER_UID), "idstr": OTHER_UID}},
        },
    )
    first = publish_process(repo, env)
    httpx.delete(emulator.url + "/_emulator/faults", timeout=10).raise_for_status()
    assert "另一个公众号" in first.out + first.err, first.out + first.err
    rerun = publish_process(repo, env)
    assert rerun.code == 0, rerun.out + rerun.err

    records = ledger_records(repo)
    text = json.dumps(records, ensure_ascii=False)
    assert OTHER_BIZ not in text and OTHER_UID not in text
    done = {r["platform"]: r for r in records if r["event"] == "published" and r["path"] == POST}
    assert {"wechat", "weibo"} <= set(done)
    assert done["weibo"]["url"] == f"https://weibo.com/{WEIBO_UID}/{done['weibo']['platform_id']}"
    assert done["wechat"]["url"].startswith(emulator.url + "/s?__biz=")
    live = published(emulator)
    assert len(live["wechat"]) == 1 and len(live["weibo"]) == 1  # each sent once


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        (f"https://mp.weixin.qq.com/s?__biz={WECHAT_BIZ}&mid=1&idx=1&sn=ab", True),
        (f"https://mp.weixin.qq.com/s?__biz={WECHAT_BIZ.replace('=', '%3D')}&mid=1", True),
        # the short form names no account, with a __biz added or not (round 25)
        ("https://mp.weixin.qq.com/s/AbCdEfGh12345", False),
        (f"https://mp.weixin.qq.com/s/AbCdEfGh12345?__biz={WECHAT_BIZ}", False),
        (f"https://mp.weixin.qq.com/s?__biz={OTHER_BIZ}&mid=1&idx=1&sn=ab", False),
        (f"https://mp.weixin.qq.com/s?%5F%5Fbiz={OTHER_BIZ}&mid=1", False),
        (f"https://mp.weixin.qq.com/s?__biz={WECHAT_BIZ}&__biz={OTHER_BIZ}&mid=1", False),
        ("https://mp.weixin.qq.com/s?__biz=&mid=1", False),
    ],
)
def test_an_article_link_is_bound_to_the_units_own_account(
    emulator: Emulator, url: str, ok: bool
) -> None:
    """The ``__biz`` of an article link, in every spelling a server decodes, is the unit's
    (``GOVMEDIA_WECHAT_BIZ``); the short form carries no account and is refused (round 25)."""
    faults(emulator, {"path": "/cgi-bin/freepublish/get", "reply": _article(url)})
    with _wechat(emulator) as client:
        if ok:
            answer = client.freepublish_get("2247483001")
            assert answer["article_detail"]["item"][0]["article_url"] == url
        else:
            with pytest.raises(BadReply, match="__biz"):
                client.freepublish_get("2247483001")


def test_the_published_listing_is_bound_to_the_units_own_account(emulator: Emulator) -> None:
    """The published list (read by a run's recovery, the watch and ``ledger rebuild``)
    naming an article of another account is a bad reply, never an item of ours."""
    foreign = f"https://mp.weixin.qq.com/s?__biz={OTHER_BIZ}&mid=1&idx=1&sn=ab"
    page = {
        "total_count": 1,
        "item": [
            {
                "article_id": "ART_other_1",
                "update_time": 1_764_000_000,
                "content": {"news_item": [{"title": "别人的文章", "url": foreign}]},
            }
        ],
    }
    faults(emulator, {"path": "/cgi-bin/freepublish/batchget", "reply": page, "times": -1})
    with _wechat(emulator) as client, pytest.raises(PlatformError, match="另一个公众号"):
        list(client.iter_published())
    with _wechat(emulator, biz="") as unbound:  # no account configured: nothing to bind to
        assert [a["article_id"] for a in unbound.iter_published()] == ["ART_other_1"]


def test_a_weibo_status_of_another_account_is_never_ours(emulator: Emulator) -> None:
    """Statuses another account posted, slipped into the unit's timeline, are not the
    unit's: the recovery, the retraction's check and the watch read only its own."""
    stranger = {
        "id": 5_100_000_001,
        "idstr": "5100000001",
        "text": "【别人的微博】 https://example.org/",
        "created_at": "Tue Nov 24 10:00:00 +0800 2026",
        "user": {"id": int(OTHER_UID), "idstr": OTHER_UID},
    }
    faults(
        emulator,
        {"path": "/2/statuses/user_timeline.json", "merge": {"statuses": [stranger]}, "times": -1},
    )
    client = WeiboClient(
        emulator.url, CREDS["GOVMEDIA_WEIBO_TOKEN"], retry=RETRY, rip="127.0.0.1", uid=WEIBO_UID
    )
    try:
        assert list(client.iter_timeline()) == []
        assert client.find_status("example.org") is None
        assert client.status_url({"idstr": "5100000001", "user": {"idstr": OTHER_UID}}) == ""
    finally:
        client.close()


def test_a_platform_answering_5xx_for_ever_is_not_asked_again_for_every_post(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Weibo (or a proxy before it) answers "system busy" to every call. Each pending post
    asked it again, each with its own retries and its own timeline lookup: a backlog of N
    posts made N rounds of requests and held the run, and its lock, for all of them. After
    ``UNANSWERED_LIMIT`` deliveries in a row end unanswered the platform is stopped for the
    rest of the run; every post waits for the next run, which publishes each once."""
    repo = small_repo(tmp_path / "unit", SIX)
    env = env_for(emulator)
    busy = {"error": 10001, "times": -1}
    faults(
        emulator,
        {"path": "/2/statuses/share.json", **busy},
        {"path": "/2/statuses/user_timeline.json", **busy},
    )
    first = publish_process(repo, env)
    httpx.delete(emulator.url + "/_emulator/faults", timeout=10).raise_for_status()
    asked = stats(emulator)
    assert asked.get("/2/statuses/share.json", 0) == UNANSWERED_LIMIT, (asked, first.out)
    assert "本次运行不再请求该平台" in first.out, first.out
    assert published(emulator)["weibo"] == []

    rerun = publish_process(repo, env)
    assert rerun.code == 0, rerun.out + rerun.err
    assert len(published(emulator)["weibo"]) == len(SIX)


@pytest.mark.parametrize(
    ("name", "value"), [("weibo_uid", "ykszwfwj"), ("wechat_biz", "MzA3 MTAw")]
)
def test_a_misspelt_account_id_is_refused_not_bound_to(
    tmp_path: Path, name: str, value: str
) -> None:
    """A uid that is no number would make every status of the account another's (nothing
    recorded, ever): the setting is refused, by file, line and field, or by variable."""
    config = tmp_path / "govmedia.yml"
    config.write_text(f"{name}: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"govmedia.yml:1:1: 字段 {name}"):
        load_settings(None, {"GOVMEDIA_CONFIG": str(config)})
    with pytest.raises(ConfigError, match=f"GOVMEDIA_{name.upper()} 应为"):
        load_settings(None, {f"GOVMEDIA_{name.upper()}": value})
