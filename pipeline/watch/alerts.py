"""The watch's alert: a signed JSON POST to ``GOVMEDIA_WATCH_WEBHOOK`` when anything is found.

Signed exactly like the app push (pipeline/platforms/app.py): ``X-Govmedia-Timestamp``
(Unix seconds) and ``X-Govmedia-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">``
with the key ``GOVMEDIA_WATCH_HMAC_KEY`` (else the app's ``GOVMEDIA_APP_HMAC_KEY``). The
``Idempotency-Key`` is ``watch:`` + a hash of the findings, so that a receiver can fold the
same alert repeated by every scheduled run. Body::

    {"type": "govmedia.watch", "unit": ..., "at": ..., "count": N,
     "findings": [{kind, channel, platform, platform_id, time, excerpt, slug, message}, ...]}
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import httpx

from pipeline.platforms import app as app_api
from pipeline.platforms.errors import PlatformError, Retryable
from pipeline.platforms.http import RetryPolicy, make_client, send
from pipeline.watch.model import CHINA, Discrepancy

WEBHOOK_ENV = "GOVMEDIA_WATCH_WEBHOOK"
KEY_ENV = "GOVMEDIA_WATCH_HMAC_KEY"
FALLBACK_KEY_ENV = "GOVMEDIA_APP_HMAC_KEY"


@dataclass(frozen=True)
class Webhook:
    url: str
    key: str

    @property
    def where(self) -> str:
        """The host only: a webhook URL may carry a token in its path or query."""
        return urlparse(self.url).netloc or "（地址无效）"


def webhook_from(env: Mapping[str, str]) -> Webhook | None:
    url = env.get(WEBHOOK_ENV, "").strip()
    if not url:
        return None
    return Webhook(url=url, key=env.get(KEY_ENV, "") or env.get(FALLBACK_KEY_ENV, ""))


def alert_body(unit: str, found: Sequence[Discrepancy], now: dt.datetime | None = None) -> bytes:
    payload: dict[str, Any] = {
        "type": "govmedia.watch",
        "unit": unit,
        "at": (now or dt.datetime.now(CHINA)).astimezone(CHINA).isoformat(timespec="seconds"),
        "count": len(found),
        "findings": [d.to_json() for d in found],
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def idempotency_key(found: Sequence[Discrepancy]) -> str:
    digest = hashlib.sha256()
    for item in sorted(json.dumps(d.to_json(), sort_keys=True) for d in found):
        digest.update(item.encode("utf-8"))
    return "watch:" + digest.hexdigest()[:32]


def send_alert(
    hook: Webhook,
    body: bytes,
    key: str,
    *,
    transport: httpx.BaseTransport | None = None,
    retry: RetryPolicy | None = None,
    clock: Callable[[], float] = time.time,
) -> str:
    """POST the signed alert; the Chinese outcome line. Raises PlatformError on failure."""
    if not hook.key:
        raise PlatformError(
            f"告警未发送：未配置签名密钥 {KEY_ENV}（或 {FALLBACK_KEY_ENV}）。", call="webhook"
        )
    retry = retry or RetryPolicy.from_env()
    attempt = 0
    with make_client("", transport=transport) as http:
        while True:
            stamp = str(int(clock()))
            headers = {
                "Content-Type": "application/json; charset=utf-8",
                app_api.TIMESTAMP_HEADER: stamp,
                app_api.SIGNATURE_HEADER: app_api.sign(hook.key, stamp, body),
                app_api.KEY_HEADER: key,
            }
            try:
                response = send(
                    http,
                    "POST",
                    hook.url,
                    idempotent=True,
                    platform="告警地址",
                    call="webhook",
                    content=body,
                    headers=headers,
                )
                if response.status_code >= 500:
                    raise Retryable(
                        f"告警地址 {hook.where} 返回 HTTP {response.status_code}。", call="webhook"
                    )
                if response.status_code >= 300:
                    raise PlatformError(
                        f"告警地址 {hook.where} 拒绝了告警（HTTP {response.status_code}）。",
                        call="webhook",
                    )
                return f"已向告警地址 {hook.where} 发送告警（HTTP {response.status_code}）。"
            except Retryable:
                attempt += 1
                if attempt >= retry.attempts:
                    raise
                retry.sleep(retry.delay(attempt - 1))
