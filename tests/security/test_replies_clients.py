"""Threat class 9, client level: hostile replies from the real loopback emulators.

Each attack is a fault of the emulator (pipeline/emulators/faults.py) shaping one reply;
the client must turn it into its typed error, with a Chinese message that quotes neither
the body nor a secret in any encoding, and keep working once the platform answers well.
"""

from __future__ import annotations

import pytest

from pipeline.emulators import Emulator
from pipeline.platforms import errors as E
from pipeline.platforms.app import AppClient
from pipeline.platforms.cover import default_cover
from pipeline.platforms.http import RetryPolicy
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.weibo import WeiboClient, status_url
from tests.publish_support import CREDS, faults
from tests.security.replies_support import encodings, leaks

FAST = RetryPolicy(attempts=3, base_delay=0.0, max_delay=0.0, sleep=lambda s: None)
PNG = default_cover()  # a real PNG: the client converts it to a JPEG thumb
SECRET = CREDS["GOVMEDIA_WECHAT_SECRET"]
TOKEN = CREDS["GOVMEDIA_WEIBO_TOKEN"]
HAN = "\u4e00-\u9fff"


def wechat(emu: Emulator) -> WeChatClient:
    return WeChatClient(emu.url, CREDS["GOVMEDIA_WECHAT_APPID"], SECRET, retry=FAST)


def weibo(emu: Emulator) -> WeiboClient:
    return WeiboClient(emu.url, TOKEN, retry=FAST, rip="127.0.0.1")


def app(emu: Emulator) -> AppClient:
    return AppClient(emu.app_push_url, CREDS["GOVMEDIA_APP_HMAC_KEY"], retry=FAST)


def chinese_and_clean(exc: BaseException, *marks: str) -> str:
    text = str(exc)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    assert not leaks(text), (text, leaks(text))
    for mark in marks:
        assert mark not in text, text
    return text


def honest_publish(client: WeChatClient) -> dict:
    thumb, _ = client.add_material(PNG, "cover.png")
    media_id = client.draft_add(
        [
            {
                "title": "测试标题",
                "author": "王芳",
                "content": "<p>正文</p>",
                "content_source_url": "https://gov.example.cn/archive/posts/x/",
                "thumb_media_id": thumb,
            }
        ]
    )
    return client.poll_publish(client.freepublish_submit(media_id), interval=0)


@pytest.mark.parametrize("expires_in", ["7200; rm -rf", "abc", 1.5, -1, 10**12, [7200], True])
def test_bad_expires_in_is_a_typed_error_and_no_token_is_kept(
    emulator: Emulator, expires_in: object
) -> None:
    reply = {"errcode": 0, "access_token": "EMUhostile" + SECRET, "expires_in": expires_in}
    faults(emulator, {"path": "/cgi-bin/stable_token", "reply": reply})
    client = wechat(emulator)
    with pytest.raises(E.BadReply) as caught:
        client.token()
    text = chinese_and_clean(caught.value, "EMUhostile", "rm -rf")
    assert "expires_in" in text
    assert client.token_fetches == 0
    assert honest_publish(client)["publish_status"] == 0  # the next, honest reply is used


@pytest.mark.parametrize("encoding", sorted(encodings(SECRET)))
def test_secret_echoed_in_errmsg_never_reaches_the_message(
    emulator: Emulator, encoding: str
) -> None:
    echoed = f"invalid appsecret {encodings(SECRET)[encoding]} (from 1.2.3.4)"
    faults(
        emulator, {"path": "/cgi-bin/stable_token", "reply": {"errcode": 40125, "errmsg": echoed}}
    )
    with pytest.raises(E.OperatorAction) as caught:
        wechat(emulator).token()
    text = chinese_and_clean(caught.value)
    assert "40125" in text


def test_weibo_token_echoed_in_error_is_scrubbed(emulator: Emulator) -> None:
    for encoded in encodings(TOKEN).values():
        reply = {"error": f"bad token {encoded}", "error_code": 21332}
        faults(emulator, {"path": "/2/statuses/share.json", "reply": reply, "status": 403})
        with pytest.raises(E.OperatorAction) as caught:
            weibo(emulator).share("正文 http://127.0.0.1:8000/posts/a.html")
        chinese_and_clean(caught.value)


