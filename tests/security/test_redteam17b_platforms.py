"""Red team, round 17b: the platforms' side of recovery after a crash (threat class 9).

Each test drives the real ``govmedia publish`` (a new process, killed at a named crash
point) against the loopback emulator, in a git repository built in ``tmp_path`` with real
signed approvals, then reruns it and reads what the platform shows.
"""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest

from pipeline.emulators import Emulator
from pipeline.platforms.errors import PlatformError
from pipeline.platforms.http import RetryPolicy
from pipeline.platforms.listing import MAX_PAGES
from tests.publish_support import (
    add_approved_post,
    approve,
    env_for,
    faults,
    git,
    ledger_records,
    publish_process,
    published,
    retract_in_process,
    small_repo,
    stats,
    wechat_client,
)

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"
OLD_SENTENCE = "以下几类骗局请大家特别留意。"
NEW_SENTENCE = "以下三类骗局近期已有群众受骗，请大家特别留意。"


def _correct(repo: Path, old: str, new: str) -> None:
    """A new version of the post: one sentence changed, the title and slug kept."""
    path = repo / POST
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(repo, "add", POST)
    git(repo, "commit", "-q", "-m", "Correct the fraud warning")
    approve(repo, [POST])


def _published_ids(repo: Path, path: str) -> dict[str, str]:
    return {
        r["platform"]: r["platform_id"]
        for r in ledger_records(repo)
        if r["event"] == "published" and r["path"] == path
    }


