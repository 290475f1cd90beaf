"""A key's canonical encoding is decided once per process.

``signatures.canonical`` asks ``keys.is_canonical`` for every signed commit it reads, and a
history is signed by a few reviewers' keys: the answer is remembered per key, and a key
respelled with bytes after its last field is still not canonical when its honest spelling
was asked first.
"""

from __future__ import annotations

import base64
from pathlib import Path

from pipeline.review import keys
from tests.review_support import keygen


def test_a_key_is_decided_once_and_a_respelling_still_fails(tmp_path: Path) -> None:
    key = keygen(tmp_path / "keys", "liuyang")
    blob = base64.b64decode(key.public.split()[1])
    keys.is_canonical.cache_clear()
    assert keys.is_canonical(blob)
    assert keys.is_canonical(blob)
    info = keys.is_canonical.cache_info()
    assert (info.misses, info.hits) == (1, 1)
    assert not keys.is_canonical(blob + b"\0\0\0\0")
    assert not keys.is_canonical(blob[:-1])
    assert keys.is_canonical.cache_info().misses == 3
