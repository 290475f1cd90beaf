"""The draft box of the WeChat emulator: ``draft/add`` and ``draft/batchget``.

Each behaviour cites the official page it follows (developers.weixin.qq.com/doc/offiaccount/
…, written ``doc:`` below), as in wechat_api.py. A draft leaves the box when it is submitted
for publishing (wechat_publish.py).
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.emulators.wechat_answer import Answer, err, ok

EXTERNAL_LINK = re.compile(r"<a\s[^>]*href\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
IMG_SRC = re.compile(r"<img\s[^>]*src\s*=\s*[\"']([^\"']*)[\"'][^>]*>", re.IGNORECASE)
ESCAPED_CJK = re.compile(rb"\\u(?:[4-9][0-9a-fA-F]{3})")


class DraftAPI:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("POST", "/cgi-bin/draft/add"): self.draft_add,
            ("POST", "/cgi-bin/draft/batchget"): self.draft_batchget,
        }

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
