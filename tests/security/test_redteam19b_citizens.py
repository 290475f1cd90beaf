"""Red team, round 19b: the citizens' side (第十二条). WeChat lists comments per article
(``msg_data_id``, ``index``) and may number each article's comments from one: the comments
are planted on the real loopback emulator and the real ``govmedia inbox`` runs in a new
process over a git repository in ``tmp_path``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import httpx

from pipeline.emulators import Emulator
from tests.interaction_support import (
    approve_reply,
    comments,
    inbox,
    inbox_env,
    inbox_id,
    plant,
    platform_items,
    stored,
    unit_repo,
    write_reply,
)
from tests.publish_support import stats

FIRST = "请问社保卡补办需要带什么材料？"
SECOND = "出售枪支弹药，联系QQ"
SHARED_ID = "17"
HIDE = "reason: 含枪支买卖信息（A9-07）\naction: hide\n"


def _two_articles(emulator: Emulator) -> list[str]:
    answer = httpx.post(
        emulator.url + "/_emulator/plant",
        json=[{"kind": "outside", "platform": "wechat", "count": 2}],
        timeout=10,
    )
    answer.raise_for_status()
    return [str(p["id"]) for p in answer.json()["planted"]]


def test_two_citizens_comments_on_two_articles_sharing_an_id_are_two_items(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Two citizens commented on two articles and WeChat gave both comments the id 17: the
    fetch reported a reused id, kept the second as a disputed record of the first, and the
    second comment was no item of its own. Each is now its own item (keyed by account,
    article, index and id), neither is disputed; a reply to the first reaches the comment on
    the first article only, and a hide order for the second hides only that one."""
    repo = unit_repo(tmp_path / "unit")
    first_article, second_article = _two_articles(emulator)
    env = inbox_env(emulator)
    [first] = plant(
        emulator,
        {
            "kind": "comment",
            "platform": "wechat",
            "text": FIRST,
            "id": SHARED_ID,
            "target": first_article,
        },
    )
    [second] = plant(
        emulator,
        {
            "kind": "comment",
            "platform": "wechat",
            "text": SECOND,
            "id": SHARED_ID,
            "target": second_article,
        },
    )
    fetched = inbox(repo, env, "fetch")
    assert fetched.code == 0, fetched.out + fetched.err
    assert "重复用于另一段不同的文字" not in fetched.out, fetched.out
    rows = {r["id"]: r["text"] for r in stored(repo)}
    assert rows == {inbox_id(first): FIRST, inbox_id(second): SECOND}
    assert inbox_id(first) != inbox_id(second)

    again = inbox(repo, env, "fetch")  # a re-read adds nothing
    assert again.code == 0 and len(stored(repo)) == 2, again.out
    listed = json.loads(inbox(repo, env, "status", "--format", "json").out)
    assert {r["item"] for r in listed} == {inbox_id(first), inbox_id(second)}
    assert not any(r.get("disputed") for r in listed)

    reply = write_reply(repo, "bulai", inbox_id(first), "您好，请携带身份证原件。")
    hide = write_reply(repo, "qiangzhi", inbox_id(second), "", folder="moderation", extra=HIDE)
    approve_reply(repo, reply)
    approve_reply(repo, hide)
    sent = inbox(repo, env, "send")
    assert sent.code == 0, sent.out + sent.err
    on_platform = comments(emulator)
    assert on_platform[inbox_id(first)]["reply"]["text"] == "您好，请携带身份证原件。"
    assert not on_platform[inbox_id(first)].get("hidden")
    assert on_platform[inbox_id(second)]["hidden"] is True
    assert not on_platform[inbox_id(second)].get("reply")
    assert stats(emulator)["/cgi-bin/comment/reply/add"] == 1


def test_a_comment_stored_before_the_article_key_keeps_its_id(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A WeChat comment stored under the old id (``<channel>:<user_comment_id>``) is the
    same record when it is read again on the same article (no second item, the replies that
    name it still apply); a comment of that id on another article is a new item."""
    repo = unit_repo(tmp_path / "unit")
    first_article, second_article = _two_articles(emulator)
    env = inbox_env(emulator)
    [first] = plant(
        emulator,
        {
            "kind": "comment",
            "platform": "wechat",
            "text": FIRST,
            "id": SHARED_ID,
            "target": first_article,
        },
    )
    assert inbox(repo, env, "fetch").code == 0
    [path] = sorted((repo / "interaction").rglob("*.jsonl"))
    [record] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    legacy = f"{record['channel']}:{SHARED_ID}"
    record["id"] = legacy  # as a fetch before round 19b wrote it
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")

    [second] = plant(
        emulator,
        {
            "kind": "comment",
            "platform": "wechat",
            "text": SECOND,
            "id": SHARED_ID,
            "target": second_article,
        },
    )
    fetched = inbox(repo, env, "fetch")
    assert fetched.code == 0 and "重复用于另一段不同的文字" not in fetched.out, fetched.out
    rows = {r["id"]: r["text"] for r in stored(repo)}
    assert rows == {legacy: FIRST, inbox_id(second): SECOND}
    assert inbox_id(first) not in rows


def test_a_platform_time_past_any_year_stops_one_channel_not_the_fetch(
    tmp_path: Path, emulator: Emulator
) -> None:
    """WeChat dated a comment 2⁴⁰ − 1 seconds after 1970 (the bound the reader took): the
    year 36812 was a ValueError no channel caught, so the whole fetch stopped, every
    platform's comments with it, on every run while the platform listed the comment. The
    time is now bounded like any other field (before 2100): that channel's page is a
    malformed reply naming the field, its cursor stays, and Weibo's comment is stored."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    plant(
        emulator,
        {"kind": "comment", "platform": "wechat", "text": FIRST, "at": 2**40 - 1},
        {"kind": "comment", "platform": "weibo", "text": SECOND},
    )
    fetched = inbox(repo, inbox_env(emulator), "fetch")
    assert "Traceback" not in fetched.err, fetched.err
    said = fetched.out + fetched.err
    assert "拉取失败" in said and "create_time" in said, said
    assert [r["text"] for r in stored(repo)] == [SECOND]


def test_a_comment_dated_in_the_future_is_dated_when_it_was_fetched(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A platform dated a comment a year ahead: it was stored so, which moved its reply
    deadline a year later and counted it in next year's annual report. No comment is
    written after it is read: its time is now at most the fetch's."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    plant(
        emulator,
        {"kind": "comment", "platform": "wechat", "text": FIRST, "at": ahead.timestamp()},
    )
    fetched = inbox(repo, inbox_env(emulator), "fetch")
    assert fetched.code == 0, fetched.out + fetched.err
    [row] = stored(repo)
    assert dt.datetime.fromisoformat(row["at"]) <= dt.datetime.fromisoformat(row["fetched_at"])
