"""Red team, round 38 (held): one reviewer's key under another key type.

Round 37 made a key only its canonical encoding, so one key has one text. Another key type
can carry the same secret: an ``sk-ssh-ed25519@openssh.com`` key holds the same 32-byte
Ed25519 point as an ``ssh-ed25519`` one (its signatures are Ed25519 over a wrapped message,
which the holder of the plain private key can compute without any security key), and an
ECDSA point can be written compressed or uncompressed. A roster comparing texts would take
such a spelling as a second person's key. Held: the roster takes ``ssh-ed25519`` and
``ssh-rsa`` keys only, in their canonical encoding; every other type is refused by name,
and (read in the code) an RSA signature hashed with SHA-1 is no signature (sshsig takes
``rsa-sha2-256`` and ``-512`` only). Real ssh-keygen keys.
"""

from __future__ import annotations

import base64
import struct
import subprocess
from pathlib import Path

from tests.review_support import keygen
from tests.security.test_redteam37_roster_keys import _refusal


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _fields(blob: bytes) -> list[bytes]:
    out, i = [], 0
    while i < len(blob):
        (length,) = struct.unpack(">I", blob[i : i + 4])
        out.append(blob[i + 4 : i + 4 + length])
        i += 4 + length
    return out


def _line(kind: bytes, *fields: bytes) -> str:
    blob = _string(kind) + b"".join(_string(f) for f in fields)
    return f"{kind.decode()} {base64.b64encode(blob).decode()} zhoumin"


def test_a_listed_keys_secret_under_another_key_type_is_no_roster_key(tmp_path: Path) -> None:
    ed25519 = keygen(tmp_path, "zhangwei")
    text = ed25519.public.split()[1]
    point = _fields(base64.b64decode(text))[1]
    assert _refusal(ed25519.public) == ""  # the key itself is taken
    security_key = _line(b"sk-ssh-ed25519@openssh.com", point, b"ssh:")
    assert "不受支持的公钥类型" in _refusal(security_key)
    assert _refusal(f"ssh-rsa {text}")  # a type name the blob does not carry

    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", str(tmp_path / "ecdsa")],
        check=True,
        capture_output=True,
    )
    ecdsa = (tmp_path / "ecdsa.pub").read_text(encoding="utf-8").split()
    name, curve, q = _fields(base64.b64decode(ecdsa[1]))
    compressed = bytes((2 + (q[-1] & 1),)) + q[1:33]
    for line in (" ".join(ecdsa[:2]), _line(name, curve, compressed)):
        assert "不受支持的公钥类型" in _refusal(line), line
