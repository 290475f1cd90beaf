"""Red team round 43: a publish job's answer "went out, then deleted or banned" without the
article's id.

``freepublish/get`` status 5 (deleted after success) and 6 (banned after success) mean the
article went out; the channel records the post ``published`` with the event, so that the
plan never sends it again on its own and the watch alerts on it. A reply with such a status
and no ``article_id`` was recorded as it stood: a ``published`` record naming no article,
which the watch cannot look for. The article, live on the account all along, was then
reported as posted outside the pipeline (a false 盗用 alarm for the unit's own post), and
had nothing gone out, the ledger would count a publication nobody could see, with no alert.
Real repository, the real ``govmedia publish`` and ``watch`` as subprocesses, the loopback
emulators answering the poll with the hostile reply.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from tests.publish_support import (
    env_for,
    faults,
    ledger_records,
    publish_process,
    published,
    small_repo,
)
from tests.watch_support import published_ids, watch_json

POST = "2026/11/nianmo-fanzha-tixing.md"  # addressed to wechat and weibo


def _live_articles(emulator: Emulator) -> set[str]:
    return {a["article_id"] for a in published(emulator)["wechat"]}


def test_a_vanished_article_without_its_id_is_never_recorded_published(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: the poll of the publish job answers status 6 (banned after success) and no
    article id; the article is live. Defence: the reply is refused (the id is what the
    watch and a retraction need); the channel stops, the next run polls the same job again
    (never resubmits) and records the article the platform names."""
    repo = small_repo(tmp_path / "unit", (POST,))
    hostile = {"errcode": 0, "errmsg": "ok", "publish_status": 6}
    faults(emulator, {"path": "/cgi-bin/freepublish/get", "reply": hostile, "times": 1})
    first = publish_process(repo, env_for(emulator))
    assert first.code == 1, first.out + first.err
    assert not [
        r for r in ledger_records(repo) if r["event"] == "published" and not r["platform_id"]
    ]
    assert "article_id" in first.out + first.err
    again = publish_process(repo, env_for(emulator))
    assert again.code == 0, again.out + again.err
    assert published_ids(repo, "wechat") == sorted(_live_articles(emulator))
    assert len(_live_articles(emulator)) == 1  # one job, never submitted twice
    code, found = watch_json(repo, emulator)
    assert (code, found) == (0, [])


def test_an_article_banned_after_success_is_recorded_and_reported(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Honest counterpart: the job really ends in status 6 with its article id; the post is
    recorded with the event, never sent again, and the watch reports it missing."""
    repo = small_repo(tmp_path / "unit", (POST,))
    faults(emulator, {"publish_status": 6})
    first = publish_process(repo, env_for(emulator))
    assert first.code == 1 and "状态变为 6" in first.out, first.out + first.err
    (article,) = published_ids(repo, "wechat")
    assert article
    assert publish_process(repo, env_for(emulator)).code == 0  # not sent again
    assert published_ids(repo, "wechat") == [article]
    code, found = watch_json(repo, emulator)
    assert code == 1
    assert [(d["kind"], d["platform_id"]) for d in found] == [("missing", article)]
