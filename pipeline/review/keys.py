"""OpenSSH public keys as the roster lists them."""

from __future__ import annotations

import sshsig


def normalize_key(line: str) -> str:
    """``"<type> <base64>"`` of an OpenSSH public key line (comment dropped).

    Raises ValueError for text that is not a public key, NotImplementedError for key types
    whose signatures cannot be verified here (ssh-ed25519 and ssh-rsa can).
    """
    parts = line.split()
    if len(parts) < 2:
        raise ValueError("not an OpenSSH public key line")
    key = sshsig.PublicKey.from_openssh_str(" ".join(parts[:2]))
    return key.openssh_str()
