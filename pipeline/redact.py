"""One scrubber of secrets for every message, log line and ledger record.

It knows every configured credential (the ``GOVMEDIA_*`` secrets of the environment, the
ones a configuration file or a client registers, the access tokens fetched at run time)
and removes each of them in every encoding a platform reply or an error may carry it:
raw, percent-encoded (``quote`` / ``quote_plus``, any hex case, any mix), JSON ``\\uXXXX``
escapes, HTML character references, base64 and URL-safe base64 (padded or not, at any
byte alignment inside a longer base64 text) and hex. When a text still decodes to a secret
after that (double encoding …) the whole text is replaced.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import html
import json
import logging
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import asdict
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, unquote_plus

if TYPE_CHECKING:  # the ledger (uuid, platform …) is not loaded by commands that never write it
    from pipeline.ledger import Ledger, Record

MASK = "***"
HIDDEN = "（内容含凭据，已隐藏）"
MIN_SECRET = 4  # shorter values are not treated as secrets (they would mask ordinary text)
MIN_FRAGMENT = 8  # shortest base64 core matched inside a longer text
SECRET_ENV = ("GOVMEDIA_WECHAT_SECRET", "GOVMEDIA_WEIBO_TOKEN", "GOVMEDIA_APP_HMAC_KEY")

_registered: set[str] = set()
_lock = threading.Lock()


def register(*secrets: str) -> None:
    """Remember credentials (config-file secrets, fetched tokens) for every later scrub."""
    with _lock:
        _registered.update(s for s in secrets if s and len(s) >= MIN_SECRET)


def known_secrets(extra: Iterable[str] = ()) -> list[str]:
    """Every credential known to this process, longest first."""
    found = {os.environ.get(name, "") for name in SECRET_ENV}
    with _lock:
        found |= _registered
    found |= set(extra)
    return sorted((s for s in found if s and len(s) >= MIN_SECRET), key=len, reverse=True)


def _char_pattern(ch: str) -> str:
    """A regex for one character of a secret, raw or escaped in any common way."""
    options = [re.escape(ch)]
    data = ch.encode("utf-8")
    options.append("".join(f"%{b:02x}" for b in data))
    if ch == " ":
        options.append(r"\+")
    code = ord(ch)
    if code > 0xFFFF:
        high, low = divmod(code - 0x10000, 0x400)
        options.append(rf"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}")
    else:
        options.append(rf"\\u{code:04x}")
        if code < 0x100:
            options.append(rf"\\x{code:02x}")
    options.append(rf"&#0*{code};")
    options.append(rf"&#x0*{code:x};")
    return "(?:" + "|".join(options) + ")"


def _base64_cores(data: bytes) -> list[str]:
    """The base64 characters that only ``data`` decides, at each byte alignment."""
    cores: list[str] = []
    for shift in range(3):
        text = base64.b64encode(b"\0" * shift + data).decode("ascii").rstrip("=")
        start = -(-8 * shift // 6)
        end = (8 * (shift + len(data))) // 6
        core = text[start:end]
        if len(core) >= MIN_FRAGMENT:
            cores.append(core)
            cores.append(core.replace("+", "-").replace("/", "_"))
    return cores


@lru_cache(maxsize=64)
def _pattern(secret: str) -> re.Pattern[str]:
    data = secret.encode("utf-8")
    alternatives = ["".join(_char_pattern(ch) for ch in secret)]
    alternatives += [re.escape(core) for core in _base64_cores(data)]
    for text in (
        base64.b64encode(data).decode(),
        base64.urlsafe_b64encode(data).decode(),
    ):
        alternatives.append(re.escape(text.rstrip("=")) + "=*")
    alternatives.append(data.hex())
    # longest alternatives first, so a full encoding wins over a fragment of it
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _decodings(text: str) -> list[str]:
    """Decoded readings of ``text`` a secret could still hide behind."""
    out = [unquote(text), unquote_plus(text), unquote(unquote(text)), html.unescape(text)]
    with contextlib.suppress(ValueError, RecursionError):
        out.append(json.loads('"' + text.replace('"', '\\"') + '"'))
    for run in re.findall(r"[A-Za-z0-9+/_=-]{12,}", text):
        for decoder in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                padded = run.rstrip("=") + "=" * (-len(run.rstrip("=")) % 4)
                out.append(decoder(padded).decode("utf-8", "ignore"))
            except (binascii.Error, ValueError):
                pass
    return out


def scrub(text: str, secrets: Iterable[str] | None = None) -> str:
    """``text`` with every known secret, in every encoding, replaced by ``***``.

    ``secrets`` adds to (never replaces) the credentials this process knows.
    """
    if not text:
        return text
    return _scrub_known(text, tuple(known_secrets(secrets or ())))


@lru_cache(maxsize=8192)
def _scrub_known(text: str, secrets: tuple[str, ...]) -> str:
    """``scrub`` against exactly ``secrets`` (a pure function: the ledger records of a run
    repeat most of their fields, which are scrubbed once)."""
    for secret in secrets:
        text = _pattern(secret).sub(MASK, text)
    if any(secret in decoded for decoded in _decodings(text) for secret in secrets):
        return HIDDEN
    return text


def scrub_value(value: Any, secrets: Iterable[str] | None = None) -> Any:
    """Every string inside ``value`` (dict keys too, lists, nested) scrubbed."""
    found = tuple(known_secrets(secrets or ()))
    return _scrub_value(value, found)


def _scrub_value(value: Any, secrets: tuple[str, ...]) -> Any:
    if isinstance(value, str):
        return _scrub_known(value, secrets) if value else value
    if isinstance(value, dict):
        return {_scrub_value(k, secrets): _scrub_value(v, secrets) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub_value(v, secrets) for v in value]
    return value


def scrub_record(record: Record, secrets: Iterable[str] | None = None) -> Record:
    """A ledger record with every string field scrubbed (the file format is unchanged)."""
    return type(record)(**scrub_value(asdict(record), secrets))


def append_scrubbed(ledger: Ledger, record: Record, secrets: Iterable[str] | None = None) -> Record:
    """The one way publishing and retraction write the ledger: scrubbed, then appended."""
    return ledger.append(scrub_record(record, secrets))


def install_log_redaction() -> None:
    """Scrub every log record's message, whatever logger or handler formats it."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_govmedia_redacting", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = scrub(message), ()
        if record.exc_info:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return record

    factory._govmedia_redacting = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
