"""What each account actually shows, read through the same clients as publishing.

- WeChat: ``freepublish/batchget`` page by page (20 jobs a page, with content), one item
  per article (``article_id``; ``article_id#idx`` for the 2nd… article of a job);
- Weibo: the account's own timeline ``statuses/user_timeline`` page by page, newest first;
- the app: its item list (``GOVMEDIA_APP_LIST``; default: ``items`` beside the push
  endpoint), requested with the same HMAC signature as the push; JSON Feed ``next_url``
  paging is followed.

Every call here reads; with ``since`` the newest-first listings stop at the first page
older than it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

import httpx

from pipeline.platforms import app as app_api
from pipeline.platforms.errors import OperatorAction, PlatformError, Retryable, WaitWindow
from pipeline.platforms.http import RetryPolicy, json_body, make_client, retry_after, send
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.weibo import WeiboClient
from pipeline.watch.model import CHINA, Listing, PlatformItem

WECHAT_PAGE = 20  # freepublish/batchget's maximum
WEIBO_PAGE = 100  # user_timeline's maximum
MAX_PAGES = 500  # a safety stop: 10,000 WeChat jobs or 50,000 Weibo statuses
WEIBO_TIME = "%a %b %d %H:%M:%S %z %Y"


def _older(when: dt.datetime | None, since: dt.datetime | None) -> bool:
    return since is not None and when is not None and when < since


def list_wechat(client: WeChatClient, since: dt.datetime | None = None) -> Listing:
    listing = Listing("wechat")
    offset = 0
    while listing.pages < MAX_PAGES:
        data = client.freepublish_batchget(offset, WECHAT_PAGE, 0)
        listing.pages += 1
        jobs = data.get("item") or []
        page_old = bool(jobs)
        for job in jobs:
            article_id = str(job.get("article_id", ""))
            content = job.get("content") or {}
            stamp = (
                content.get("update_time") or job.get("update_time") or content.get("create_time")
            )
            when = dt.datetime.fromtimestamp(int(stamp), CHINA) if stamp else None
            page_old = page_old and _older(when, since)
            if _older(when, since):
                continue
            for idx, news in enumerate(content.get("news_item") or [], 1):
                key = article_id if idx == 1 else f"{article_id}#{idx}"
                listing.items.append(
                    PlatformItem(
                        platform="wechat",
                        key=key,
                        platform_id=key,
                        time=when,
                        title=str(news.get("title", "")),
                        body=str(news.get("content", "")),
                        url=str(news.get("url", "")),
                        visible=not news.get("is_deleted"),
                    )
                )
        offset += len(jobs)
        if not jobs or offset >= int(data.get("total_count", 0)) or page_old:
            break
    return listing


def wechat_status(client: WeChatClient, publish_id: str) -> int | None:
    """The publish job's status (5 deleted, 6 banned after success …), or None."""
    if not publish_id:
        return None
    try:
        return int(client.freepublish_get(publish_id).get("publish_status", -1))
    except PlatformError:
        return None


def list_weibo(client: WeiboClient, since: dt.datetime | None = None) -> Listing:
    listing = Listing("weibo")
    for page in range(1, MAX_PAGES + 1):
        statuses = client.user_timeline(count=WEIBO_PAGE, page=page).get("statuses") or []
        listing.pages += 1
        page_old = bool(statuses)
        for status in statuses:
            when = _weibo_time(str(status.get("created_at", "")))
            page_old = page_old and _older(when, since)
            if _older(when, since):
                continue
            sid = str(status.get("idstr") or status.get("id") or "")
            listing.items.append(
                PlatformItem(
                    platform="weibo",
                    key=sid,
                    platform_id=sid,
                    time=when,
                    title="",
                    body=str(status.get("text", "")),
                    visible=not status.get("deleted"),
                )
            )
        if len(statuses) < WEIBO_PAGE or page_old:
            break
    return listing


def _weibo_time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, WEIBO_TIME)
    except ValueError:
        return None


