"""What an interrupted WeChat run left on the platform, found again and bound to the version.

A run that dies between its ``intent(wechat.draft)`` record and the ``drafted`` record may
have added a draft; one that dies between ``intent(wechat.submit)`` and ``submitted`` may
have published an article. Every version of a post shares its title and 阅读原文 link, so
the draft box is searched by the digest of what was sent (``wechat_articles.sent_digest``:
title, body, link and cover), which the intent records before the call and the draft box
answers with each draft's content, and the published list by the text each article shows
(``fingerprint.content_hash``, the hash the ``published`` record keeps) (red team, round 17b).
A retraction's deletion asks first whether an earlier, interrupted run's call took the
article or the 群发 down already (round 46).
"""

from __future__ import annotations

from pipeline.platforms import wechat as api
from pipeline.platforms.channel import Delivery
from pipeline.platforms.errors import Permanent, PlatformError, Retryable
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


def delete_article(client: WeChatClient, article_id: str) -> bool:
    """``freepublish/delete`` of every article of ``article_id``; True when the article was
    gone before this call (``Channel.delete``).

    The platform documents one answer to a deletion, ``{"errcode": 0}``, and none for an
    article already deleted: a rerun's second call may be answered with success, and the
    deletion of a run killed before recording it was then taken for the rerun's, the
    retraction dated days later (red team, round 46). So the published list is asked first:
    an article it no longer shows was gone before this call. The call is made all the same
    (a list that hides a live article cannot keep it up); a list that cannot be read says
    nothing, and the deletion counts as this call's. "Already gone" (53600) counts only
    when the list agrees after the call (round 17b)."""
    try:
        listed = still_listed(client, article_id)
    except PlatformError:
        listed = True
    try:
        client.freepublish_delete(article_id, 0)
    except Permanent as exc:
        if exc.code != 53600:  # already gone, when the published list agrees
            raise
        if still_listed(client, article_id):
            raise Retryable(
                f"微信公众号：平台称文章 {article_id} 已删除，但已发布列表中仍有该文章："
                "未记为已撤回，请在公众平台核查后再次运行撤回命令。",
                platform=api.PLATFORM,
                call="freepublish/delete",
            ) from None
        return True
    return not listed


def delete_mass(client: WeChatClient, msg_id: str) -> bool:
    """``message/mass/delete`` of every article of the 群发 ``msg_id``; True when it was
    deleted before this call: its status (``message/mass/get``) is asked first, DELETE
    being "deleted after sending", for the same reason as :func:`delete_article` (round 46).
    The call is made all the same; an error it answers for a send already deleted is no
    failure."""
    try:
        gone = client.mass_get(msg_id) == "DELETE"
    except PlatformError:
        gone = False
    try:
        client.mass_delete(msg_id, 0)
    except Permanent:
        if not gone:
            raise
    return gone
