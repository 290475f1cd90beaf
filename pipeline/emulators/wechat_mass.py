"""群发 (mass send) of the WeChat emulator: ``message/mass/sendall``, ``/delete``, ``/get``.

doc: developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
(written ``doc:`` below). An ``mpnews`` send takes the media id of a draft; it reaches the
followers' message lists and counts against the account's quota: once a day for a
subscription account, four times a month for a service account (errcode 45028 when spent).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.emulators.wechat_answer import Answer, err

CLIENTMSGID_MAX = 64
DEDUP_WINDOW = 24 * 3600
CHINA = dt.timezone(dt.timedelta(hours=8))


class MassAPI:
    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("POST", "/cgi-bin/message/mass/sendall"): self.sendall,
            ("POST", "/cgi-bin/message/mass/delete"): self.delete,
            ("POST", "/cgi-bin/message/mass/get"): self.get,
        }

    def _period(self, when: float) -> str:
        day = dt.datetime.fromtimestamp(when, CHINA)
        if self.state.config.wechat_mass_period == "month":
            return day.strftime("%Y-%m")
        return day.strftime("%Y-%m-%d")

    def sendall(self, req: Request) -> Answer:
        body = req.json()
        if body.get("msgtype") != "mpnews":
            return err(40008, "invalid message type")  # only mpnews is emulated
        filt = body.get("filter")
        if not isinstance(filt, dict) or filt.get("is_to_all") is not True:
            return err(40035, "invalid args: filter.is_to_all")
        media_id = str((body.get("mpnews") or {}).get("media_id") or "")
        client_id = str(body.get("clientmsgid") or "")
        if len(client_id.encode()) > CLIENTMSGID_MAX:
            return err(45067, "clientmsgid size out of limit")  # doc: 45067
        with self.state.lock:
            now = self.state.now()
            # doc: a clientmsgid used in the last 24 hours is refused with 45065, and the
            # answer names the mass send that already went out (its msg_id)
            for msg_id, sent in self.state.mass.items():
                recent = now - sent["at"] < DEDUP_WINDOW
                if client_id and sent["clientmsgid"] == client_id and recent:
                    return err(
                        45065,
                        "clientmsgid exist",
                        msg_id=int(msg_id),
                        msg_data_id=sent["msg_data_id"],
                    )
            draft = self.state.drafts.get(media_id)
            if draft is None:
                return err(40007, "invalid media_id")
            # doc: subscription accounts 1 per day, service accounts 4 per month: 45028
            period = self._period(now)
            used = sum(1 for m in self.state.mass.values() if self._period(m["at"]) == period)
            if used >= self.state.config.wechat_mass_limit:
                return err(45028, "has no masssend quota")
            msg_id = str(1_000_000_000 + self.state.next_id())
            self.state.mass[msg_id] = {
                "media_id": media_id,
                "clientmsgid": client_id,
                "articles": draft["articles"],
                "at": now,
                "msg_data_id": int(msg_id) + 3,
                "deleted": [],
            }
        return (
            200,
            {
                "errcode": 0,
                "errmsg": "send job submission success",
                "msg_id": int(msg_id),
                "msg_data_id": int(msg_id) + 3,
            },
            {},
        )

    def delete(self, req: Request) -> Answer:
        body = req.json()
        msg_id = str(body.get("msg_id") or "")
        index = int(body.get("article_idx") or 0)  # doc: 0 or absent deletes every article
        with self.state.lock:
            sent = self.state.mass.get(msg_id)
            if sent is None:
                return err(40008, "invalid msg_id")  # unconfirmed code
            count = len(sent["articles"])
            sent["deleted"] = (
                list(range(1, count + 1))
                if index == 0
                else [
                    *sent["deleted"],
                    index,
                ]
            )
        return 200, {"errcode": 0, "errmsg": "ok"}, {}

    def get(self, req: Request) -> Answer:
        msg_id = str(req.json().get("msg_id") or "")
        with self.state.lock:
            sent = self.state.mass.get(msg_id)
            if sent is None:
                return err(40008, "invalid msg_id")  # unconfirmed code
            gone = len(sent["deleted"]) >= len(sent["articles"])
        # doc: msg_status SEND_SUCCESS / SENDING / SEND_FAIL / DELETE (deleted after sending)
        status = "DELETE" if gone else "SEND_SUCCESS"
        return 200, {"msg_id": int(msg_id), "msg_status": status}, {}
