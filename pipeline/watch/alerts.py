"""The watch's alert: a signed JSON POST to ``GOVMEDIA_WATCH_WEBHOOK`` when anything is found.

Signed exactly like the app push (pipeline/platforms/app.py): ``X-Govmedia-Timestamp``
(Unix seconds) and ``X-Govmedia-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">``
with the key ``GOVMEDIA_WATCH_HMAC_KEY`` (else the app's ``GOVMEDIA_APP_HMAC_KEY``); the
same names in lower case without the prefix are read from the ``GOVMEDIA_CONFIG`` file. The
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
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx

from pipeline import clock, envvars
from pipeline.platforms import app as app_api
from pipeline.platforms.errors import PlatformError, Retryable
from pipeline.platforms.http import RetryPolicy, make_client, retrying, send
from pipeline.platforms.settings import config_values, url_check
from pipeline.schema import Record
from pipeline.schema.secret import Secret
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


# The watch's part of the ``GOVMEDIA_CONFIG`` file (the platforms' part: settings.py).
SETTINGS = Record(
    {
        "watch_webhook": Secret(
            "告警地址", check=url_check(WEBHOOK_ENV)
        ),  # its path may carry a token
        "watch_hmac_key": Secret("告警签名密钥"),
        "app_hmac_key": Secret("应用签名密钥"),
    },
    unknown="ignore",
)


def webhook_from(env: Mapping[str, str]) -> Webhook | None:
    """From the environment, else the ``GOVMEDIA_CONFIG`` file (``watch_webhook``,
    ``watch_hmac_key``, ``app_hmac_key``), as the platform credentials (settings.py).
    ConfigError: a wrong address, or a wrong value in the file (file:line:column, field)."""
    values = {**_config_file(env), **{k: v for k, v in env.items() if v}}
    url = values.get(WEBHOOK_ENV, "").strip()
    if not url:
        return None
    envvars.check_url(WEBHOOK_ENV, url)
    return Webhook(url=url, key=values.get(KEY_ENV, "") or values.get(FALLBACK_KEY_ENV, ""))


def _config_file(env: Mapping[str, str]) -> dict[str, str]:
    path = env.get("GOVMEDIA_CONFIG", "")
    if not path:
        return {}
    where = Path(path).expanduser()
    try:
        text = where.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}  # load_settings reports an unreadable file
    values = config_values(text, where, SETTINGS)
    return {"GOVMEDIA_" + k.upper(): v for k, v in values.items()}


def alert_body(unit: str, found: Sequence[Discrepancy], now: dt.datetime | None = None) -> bytes:
    payload: dict[str, Any] = {
        "type": "govmedia.watch",
        "unit": unit,
        "at": (now or clock.now()).astimezone(CHINA).isoformat(timespec="seconds"),
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
    auth = app_api.AppSignature(hook.key, clock, sign_path=False)  # a fresh stamp each attempt
    headers = {"Content-Type": "application/json; charset=utf-8", app_api.KEY_HEADER: key}
    with make_client("", transport=transport) as http:

        def once() -> str:
            response = send(
                http,
                "POST",
                hook.url,
                idempotent=True,
                platform="告警地址",
                call="webhook",
                content=body,
                headers=headers,
                auth=auth,
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

        # a Retryable failure is sent again (same Idempotency-Key), nothing else is
        return retrying(once, retry, retry_on=(Retryable,), never=())
