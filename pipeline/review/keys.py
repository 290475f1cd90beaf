"""OpenSSH public keys as the roster lists them and signatures embed them."""

from __future__ import annotations

import base64
import binascii
import struct

import sshsig


def key_text(blob: bytes) -> str:
    """``"<type> <base64>"`` of a public key in SSH wire encoding."""
    (length,) = struct.unpack(">I", blob[:4])
    kind = blob[4 : 4 + length].decode("ascii", "replace")
    return f"{kind} {base64.b64encode(blob).decode('ascii')}"


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
    sshsig.PublicKey.from_ssh_encoding(blob)  # validates; NotImplementedError for other types
    text = key_text(blob)
    if text.split()[0] != parts[0]:
        raise ValueError("key type does not match the key")
    return text
