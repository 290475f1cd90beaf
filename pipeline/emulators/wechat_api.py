"""The WeChat Official Account API emulator (paths, fields, limits, errcodes of platforms.md).

Each behaviour cites the official page it follows (developers.weixin.qq.com/doc/offiaccount/
…, written ``doc:`` below); ``unconfirmed`` marks a detail no primary source confirmed.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.emulators.wechat_mass import MassAPI

Answer = tuple[int, dict[str, Any], dict[str, str]]
EXTERNAL_LINK = re.compile(r"<a\s[^>]*href\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
IMG_SRC = re.compile(r"<img\s[^>]*src\s*=\s*[\"']([^\"']*)[\"'][^>]*>", re.IGNORECASE)
STATUS_FOR_FAULT_DELETE = 5
TOKEN_OVERLAP = 300
JPEG_MAGIC = b"\xff\xd8\xff"
ESCAPED_CJK = re.compile(rb"\\u(?:[4-9][0-9a-fA-F]{3})")


def err(code: int, msg: str) -> Answer:
    return 200, {"errcode": code, "errmsg": msg}, {}


def ok(data: dict[str, Any]) -> Answer:
    return 200, {"errcode": 0, "errmsg": "ok", **data}, {}


class WeChatAPI:
    def __init__(self, state: EmulatorState, base_url: str) -> None:
        self.state = state
        self.base_url = base_url
        self.mass = MassAPI(state)

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("GET", "/cgi-bin/token"): self.token,
            ("POST", "/cgi-bin/stable_token"): self.stable_token,
            ("POST", "/cgi-bin/media/uploadimg"): self.uploadimg,
            ("POST", "/cgi-bin/material/add_material"): self.add_material,
            ("POST", "/cgi-bin/draft/add"): self.draft_add,
            ("POST", "/cgi-bin/draft/batchget"): self.draft_batchget,
            ("POST", "/cgi-bin/freepublish/submit"): self.submit,
            ("POST", "/cgi-bin/freepublish/get"): self.get,
            ("POST", "/cgi-bin/freepublish/delete"): self.delete,
            ("POST", "/cgi-bin/freepublish/batchget"): self.batchget,
            **self.mass.routes(),
        }

    # -- tokens ----------------------------------------------------------------------

    def _issue(self, appid: str, secret: str, *, force: bool = False) -> Answer:
        cfg = self.state.config
        if appid != cfg.wechat_appid:
            return err(40013, "invalid appid")
        if secret != cfg.wechat_secret:
            return err(40125, "invalid appsecret")
        with self.state.lock:
            now = self.state.now()
            live = [t for t, exp in self.state.tokens.items() if exp > now]
            # doc: Basic_Information/getStableAccessToken.html — normal mode hands out the
            # token in force while it has more than 5 minutes left (so expires_in >= 300);
            # in its last 5 minutes a new one is issued and the old one keeps working
            # until it expires
            if live and not force:
                token = max(live, key=lambda t: self.state.tokens[t])
                left = int(self.state.tokens[token] - now)
                if left >= TOKEN_OVERLAP:
                    return ok({"access_token": token, "expires_in": left})
            if force:
                # doc: same page — force_refresh=true invalidates the previous token at once
                for old in live:
                    del self.state.tokens[old]
            token = "EMU" + secrets.token_urlsafe(48)
            self.state.tokens[token] = now + cfg.token_ttl
            return ok({"access_token": token, "expires_in": cfg.token_ttl})

    def token(self, req: Request) -> Answer:
        """doc: Basic_Information/Get_access_token.html — each call issues a new token."""
        if req.query.get("grant_type") != "client_credential":
            return err(40002, "invalid grant_type")
        return self._issue(req.query.get("appid", ""), req.query.get("secret", ""), force=True)

    def stable_token(self, req: Request) -> Answer:
        body = req.json()
        if body.get("grant_type") != "client_credential":
            return err(40002, "invalid grant_type")
        return self._issue(
            str(body.get("appid", "")),
            str(body.get("secret", "")),
            force=bool(body.get("force_refresh")),
        )

    def check_token(self, req: Request) -> Answer | None:
        """None when the access_token is valid, else the WeChat error (doc:
        Getting_Started/Global_Return_Code.html: 41001 missing, 40001 invalid or not the
        latest, 42001 expired)."""
        if self.state.faults.tick_token_expiry():
            with self.state.lock:
                now = self.state.now()
                for token in self.state.tokens:
                    self.state.tokens[token] = min(self.state.tokens[token], now - 1)
        token = req.query.get("access_token", "")
        if not token:
            return err(41001, "access_token missing")
        with self.state.lock:
            expiry = self.state.tokens.get(token)
            if expiry is None:
                return err(40001, "invalid credential, access_token is invalid or not latest")
            if expiry <= self.state.now():
                return err(42001, "access_token expired")
        return None

    # -- media -------------------------------------------------------------------------

    def _media(self, req: Request) -> tuple[str, bytes] | None:
        return req.files().get("media")

    def uploadimg(self, req: Request) -> Answer:
        """doc: Asset_Management/Adding_Permanent_Assets.html (上传图文消息内的图片获取URL):
        jpg/png under 1 MB; the URL is the only image source the article body keeps."""
        media = self._media(req)
        if media is None:
            return err(41005, "media data missing")
        name, data = media
        if not name.lower().endswith((".jpg", ".jpeg", ".png")):
            return err(40113, "unsupported file type")
        if len(data) >= 1_000_000:
            return err(40009, "invalid image size")
        url = f"https://mmbiz.qpic.cn/mmbiz_png/emu{self.state.next_id()}/0?wx_fmt=png"
        with self.state.lock:
            self.state.images[url] = len(data)
        return ok({"url": url})

    def add_material(self, req: Request) -> Answer:
        kind = req.query.get("type", "")
        if kind not in ("image", "thumb", "voice", "video"):
            return err(40004, "invalid media type")
        media = self._media(req)
        if media is None:
            return err(41005, "media data missing")
        name, data = media
        # doc: Asset_Management/Adding_Permanent_Assets.html — thumb: 64 KB, JPG only;
        # image: 10 MB, bmp/png/jpeg/jpg/gif
        if kind == "thumb" and not data.startswith(JPEG_MAGIC):
            return err(40113, "unsupported file type: thumb must be jpg")
        limit = 64 * 1024 if kind == "thumb" else 10 * 1024 * 1024
        if len(data) > limit:
            return err(40009, "invalid image size")
        # doc: same page — permanent materials are capped: 100,000 images and news,
        # 1,000 of every other type (thumb among them). The error code is unconfirmed.
        cap = self.state.config.wechat_material_cap
        with self.state.lock:
            same = sum(1 for m in self.state.materials.values() if m["type"] == kind)
        if kind != "image" and cap is not None and same >= cap:
            return err(45001, "reach max material count limit")
        media_id = f"MAT_{self.state.next_id()}_{secrets.token_hex(6)}"
        url = f"https://mmbiz.qpic.cn/mmbiz_png/mat{self.state.next_id()}/0?wx_fmt=png"
        with self.state.lock:
            self.state.materials[media_id] = {
                "type": kind,
                "size": len(data),
                "url": url,
                "name": name,
            }
        return ok({"media_id": media_id, "url": url})

    # -- drafts ------------------------------------------------------------------------

    def _check_article(self, art: dict[str, Any]) -> Answer | None:
        """doc: Draft_Box/Add_draft.html — the field limits; thumb_media_id a permanent
        material (40007); styles only inline and links to mp.weixin.qq.com only (the web
        editor's rules, as doocs/md and mdnice document them)."""
        title = str(art.get("title") or "")
        content = str(art.get("content") or "")
        if not title:
            return err(44003, "empty news data: title")
        if len(title) > 32:
            return err(45003, "title size out of limit")
        if len(str(art.get("author") or "")) > 16:
            return err(45110, "author size out of limit")
        if len(str(art.get("digest") or "")) > 128:
            return err(45004, "description size out of limit")
        if not content:
            return err(44003, "empty news data: content")
        if len(content) >= 20_000 or len(content.encode()) >= 1_000_000:
            return err(45002, "content size out of limit")
        if len(str(art.get("content_source_url") or "").encode()) > 1024:
            return err(45005, "url size out of limit")
        thumb = str(art.get("thumb_media_id") or "")
        with self.state.lock:
            material = self.state.materials.get(thumb)
        if material is None:
            return err(40007, "invalid media_id")
        if "<style" in content.lower():
            return err(45166, "invalid content: style tags are not allowed")
        for href in EXTERNAL_LINK.findall(content):
            if href.startswith("#") or not re.match(r"https?://mp\.weixin\.qq\.com/", href):
                return err(45166, "invalid content: link outside mp.weixin.qq.com")
        return None

    def draft_add(self, req: Request) -> Answer:
        # The body is stored as sent: ``\\uXXXX`` escapes of Chinese text are not decoded
        # and would show literally (the reason the client encodes with ensure_ascii=False).
        if ESCAPED_CJK.search(req.body):
            return err(45166, "invalid content: unicode escapes are shown literally")
        articles = req.json().get("articles")
        if not isinstance(articles, list) or not 1 <= len(articles) <= 8:
            return err(40035, "invalid args: articles")
        cleaned = []
        for art in articles:
            if not isinstance(art, dict):
                return err(40035, "invalid args: article")
            problem = self._check_article(art)
            if problem:
                return problem
            content = re.sub(r"<script\b.*?</script>", "", str(art["content"]), flags=re.S | re.I)
            # images not hosted by WeChat are filtered out, as the platform does
            content = IMG_SRC.sub(
                lambda m: m.group(0) if m.group(1) in self.state.images else "", content
            )
            cleaned.append({**art, "content": content})
        media_id = f"DRAFT_{self.state.next_id()}_{secrets.token_hex(8)}"
        with self.state.lock:
            self.state.drafts[media_id] = {
                "articles": cleaned,
                "update_time": int(self.state.now()),
            }
        return ok({"media_id": media_id})

    def draft_batchget(self, req: Request) -> Answer:
        """doc: Draft_Box/Get_draft_list.html — newest first, at most 20 per page."""
        body = req.json()
        offset, count = int(body.get("offset", 0)), min(int(body.get("count", 20)), 20)
        with self.state.lock:
            items = sorted(self.state.drafts.items(), key=lambda kv: -kv[1]["update_time"])
            total = len(items)
            page = [
                {
                    "media_id": media_id,
                    "content": {"news_item": [self._strip(a, body) for a in draft["articles"]]},
                    "update_time": draft["update_time"],
                }
                for media_id, draft in items[offset : offset + count]
            ]
        return ok({"total_count": total, "item_count": len(page), "item": page})

    @staticmethod
    def _strip(article: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        if int(body.get("no_content", 0)):
            return {k: v for k, v in article.items() if k != "content"}
        return dict(article)

    # -- free publish --------------------------------------------------------------------

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
                    "url": f"{self.base_url}/s/{article_id}_{idx}",
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
        """``GET /s/<article_id>_<idx>``: the published article as HTML (for the account watch)."""
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
