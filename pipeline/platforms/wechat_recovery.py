"""What an interrupted WeChat run left on the platform, found again and bound to the version.

A run that dies between its ``intent(wechat.draft)`` record and the ``drafted`` record may
have added a draft; one that dies between ``intent(wechat.submit)`` and ``submitted`` may
have published an article. Every version of a post shares its title and 阅读原文 link, so
the draft box is searched by the digest of what was sent (``wechat_articles.sent_digest``:
title, body, link and cover), which the intent records before the call and the draft box
answers with each draft's content, and the published list by the text each article shows
(``fingerprint.content_hash``, the hash the ``published`` record keeps) (red team, round 17b).
"""

from __future__ import annotations

from pipeline.platforms.channel import Delivery
from pipeline.platforms.fingerprint import content_hash
from pipeline.platforms.render_wechat import WeChatArticle
from pipeline.platforms.wechat import WeChatClient
from pipeline.platforms.wechat_articles import sent_digest


def draft_digests(delivery: Delivery) -> set[str]:
    """The digests this version's draft intents recorded (one per ``draft/add`` tried)."""
    return {
        str(r.detail["draft_sha256"])
        for r in delivery.mine()
        if r.event == "intent"
        and r.detail.get("step") == "wechat.draft"
        and r.detail.get("draft_sha256")
    }


def find_draft(client: WeChatClient, delivery: Delivery, known: set[str]) -> str | None:
    """The media id of the draft an interrupted run of this version added, or None: a draft
    of one article whose digest, read from the draft box's reply, is one this version's
    intents recorded, and that the ledger (``known``: ``draft:<media id>``) does not record
    for any delivery. An intent without a digest (written before drafts were bound) finds
    nothing, so a new draft is added and the unknown one stays in the box, unpublished."""
    digests = draft_digests(delivery)
    if not digests:
        return None
    for draft in client.iter_drafts(no_content=0):
        media_id = str(draft.get("media_id"))
        items = (draft.get("content") or {}).get("news_item") or []
        if f"draft:{media_id}" in known or len(items) != 1:
            continue
        if sent_digest(items[0]) in digests:
            return media_id
    return None


def find_published(
    client: WeChatClient, article: WeChatArticle, shown_hash: str, known: set[str]
) -> tuple[str, str] | None:
    """(article id, URL) of the published article of this version, or None: its title and
    阅读原文 link are ``article``'s, the text it shows hashes to ``shown_hash`` (the version's
    ``rendered_hash``: image addresses aside, so WeChat's re-hosting does not count), and
    the ledger (``known``) records its id for no delivery."""
    for job in client.iter_published(no_content=0):
        article_id = str(job.get("article_id", ""))
        if article_id in known:
            continue
        for item in (job.get("content") or {}).get("news_item") or []:
            if (
                item.get("title") == article.title
                and item.get("content_source_url") == article.content_source_url
                and content_hash("wechat", article.title, str(item.get("content", "")))
                == shown_hash
            ):
                return article_id, str(item.get("url", ""))
    return None


def still_listed(client: WeChatClient, article_id: str) -> bool:
    """Whether the published list still shows ``article_id`` (an article of it not deleted):
    asked when ``freepublish/delete`` answers "already gone" (53600), which a retraction
    takes as done only when the list agrees (red team, round 17b)."""
    for job in client.iter_published():
        if str(job.get("article_id", "")) == article_id:
            items = (job.get("content") or {}).get("news_item") or []
            return any(not item.get("is_deleted") for item in items)
    return False
