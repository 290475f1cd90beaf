"""Validators of the secret families the open-source secret scanners cover (round 27,
第十七条).

The rules of ``rulefiles/a17-secret-families.yml`` find a label or a format's shape; each
validator here tells a secret from the harmless text of the same shape, the way the scanners
do (a keyword near a high-entropy string, a checksum, a decodable structure):

- ``labelled-secret``: a key's name (``corpsecret``, ``SecretKey``, ``access_token``,
  ``密钥``, ``SK``) followed in its own sentence by a token of 20 characters or more that
  mixes letters and digits with the entropy of a random string (3.0 bits a character for
  hex, 3.5 for the other alphabets, as gitleaks' generic rule and detect-secrets'
  high-entropy plugins measure it); a public key, a fingerprint, a hash, a URL, a path or a
  placeholder is none;
- ``key-body``: a private key's Base64 body without its header, 120 characters or more
  after the words that name it;
- ``wif-key``: a Bitcoin-style private key in Wallet Import Format: Base58Check with the
  private-key version byte (``0x80``, test networks ``0xEF``) and a valid checksum;
- ``mnemonic``: a wallet's recovery phrase after its label: 12, 15, 18, 21 or 24 lower-case
  words of three to eight letters, none of them an English function word (advice written in
  English is prose, a recovery phrase is not);
- ``onion-key``: an onion service's secret key file (``== ed25519v1-secret: type0 ==``) with
  its Base64 body;
- ``paperkey``: an OpenPGP secret key printed by paperkey: its header and numbered rows of
  hex bytes;
- ``ppp-secret``: a line of ``chap-secrets`` or ``pap-secrets`` after the file's name whose
  third field, the secret, is a value;
- ``telegram-token``: a bot token (``<bot id>:AA…``) standing whole, or after ``/bot`` in
  the Bot API's URL;
- ``discord-token``: a bot token whose first part decodes to the bot's numeric id;
- ``key-bytes`` (round 55): a private key's bytes written out in hex after the words that
  name it, as a C array (``0xbb, 0xcc, …``) or as openssl's dump (``69:cb:16:…``): 16 bytes
  or more, at least 12 of them distinct (a random key's spread; a table of zeros or a
  counting sequence is none), and no public key or certificate named before them;
- ``cookie-session`` (round 29): a ``Cookie:`` header (or ``document.cookie =``) whose
  ``name=value`` pairs on its line hold a value with a random token's entropy (a session
  pasted from the browser); a notice about cookies has no such pairs.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import re
from collections import Counter
from itertools import pairwise

from pipeline.rules.compiled_re import compiled

_TOKEN_RE = compiled(r"[A-Za-z0-9_\-+/=.~]{20,}")
_SENTENCE_END = compiled(r"[。！？；\n]|[.!?;](?:\s|$)")
_NOT_SECRET_RE = compiled(
    r"公钥|public|指纹|fingerprint|哈希|hash|sha-?\d|md5|校验|示例|例如|样例|格式|sample|example"
    r"|(?<![A-Za-z])id(?![A-Za-z])|编号|序列号|版本|serial|version",
    re.I,
)
_PLACEHOLDER_RE = compiled(
    r"[<>{}\[\]$]|^[*xX•·]+$|your|changeme|example|sample|placeholder|xxxx|\.\.\.|^(?:https?|ftp)",
    re.I,
)
_HEX_RE = compiled(r"[0-9a-fA-F]+")
_UUID_RE = compiled(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_PLAIN_PART_RE = compiled(r"[a-z]+|[A-Z]+|[A-Z][a-z]+|\d+|\w{0,3}")
LABEL_REACH = 60  # characters after a label where its value is read
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {c: i for i, c in enumerate(_BASE58)}
_WORD_RE = compiled(r"\s*(?:\d{1,2}[.)、:：]?\s*)?([a-z]{3,8})(?![a-z])[\s,，、]*")
PHRASE_LENGTHS = frozenset({12, 15, 18, 21, 24})
# English function words: none of them is a word of a recovery phrase's list.
_PROSE_WORDS = frozenset(
    {"the", "and", "for", "are", "your", "with", "this", "that", "from", "have", "but"}
    | {"were", "been", "their", "into", "which", "should", "must"}
)
_BASE64_RUN_RE = compiled(r"[A-Za-z0-9+/]{80,}={0,2}")
_PAPERKEY_ROW_RE = compiled(r"(?m)^\s*\d{1,3}: (?:[0-9A-F]{2} ){8}")
_KEY_BODY_RE = compiled(r"[A-Za-z0-9+/]{40,}={0,2}(?:[ \t]*\n[ \t]*[A-Za-z0-9+/]{8,}={0,2})*")
_NOT_KEY_RE = compiled(r"公钥|public|证书|certificate|-----END|指纹|fingerprint", re.I)
_URL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def entropy(value: str) -> float:
    """Shannon entropy of ``value`` in bits a character."""
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def _encoded_json(value: str) -> bool:
    """Every dot-separated part is Base64url of a JSON object (a JWT cut before its
    signature); a signed token's last part is random bytes and is not."""
    for part in value.split("."):
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            return False
        if not (raw.startswith(b"{") and raw.endswith(b"}")):
            return False
    return True


