"""Red team round 36: a platform that names an item by the unit's credential.

An id in a reply is read by its charset and length only and kept as given: the app's
comment listing naming the item a comment is on (``item_id``) by the app's HMAC key had
the key committed to the repository's inbox (``interaction/**.jsonl``) and listed by
``govmedia inbox status``. The real emulator answering with a hostile listing, a real
``govmedia inbox fetch``.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from tests.interaction_support import inbox, inbox_env, unit_repo
from tests.publish_support import CREDS, faults

KEY = CREDS["GOVMEDIA_APP_HMAC_KEY"]


def _listing(target: str) -> dict[str, object]:
    comment = {
        "id": 7,
        "item_id": target,
        "user": "u7",
        "text": "请问社保卡补办需要带什么材料？",
        "created_at": 1_790_000_000,
    }
    return {"path": "/app/comments", "reply": {"comments": [comment]}}


def test_an_id_naming_the_units_credential_is_a_bad_reply_never_stored(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = unit_repo(tmp_path / "unit")
    env = inbox_env(emulator)
    faults(emulator, _listing(KEY))
    fetched = inbox(repo, env, "fetch")
    for path in (repo / "interaction").rglob("*"):
        if path.is_file():
            assert KEY not in path.read_text(encoding="utf-8", errors="replace"), path
    assert "item_id" in fetched.out + fetched.err, fetched.out + fetched.err  # named, refused
    assert KEY not in fetched.out + fetched.err
    listed = inbox(repo, env, "status")
    assert KEY not in listed.out + listed.err, listed.out
    faults(emulator, _listing("post-1"))  # the honest listing is taken
    fetched = inbox(repo, env, "fetch")
    assert fetched.code == 0, fetched.out + fetched.err
    assert "app:7" in inbox(repo, env, "status").out