@pytest.mark.parametrize(
    "body",
    [
        '{"errcode": "40125x"}',
        '{"errcode": "\uff11"}',
        '{"errcode": {"a": 1}}',
        '{"errcode": 1e400}',
        '{"errcode": 1.5}',
        '{"errcode": 0, "access_token": "EMU token with spaces"}',
        '{"errcode": 0, "access_token": ""}',
        '{"errcode": 0}',
    ],
)
def test_non_numeric_errcode_or_bad_token_is_refused(emulator: Emulator, body: str) -> None:
    faults(
        emulator,
        {"path": "/cgi-bin/stable_token", "raw": body, "content_type": "application/json"},
    )
    client = wechat(emulator)
    with pytest.raises(E.BadReply) as caught:
        client.token()
    chinese_and_clean(caught.value, "40125x", "spaces")
    assert client.token_fetches == 0


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "http://evil.example.com/s/1",  # plain http off loopback
        'https://mp.weixin.qq.com/s/1" onmouseover="alert(1)',
        "https://user:pass@mp.weixin.qq.com/s/1",
        "//evil.example.com/s/1",
        "",
    ],
)
def test_non_https_article_url_in_publish_reply_is_refused(emulator: Emulator, url: str) -> None:
    client = wechat(emulator)
    thumb, _ = client.add_material(PNG, "cover.png")
    media_id = client.draft_add(
        [{"title": "标题", "content": "<p>正文</p>", "thumb_media_id": thumb}]
    )
    publish_id = client.freepublish_submit(media_id)
    detail = {"count": 1, "item": [{"idx": 1, "article_url": url}]}
    faults(emulator, {"path": "/cgi-bin/freepublish/get", "merge": {"article_detail": detail}})
    with pytest.raises(E.BadReply) as caught:
        client.poll_publish(publish_id, interval=0)
    chinese_and_clean(caught.value, "alert", "evil")
    # the honest reply (emulator on loopback: http is accepted there only) goes through
    result = client.poll_publish(publish_id, interval=0)
    assert result["article_detail"]["item"][0]["article_url"].startswith(emulator.url + "/s?")


def test_hostile_ids_and_urls_in_wechat_replies(emulator: Emulator) -> None:
    client = wechat(emulator)
    faults(emulator, {"path": "/cgi-bin/media/uploadimg", "merge": {"url": "javascript:alert(1)"}})
    with pytest.raises(E.BadReply, match="url"):
        client.uploadimg(PNG, "a.png")
    faults(emulator, {"path": "/cgi-bin/material/add_material", "merge": {"media_id": "<img>"}})
    with pytest.raises(E.BadReply, match="media_id"):
        client.add_material(PNG, "cover.png")
    thumb, _ = client.add_material(PNG, "cover.png")
    article = {"title": "标题", "content": "<p>正文</p>", "thumb_media_id": thumb}
    faults(emulator, {"path": "/cgi-bin/draft/add", "merge": {"media_id": ""}})
    with pytest.raises(E.UncertainReply):  # the draft may exist: reconcile, never resend
        client.draft_add([article])
    faults(emulator, {"path": "/cgi-bin/freepublish/submit", "merge": {"publish_id": "1 OR 1"}})
    media_id = client.draft_add([article])
    with pytest.raises(E.UncertainReply):
        client.freepublish_submit(media_id)
    faults(emulator, {"path": "/cgi-bin/freepublish/batchget", "merge": {"total_count": "9"}})
    with pytest.raises(E.BadReply, match="total_count"):
        list(client.iter_published())
    faults(
        emulator,
        {"path": "/cgi-bin/freepublish/batchget", "merge": {"item": [{"article_id": "a b"}]}},
    )
    with pytest.raises(E.BadReply, match="article_id"):
        list(client.iter_published())


@pytest.mark.parametrize(
    ("fault", "idempotent_error"),
    [
        (
            {"raw": "<html><body>502 Bad Gateway</body></html>", "content_type": "text/html"},
            E.BadReply,
        ),
        ({"raw": "not json at all " + SECRET}, E.BadReply),
        ({"raw": '{"errcode": 0, "x": NaN}', "content_type": "application/json"}, E.BadReply),
        ({"raw": "[" * 100_000 + "]" * 100_000, "content_type": "application/json"}, E.BadReply),
        ({"reply": ["errcode", 0]}, E.BadReply),
        ({"reply": {"errcode": 0, "url": "https://x"}, "content_type": "text/html"}, E.BadReply),
        ({"oversize": 5 * 1024 * 1024}, E.BadReply),
    ],
    ids=["html", "text", "nan", "deep", "list", "content-type", "oversize"],
)
def test_malformed_bodies_are_typed_errors(
    emulator: Emulator, fault: dict, idempotent_error: type
) -> None:
    client = wechat(emulator)
    client.token()
    faults(emulator, {"path": "/cgi-bin/media/uploadimg", **fault})
    with pytest.raises(idempotent_error) as caught:
        client.uploadimg(PNG, "a.png")
    chinese_and_clean(caught.value, "Bad Gateway", "not json", "NaN", "xxxxxxxx")
    # the same on a call that may have taken effect: reconcile, do not resend
    thumb, _ = client.add_material(PNG, "cover.png")
    faults(emulator, {"path": "/cgi-bin/draft/add", **fault})
    with pytest.raises(E.UncertainReply):
        client.draft_add([{"title": "标题", "content": "<p>正文</p>", "thumb_media_id": thumb}])