def random_token(value: str) -> bool:
    """A token with a random string's letters, digits and entropy, not a word or a path."""
    value = value.strip("=.-_~/")
    if len(value) < 20 or _PLACEHOLDER_RE.search(value) or value.count("/") > 2:
        return False
    if not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)):
        return False
    if "=" in value.rstrip("=") or _UUID_RE.fullmatch(value):
        return False  # a query's name=value pairs, a UUID
    if _encoded_json(value):
        return False  # a JWT's header and claims without their signature: nothing secret
    parts = re.split(r"[_\-./]", value)
    if len(parts) >= 3 and all(_PLAIN_PART_RE.fullmatch(p) for p in parts):
        return False  # an identifier or a path of words and numbers (``v2_20261204_release_01``)
    hexed = _HEX_RE.fullmatch(value) is not None
    return entropy(value) >= (3.0 if hexed else 3.5)


def labelled_secret(m: re.Match[str], text: str) -> bool:
    """The label's sentence holds, within :data:`LABEL_REACH` characters, a random token
    that is no public value."""
    window = text[m.end() : m.end() + LABEL_REACH]
    end = _SENTENCE_END.search(window)
    window = window[: end.start()] if end else window
    for token in _TOKEN_RE.finditer(window):
        if _NOT_SECRET_RE.search(window, 0, token.start()):
            return False
        if random_token(token.group()):
            return True
    return False


def key_body(m: re.Match[str], text: str) -> bool:
    """Within 200 characters after the label, Base64 lines (or one run) of 120 characters or
    more together with a random string's entropy; not a certificate's or a public key's."""
    window = text[m.end() : m.end() + 200]
    run = _KEY_BODY_RE.search(window)
    if run is None or _NOT_KEY_RE.search(window, 0, run.start()):
        return False
    body = re.sub(r"\s", "", run.group())
    return len(body) >= 120 and entropy(body) >= 5.0


# Round 55: 16 hex bytes or more, as a C array's literals or colon-separated.
_KEY_BYTES_RE = compiled(
    r"(?:0x[0-9a-fA-F]{2}[ \t]*,\s*){15,}0x[0-9a-fA-F]{2}|(?:[0-9a-fA-F]{2}:\s*){15,}[0-9a-fA-F]{2}"
)
_BYTE_RE = compiled(r"(?:0x)?([0-9a-fA-F]{2})")
KEY_BYTES_MIN, KEY_BYTES_DISTINCT = 16, 12


def key_bytes(m: re.Match[str], text: str) -> bool:
    """Within 300 characters after the label, 16 hex bytes or more of a random key's
    spread; not after the name of a public key or a certificate."""
    window = text[m.end() : m.end() + 300]
    run = _KEY_BYTES_RE.search(window)
    if run is None or _NOT_KEY_RE.search(window, 0, run.start()):
        return False
    values = [int(v, 16) for v in _BYTE_RE.findall(run.group())]
    steps = {(b - a) % 256 for a, b in pairwise(values)}
    # A counting sequence (``0x00, 0x01, …``: one step throughout) is a test vector, no key.
    return (
        len(values) >= KEY_BYTES_MIN and len(set(values)) >= KEY_BYTES_DISTINCT and len(steps) > 1
    )


