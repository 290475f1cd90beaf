"""Publishing on the WeChat emulator: ``freepublish/submit``, ``/get``, ``/delete``,
``/batchget``, and the published article's page (``GET /s?__biz=…&mid=…&idx=…&sn=…``, the
long form of WeChat's links, which names the account).

Each behaviour cites the official page it follows (developers.weixin.qq.com/doc/offiaccount/
…, written ``doc:`` below), as in wechat_api.py. A submitted draft leaves the draft box
(wechat_drafts.py); the job's outcome comes later, on polling, as fault rules say.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any
from urllib.parse import urlencode

from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.emulators.wechat_answer import Answer, err, ok

STATUS_FOR_FAULT_DELETE = 5
# The emulated official account's ``__biz`` (its id in article links): every article link
# the emulator gives names it, so a client bound to it (``GOVMEDIA_WECHAT_BIZ``, as the demo
# sets it) checks each link against the unit's account.
BIZ = "MzA3MTAwMDAwMQ=="


def article_url(base_url: str, article_id: str, idx: int) -> str:
    """The link of an article in WeChat's long form, which names the account (``__biz``),
    the message (``mid``, ``idx``) and WeChat's signature of them (``sn``): its page on the
    emulator (``GET /s?...``; the short form ``/s/<id>`` names no account, round 25)."""
    sn = hashlib.sha256(f"{BIZ}|{article_id}|{idx}".encode()).hexdigest()[:32]
    query = urlencode({"__biz": BIZ, "mid": article_id, "idx": idx, "sn": sn})
    return f"{base_url}/s?{query}"


class PublishAPI:
    def __init__(self, state: EmulatorState, base_url: str) -> None:
        self.state = state
        self.base_url = base_url

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("POST", "/cgi-bin/freepublish/submit"): self.submit,
            ("POST", "/cgi-bin/freepublish/get"): self.get,
            ("POST", "/cgi-bin/freepublish/delete"): self.delete,
            ("POST", "/cgi-bin/freepublish/batchget"): self.batchget,
        }

    def submit(self, req: Request) -> Answer:
        """doc: Publish/Publish.html — accepts the job (publish_id, msg_data_id); the draft
        leaves the draft box; the outcome comes later (freepublish/get)."""
        media_id = str(req.json().get("media_id", ""))
        with self.state.lock:
            draft = self.state.drafts.get(media_id)
            if draft is None:
                return err(40007, "invalid media_id")
            limit = self.state.config.wechat_daily_limit
            day = int(self.state.now() // 86_400)
            today = [t for t in self.state.submits if int(t // 86_400) == day]
            if limit is not None and len(today) >= limit:
                return err(45009, "reach max api daily quota limit")
            self.state.submits.append(self.state.now())
            rule = self.state.faults.take_job_rule()
            publish_id = str(2_247_483_000 + self.state.next_id())
            self.state.jobs[publish_id] = {
                "media_id": media_id,
                "articles": draft["articles"],
                "final_status": rule.publish_status
                if rule and rule.publish_status is not None
                else 0,
                "polls_left": rule.publishing_polls if rule else 0,
                "status": 1,
                "article_id": "",
            }
            del self.state.drafts[media_id]  # the draft leaves the draft box
            self._advance(publish_id, poll=False)
        return ok({"publish_id": int(publish_id), "msg_data_id": int(publish_id) + 7})

    def _advance(self, publish_id: str, *, poll: bool) -> None:
        job = self.state.jobs[publish_id]
        if job["status"] != 1:
            return
        if job["polls_left"] > 0:
            if poll:
                job["polls_left"] -= 1
            return
        job["status"] = job["final_status"]
        # doc: Publish/Get_status.html — 5 and 6 are events after a success (deleted by a
        # person, banned): the article went out, then disappeared
        if job["status"] in (0, 5, 6):
            article_id = f"ART_{publish_id}_{secrets.token_hex(6)}"
            job["article_id"] = article_id
            now = int(self.state.now())
            for idx, article in enumerate(job["articles"], 1):
                key = f"{article_id}#{idx}"
                self.state.articles[key] = {
                    **article,
                    "article_id": article_id,
                    "idx": idx,
                    "publish_id": publish_id,
                    "url": article_url(self.base_url, article_id, idx),
                    "create_time": now,
                    "update_time": now,
                    "deleted": job["status"] != 0,
                }

    def get(self, req: Request) -> Answer:
        """doc: Publish/Get_status.html — publish_status 0–6, article_detail on success."""
        publish_id = str(req.json().get("publish_id", ""))
        with self.state.lock:
            if publish_id not in self.state.jobs:
                # doc: Publish/Get_status.html — 53502 "Publish ID 无效"
                return err(53502, "invalid publish_id")
            self._advance(publish_id, poll=True)
            job = self.state.jobs[publish_id]
            data: dict[str, Any] = {"publish_id": int(publish_id), "publish_status": job["status"]}
            if job["status"] in (0, 5, 6) and job["article_id"]:
                items = [
                    {"idx": a["idx"], "article_url": a["url"]}
                    for a in self.state.articles.values()
                    if a["article_id"] == job["article_id"]
                ]
                data["article_id"] = job["article_id"]
                data["article_detail"] = {"count": len(items), "item": items}
            if job["status"] in (2, 3, 4):
                data["fail_idx"] = list(range(1, len(job["articles"]) + 1))
        return ok(data)

    def delete(self, req: Request) -> Answer:
        """doc: Publish/Delete_posts.html — index 0 or absent deletes every article."""
        body = req.json()
        article_id, index = str(body.get("article_id", "")), int(body.get("index", 0) or 0)
        with self.state.lock:
            found = [
                a
                for a in self.state.articles.values()
                if a["article_id"] == article_id and (index == 0 or a["idx"] == index)
            ]
            if not found:
                return err(53600, "invalid article_id")
            for article in found:
                article["deleted"] = True
            for job in self.state.jobs.values():
                if job["article_id"] == article_id:
                    job["status"] = STATUS_FOR_FAULT_DELETE
        return ok({})

    def batchget(self, req: Request) -> Answer:
        """doc: Publish/Get_publication_records.html — published jobs, newest first."""
        body = req.json()
        offset, count = int(body.get("offset", 0)), min(int(body.get("count", 20)), 20)
        with self.state.lock:
            jobs: dict[str, list[dict[str, Any]]] = {}
            for article in self.state.articles.values():
                if not article.get("deleted"):
                    jobs.setdefault(article["article_id"], []).append(article)
            ordered = sorted(jobs.items(), key=lambda kv: -kv[1][0]["create_time"])
            page = []
            for article_id, arts in ordered[offset : offset + count]:
                news = []
                for a in sorted(arts, key=lambda a: a["idx"]):
                    item = {
                        k: a[k]
                        for k in (
                            "title",
                            "author",
                            "digest",
                            "content_source_url",
                            "thumb_media_id",
                            "url",
                        )
                        if k in a
                    }
                    item["is_deleted"] = False
                    if not int(body.get("no_content", 0)):
                        item["content"] = a["content"]
                    news.append(item)
                page.append(
                    {
                        "article_id": article_id,
                        "content": {
                            "news_item": news,
                            "create_time": arts[0]["create_time"],
                            "update_time": arts[0]["update_time"],
                        },
                        "update_time": arts[0]["update_time"],
                    }
                )
        return ok({"total_count": len(ordered), "item_count": len(page), "item": page})

    def article_page(self, key: str) -> str | None:
        """``GET /s?mid=<article_id>&idx=<idx>`` (``key``: ``<article_id>_<idx>``; the short
        ``/s/<key>`` of links stored before round 25 too): the published article as HTML
        (for the account watch)."""
        article_id, _, idx = key.rpartition("_")
        with self.state.lock:
            art = self.state.articles.get(f"{article_id}#{idx}")
            if art is None or art.get("deleted"):
                return None
            return (
                '<!doctype html><html><head><meta charset="utf-8">'
                f"<title>{art['title']}</title></head><body><h1>{art['title']}</h1>"
                f"{art['content']}</body></html>"
            )
