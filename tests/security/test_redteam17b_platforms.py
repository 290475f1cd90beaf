"""Red team, round 17b: the platforms' side of recovery after a crash (threat class 9).

Each test drives the real ``govmedia publish`` (a new process, killed at a named crash
point) against the loopback emulator, in a git repository built in ``tmp_path`` with real
signed approvals, then reruns it and reads what the platform shows.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from tests.publish_support import (
    approve,
    env_for,
    git,
    ledger_records,
    publish_process,
    published,
    small_repo,
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