def _base58(value: str) -> bytes | None:
    number = 0
    for c in value:
        if c not in _BASE58_INDEX:
            return None
        number = number * 58 + _BASE58_INDEX[c]
    return number.to_bytes((number.bit_length() + 7) // 8, "big")


def wif_key(m: re.Match[str], text: str) -> bool:
    """Base58Check of a private key's version byte, 32 key bytes (and ``0x01`` when its
    public key is compressed) and a checksum of four bytes."""
    value = m.group(0)
    before = text[m.start() - 1 : m.start()]
    after = text[m.end() : m.end() + 1]
    if (before and before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum()):
        return False
    data = _base58(value)
    if data is None or len(data) not in (37, 38) or data[0] not in (0x80, 0xEF):
        return False
    if len(data) == 38 and data[33] != 0x01:
        return False
    payload, checksum = data[:-4], data[-4:]
    return hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] == checksum


def mnemonic(m: re.Match[str], text: str) -> bool:
    """A recovery phrase's count of lower-case words follows the label (after at most 30
    characters: a colon, a clause)."""
    start = m.end()
    first = re.compile(r"[a-z]{3,8}(?![a-z])").search(text, start, start + 30)
    if first is None:
        return False
    at, words = first.start(), []
    while (word := _WORD_RE.match(text, at)) is not None and len(words) < 25:
        words.append(word.group(1))
        at = word.end()
    if len(words) not in PHRASE_LENGTHS or len(set(words)) < len(words) // 2:
        return False
    return not _PROSE_WORDS.intersection(words)


def onion_key(m: re.Match[str], text: str) -> bool:
    """A Base64 run of 80 characters or more (the key's 64 bytes or the whole file) within
    300 characters after the file's header or name."""
    return _BASE64_RUN_RE.search(text, m.end(), m.end() + 300) is not None


def paperkey(m: re.Match[str], text: str) -> bool:
    """Numbered rows of hex bytes within 300 characters after paperkey's header."""
    return _PAPERKEY_ROW_RE.search(text, m.end(), m.end() + 300) is not None


def ppp_secret(m: re.Match[str], text: str) -> bool:
    """A line of the file within 400 characters after its name: client, server, a secret
    that is a value (not a placeholder or a word) and, optionally, addresses."""
    for line in text[m.end() : m.end() + 400].splitlines()[1:]:
        fields = [f.strip("\"'") for f in line.split()]
        if len(fields) < 3 or fields[0].startswith("#"):
            continue
        secret = fields[2]
        word = secret.isalpha() and secret.islower()
        if len(secret) >= 6 and len(set(secret)) > 2 and not word:
            return _PLACEHOLDER_RE.search(secret) is None
    return False


def telegram_token(m: re.Match[str], text: str) -> bool:
    before = text[max(0, m.start() - 3) : m.start()]
    after = text[m.end() : m.end() + 1]
    if after and after in _URL_SAFE:
        return False
    return before == "bot" or not (before[-1:].isascii() and before[-1:].isalnum())


def discord_token(m: re.Match[str], text: str) -> bool:
    head = m.group(0).split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(head + "=" * (-len(head) % 4))
    except (binascii.Error, ValueError):
        return False
    return decoded.isdigit() and 17 <= len(decoded) <= 20


_COOKIE_PAIR_RE = compiled(r"[A-Za-z0-9_.\-]{1,64}=\s*\"?([^;\s\"]+)")


def cookie_session(m: re.Match[str], text: str) -> bool:
    """A cookie's ``name=value`` pairs on the header's line, one value a random token."""
    end = text.find("\n", m.end())
    line = text[m.end() : end if end != -1 else len(text)]
    return any(random_token(pair.group(1)) for pair in _COOKIE_PAIR_RE.finditer(line))


VALIDATORS = {
    "labelled-secret": labelled_secret,
    "key-body": key_body,
    "key-bytes": key_bytes,
    "wif-key": wif_key,
    "mnemonic": mnemonic,
    "onion-key": onion_key,
    "paperkey": paperkey,
    "ppp-secret": ppp_secret,
    "telegram-token": telegram_token,
    "discord-token": discord_token,
    "cookie-session": cookie_session,
}
