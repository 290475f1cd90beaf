"""Weibo as a :class:`~pipeline.platforms.channel.Channel`.

Publishing: ``intent(weibo.share)`` → statuses/share → ``published``; an intent without
outcome, or a 20017/20019 duplicate, is looked up in the account's timeline by the post's
text and archive link (Weibo stores links as ``t.cn`` short links, expanded through the
platform).
"""

from __future__ import annotations

import datetime as dt

from pipeline.content import Post
from pipeline.crashpoints import crash_point
from pipeline.ledger import Record
from pipeline.platforms import image_limits
from pipeline.platforms import weibo as api
from pipeline.platforms.channel import CORRECTION_NOTE, Delivered, Delivery, Rendering
from pipeline.platforms.channel_base import ClientChannel
from pipeline.platforms.errors import Duplicate, Retryable, Uncertain
from pipeline.platforms.fingerprint import content_hash
from pipeline.platforms.listing import MAX_PAGES, Listing, PlatformItem, older
from pipeline.platforms.render_common import post_url
from pipeline.platforms.render_weibo import render_weibo
from pipeline.platforms.weibo_comments import WeiboComments

PAGE = 100  # user_timeline's maximum
TIME = "%a %b %d %H:%M:%S %z %Y"


class WeiboChannel(ClientChannel[api.WeiboClient]):
    name = "weibo"
    label = api.PLATFORM
    keyed_by_url = False
    images = image_limits.WEIBO

    def open_client(self) -> api.WeiboClient:
        s = self.settings
        return api.WeiboClient(s.weibo_api, s.weibo_token, rip=s.weibo_rip, uid=s.weibo_uid)

    def text(self, rendering: Rendering) -> str:
        prefix = CORRECTION_NOTE if rendering.correction_of else ""
        return render_weibo(rendering.post, site_url=self.settings.site_url, prefix=prefix)

    def rendered_hash(self, rendering: Rendering) -> str:
        return content_hash(self.name, "", self.text(rendering))

    def find(self, rendering: Rendering) -> tuple[str, str] | None:
        """This post's status on the timeline, never one whose id the ledger records for a
        delivery (another post's, or an earlier version's): recorded for this one, its
        retraction would delete the other (red team, round 17b)."""
        link = post_url(rendering.post.path, self.settings.site_url)
        with self._ids_lock:
            skip = set(self._known or ())
        found = self.client.find_shared(self.text(rendering), link, skip=skip)  # t.cn expanded
        if found is None:
            return None
        sid = str(found.get("idstr") or found.get("id"))
        self._remember(sid)
        return sid, self.client.status_url(found)

    def publish(self, delivery: Delivery) -> Delivered:
        self.known_ids(delivery)  # what find skips
        sha = self.rendered_hash(delivery)  # what the watch compares (fingerprint.py)
        if any(r.event == "intent" for r in delivery.mine()) or delivery.taken_over():
            found = self.find(delivery)
            if found is not None:
                return delivery.published(*found, reconciled=True, content_sha256=sha)
        delivery.window()
        delivery.intent("weibo.share")
        try:
            status = self.client.share(self.text(delivery))
        except (Duplicate, Uncertain):
            # a duplicate, a live-but-slow 20032 or an answer that says nothing: the timeline
            # decides, before anything is recorded (never "published" by guess)
            found = self.find(delivery)
            if found is None:
                raise
            return delivery.published(*found, reconciled=True, content_sha256=sha)
        crash_point("after:weibo.share")
        sid = str(status.get("idstr") or status.get("id"))
        wrong = self.claims_another(delivery, sid, "statuses/share")
        if wrong is not None:  # success claimed with another post's status: the timeline decides
            found = self.find(delivery)
            if found is None:
                raise wrong
            return delivery.published(*found, reconciled=True, content_sha256=sha)
        self._remember(sid)
        outcome = delivery.published(sid, self.client.status_url(status), content_sha256=sha)
        crash_point("recorded:weibo.share")
        return outcome

    def list_since(self, since: dt.datetime | None = None) -> Listing:
        """The account's own timeline ``statuses/user_timeline``, newest first."""
        listing = Listing(self.name)
        for page in range(1, MAX_PAGES + 1):
            statuses = self.client.user_timeline(count=PAGE, page=page).get("statuses") or []
            listing.pages += 1
            page_old = bool(statuses)
            for status in statuses:
                if not self.client.ours(status):  # another account's: not the unit's post
                    continue
                when = _time(str(status.get("created_at", "")))
                page_old = page_old and older(when, since)
                if older(when, since):
                    continue
                sid = str(status.get("idstr") or status.get("id") or "")
                listing.items.append(
                    PlatformItem(
                        platform=self.name,
                        key=sid,
                        platform_id=sid,
                        time=when,
                        title="",
                        body=str(status.get("text", "")),
                        visible=not status.get("deleted"),
                    )
                )
            if len(statuses) < PAGE or page_old:
                break
        return listing

    def status_of(self, record: Record) -> int | None:
        return None

    def expanded(self, items: list[PlatformItem]) -> dict[str, str]:
        """``{short: long}`` for the ``t.cn`` links the items show."""
        links = {u for i in items for u in api.LINK.findall(i.body) if api.is_short_link(u)}
        return self.client.expand_short_urls(sorted(links)) if links else {}

    def shows(self, post: Post, item: PlatformItem, link: str, expanded: dict[str, str]) -> bool:
        if not item.visible:
            return False
        links = api.LINK.findall(item.body)
        return link in item.body or any(expanded.get(u) == link for u in links)

    def matches_intent(self, item: PlatformItem, title: str, link: str) -> bool:
        if link and link in item.body:
            return True
        return bool(title) and f"【{title}】" in item.body

    def comments(self) -> WeiboComments:
        return WeiboComments(self.client)

    def delete(self, record: Record, reason: str) -> bool:
        """``statuses/destroy``; its "already gone" (20101) counts only when the timeline
        no longer shows the status (red team, round 17b)."""
        if self.client.destroy(record.platform_id) is not None:
            return False
        for status in self.client.iter_timeline():
            if str(status.get("idstr")) == record.platform_id and not status.get("deleted"):
                raise Retryable(
                    f"微博：平台称微博 {record.platform_id} 已不存在，但时间线上仍有该微博："
                    "未记为已撤回，请在微博核查后再次运行撤回命令。",
                    platform=api.PLATFORM,
                    call="statuses/destroy",
                )
        return True


def _time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, TIME)
    except ValueError:
        return None