def test_a_recovered_wechat_draft_is_the_approved_text_not_an_earlier_versions(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A run dies after ``draft/add`` of the first version (its draft stays in the box,
    unrecorded); the post is corrected and approved again, and the run for the new version
    dies after its draft intent, before the call. The rerun looked the draft up by title and
    阅读原文 link only, which both versions share: it recorded the first version's draft
    for the second and published the old text as the approved correction. The lookup now
    takes only a draft whose digest (title, body and cover as sent, from the draft box's
    own reply) is the one this version's intent recorded."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),))
    killed = publish_process(repo, env_for(emulator, GOVMEDIA_CRASH_AT="after:wechat.draft"))
    assert killed.code == -9, killed.out + killed.err

    _correct(repo, OLD_SENTENCE, NEW_SENTENCE)
    killed = publish_process(repo, env_for(emulator, GOVMEDIA_CRASH_AT="before:wechat.draft"))
    assert killed.code == -9, killed.out + killed.err

    rerun = publish_process(repo, env_for(emulator))
    assert rerun.code == 0, rerun.out + rerun.err
    articles = published(emulator)["wechat"]
    assert len(articles) == 1, articles
    assert NEW_SENTENCE in articles[0]["content"]
    assert OLD_SENTENCE not in articles[0]["content"]
    done = [
        r
        for r in ledger_records(repo)
        if r["event"] == "published" and r["platform"] == "wechat" and r["path"] == POST
    ]
    assert [r["platform_id"] for r in done] == [articles[0]["article_id"]]


def test_a_weibo_status_recovered_after_a_crash_is_never_another_posts(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A run dies after ``statuses/share`` of a second post, before its record; on the rerun
    the timeline (a hostile reply, or a status the account shows twice) lists first a status
    with this post's text under the id the ledger records for the first post. ``find`` took
    the first match: the second post was recorded at the first post's status, and the
    retraction of the second deleted the first. The recovery now skips every id the ledger
    records and takes the second post's own status."""
    first = "content/posts/2026/03/zhangshang-app-shangxian.md"
    repo = small_repo(tmp_path / "unit", (first.removeprefix("content/posts/"),))
    env = env_for(emulator)
    assert publish_process(repo, env).code == 0
    old = _published_ids(repo, first)["weibo"]

    add_approved_post(repo, POST)
    killed = publish_process(repo, env_for(emulator, GOVMEDIA_CRASH_AT="after:weibo.share"))
    assert killed.code == -9, killed.out + killed.err
    ours = [s for s in published(emulator)["weibo"] if s["idstr"] != old]
    assert len(ours) == 1
    real = {k: v for k, v in ours[0].items() if not k.startswith("_")}
    lying = {**real, "id": int(old), "idstr": old}
    faults(
        emulator,
        {
            "path": "/2/statuses/user_timeline.json",
            "merge": {"statuses": [lying, real]},
            "times": -1,
        },
    )
    rerun = publish_process(repo, env)
    httpx.delete(emulator.url + "/_emulator/faults", timeout=10).raise_for_status()
    assert rerun.code == 0, rerun.out + rerun.err
    assert _published_ids(repo, POST)["weibo"] == real["idstr"]

    code, lines = retract_in_process(repo, emulator, POST)
    assert code == 0, lines
    assert [s["idstr"] for s in published(emulator)["weibo"]] == [old]


@pytest.mark.parametrize("listing", ["freepublish/batchget", "draft/batchget"])
def test_a_listing_that_never_ends_cannot_hold_a_run(emulator: Emulator, listing: str) -> None:
    """WeChat's draft and published listings are paged by offset until ``total_count``: a
    reply that claims a billion items and hands back a page each time kept the publishing
    run's lookup (and ``inbox fetch``, which walks the published list) asking for ever, each
    exchange inside its deadline, holding the run's lock and every later run (a retraction
    included). A listing now stops after the safety stop of pages and is a bad reply."""
    job = {
        "article_id" if listing.startswith("free") else "media_id": "X_1",
        "update_time": 1_764_000_000,
        "content": {"news_item": [{"title": "别处的文章", "url": ""}]},
    }
    page = {"errcode": 0, "total_count": 10**9, "item_count": 1, "item": [job]}
    faults(emulator, {"path": f"/cgi-bin/{listing}", "reply": page, "times": -1})
    client = wechat_client(emulator, RetryPolicy(attempts=1))
    read = client.iter_published if listing.startswith("free") else client.iter_drafts
    outcome: list[BaseException | int] = []

    def walk() -> None:
        try:
            outcome.append(sum(1 for _ in read()))
        except PlatformError as exc:
            outcome.append(exc)

    walker = threading.Thread(target=walk, daemon=True)
    walker.start()
    walker.join(timeout=90)
    client.close()
    assert not walker.is_alive(), "the listing was still being read after 90 s"
    [error] = outcome
    assert isinstance(error, PlatformError), error
    assert "平台应答异常" in str(error)
    assert stats(emulator)[f"/cgi-bin/{listing}"] <= MAX_PAGES


def test_a_recovered_wechat_article_is_the_approved_text_not_an_earlier_versions(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The same on the publishing side: a run dies after ``freepublish/submit`` of the first
    version (its article goes live, unrecorded); the post is corrected and approved again,
    and the run for the new version dies after its submit intent, before the call. The
    rerun looked the article up in the published list by title and 阅读原文 link: it
    recorded the first version's article as the correction, which never went out. The
    lookup now also compares the text the article shows with this version's."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),))
    killed = publish_process(repo, env_for(emulator, GOVMEDIA_CRASH_AT="after:wechat.submit"))
    assert killed.code == -9, killed.out + killed.err

    _correct(repo, OLD_SENTENCE, NEW_SENTENCE)
    killed = publish_process(repo, env_for(emulator, GOVMEDIA_CRASH_AT="before:wechat.submit"))
    assert killed.code == -9, killed.out + killed.err

    rerun = publish_process(repo, env_for(emulator))
    assert rerun.code == 0, rerun.out + rerun.err
    [recorded] = [
        r
        for r in ledger_records(repo)
        if r["event"] == "published" and r["platform"] == "wechat" and r["path"] == POST
    ]
    [article] = [a for a in published(emulator)["wechat"] if NEW_SENTENCE in a["content"]]
    assert recorded["platform_id"] == article["article_id"]


def test_a_platform_saying_an_item_is_already_gone_is_checked_before_the_retraction_counts(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A 责令删除 (第二十条): ``freepublish/delete`` answers 53600 and ``statuses/destroy``
    20101, "already gone", while both items stay live. The retraction took the word as done:
    it recorded ``retracted``, told the operator 已撤回, and never tried again (only the
    next watch noticed). "Already gone" is now checked against the account's own listing:
    an item still listed is a failed retraction, retried by the same command."""
    first = "content/posts/2026/03/zhangshang-app-shangxian.md"
    repo = small_repo(tmp_path / "unit", (first.removeprefix("content/posts/"),))
    assert publish_process(repo, env_for(emulator)).code == 0
    live = _published_ids(repo, first)
    faults(
        emulator,
        {"path": "/cgi-bin/freepublish/delete", "error": 53600, "times": -1},
        {"path": "/2/statuses/destroy.json", "error": 20101, "times": -1},
    )
    code, lines = retract_in_process(repo, emulator, first)
    httpx.delete(emulator.url + "/_emulator/faults", timeout=10).raise_for_status()
    assert code == 1, lines
    shown = published(emulator)
    assert [a["article_id"] for a in shown["wechat"]] == [live["wechat"]]
    assert [s["idstr"] for s in shown["weibo"]] == [live["weibo"]]
    retracted = {
        r["platform"]
        for r in ledger_records(repo)
        if r["event"] == "retracted" and r["path"] == first
    }
    assert retracted == {"app"}, lines
    assert any("仍" in line for line in lines), lines

    code, lines = retract_in_process(repo, emulator, first)  # the same command again: now it holds
    assert code == 0, lines
    shown = published(emulator)
    assert shown["wechat"] == [] and shown["weibo"] == []
