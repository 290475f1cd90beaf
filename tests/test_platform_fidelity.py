"""Real-platform fidelity of the clients and the emulators (issue: platform fidelity).

Each test talks to the real loopback emulator over HTTP; the rules the emulator enforces
cite the official documentation pages in its source.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image

from pipeline.emulators import Emulator
from pipeline.platforms import errors as E
from pipeline.platforms.cover import default_cover
from pipeline.platforms.covers import CoverBook
from pipeline.platforms.http import RetryPolicy
from pipeline.platforms.ratelimit import ReadBudget
from pipeline.platforms.thumb import THUMB_MAX_BYTES, thumb_jpeg
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.weibo import WeiboClient, status_length
from tests.publish_support import (
    CREDS,
    control,
    faults,
    running_emulator,
    stats,
    wechat_client,
    weibo_client,
)

FAST = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.02)
LINK = "https://gov.example.cn/archive/posts/fidelity/"


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


def wechat(emu: Emulator) -> WeChatClient:
    return wechat_client(emu, FAST)


def weibo(emu: Emulator, rip: str = "127.0.0.1", reads: ReadBudget | None = None) -> WeiboClient:
    return weibo_client(emu, FAST, rip, reads)


def noisy_png(size: int = 1200) -> bytes:
    rng = random.Random(7)
    image = Image.new("RGBA", (size, size))
    image.frombytes(rng.randbytes(size * size * 4))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# -- covers ----------------------------------------------------------------------------


def test_a_big_transparent_png_becomes_a_jpeg_within_64_kb() -> None:
    source = noisy_png(900)
    assert len(source) > THUMB_MAX_BYTES
    jpeg = thumb_jpeg(source, "cover.png")
    assert jpeg.startswith(b"\xff\xd8\xff") and len(jpeg) <= THUMB_MAX_BYTES
    with Image.open(io.BytesIO(jpeg)) as image:
        assert image.format == "JPEG" and image.mode == "RGB" and max(image.size) <= 900


def test_a_file_that_is_not_a_picture_is_refused_by_name() -> None:
    with pytest.raises(E.Permanent, match=r"cover\.png：不是可读取的图片"):
        thumb_jpeg(b"\x89PNG\r\n\x1a\nnot really", "cover.png")


def test_the_emulator_refuses_png_and_oversized_thumbs(emulator: Emulator) -> None:
    token = wechat(emulator).token()
    url = emulator.url + "/cgi-bin/material/add_material"
    png = httpx.post(
        url,
        params={"access_token": token, "type": "thumb"},
        files={"media": ("c.png", default_cover(), "image/png")},
    ).json()
    assert png["errcode"] == 40113
    big = b"\xff\xd8\xff" + b"0" * (THUMB_MAX_BYTES + 1)
    oversized = httpx.post(
        url,
        params={"access_token": token, "type": "thumb"},
        files={"media": ("c.jpg", big, "image/jpeg")},
    ).json()
    assert oversized["errcode"] == 40009


def test_the_client_uploads_a_png_cover_as_a_jpeg_thumb(emulator: Emulator) -> None:
    media_id, _ = wechat(emulator).add_material(noisy_png(600), "cover.png")
    assert media_id.startswith("MAT_")


def test_a_cover_is_uploaded_once_per_content_and_the_cap_is_checked(emulator: Emulator) -> None:
    client = wechat(emulator)
    before = stats(emulator).get("/cgi-bin/material/add_material", 0)
    book = CoverBook([], cap=2)
    first = book.media_id(default_cover(), "cover.png", client.add_material)
    again = book.media_id(default_cover(), "cover.png", client.add_material)
    assert again == (first[0], first[1], True) and first[2] is False
    book.media_id(noisy_png(300), "other.png", client.add_material)
    with pytest.raises(E.OperatorAction, match="达到上限 2"):
        book.media_id(noisy_png(200), "third.png", client.add_material)
    assert stats(emulator)["/cgi-bin/material/add_material"] == before + 2
    # what the ledger recorded is reused by the next run without any upload
    later = CoverBook([{"thumb_media_id": first[0], "thumb_sha256": first[1]}], cap=2)
    assert later.media_id(default_cover(), "x.png", client.add_material)[2] is True


def test_the_emulator_enforces_the_material_cap(emulator: Emulator) -> None:
    client = wechat(emulator)
    control(emulator, "config", {"wechat_material_cap": 0})
    try:
        with pytest.raises(E.OperatorAction) as info:
            client.add_material(default_cover(), "cover.png")
        assert info.value.code == 45001
    finally:
        control(emulator, "config", {"wechat_material_cap": 1000})


# -- tokens and publish ids ----------------------------------------------------------------


def test_force_refresh_invalidates_the_old_token_and_tokens_last_5_minutes(
    emulator: Emulator,
) -> None:
    url = emulator.url + "/cgi-bin/stable_token"
    body = {
        "grant_type": "client_credential",
        "appid": CREDS["GOVMEDIA_WECHAT_APPID"],
        "secret": CREDS["GOVMEDIA_WECHAT_SECRET"],
    }
    old = httpx.post(url, json={**body, "force_refresh": False}).json()
    assert old["expires_in"] >= 300
    new = httpx.post(url, json={**body, "force_refresh": True}).json()
    assert new["access_token"] != old["access_token"]
    stale = httpx.post(
        emulator.url + "/cgi-bin/draft/batchget",
        params={"access_token": old["access_token"]},
        json={"offset": 0, "count": 1},
    ).json()
    assert stale["errcode"] == 40001
    control(emulator, "clock", {"advance": 7200 - 200})  # 200 s left on the new token
    try:
        fresh = httpx.post(url, json={**body, "force_refresh": False}).json()
        assert fresh["expires_in"] >= 300 and fresh["access_token"] != new["access_token"]
    finally:
        control(emulator, "clock", {"advance": 0})


def test_a_wrong_secret_at_the_token_endpoint_stops_the_channel(emulator: Emulator) -> None:
    faults(emulator, {"path": "/cgi-bin/stable_token", "error": 40001})
    with pytest.raises(E.OperatorAction, match="AppSecret"):
        WeChatClient(emulator.url, "wx", "s", retry=FAST).token()


def test_an_unknown_publish_id_is_53502(emulator: Emulator) -> None:
    with pytest.raises(E.OperatorAction) as info:
        wechat(emulator).freepublish_get("999999999")
    assert info.value.code == 53502


@pytest.mark.parametrize(
    ("code", "kind"),
    [(53500, E.OperatorAction), (53501, E.WaitWindow), (1234567, E.UnknownOutcome)],
)
def test_freepublish_errors_on_request(emulator: Emulator, code: int, kind: type) -> None:
    client = wechat(emulator)
    thumb, _ = client.add_material(default_cover(), "cover.png")
    media_id = client.draft_add([_article(thumb)])
    faults(emulator, {"path": "/cgi-bin/freepublish/submit", "error": code})
    with pytest.raises(kind) as info:
        client.freepublish_submit(media_id)
    assert info.value.code == code


def _article(thumb: str, title: str = "政务服务大厅延时服务") -> dict:
    return {
        "title": title,
        "author": "王芳",
        "digest": "摘要",
        "content": "<p>正文：办事群众可在工作日延时办理。</p>",
        "content_source_url": LINK,
        "thumb_media_id": thumb,
    }


def test_draft_add_sends_plain_utf8_never_unicode_escapes(emulator: Emulator) -> None:
    client = wechat(emulator)
    thumb, _ = client.add_material(default_cover(), "cover.png")
    assert client.draft_add([_article(thumb)])
    escaped = httpx.post(  # what a default json.dumps (ensure_ascii=True) would send
        emulator.url + "/cgi-bin/draft/add",
        params={"access_token": client.token()},
        content=json.dumps({"articles": [_article(thumb)]}).encode(),
        headers={"Content-Type": "application/json"},
    ).json()
    assert escaped["errcode"] == 45166


# -- Weibo ---------------------------------------------------------------------------------


def test_weibo_counts_latin_as_half() -> None:
    assert status_length("中文") == 2
    assert status_length("abcd") == 2
    assert status_length("abc") == 2
    assert status_length("中" * 130 + " " + LINK) == 130 + (1 + len(LINK) + 1) // 2


def test_weibo_share_sends_rip_and_refuses_topics(emulator: Emulator) -> None:
    with pytest.raises(E.OperatorAction, match="GOVMEDIA_WEIBO_RIP"):
        weibo(emulator, rip="").share("没有 rip " + LINK)
    with pytest.raises(E.Permanent, match="话题"):
        weibo(emulator).share("#政务服务# 通知 " + LINK)
    raw = httpx.post(
        emulator.url + "/2/statuses/share.json",
        data={"access_token": CREDS["GOVMEDIA_WEIBO_TOKEN"], "status": "通知 " + LINK},
    )
    assert raw.json()["error_code"] == 10016 and "rip" in raw.json()["error"]
    topic = httpx.post(
        emulator.url + "/2/statuses/share.json",
        data={
            "access_token": CREDS["GOVMEDIA_WEIBO_TOKEN"],
            "status": "#话题# 通知 " + LINK,
            "rip": "127.0.0.1",
        },
    )
    assert topic.status_code == 400


def test_weibo_140_counts_latin_as_half_on_the_emulator(emulator: Emulator) -> None:
    text = "中" * 90 + "a" * 50 + " " + LINK + "x1"
    assert len(text) > 140 and status_length(text) <= 140
    assert weibo(emulator).share(text)["idstr"]


def test_links_are_stored_as_t_cn_and_reconciliation_still_finds_the_status(
    emulator: Emulator,
) -> None:
    client = weibo(emulator)
    link = "https://gov.example.cn/archive/posts/short-link/"
    text = "【短链接】核对测试 " + link
    sent = client.share(text)
    shown = client.user_timeline(count=5)["statuses"]
    mine = next(s for s in shown if s["idstr"] == sent["idstr"])
    assert link not in mine["text"] and "http://t.cn/" in mine["text"]
    found = client.find_shared(text, link)
    assert found is not None and found["idstr"] == sent["idstr"]
    assert client.find_status(link)["idstr"] == sent["idstr"]  # type: ignore[index]
    assert client.find_shared("【短链接】另一条 " + link, link) is None


def test_weibo_reads_are_budgeted_per_hour(emulator: Emulator) -> None:
    clock = [0.0]
    client = weibo(emulator, reads=ReadBudget(2, clock=lambda: clock[0]))
    client.user_timeline(count=1)
    client.user_timeline(count=1)
    with pytest.raises(E.WaitWindow, match="读取额度"):
        client.user_timeline(count=1)
    clock[0] = 3601.0
    assert client.user_timeline(count=1)["statuses"] is not None


def test_20032_is_live_and_found_in_the_timeline(emulator: Emulator) -> None:
    client = weibo(emulator)
    text = "【慢】服务器慢但已发布 " + LINK + "slow"
    faults(emulator, {"path": "/2/statuses/share.json", "error": 20032, "acted": True})
    with pytest.raises(E.LiveUnconfirmed):
        client.share(text)
    assert client.find_shared(text, LINK + "slow") is not None
