"""OpenSSH public keys as the roster lists them and signatures embed them."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import struct

from pipeline.rules import cache

# Keys sshsig has already accepted on this machine (hashes of their wire encoding), kept
# in the private cache (sealed; owner and mode checked): a roster read for a check then
# needs neither sshsig nor cryptography. Only ever a shortcut for a key that parsed: a
# listed key that is not there is parsed by sshsig, and a key's meaning never comes from
# the cache (signatures are verified by git and sshsig against the roster's text).
VALIDATED = "ssh-keys-2.json"  # 2: canonical encodings only (red team round 37)
_validated: set[str] | None = None


def key_text(blob: bytes) -> str:
    """``"<type> <base64>"`` of a public key in SSH wire encoding."""
    (length,) = struct.unpack(">I", blob[:4])
    kind = blob[4 : 4 + length].decode("ascii", "replace")
    return f"{kind} {base64.b64encode(blob).decode('ascii')}"


class NonCanonical(ValueError):
    """A key written in an encoding other than the one OpenSSH writes for it."""


@functools.lru_cache(maxsize=1024)
def is_canonical(blob: bytes) -> bool:
    """Whether ``blob`` is the one wire encoding OpenSSH writes for its key.

    sshsig (and cryptography) read a key with bytes after its last field, or an RSA
    exponent or modulus with extra leading zeros, as the same key: one key then has many
    texts, so the roster's "one key, one identity" rule compared texts and let one person's
    key be listed again for a second person under another spelling, and a signature's
    embedded key (not covered by the signature) could be respelled into a twin (red team,
    round 37). Only the canonical encoding is a key here. Remembered per key for the
    process: a history signed by a few reviewers asks again for every commit."""
    from cryptography.hazmat.primitives import serialization

    try:
        (length,) = struct.unpack(">I", blob[:4])
        kind = blob[4 : 4 + length]
        key = serialization.load_ssh_public_key(kind + b" " + base64.b64encode(blob))
        line = key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    except (ValueError, TypeError, struct.error, binascii.Error):
        return False
    return base64.b64decode(line.split()[1]) == blob


def normalize_key(line: str) -> str:
    """``"<type> <base64>"`` of an OpenSSH public key line (comment dropped).

    Raises ValueError for text that is not a public key, NotImplementedError for key types
    whose signatures cannot be verified here (ssh-ed25519 and ssh-rsa can).
    """
    parts = line.split()
    if len(parts) < 2:
        raise ValueError("not an OpenSSH public key line")
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("public key is not base64") from None
    _validate(blob)
    text = key_text(blob)
    if text.split()[0] != parts[0]:
        raise ValueError("key type does not match the key")
    return text


def _validate(blob: bytes) -> None:
    """ValueError unless sshsig can load ``blob``; NotImplementedError for other key types."""
    global _validated
    if _validated is None:
        data = cache.read_sealed_json(VALIDATED)
        _validated = {x for x in data if isinstance(x, str)} if isinstance(data, list) else set()
    digest = hashlib.blake2b(blob, digest_size=32).hexdigest()
    if digest in _validated:
        return
    import sshsig

    sshsig.PublicKey.from_ssh_encoding(blob)  # validates; NotImplementedError for other types
    if not is_canonical(blob):
        raise NonCanonical("not the key's canonical encoding")
    _validated.add(digest)
    cache.write_sealed_json(VALIDATED, sorted(_validated))
