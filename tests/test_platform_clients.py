"""The platform clients against the real loopback emulators: each error-code class."""

from __future__ import annotations

import httpx
import pytest

from pipeline.emulators import Emulator
from pipeline.platforms import errors as E
from pipeline.platforms.app import AppClient
from pipeline.platforms.cover import default_cover
from pipeline.platforms.http import RetryPolicy
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.weibo import WeiboClient
from tests.publish_support import CREDS, faults, stats, wechat_client, weibo_client

FAST = RetryPolicy(attempts=3, base_delay=0.0, max_delay=0.0, sleep=lambda s: None)
PNG = default_cover()  # a real PNG: the client converts it to a JPEG thumb


def wechat(emu: Emulator) -> WeChatClient:
    return wechat_client(emu, FAST)


def weibo(emu: Emulator) -> WeiboClient:
    return weibo_client(emu, FAST)


def app(emu: Emulator, key: str | None = None) -> AppClient:
    return AppClient(emu.app_push_url, key or CREDS["GOVMEDIA_APP_HMAC_KEY"], retry=FAST)


def article(client: WeChatClient, **over: object) -> dict:
    thumb, _ = client.add_material(PNG, "cover.png")
    return {
        "title": "测试标题",
        "author": "王芳",
        "digest": "摘要",
        "content": '<p style="color: red;">正文</p>',
        "content_source_url": "https://gov.example.cn/archive/posts/x/",
        "thumb_media_id": thumb,
        **over,
    }


def test_wechat_happy_path_and_delete(emulator: Emulator) -> None:
    client = wechat(emulator)
    url = client.uploadimg(PNG, "a.png")
    media_id = client.draft_add([article(client, content=f'<p><img src="{url}"></p>')])
    assert [d["media_id"] for d in client.iter_drafts()] == [media_id]
    publish_id = client.freepublish_submit(media_id)
    result = client.poll_publish(publish_id, interval=0)
    assert result["publish_status"] == 0
    jobs = list(client.iter_published())
    assert jobs[0]["article_id"] == result["article_id"]
    assert url in httpx.get(result["article_detail"]["item"][0]["article_url"]).text
    client.freepublish_delete(result["article_id"])
    assert list(client.iter_published()) == []
    assert client.token_fetches == 1  # cached across calls


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (40013, E.OperatorAction),
        (40125, E.OperatorAction),
        (40243, E.OperatorAction),
        (40164, E.OperatorAction),
        (48001, E.OperatorAction),
        (45009, E.DailyQuota),
        (45011, E.WaitWindow),
        (45002, E.Permanent),
        (40007, E.Permanent),
        (45166, E.Permanent),
        (53503, E.Permanent),
        (53504, E.OperatorAction),
        (53505, E.OperatorAction),
    ],
)
def test_wechat_error_classes(emulator: Emulator, code: int, kind: type) -> None:
    client = wechat(emulator)
    payload = article(client)
    faults(emulator, {"path": "/cgi-bin/draft/add", "error": code, "times": 1})
    with pytest.raises(kind) as info:
        client.draft_add([payload])
    assert info.value.code == code and str(code) in str(info.value)
    assert CREDS["GOVMEDIA_WECHAT_SECRET"] not in str(info.value)


def test_wechat_busy_is_retried_with_backoff(emulator: Emulator) -> None:
    client = wechat(emulator)
    faults(emulator, {"path": "/cgi-bin/draft/batchget", "error": -1, "times": 2})
    assert client.draft_batchget()["item"] == []
    assert stats(emulator)["/cgi-bin/draft/batchget"] == 3


@pytest.mark.parametrize("path", ["/cgi-bin/draft/add", "/cgi-bin/freepublish/submit"])
def test_wechat_busy_on_a_non_idempotent_call_is_not_resent(emulator: Emulator, path: str) -> None:
    client = wechat(emulator)
    media_id = client.draft_add([article(client)])
    faults(emulator, {"path": path, "error": -1, "times": 1})
    with pytest.raises(E.Uncertain):
        if path.endswith("submit"):
            client.freepublish_submit(media_id)
        else:
            client.draft_add([article(client)])
    assert stats(emulator)[path] == (1 if path.endswith("submit") else 2)