def app_list_url(push_url: str, env: dict[str, str]) -> str:
    """``GOVMEDIA_APP_LIST``, else ``items`` beside the push endpoint (``…/push`` → ``…/items``)."""
    explicit = env.get("GOVMEDIA_APP_LIST", "")
    if explicit:
        return explicit
    if not push_url:
        return ""
    return push_url.rstrip("/").rsplit("/", 1)[0] + "/items"


def list_app(
    url: str,
    key: str,
    *,
    transport: httpx.BaseTransport | None = None,
    retry: RetryPolicy | None = None,
    clock: Callable[[], float] = time.time,
) -> Listing:
    if not url:
        raise OperatorAction(
            "客户端：未配置 GOVMEDIA_APP_PUSH 或 GOVMEDIA_APP_LIST。", platform="客户端"
        )
    if not key:
        raise OperatorAction("客户端：未配置 GOVMEDIA_APP_HMAC_KEY。", platform="客户端")
    retry = retry or RetryPolicy.from_env()
    listing = Listing("app")
    with make_client("", transport=transport) as http:
        next_url: str | None = url
        while next_url and listing.pages < MAX_PAGES:
            data = _app_page(http, next_url, key, retry, clock)
            listing.pages += 1
            for entry in data.get("items") or []:
                item = _app_item(entry)
                if item is not None:  # one list, no order: ``since`` applies in reconcile
                    listing.items.append(item)
            following = data.get("next_url")
            next_url = urljoin(next_url, str(following)) if following else None
    return listing


def _app_page(
    http: httpx.Client, url: str, key: str, retry: RetryPolicy, clock: Callable[[], float]
) -> dict[str, Any]:
    attempt = 0
    while True:
        stamp = str(int(clock()))
        headers = {
            app_api.TIMESTAMP_HEADER: stamp,
            app_api.SIGNATURE_HEADER: app_api.sign(key, stamp, b""),
        }
        try:
            response = send(
                http, "GET", url, idempotent=True, platform="客户端", call="items", headers=headers
            )
            if response.status_code in (401, 403):
                raise OperatorAction(
                    f"客户端 内容列表：签名被拒绝（HTTP {response.status_code}），请核对 "
                    "GOVMEDIA_APP_HMAC_KEY。",
                    platform="客户端",
                    call="items",
                    code=response.status_code,
                )
            if response.status_code == 429:
                raise WaitWindow(
                    "客户端 内容列表：频率受限（HTTP 429），下次运行再核对。",
                    platform="客户端",
                    call="items",
                    retry_after=retry_after(response.headers),
                )
            return json_body(response, platform="客户端", call="items", idempotent=True)
        except Retryable:
            attempt += 1
            if attempt >= retry.attempts:
                raise
            retry.sleep(retry.delay(attempt - 1))


def _app_item(entry: Any) -> PlatformItem | None:
    """A pushed item (``{"push_id", "item", "retracted"}``) or a bare JSON Feed item."""
    if not isinstance(entry, dict):
        return None
    item = entry.get("item") if isinstance(entry.get("item"), dict) else entry
    meta = item.get("_govmedia") if isinstance(item.get("_govmedia"), dict) else {}
    retracted = bool(entry.get("retracted") or meta.get("retracted"))
    item_id = str(item.get("id") or "")
    if not item_id:
        return None
    when = None  # when the app received it; else the feed's own dates
    received = entry.get("received_at")
    if isinstance(received, (int, float)) and 0 <= received < 4_102_444_800:  # before 2100
        when = dt.datetime.fromtimestamp(float(received), CHINA)
    stamp = item.get("date_modified") or item.get("date_published")
    if when is None and isinstance(stamp, str):
        try:
            when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            when = None
    body = str(item.get("content_html") or item.get("content_text") or "")
    return PlatformItem(
        platform="app",
        key=str(item.get("url") or item_id),  # the ledger records the item's URL
        platform_id=item_id,  # the feed item id the app shows (the post's archive URL)
        time=when,
        title=str(item.get("title") or ""),
        body=body,
        url=str(item.get("url") or item_id),
        visible=not retracted,
    )
