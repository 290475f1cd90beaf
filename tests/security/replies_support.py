"""Helpers of the hostile-reply tests: every encoding a secret could leak in, and a check
that none of them appears in a text, a ledger or a process's output."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, quote_plus

from tests.publish_support import CREDS

SECRETS = (
    CREDS["GOVMEDIA_WECHAT_SECRET"],
    CREDS["GOVMEDIA_WEIBO_TOKEN"],
    CREDS["GOVMEDIA_APP_HMAC_KEY"],
)


def encodings(secret: str) -> dict[str, str]:
    """The secret as a hostile reply might echo it (name -> encoded text)."""
    data = secret.encode("utf-8")
    std = base64.b64encode(data).decode()
    url = base64.urlsafe_b64encode(data).decode()
    return {
        "raw": secret,
        "quote": quote(secret, safe=""),
        "quote-lower": quote(secret, safe="").lower(),
        "quote_plus": quote_plus(secret, safe=""),
        "json-u": "".join(f"\\u{ord(c):04x}" for c in secret),
        "json-U": "".join(f"\\u{ord(c):04X}" for c in secret),
        "base64": std,
        "base64-nopad": std.rstrip("="),
        "urlsafe": url,
        "urlsafe-nopad": url.rstrip("="),
        "base64-shifted": base64.b64encode(b"k=" + data).decode(),
        "hex": data.hex(),
        "HEX": data.hex().upper(),
    }


def fragments(secret: str) -> list[str]:
    """Substrings that betray the secret in any of its encodings (for searching outputs)."""
    data = secret.encode("utf-8")
    found = {secret, quote(secret, safe=""), quote(secret, safe="").lower(), data.hex()}
    found.add(quote_plus(secret, safe=""))
    found.add("".join(f"\\u{ord(c):04x}" for c in secret))
    for shift in range(3):
        text = base64.b64encode(b"\0" * shift + data).decode().rstrip("=")
        core = text[-(-8 * shift // 6) : (8 * (shift + len(data))) // 6]
        found.add(core)
        found.add(core.replace("+", "-").replace("/", "_"))
    return sorted(found)


def leaks(text: str, secrets: Iterable[str] = SECRETS) -> list[str]:
    """The encodings of ``secrets`` found in ``text`` (case-insensitive); [] when clean."""
    lower = text.lower()
    return [frag for s in secrets for frag in fragments(s) if frag.lower() in lower]


def ledger_text(repo: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((repo / "ledger").glob("*.jsonl"))
    )
