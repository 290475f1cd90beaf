"""WeChat's safe mode (安全模式) for the callback receiver (``wechat_push``).

In plain mode WeChat signs only the URL (token, ``timestamp``, ``nonce``): whoever sees a
signed URL within its freshness window can put any body under it. In safe mode, which
WeChat recommends, the body is ``<xml><Encrypt>…</Encrypt></xml>`` and the URL carries
``encrypt_type=aes`` and ``msg_signature`` = SHA-1 of the sorted token, timestamp, nonce
and the ciphertext: the body is signed. The ciphertext is AES-256-CBC under the account's
EncodingAESKey (43 characters of base64: the key; the IV its first 16 bytes), PKCS#7
padding to 32 bytes, over 16 random bytes, the message's length (4 bytes, big-endian), the
message's XML and the account's AppID.

When the unit sets ``GOVMEDIA_WECHAT_ENCODING_AES_KEY`` (and ``GOVMEDIA_WECHAT_APPID``),
the receiver takes safe-mode pushes only: a plain push, a body whose signature is not the
token's, or a message sealed for another account's AppID is refused (red team round 44).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

AES_KEY_ENV = "GOVMEDIA_WECHAT_ENCODING_AES_KEY"
APPID_ENV = "GOVMEDIA_WECHAT_APPID"
BLOCK = 32  # WeChat pads to 32 bytes, not AES's 16


class Unsealed(ValueError):
    """Not a safe-mode push of this account."""


def aes_key(text: str) -> bytes:
    """The 32-byte key of an EncodingAESKey (43 characters of base64); ValueError else."""
    try:
        key = base64.b64decode(text + "=", validate=True)
    except binascii.Error:
        raise ValueError("EncodingAESKey") from None
    if len(text) != 43 or len(key) != 32:
        raise ValueError("EncodingAESKey")
    return key


def msg_signature(token: str, timestamp: str, nonce: str, encrypted: str) -> str:
    joined = "".join(sorted([token, timestamp, nonce, encrypted]))
    return hashlib.sha1(joined.encode()).hexdigest()


@dataclass(frozen=True)
class Sealing:
    """The account's token, AES key and AppID: what a safe-mode push must be sealed with."""

    token: str
    key: bytes
    appid: str

    def open(self, query: dict[str, str], outer: ET.Element) -> bytes:
        """The message XML inside ``outer`` (the push's parsed body); Unsealed when the push
        is plain, its body is not signed with the token, or it is sealed for another
        account."""
        encrypted = (outer.findtext("Encrypt") or "").strip()
        if query.get("encrypt_type") != "aes" or not encrypted:
            raise Unsealed("plain")
        expected = msg_signature(
            self.token, query.get("timestamp", ""), query.get("nonce", ""), encrypted
        )
        if not hmac.compare_digest(expected, query.get("msg_signature", "")):
            raise Unsealed("msg_signature")
        message, appid = self._decrypt(encrypted)
        if not hmac.compare_digest(appid, self.appid.encode()):
            raise Unsealed("appid")
        return message

    def _decrypt(self, encrypted: str) -> tuple[bytes, bytes]:
        try:
            data = base64.b64decode(encrypted, validate=True)
        except binascii.Error:
            raise Unsealed("base64") from None
        if not data or len(data) % 16:
            raise Unsealed("length")
        decryptor = Cipher(algorithms.AES(self.key), modes.CBC(self.key[:16])).decryptor()
        plain = decryptor.update(data) + decryptor.finalize()
        pad = plain[-1]
        if not 1 <= pad <= BLOCK or plain[-pad:] != bytes([pad]) * pad:
            raise Unsealed("padding")
        plain = plain[:-pad]
        if len(plain) < 20:
            raise Unsealed("length")
        size = int.from_bytes(plain[16:20], "big")
        if 20 + size > len(plain):
            raise Unsealed("length")
        return plain[20 : 20 + size], plain[20 + size :]


def sealing(env: dict[str, str], token: str) -> Sealing | None:
    """The unit's safe-mode settings from ``env``; None when it has not set a key;
    ValueError when the key is malformed or the AppID missing."""
    text = env.get(AES_KEY_ENV, "")
    if not text:
        return None
    appid = env.get(APPID_ENV, "")
    if not appid:
        raise ValueError(APPID_ENV)
    return Sealing(token, aes_key(text), appid)
