"""Comments on the WeChat emulator (errcode shapes): ``POST /cgi-bin/comment/list``
(``msg_data_id`` = the article id here, ``index``, ``begin``, ``count`` ≤ 50),
``/cgi-bin/comment/reply/add`` (one reply per comment: a second one is errcode 88009),
``/cgi-bin/comment/delete``; both name the comment by its article and ``user_comment_id``,
which the platform may number per article. The comments themselves: comment_store.py."""

from __future__ import annotations

from typing import Any

from pipeline.emulators.comment_store import Answer, add_reply, comment_list, find
from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.emulators.wechat_answer import err, ok


class WeChatComments:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("POST", "/cgi-bin/comment/list"): self.wechat_list,
            ("POST", "/cgi-bin/comment/reply/add"): self.wechat_reply,
            ("POST", "/cgi-bin/comment/delete"): self.wechat_delete,
        }

    def wechat_list(self, req: Request) -> Answer:
        body = req.json()
        target = str(body.get("msg_data_id", ""))
        begin, count = int(body.get("begin", 0)), int(body.get("count", 50))
        if count > 50 or count < 1 or begin < 0:
            return err(40097, "invalid args")
        with self.state.lock:
            rows = [
                c
                for c in comment_list(self.state)
                if c["platform"] == "wechat" and c["target"] == target and not c.get("deleted")
            ]
            page = rows[begin : begin + count]
            comments = []
            for c in page:
                item = {
                    "user_comment_id": int(c["id"]),
                    "openid": c["user"],
                    "create_time": int(c["at"]),
                    "content": c["text"],
                    "comment_type": 1 if c.get("selected") else 0,
                }
                if c.get("reply"):
                    item["reply"] = {
                        "content": c["reply"]["text"],
                        "create_time": int(c["reply"]["at"]),
                    }
                comments.append(item)
        return ok({"total": len(rows), "comment": comments})

    def _comment(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """The comment a reply or delete request names (its article and its id)."""
        return find(
            self.state,
            "wechat",
            str(body.get("user_comment_id", "")),
            target=str(body.get("msg_data_id", "")),
        )

    def wechat_reply(self, req: Request) -> Answer:
        body = req.json()
        text = str(body.get("content", ""))
        if not text:
            return err(44004, "empty content")
        with self.state.lock:
            comment = self._comment(body)
            if comment is None or comment.get("deleted"):
                return err(88008, "comment not exists")
            if comment.get("reply"):
                return err(88009, "reply already exists")
            add_reply(self.state, comment, text)
        return err(0, "ok")

    def wechat_delete(self, req: Request) -> Answer:
        body = req.json()
        with self.state.lock:
            comment = self._comment(body)
            if comment is None or comment.get("deleted"):
                return err(88008, "comment not exists")
            comment["hidden"] = True
        return err(0, "ok")
