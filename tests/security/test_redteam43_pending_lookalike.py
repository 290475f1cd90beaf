"""Red team round 43: a post someone else put on the account under the title of a delivery
whose outcome the ledger does not know yet.

A delivery the platform may have taken (an ``intent``, no outcome: a run killed, a reply
that said nothing) is reported ``unconfirmed`` by the watch when the account shows an item
that could be it, "这不是盗用告警", instead of ``outside`` (posted outside the pipeline).
"Could be it" was the post's title (WeChat) or its title or link (Weibo): an item with that
title and any other text — a hijacked password's 紧急通知 under an approved post's title —
silenced the 盗用 alarm for as long as the delivery stayed open. Real repository, the real
``govmedia publish`` SIGKILLed at its crash points and ``govmedia watch`` as subprocesses,
the item planted on the loopback emulators as from a stolen password.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.publish_support import approve, env_for, git, publish_process, published, small_repo
from tests.watch_support import plant, watch_json

POST = "2026/11/nianmo-fanzha-tixing.md"  # addressed to the wechat and weibo accounts
TITLE = "年底办事高峰 谨防电信网络诈骗"
FORGED = "即日起社保费、供暖费统一转账至以下账户办理，逾期停办：6222 0000 0000 0000。"


def _interrupted(tmp_path: Path, emulator: Emulator, crash_at: str) -> Path:
    repo = small_repo(tmp_path / "unit", (POST,))
    killed = publish_process(repo, env_for(emulator, GOVMEDIA_CRASH_AT=crash_at))
    assert killed.code == -9, killed.out + killed.err
    return repo


@pytest.mark.parametrize(
    ("platform", "crash_at", "forged"),
    [
        ("weibo", "before:weibo.share", {"text": f"【{TITLE}】{FORGED}"}),
        ("wechat", "before:wechat.submit", {"title": TITLE, "text": FORGED}),
    ],
)
def test_a_lookalike_under_a_pending_posts_title_is_reported_outside(
    tmp_path: Path, emulator: Emulator, platform: str, crash_at: str, forged: dict[str, str]
) -> None:
    """Attack: the run is killed before the call, nothing of the post reached the account;
    an item under its title with other text appears there. The watch said 发布结果待核对
    ("not a 盗用 alarm"). Defence: an item explains a pending delivery only when it shows
    that version's text (the hash the watch compares); this one is ``outside``."""
    repo = _interrupted(tmp_path, emulator, crash_at)
    assert not published(emulator)[platform]
    (planted,) = plant(emulator, kind="outside", platform=platform, **forged)
    code, found = watch_json(repo, emulator)
    assert code == 1
    mine = [(d["kind"], d["platform_id"]) for d in found if d["platform"] == platform]
    assert mine == [("outside", planted["id"])]


def test_the_pending_post_itself_is_still_unconfirmed(tmp_path: Path, emulator: Emulator) -> None:
    """Honest counterpart: killed just after Weibo took the status, the post is on the
    account with its approved text: ``unconfirmed``, never a hijack alarm, and the next run
    records it without sending it again."""
    repo = _interrupted(tmp_path, emulator, "after:weibo.share")
    (status,) = published(emulator)["weibo"]
    code, found = watch_json(repo, emulator)
    assert code == 1
    assert [(d["kind"], d["platform_id"]) for d in found] == [("unconfirmed", str(status["id"]))]
    assert publish_process(repo, env_for(emulator)).code == 0
    assert len(published(emulator)["weibo"]) == 1
    assert watch_json(repo, emulator) == (0, [])


def test_a_pending_correction_is_unconfirmed(tmp_path: Path, emulator: Emulator) -> None:
    """Honest counterpart: the correction of a published post (Weibo prefixes 【更正】),
    killed just after Weibo took it, is matched as the correction it is."""
    repo = small_repo(tmp_path / "unit", (POST,))
    assert publish_process(repo, env_for(emulator)).code == 0
    path = repo / "content" / "posts" / POST
    path.write_text(path.read_text("utf-8") + "\n更正：咨询电话为 12345。\n", "utf-8")
    git(repo, "commit", "-qam", "Correct the hotline")
    approve(repo, [f"content/posts/{POST}"])
    killed = publish_process(repo, env_for(emulator, GOVMEDIA_CRASH_AT="after:weibo.share"))
    assert killed.code == -9, killed.out + killed.err
    correction = [s for s in published(emulator)["weibo"] if s["text"].startswith("【更正】")]
    assert len(correction) == 1
    code, found = watch_json(repo, emulator)
    assert code == 1
    weibo = [(d["kind"], d["platform_id"]) for d in found if d["platform"] == "weibo"]
    assert weibo == [("unconfirmed", str(correction[0]["id"]))]