@pytest.mark.parametrize("code", [40001, 40014, 42001])
def test_wechat_token_refreshed_once(emulator: Emulator, code: int) -> None:
    client = wechat(emulator)
    payload = article(client)
    faults(emulator, {"path": "/cgi-bin/draft/add", "error": code, "times": 1})
    assert client.draft_add([payload])
    assert client.token_fetches == 2
    faults(emulator, {"path": "/cgi-bin/draft/add", "error": code, "times": 2})
    with pytest.raises(E.TokenExpired):
        client.draft_add([payload])  # refreshed once, then it stops


def test_wechat_token_expiring_mid_run(emulator: Emulator) -> None:
    client = wechat(emulator)
    faults(emulator, {"expire_tokens": True, "after": 2})
    for _ in range(5):
        client.uploadimg(PNG, "a.png")
    assert client.token_fetches == 2


def test_wechat_bad_secret_never_shown(emulator: Emulator) -> None:
    client = WeChatClient(
        emulator.url, CREDS["GOVMEDIA_WECHAT_APPID"], "wrong-secret-XYZ", retry=FAST
    )
    with pytest.raises(E.OperatorAction) as info:
        client.uploadimg(PNG, "a.png")
    assert "wrong-secret-XYZ" not in str(info.value) and "40125" in str(info.value)


def test_wechat_limits_checked_before_any_call() -> None:
    calls = []
    transport = httpx.MockTransport(lambda request: calls.append(request) or httpx.Response(500))
    client = WeChatClient("http://127.0.0.1:9", "wx", "secret", transport=transport, retry=FAST)
    for over in (
        {"title": "标" * 33},
        {"author": "作" * 17},
        {"digest": "摘" * 129},
        {"content": "x" * 20_000},
        {"thumb_media_id": ""},
    ):
        payload = {
            "title": "t",
            "author": "a",
            "digest": "d",
            "content": "<p>x</p>",
            "content_source_url": "",
            "thumb_media_id": "m",
            **over,
        }
        with pytest.raises(E.Permanent):
            client.draft_add([payload])
    assert calls == []


def test_wechat_dropped_answer_is_uncertain_for_submit(emulator: Emulator) -> None:
    client = wechat(emulator)
    media_id = client.draft_add([article(client)])
    faults(emulator, {"path": "/cgi-bin/freepublish/submit", "drop": "after", "times": 1})
    with pytest.raises(E.Uncertain):
        client.freepublish_submit(media_id)
    assert len(list(client.iter_published())) == 1  # it did take effect


def test_wechat_job_states(emulator: Emulator) -> None:
    client = wechat(emulator)
    faults(emulator, {"publishing_polls": 3})
    publish_id = client.freepublish_submit(client.draft_add([article(client)]))
    with pytest.raises(E.Retryable):
        client.poll_publish(publish_id, interval=0, max_polls=2)
    assert client.poll_publish(publish_id, interval=0, max_polls=5)["publish_status"] == 0
    faults(emulator, {"publish_status": 4})
    publish_id = client.freepublish_submit(client.draft_add([article(client)]))
    assert client.poll_publish(publish_id, interval=0)["publish_status"] == 4


def test_emulator_refuses_external_links_and_style_tags(emulator: Emulator) -> None:
    client = wechat(emulator)
    for content in (
        '<p><a href="https://example.com/">x</a></p>',
        '<a href="#top">x</a>',
        "<style>p{}</style><p>x</p>",
    ):
        with pytest.raises(E.Permanent) as info:
            client.draft_add([article(client, content=content)])
        assert info.value.code == 45166
    assert client.draft_add(
        [article(client, content='<p><a href="https://mp.weixin.qq.com/s/x">x</a></p>')]
    )