def test_server_error_page_stays_retryable(emulator: Emulator) -> None:
    client = wechat(emulator)
    client.token()
    faults(emulator, {"path": "/cgi-bin/media/uploadimg", "raw": "<h1>busy</h1>", "status": 503})
    assert client.uploadimg(PNG, "a.png").startswith("https://")  # retried, then honest


@pytest.mark.parametrize(
    "status",
    [
        {"id": "javascript:alert(1)", "idstr": "javascript:alert(1)"},
        {"id": -5},
        {"idstr": "12/../../x", "id": 1},
        {"id": 1, "user": {"idstr": "evil.example.com"}},
        {"id": 1, "text": ["not", "text"]},
    ],
    ids=["scheme", "negative", "path", "uid", "text"],
)
def test_weibo_share_reply_with_hostile_fields_is_uncertain(
    emulator: Emulator, status: dict
) -> None:
    client = weibo(emulator)
    faults(emulator, {"path": "/2/statuses/share.json", "merge": status})
    with pytest.raises(E.UncertainReply) as caught:  # posted? the timeline will say
        client.share("正文 http://127.0.0.1:8000/posts/a.html")
    chinese_and_clean(caught.value, "alert", "evil")
    found = client.find_status("http://127.0.0.1:8000/posts/a.html")
    assert found is not None and status_url(found).startswith("https://weibo.com/")


def test_weibo_timeline_with_a_hostile_status_is_refused(emulator: Emulator) -> None:
    client = weibo(emulator)
    client.share("正文 http://127.0.0.1:8000/posts/a.html")
    bad = {"statuses": [{"id": "javascript:alert(1)", "text": "x"}]}
    faults(emulator, {"path": "/2/statuses/user_timeline.json", "reply": bad})
    with pytest.raises(E.BadReply):
        list(client.iter_timeline())
    faults(
        emulator, {"path": "/2/statuses/share.json", "reply": {"error_code": "abc"}, "status": 400}
    )
    with pytest.raises(E.UnknownOutcome, match="未知错误"):  # outcome unknown, not "refused"
        client.share("另一条 http://127.0.0.1:8000/posts/b.html")
    assert [s["idstr"].isdigit() for s in client.iter_timeline()] == [True]


def test_status_url_only_from_numeric_ids() -> None:
    assert status_url({"idstr": "12", "user": {"idstr": "34"}}) == "https://weibo.com/34/12"
    assert status_url({"idstr": "javascript:x", "user": {"idstr": "34"}}) == ""
    assert status_url({"idstr": "12", "user": {"idstr": "a.b/c"}}) == ""


@pytest.mark.parametrize(
    "fault",
    [
        {"raw": "created", "status": 201},
        {"reply": {"id": "<script>", "duplicate": False}, "status": 201},
        {"reply": {"id": "push-1", "duplicate": "yes"}, "status": 201},
        {"reply": {"duplicate": False}, "status": 201},
    ],
    ids=["text", "id", "duplicate", "missing"],
)
def test_app_push_answer_is_checked(emulator: Emulator, fault: dict) -> None:
    client = app(emulator)
    faults(emulator, {"path": "/app/push", **fault})
    with pytest.raises(E.BadReply) as caught:
        client.push({"type": "item", "item": {"id": "govmedia:x", "content_text": "x"}}, "x:1")
    chinese_and_clean(caught.value, "<script>")
    answer = client.push({"type": "item", "item": {"id": "govmedia:x", "content_text": "x"}}, "x:1")
    assert set(answer) == {"id", "duplicate"} and answer["id"].startswith("push-")


@pytest.mark.parametrize("value", ["soon", "NaN", "-5", "1e309", "inf"])
def test_app_retry_after_never_crashes(emulator: Emulator, value: str) -> None:
    client = AppClient(
        emulator.app_push_url,
        CREDS["GOVMEDIA_APP_HMAC_KEY"],
        retry=RetryPolicy(attempts=1, sleep=lambda s: None),
    )
    faults(
        emulator,
        {"path": "/app/push", "reply": {}, "status": 429, "headers": {"Retry-After": value}},
    )
    with pytest.raises(E.WaitWindow) as caught:
        client.push({"type": "item", "item": {"id": "x", "content_text": "x"}}, "k")
    assert 0 <= caught.value.retry_after <= 86_400
    assert client.push({"type": "item", "item": {"id": "x", "content_text": "x"}}, "k")["id"]
