"""WeChat covers uploaded once: a permanent ``thumb`` material per distinct picture.

Permanent materials other than images and news are capped (about 1,000 per account,
developers.weixin.qq.com 新增永久素材), so a cover is uploaded only the first time its
content is seen: the ledger's ``drafted`` records carry ``thumb_sha256`` (the hash of the
picture as the post names it) beside ``thumb_media_id``, and every later post with the same
picture, the default cover above all, reuses that media id. Before a new upload the
number of thumbs the ledger knows is checked against the cap (``GOVMEDIA_WECHAT_MATERIAL_CAP``,
default 1000): at the cap the channel stops with a message instead of failing on the platform.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable

from pipeline.platforms.errors import OperatorAction
from pipeline.platforms.thumb import content_sha256

DEFAULT_CAP = 1000
Upload = Callable[[bytes, str], tuple[str, str]]  # (data, filename) -> (media_id, url)


def material_cap() -> int:
    raw = os.environ.get("GOVMEDIA_WECHAT_MATERIAL_CAP", "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_CAP


class CoverBook:
    """Media ids of the covers already uploaded, by content hash (from the ledger)."""

    def __init__(self, details: Iterable[dict], *, cap: int | None = None) -> None:
        self.known: dict[str, str] = {}
        self.thumbs: set[str] = set()
        for detail in details:
            media_id = str(detail.get("thumb_media_id") or "")
            if not media_id:
                continue
            self.thumbs.add(media_id)
            sha = str(detail.get("thumb_sha256") or "")
            if sha:
                self.known[sha] = media_id
        self.cap = cap if cap is not None else material_cap()
        self.lock = threading.Lock()

    def media_id(self, data: bytes, filename: str, upload: Upload) -> tuple[str, str, bool]:
        """``(media_id, sha256, reused)`` for the cover ``data``, uploading it only when new."""
        sha = content_sha256(data)
        with self.lock:
            if sha in self.known:
                return self.known[sha], sha, True
            if len(self.thumbs) >= self.cap:
                raise OperatorAction(
                    f"微信公众号：台账记载的封面永久素材已有 {len(self.thumbs)} 个，达到上限 "
                    f"{self.cap}：本渠道已停止，请管理员在公众平台清理素材，或调整 "
                    "GOVMEDIA_WECHAT_MATERIAL_CAP。",
                    platform="微信公众号",
                    call="material/add_material",
                )
        media_id, _ = upload(data, filename)
        with self.lock:
            self.known[sha] = media_id
            self.thumbs.add(media_id)
        return media_id, sha, False

    def forget(self, sha: str) -> None:
        """The platform no longer knows that media id (deleted in the web console)."""
        with self.lock:
            self.known.pop(sha, None)