def test_weibo_share_timeline_destroy(emulator: Emulator) -> None:
    client = weibo(emulator)
    status = client.share("测试 https://gov.example.cn/archive/posts/a/")
    assert client.find_status("/posts/a/")["idstr"] == status["idstr"]
    assert client.destroy(status["idstr"])["idstr"] == status["idstr"]
    assert client.destroy(status["idstr"]) is None  # 20101: already gone
    assert client.find_status("/posts/a/") is None


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (10022, E.WaitWindow),
        (10023, E.WaitWindow),
        (10024, E.WaitWindow),
        (20017, E.Duplicate),
        (20019, E.Duplicate),
        (20012, E.Permanent),
        (10017, E.Permanent),
        (10014, E.OperatorAction),
        (21327, E.OperatorAction),
        (21301, E.OperatorAction),
        (21319, E.OperatorAction),
        (20111, E.Duplicate),
        (20016, E.WaitWindow),
        (20032, E.LiveUnconfirmed),
        (29999, E.UnknownOutcome),
    ],
)
def test_weibo_error_classes(emulator: Emulator, code: int, kind: type) -> None:
    faults(emulator, {"path": "/2/statuses/share.json", "error": code, "times": 1})
    with pytest.raises(kind) as info:
        weibo(emulator).share("文字 https://gov.example.cn/archive/posts/b/")
    assert info.value.code == code
    assert CREDS["GOVMEDIA_WEIBO_TOKEN"] not in str(info.value)


@pytest.mark.parametrize("code", [10001, 10002, 10009])
def test_weibo_transient_retried_on_reads(emulator: Emulator, code: int) -> None:
    faults(emulator, {"path": "/2/statuses/user_timeline.json", "error": code, "times": 1})
    assert weibo(emulator).user_timeline()["statuses"] == []
    assert stats(emulator)["/2/statuses/user_timeline.json"] == 2


@pytest.mark.parametrize("code", [10001, 10002, 10009])
def test_weibo_transient_on_share_is_reconciled_not_resent(emulator: Emulator, code: int) -> None:
    faults(emulator, {"path": "/2/statuses/share.json", "error": code, "times": 1})
    with pytest.raises(E.Uncertain):
        weibo(emulator).share("文字 https://gov.example.cn/archive/posts/c/")
    assert stats(emulator)["/2/statuses/share.json"] == 1


def test_weibo_emulator_limits(emulator: Emulator) -> None:
    client = weibo(emulator)
    with pytest.raises(E.Permanent) as info:
        client._call(
            "POST",
            "/2/statuses/share.json",
            call="share",
            idempotent=False,
            data={
                "access_token": CREDS["GOVMEDIA_WEIBO_TOKEN"],
                "status": "没有链接 https://evil.example.com/",
                "rip": "127.0.0.1",
            },
        )
    assert info.value.code == 10017
    with pytest.raises(E.Permanent):
        client.share("长" * 141 + " https://gov.example.cn/")
    client.share("一次 https://gov.example.cn/archive/d/")
    with pytest.raises(E.Duplicate):
        client.share("一次 https://gov.example.cn/archive/d/")
    bad = WeiboClient(emulator.url, "not-the-token", retry=FAST)
    with pytest.raises(E.OperatorAction):
        bad.share("x https://gov.example.cn/")


def test_app_push_signed_and_idempotent(emulator: Emulator) -> None:
    client = app(emulator)
    item = {"id": "https://gov.example.cn/archive/posts/a/", "content_html": "<p>x</p>"}
    first = client.push({"type": "item", "item": item}, "a:1")
    again = client.push({"type": "item", "item": item}, "a:1")
    assert first["id"] == again["id"] and again["duplicate"] is True
    with pytest.raises(E.OperatorAction):
        app(emulator, "wrong-key").push({"type": "item", "item": item}, "a:2")
    with pytest.raises(E.Permanent):
        client.push({"type": "item", "item": {"id": "x"}}, "a:3")  # no content


@pytest.mark.parametrize(
    ("status", "kind"), [(429, E.WaitWindow), (401, E.OperatorAction), (422, E.Permanent)]
)
def test_app_error_classes(emulator: Emulator, status: int, kind: type) -> None:
    faults(emulator, {"path": "/app/push", "error": status, "times": 5})
    with pytest.raises(kind):
        app(emulator).push({"type": "item", "item": {"id": "i", "content_text": "x"}}, "k")


def test_app_server_error_retried(emulator: Emulator) -> None:
    faults(emulator, {"path": "/app/push", "error": 503, "times": 2})
    assert app(emulator).push({"type": "item", "item": {"id": "i", "content_text": "x"}}, "k")["id"]
