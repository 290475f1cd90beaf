"""Comments on the Weibo emulator: ``GET /2/comments/to_me.json`` (``since_id``, ``max_id``,
``count`` ≤ 200, newest first), ``POST /2/comments/reply.json`` (``cid``, ``id``, ``comment``
≤ 140 characters), ``POST /2/comments/destroy_batch/own/biz.json`` (``cids``), and
``POST /2/statuses/repost.json`` (``id``, ``status``: a superior account's status reposted).
The comments themselves: comment_store.py."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from typing import Any

from pipeline.emulators.comment_store import Answer, add_reply, comment_list, find
from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState

WEIBO_LIMIT = 140
CST = dt.timezone(dt.timedelta(hours=8))


@functools.lru_cache(maxsize=4096)
def _weibo_time(at: float) -> str:
    return dt.datetime.fromtimestamp(at, CST).strftime("%a %b %d %H:%M:%S %z %Y")


def _wb(code: int, msg: str, path: str) -> Answer:
    return 400, {"error": msg, "error_code": code, "request": path}, {}


class WeiboComments:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self._index_key: tuple[int, int] = (0, -1)
        self._index: tuple[list[int], list[dict[str, Any]]] = ([], [])

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("GET", "/2/comments/to_me.json"): self.weibo_list,
            ("POST", "/2/comments/reply.json"): self.weibo_reply,
            ("POST", "/2/comments/destroy_batch/own/biz.json"): self.weibo_destroy,
            ("POST", "/2/statuses/repost.json"): self.weibo_repost,
        }

    def _weibo_index(self) -> tuple[list[int], list[dict[str, Any]]]:
        """Weibo comments by numeric id, rebuilt when comments were added (under the lock)."""
        comments = comment_list(self.state)
        key = (id(comments), len(comments))
        if self._index_key != key:
            rows = sorted(
                (c for c in comments if c["platform"] == "weibo"), key=lambda c: int(c["id"])
            )
            self._index = ([int(c["id"]) for c in rows], rows)
            self._index_key = key
        return self._index

    def weibo_list(self, req: Request) -> Answer:
        since = int(req.query.get("since_id") or 0)
        max_id = int(req.query.get("max_id") or 0)
        count = int(req.query.get("count") or 50)
        if count > 200 or count < 1:
            return _wb(10017, "count out of range", req.path)
        with self.state.lock:
            ids, ordered = self._weibo_index()
            first = bisect.bisect_right(ids, since)
            index = (bisect.bisect_right(ids, max_id) if max_id else len(ids)) - 1
            rows = []  # newest first, a page at a time (not a scan of every comment)
            while index >= first and len(rows) < count:
                c = ordered[index]
                if not c.get("deleted") and not c.get("hidden"):
                    rows.append(c)
                index -= 1
            comments = [
                {
                    "id": int(c["id"]),
                    "idstr": c["id"],
                    "created_at": _weibo_time(c["at"]),
                    "text": c["text"],
                    "user": {"id": int(c["user"]), "idstr": c["user"]},
                    "status": {"id": int(c["target"]), "idstr": c["target"]},
                }
                for c in rows
            ]
        return 200, {"comments": comments, "total_number": len(comments)}, {}

    def weibo_reply(self, req: Request) -> Answer:
        form = req.form()
        text = form.get("comment", "")
        if not text:
            return _wb(10016, "miss required parameter (comment)", req.path)
        if len(text) > WEIBO_LIMIT:
            return _wb(20012, "Text too long", req.path)
        with self.state.lock:
            comment = find(self.state, "weibo", form.get("cid", ""))
            if comment is None or comment.get("deleted"):
                return _wb(20101, "target weibo does not exist!", req.path)
            if comment["target"] != form.get("id", ""):
                return _wb(10017, "cid does not belong to id", req.path)
            reply = add_reply(self.state, comment, text)
        return 200, {"id": int(reply["id"]), "idstr": reply["id"], "text": text}, {}

    def weibo_destroy(self, req: Request) -> Answer:
        cids = [c for c in req.form().get("cids", "").split(",") if c]
        if not cids or len(cids) > 20:
            return _wb(10017, "cids: 1 to 20 ids", req.path)
        done = []
        with self.state.lock:
            for cid in cids:
                comment = find(self.state, "weibo", cid)
                if comment is not None and not comment.get("deleted"):
                    comment["hidden"] = True
                    done.append({"id": int(cid), "idstr": cid})
        return 200, {"comments": done}, {}

    def weibo_repost(self, req: Request) -> Answer:
        """``statuses/repost``: ``id`` (the status reposted), ``status`` (≤ 140 characters)."""
        form = req.form()
        text = form.get("status", "")
        if len(text) > WEIBO_LIMIT:
            return _wb(20012, "Text too long", req.path)
        with self.state.lock:
            number = 5_000_000_000_000_000 + self.state.next_id()
            status = {
                "id": number,
                "idstr": str(number),
                "mid": str(number),
                "created_at": dt.datetime.fromtimestamp(self.state.now(), CST).strftime(
                    "%a %b %d %H:%M:%S %z %Y"
                ),
                "text": text,
                "retweeted_status": {"idstr": form.get("id", "")},
                "_at": self.state.now(),
            }
            self.state.interactions.setdefault("reposts", []).append(status)
        return 200, {k: v for k, v in status.items() if k != "_at"}, {}
