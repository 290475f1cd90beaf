"""Response bodies in the shapes of the official examples, replayed over real HTTP.

Each body below has the fields, types and nesting of the example on the platform's own
documentation page (named beside it), with our own values; the loopback emulator answers
with it as it is (a ``reply`` fault) and the client must read it, or classify it, exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pipeline.emulators import Emulator
from pipeline.platforms import errors as E
from pipeline.platforms.cover import default_cover
from pipeline.platforms.http import RetryPolicy
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.weibo import WeiboClient
from tests.publish_support import faults, running_emulator, wechat_client, weibo_client

FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02)
ARTICLE_URL = "https://mp.weixin.qq.com/s/Fv3k8mY1sQ-example"


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


def wechat(emu: Emulator) -> WeChatClient:
    return wechat_client(emu, FAST)


def weibo(emu: Emulator) -> WeiboClient:
    return weibo_client(emu, FAST)


def replay(emu: Emulator, path: str, body: Any, status: int = 200) -> None:
    faults(emu, {"path": path, "reply": body, "status": status})


# doc: offiaccount/Publish/Publish.html (发布接口) — publish_id a string, msg_data_id a number
def test_freepublish_submit_example(emulator: Emulator) -> None:
    body = {"errcode": 0, "errmsg": "ok", "publish_id": "100000001", "msg_data_id": 2247483673}
    replay(emulator, "/cgi-bin/freepublish/submit", body)
    assert wechat(emulator).freepublish_submit("MEDIA") == "100000001"


# doc: offiaccount/Publish/Get_status.html — success, publishing, and failure shapes
@pytest.mark.parametrize(
    ("body", "status", "url"),
    [
        (
            {
                "publish_id": "100000001",
                "publish_status": 0,
                "article_id": "b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy",
                "article_detail": {"count": 1, "item": [{"idx": 1, "article_url": ARTICLE_URL}]},
                "fail_idx": [],
            },
            0,
            ARTICLE_URL,
        ),
        ({"publish_id": "100000001", "publish_status": 1, "fail_idx": []}, 1, None),
        ({"publish_id": "100000001", "publish_status": 2, "fail_idx": [1, 2]}, 2, None),
        ({"publish_id": 100000001, "publish_status": 6, "article_id": "A-6"}, 6, None),
    ],
)
def test_freepublish_get_examples(
    emulator: Emulator, body: dict, status: int, url: str | None
) -> None:
    replay(emulator, "/cgi-bin/freepublish/get", body)
    result = wechat(emulator).freepublish_get("100000001")
    assert result["publish_status"] == status and result["publish_id"] == "100000001"
    items = result["article_detail"]["item"]
    assert (items[0]["article_url"] if items else None) == url


# doc: offiaccount/Publish/Get_publication_records.html (获取成功发布列表)
def test_freepublish_batchget_example(emulator: Emulator) -> None:
    body = {
        "total_count": 1,
        "item_count": 1,
        "item": [
            {
                "article_id": "ARTICLE-1",
                "content": {
                    "news_item": [
                        {
                            "title": "政务服务大厅延时服务",
                            "author": "王芳",
                            "digest": "摘要",
                            "content": "<p>正文</p>",
                            "content_source_url": "https://gov.example.cn/posts/a.html",
                            "thumb_media_id": "THUMB-1",
                            "show_cover_pic": 0,
                            "need_open_comment": 0,
                            "only_fans_can_comment": 0,
                            "url": ARTICLE_URL,
                            "is_deleted": False,
                        }
                    ]
                },
                "update_time": 1764633600,
            }
        ],
    }
    replay(emulator, "/cgi-bin/freepublish/batchget", body)
    [job] = wechat(emulator).freepublish_batchget()["item"]
    [news] = job["content"]["news_item"]
    assert job["article_id"] == "ARTICLE-1" and news["url"] == ARTICLE_URL
    assert news["title"] == "政务服务大厅延时服务" and news["is_deleted"] is False


# doc: offiaccount/Asset_Management/Adding_Permanent_Assets.html and Draft_Box/Add_draft.html
def test_material_and_draft_examples(emulator: Emulator) -> None:
    client = wechat(emulator)
    replay(
        emulator,
        "/cgi-bin/material/add_material",
        {"media_id": "THUMB-MEDIA-1", "url": "https://mmbiz.qpic.cn/mmbiz_jpg/x/0"},
    )
    assert client.add_material(default_cover(), "c.png")[0] == "THUMB-MEDIA-1"
    replay(emulator, "/cgi-bin/draft/add", {"media_id": "DRAFT-MEDIA-1"})
    article = {
        "title": "标题",
        "content": "<p>正文</p>",
        "thumb_media_id": "THUMB-MEDIA-1",
    }
    assert client.draft_add([article]) == "DRAFT-MEDIA-1"


# doc: offiaccount/Getting_Started/Global_Return_Code.html — the error shape, and codes
@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (40013, E.OperatorAction),
        (45009, E.DailyQuota),
        (53500, E.OperatorAction),
        (53501, E.WaitWindow),
        (53503, E.Permanent),
        (53504, E.OperatorAction),
        (53505, E.OperatorAction),
        (61451, E.UnknownOutcome),  # a code not in our table: outcome unknown, not refused
    ],
)
def test_wechat_error_examples(emulator: Emulator, code: int, kind: type) -> None:
    replay(emulator, "/cgi-bin/freepublish/submit", {"errcode": code, "errmsg": "example"})
    with pytest.raises(kind) as info:
        wechat(emulator).freepublish_submit("MEDIA")
    assert info.value.code == code


# open.weibo.com/wiki/2/statuses/share — a status object (ids as numbers, mid as a string)
def test_weibo_share_example(emulator: Emulator) -> None:
    body = {
        "created_at": "Tue Dec 01 17:46:55 +0800 2026",
        "id": 4971234567890123,
        "mid": "4971234567890123",
        "idstr": "4971234567890123",
        "text": "通知 http://t.cn/A6xYz",
        "source": '<a href="https://weibo.com/" rel="nofollow">govmedia</a>',
        "favorited": False,
        "truncated": False,
        "in_reply_to_status_id": "",
        "in_reply_to_user_id": "",
        "in_reply_to_screen_name": "",
        "geo": None,
        "reposts_count": 0,
        "comments_count": 0,
        "attitudes_count": 0,
        "annotations": [],
        "user": {"id": 7100000001, "idstr": "7100000001", "screen_name": "牙克石政务"},
    }
    replay(emulator, "/2/statuses/share.json", body)
    status = weibo(emulator).share("通知 https://gov.example.cn/posts/a.html")
    assert status["idstr"] == "4971234567890123" and status["user"]["idstr"] == "7100000001"


# open.weibo.com/wiki/Error_code — error_code as a string, with the request path
@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("20019", E.Duplicate),
        ("20111", E.Duplicate),
        ("20032", E.LiveUnconfirmed),
        ("20016", E.WaitWindow),
        ("21301", E.OperatorAction),
        ("21319", E.OperatorAction),
        ("20502", E.UnknownOutcome),
    ],
)
def test_weibo_error_examples(emulator: Emulator, code: str, kind: type) -> None:
    body = {"request": "/2/statuses/share.json", "error_code": code, "error": "example"}
    replay(emulator, "/2/statuses/share.json", body, status=400)
    with pytest.raises(kind) as info:
        weibo(emulator).share("通知 https://gov.example.cn/posts/b.html")
    assert info.value.code == int(code)


# open.weibo.com/wiki/2/short_url/expand
def test_weibo_short_url_expand_example(emulator: Emulator) -> None:
    body = {
        "urls": [
            {
                "result": True,
                "url_short": "http://t.cn/h5mwx",
                "url_long": "https://gov.example.cn/posts/c.html",
                "type": 0,
            }
        ]
    }
    replay(emulator, "/2/short_url/expand.json", body)
    expanded = weibo(emulator).expand_short_urls(["http://t.cn/h5mwx"])
    assert expanded == {"http://t.cn/h5mwx": "https://gov.example.cn/posts/c.html"}
