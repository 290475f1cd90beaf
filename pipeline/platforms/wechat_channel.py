"""The WeChat Official Account as a :class:`~pipeline.platforms.channel.Channel`.

Publishing, exactly once (the records are the publisher's, written through the delivery):
``intent(wechat.draft)`` → draft/add → ``drafted`` (media_id) → ``intent(wechat.submit)``
→ freepublish/submit → ``submitted`` (publish_id) → poll freepublish/get → ``published``
(article_id, URL) or ``failed``. A recorded publish_id is polled, never resubmitted; a
submit intent without its publish_id is looked up in freepublish/batchget (title, 阅读原文
link and the text shown, an article id the ledger does not know yet); a draft intent without its media_id is
looked up in draft/batchget by the digest the intent recorded (wechat_recovery.py). A post
sent as 群发 goes through wechat_mass_send.py.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import threading
from collections.abc import Mapping
from typing import Any

from pipeline import envvars
from pipeline.content import Post
from pipeline.crashpoints import crash_point
from pipeline.ledger import Record
from pipeline.platforms import image_limits
from pipeline.platforms import wechat as api
from pipeline.platforms.channel import CORRECTION_NOTE, Delivered, Delivery, Rendering
from pipeline.platforms.channel_base import ClientChannel
from pipeline.platforms.cover import default_cover
from pipeline.platforms.covers import CoverBook
from pipeline.platforms.errors import OperatorAction, Permanent, PlatformError
from pipeline.platforms.fingerprint import content_hash
from pipeline.platforms.listing import CHINA, MAX_PAGES, Listing, PlatformItem, older
from pipeline.platforms.render_wechat import WeChatArticle, check_limits, render_wechat
from pipeline.platforms.settings import Settings
from pipeline.platforms.wechat_articles import sent_digest
from pipeline.platforms.wechat_codes import LIVE_EVENT_STATUSES, STATUS_TEXT
from pipeline.platforms.wechat_comments import WeChatComments
from pipeline.platforms.wechat_mass_send import publish_mass
from pipeline.platforms.wechat_mode import categories, send_mode
from pipeline.platforms.wechat_recovery import (
    delete_article,
    delete_mass,
    find_draft,
    find_published,
)

DEFAULT_COVER = "content/wechat-cover.png"  # the unit's own default WeChat cover, if any
PLACEHOLDER_IMAGE_URL = "https://mmbiz.qpic.cn/mmbiz_png/" + "x" * 64 + "/0?wx_fmt=png"
PAGE = 20  # freepublish/batchget's maximum


class WeChatChannel(ClientChannel[api.WeChatClient]):
    name = "wechat"
    label = api.PLATFORM
    keyed_by_url = False
    images = image_limits.WECHAT

    def __init__(
        self,
        settings: Settings,
        client: api.WeChatClient | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(settings, client, env)
        self.poll_interval = envvars.number("GOVMEDIA_POLL_INTERVAL", 2.0, maximum=600)
        self.max_polls = envvars.integer("GOVMEDIA_MAX_POLLS", 30)
        self._lock = threading.Lock()
        self._cover: bytes | None = None
        self._covers: CoverBook | None = None  # covers uploaded once per content hash
        # (blob, correction_of) -> the article with placeholder images, and whether it has
        # any (without, it is also the article sent)
        self._articles: dict[tuple[str, str], tuple[WeChatArticle, bool]] = {}

    def open_client(self) -> api.WeChatClient:
        s = self.settings
        return api.WeChatClient(s.wechat_api, s.wechat_appid, s.wechat_secret, biz=s.wechat_biz)

    def done(self, rendering: Rendering) -> None:
        """The delivery ended: its rendered article is not needed again."""
        self._articles.pop((rendering.post.blob, rendering.correction_of or ""), None)

    # -- publishing ------------------------------------------------------------------------

    def publish(self, delivery: Delivery) -> Delivered:
        self.known_ids(delivery)
        client = self.client
        if send_mode(delivery.post, categories(self.settings.wechat_mass_categories)) == "mass":
            return publish_mass(self, delivery, client)  # 群发 (wechat_mass_send.py)
        mine = delivery.mine()
        taken_over = delivery.taken_over()

        def intended(op: str) -> bool:
            return taken_over or any(
                r.event == "intent" and r.detail.get("step") == op for r in mine
            )

        publish_id = _latest(mine, "submitted", "publish_id")
        media_id = _latest(mine, "drafted", "media_id")
        if publish_id:
            return self._poll(delivery, str(publish_id), str(media_id or ""))
        if intended("wechat.submit"):
            found = self.find(delivery)
            if found is not None:
                return delivery.published(*found, media_id=media_id, reconciled=True)
        media_id = self.drafted(delivery, media_id, intended("wechat.draft"))
        delivery.window()
        delivery.intent("wechat.submit", media_id=media_id)
        try:
            publish_id = client.freepublish_submit(media_id)
        except Permanent as exc:
            if exc.code != 40007:
                raise
            return self._draft_gone(delivery, media_id)
        crash_point("after:wechat.submit")
        delivery.record("submitted", detail={"publish_id": publish_id, "media_id": media_id})
        crash_point("recorded:wechat.submit")
        return self._poll(delivery, publish_id, media_id)

    def drafted(self, delivery: Delivery, media_id: Any, intended: bool) -> str:
        """The draft's media id: recorded, found in the draft box after an intent, or new."""
        if media_id is None and intended:
            media_id = self._find_draft(delivery)
            if media_id:
                delivery.record("drafted", detail={"media_id": media_id, "reconciled": True})
        if media_id is None:
            media_id = self._draft(delivery)
        return str(media_id)

    def _draft_gone(self, delivery: Delivery, media_id: str) -> Delivered:
        """40007 after our own submit intent: the draft is gone, so a submit of it went
        through (an earlier run's, or this run's whose answer was lost and retried)."""
        found = self.find(delivery)
        if found is not None:
            return delivery.published(*found, media_id=media_id, reconciled=True)
        raise OperatorAction(
            f"微信公众号：草稿 {media_id} 已不在草稿箱，但已发布列表中找不到本文："
            "发布任务可能仍在进行或已失败，请在公众平台核查；下次运行将再次核对。",
            platform="微信公众号",
            call="freepublish/submit",
        ) from None

    def article(self, rendering: Rendering, client: api.WeChatClient | None) -> WeChatArticle:
        """The article as sent (``client``: its images uploaded), or with placeholder image
        URLs (None: for the limits, the content hash and reconciling). A post without
        images is rendered once for all of these."""
        post = rendering.post
        key = (post.blob, rendering.correction_of or "")
        known = self._articles.get(key)
        if known is not None and (client is None or not known[1]):
            return known[0]
        images: list[str] = []

        def upload(src: str) -> str | None:
            # refused ones stop here, before any call: the reference, then the platform's limits
            data = self.image(rendering, src, "body", rendering.asset(src, "body"))
            images.append(src)
            if client is None:
                return PLACEHOLDER_IMAGE_URL
            return client.uploadimg(data, posixpath.basename(src)) if data else None

        article = render_wechat(post, site_url=self.settings.site_url, upload=upload)
        if rendering.correction_of:
            note = (
                f'<p style="color: #b71c1c;font-size: 14px;">{CORRECTION_NOTE}'
                "本文是对此前发布版本的更正，以本文为准。</p>"
            )
            article = WeChatArticle(**{**article.__dict__, "content": note + article.content})
        if client is None:
            self._articles[key] = (article, bool(images))
        return article

    def _draft(self, delivery: Delivery) -> str:
        client = self.client
        # Limits first, before any call (images stand in with a URL as long as WeChat's).
        check_limits(self.article(delivery, None))
        post = delivery.post
        cover = delivery.asset(post.cover, "cover") if post.cover else None
        cover = self.image(delivery, post.cover, "cover", cover)
        article = self.article(delivery, client)
        check_limits(article)
        picture = cover or self._default_cover(delivery)
        name = posixpath.basename(post.cover or "cover.png")
        books = self._covers_book(delivery)
        thumb_id, sha, reused = books.media_id(picture, name, client.add_material)
        payload = article.payload(thumb_id)
        delivery.intent("wechat.draft", draft_sha256=sent_digest(payload))
        try:
            media_id = client.draft_add([payload])
        except Permanent as exc:
            if exc.code != 40007 or not reused:
                raise
            books.forget(sha)  # the reused material was deleted on the platform: upload anew
            thumb_id, sha, _ = books.media_id(picture, name, client.add_material)
            payload = article.payload(thumb_id)
            delivery.intent("wechat.draft", draft_sha256=sent_digest(payload))
            media_id = client.draft_add([payload])
        crash_point("after:wechat.draft")
        wrong = self.claims_another(delivery, f"draft:{media_id}", "draft/add")
        if wrong is not None:  # another post's draft: the next run finds this one's
            raise wrong
        self._remember(f"draft:{media_id}")
        delivery.record(
            "drafted",
            detail={"media_id": media_id, "thumb_media_id": thumb_id, "thumb_sha256": sha},
        )
        crash_point("recorded:wechat.draft")
        return media_id

    def _poll(self, delivery: Delivery, publish_id: str, media_id: str) -> Delivered:
        result = self.client.poll_publish(
            publish_id, interval=self.poll_interval, max_polls=self.max_polls
        )
        crash_point("after:wechat.poll")
        status = int(result.get("publish_status", 3))
        items = (result.get("article_detail") or {}).get("item") or []
        url = str(items[0].get("article_url", "")) if items else ""
        article_id = str(result.get("article_id", ""))
        wrong = self.claims_another(delivery, article_id, "freepublish/get") if article_id else None
        if wrong is not None:  # success claimed with another post's article: the list decides
            found = self.find(delivery)
            if found is None:
                raise wrong
            return delivery.published(
                *found, publish_id=publish_id, media_id=media_id, reconciled=True
            )
        if status == 0:
            self._remember(article_id)
            outcome = delivery.published(article_id, url, publish_id=publish_id, media_id=media_id)
            crash_point("recorded:wechat.poll")
            return outcome
        if status in LIVE_EVENT_STATUSES:
            return self._removed(delivery, status, article_id, url, publish_id, media_id)
        text = STATUS_TEXT.get(status, str(status))
        raise Permanent(
            f"微信公众号：发布任务 {publish_id} 结束，状态 {status}（{text}），请修改内容后重新审核。",
            platform="微信公众号",
            call="freepublish/get",
            code=status,
        )

    def _removed(
        self,
        delivery: Delivery,
        status: int,
        article_id: str,
        url: str,
        publish_id: str,
        media_id: str,
    ) -> Delivered:
        """Status 5 (deleted by a person after success) or 6 (banned after success): the post
        was live. Recorded as published with the event, so the watch alerts on it and the
        plan never republishes it on its own; the run reports it as failed."""
        text = STATUS_TEXT[status]
        message = (
            f"微信公众号：发布任务 {publish_id} 的文章已发出，之后状态变为 {status}（{text}）："
            "已记入台账并告警，不会自动重发；如需重新发布，请按更正流程处理。"
        )
        if article_id:
            self._remember(article_id)
        delivery.record(
            "published",
            platform_id=article_id,
            url=url,
            detail={
                "title": delivery.post.title,
                "publish_id": publish_id,
                "media_id": media_id,
                "publish_status": status,
                "live_event": message,
                "review": delivery.review(),
            },
        )
        return Delivered("failed", message)

    def find(self, rendering: Rendering) -> tuple[str, str] | None:
        with self._ids_lock:
            known = set(self._known or ())
        article = self.article(rendering, None)
        found = find_published(self.client, article, self.rendered_hash(rendering), known)
        if found is not None:
            self._remember(found[0])
        return found

    def _find_draft(self, delivery: Delivery) -> str | None:
        media_id = find_draft(self.client, delivery, self.known_ids(delivery))
        if media_id:
            self._remember(f"draft:{media_id}")
        return media_id

    def _covers_book(self, delivery: Delivery) -> CoverBook:
        with self._lock:
            if self._covers is None:
                self._covers = CoverBook(
                    r.detail for r in delivery.ledger() if r.event == "drafted"
                )
            return self._covers

    def _default_cover(self, delivery: Delivery) -> bytes:
        with self._lock:
            if self._cover is None:
                self._cover = delivery.unit_file(DEFAULT_COVER) or default_cover()
            return self._cover

    def rendered_hash(self, rendering: Rendering) -> str:
        article = self.article(rendering, None)
        return content_hash(self.name, article.title, article.content)

    # -- the account: listing, status, matching, deleting -----------------------------------

    def list_since(self, since: dt.datetime | None = None) -> Listing:
        """``freepublish/batchget`` page by page (with content), one item per article
        (``article_id``; ``article_id#idx`` for the 2nd… article of a job)."""
        listing = Listing(self.name)
        offset = 0
        while listing.pages < MAX_PAGES:
            data = self.client.freepublish_batchget(offset, PAGE, 0)
            listing.pages += 1
            jobs = data.get("item") or []
            page_old = bool(jobs)
            for job in jobs:
                when = _job_time(job)
                page_old = page_old and older(when, since)
                if not older(when, since):
                    listing.items.extend(self._articles_of(job, when))
            offset += len(jobs)
            if not jobs or offset >= int(data.get("total_count", 0)) or page_old:
                break
        return listing

    def _articles_of(self, job: dict, when: dt.datetime | None) -> list[PlatformItem]:
        article_id = str(job.get("article_id", ""))
        found = []
        for idx, news in enumerate((job.get("content") or {}).get("news_item") or [], 1):
            key = article_id if idx == 1 else f"{article_id}#{idx}"
            found.append(
                PlatformItem(
                    platform=self.name,
                    key=key,
                    platform_id=key,
                    time=when,
                    title=str(news.get("title", "")),
                    body=str(news.get("content", "")),
                    url=str(news.get("url", "")),
                    visible=not news.get("is_deleted"),
                )
            )
        return found

    def status_of(self, record: Record) -> int | None:
        """The publish job's status (5 deleted, 6 banned after success …), or None."""
        publish_id = str(record.detail.get("publish_id") or "")
        if not publish_id:
            return None
        try:
            return int(self.client.freepublish_get(publish_id).get("publish_status", -1))
        except PlatformError:
            return None

    def expanded(self, items: list[PlatformItem]) -> dict[str, str]:
        return {}

    def shows(self, post: Post, item: PlatformItem, link: str, expanded: dict[str, str]) -> bool:
        return item.visible and item.title == post.title

    def matches_intent(self, item: PlatformItem, title: str, link: str) -> bool:
        return bool(title) and item.title == title

    def comments(self) -> WeChatComments:
        return WeChatComments(self.client)

    def delete(self, record: Record, reason: str) -> bool:
        if record.platform_id.startswith("mass:"):
            return delete_mass(self.client, record.platform_id.removeprefix("mass:"))  # 群发
        return delete_article(self.client, record.platform_id)


def _latest(mine: list[Record], event: str, key: str) -> Any:
    return next((r.detail.get(key) for r in reversed(mine) if r.event == event), None)


def _job_time(job: dict) -> dt.datetime | None:
    content = job.get("content") or {}
    stamp = content.get("update_time") or job.get("update_time") or content.get("create_time")
    return dt.datetime.fromtimestamp(int(stamp), CHINA) if stamp else None
