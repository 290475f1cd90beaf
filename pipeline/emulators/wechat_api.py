"""The WeChat Official Account API emulator (paths, fields, limits, errcodes of platforms.md):
access tokens and media here, the draft box (wechat_drafts.py), publishing
(wechat_publish.py) and the mass send (wechat_mass.py) in their own modules, over the same
state.

Each behaviour cites the official page it follows (developers.weixin.qq.com/doc/offiaccount/
…, written ``doc:`` below); ``unconfirmed`` marks a detail no primary source confirmed.
"""

from __future__ import annotations

import secrets
from typing import Any

from pipeline.emulators.request import Request
from pipeline.emulators.state import EmulatorState
from pipeline.emulators.wechat_answer import Answer, err, ok
from pipeline.emulators.wechat_drafts import DraftAPI
from pipeline.emulators.wechat_mass import MassAPI
from pipeline.emulators.wechat_publish import PublishAPI

TOKEN_OVERLAP = 300
JPEG_MAGIC = b"\xff\xd8\xff"


class WeChatAPI:
    def __init__(self, state: EmulatorState, base_url: str) -> None:
        self.state = state
        self.base_url = base_url
        self.drafts = DraftAPI(state)
        self.publish = PublishAPI(state, base_url)
        self.mass = MassAPI(state)

    def routes(self) -> dict[tuple[str, str], Any]:
        return {
            ("GET", "/cgi-bin/token"): self.token,
            ("POST", "/cgi-bin/stable_token"): self.stable_token,
            ("POST", "/cgi-bin/media/uploadimg"): self.uploadimg,
            ("POST", "/cgi-bin/material/add_material"): self.add_material,
            **self.drafts.routes(),
            **self.publish.routes(),
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
