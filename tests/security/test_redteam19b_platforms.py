"""Red team, round 19b: the platforms' side. The real ``govmedia publish`` runs in a new
process over a git repository in ``tmp_path`` against the loopback emulator."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pipeline.emulators import Emulator, account_settings
from tests.publish_support import (
    WECHAT_BIZ,
    WEIBO_UID,
    env_for,
    ledger_records,
    publish_process,
    published,
    small_repo,
)

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"
OTHER_BIZ = "MzkxOTk5OTk5OQ=="  # another official account's __biz
OTHER_UID = "7100000999"  # another Weibo account


def test_the_emulators_accounts_are_the_settings_that_bind_them() -> None:
    """The demo's settings (``account_settings``, which the demo and the tests set) are the
    emulated accounts: the WeChat ``__biz`` its article links name, the Weibo uid of its
    statuses."""
    assert account_settings() == {
        "GOVMEDIA_WECHAT_BIZ": WECHAT_BIZ,
        "GOVMEDIA_WEIBO_UID": WEIBO_UID,
    }


def test_the_emulators_links_exercise_the_account_binding(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The emulator's article links were the short form ``/s/<id>``, which names no
    account: a run bound to the unit's account (``GOVMEDIA_WECHAT_BIZ``) never checked one,
    and the demo set no binding at all. Its links now name the emulated account; a run
    bound to it records them, and a run bound to another account refuses them before
    anything is recorded (and the Weibo status of another uid likewise)."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),))
    wrong = publish_process(
        repo, env_for(emulator, GOVMEDIA_WECHAT_BIZ=OTHER_BIZ, GOVMEDIA_WEIBO_UID=OTHER_UID)
    )
    said = wrong.out + wrong.err
    assert "另一个公众号" in said, said
    text = json.dumps(ledger_records(repo), ensure_ascii=False)
    assert OTHER_BIZ not in text and f"weibo.com/{OTHER_UID}" not in text
    assert not [
        r
        for r in ledger_records(repo)
        if r["event"] == "published" and r["platform"] in ("wechat", "weibo")
    ]

    right = publish_process(repo, env_for(emulator))
    assert right.code == 0, right.out + right.err
    done = {
        r["platform"]: r
        for r in ledger_records(repo)
        if r["event"] == "published" and r["path"] == POST
    }
    named = parse_qs(urlsplit(done["wechat"]["url"]).query).get("__biz")
    assert named == [WECHAT_BIZ], done["wechat"]["url"]
    assert done["weibo"]["url"] == f"https://weibo.com/{WEIBO_UID}/{done['weibo']['platform_id']}"
    live = published(emulator)
    assert len(live["wechat"]) == 1 and len(live["weibo"]) == 1  # each sent once
