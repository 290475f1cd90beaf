"""Red team, round 15: a second record of one comment, published unchecked.

The public answer's question is checked before anyone signs (round 13), read from the inbox
the publisher committed. But the inbox could hold two records of one item id: two fetches
running at once (each read the known ids before the other wrote; within one clone they take
turns since round 17b), or a platform that returns
the same comment id again with another text. The check read one record, the page of
answered questions another: the reviewers approved an answer beside a harmless question and
the unit's site showed an advert nobody checked. Defence: every reader takes an item's
first record (``Inbox.items``); an id with a second record that differs is disputed, named
by file, line and id (``Inbox.repeated``): its public answer is refused by the check and left
off the page, never shown with the other text.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.interaction.fetch import fetch
from pipeline.interaction.store import Inbox
from pipeline.platforms.channels import open_comments
from pipeline.platforms.comments import Comments
from pipeline.platforms.settings import Settings, load_settings
from pipeline.project import Project
from tests.interaction_support import (
    answers_page,
    approve_reply,
    fetched_comment,
    inbox,
    inbox_env,
    stored,
    unit_repo,
    write_reply,
)

QUESTION = "请问补办身份证需要带什么材料？"
ADVERT = "窗口可办理假证，价格优惠。"  # the package lexicon refuses it (A9-13)
ANSWER = "您好，证件请到政务服务大厅3号窗口依法办理。"


def _edit_comment(emulator: Emulator, platform_id: str, text: str) -> None:
    """The platform now returns the same comment id with another text (an edit)."""
    with emulator.state.lock:
        for comment in emulator.state.interactions["comments"]:
            if comment["id"] == platform_id:
                comment["text"] = text


def test_a_second_record_of_a_question_never_reaches_the_public_page(
    tmp_path: Path, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Attack: a fetch starts and reads the inbox's known ids; meanwhile another fetch records
    the citizen's harmless question, the unit answers it with ``public: true``, the check
    reads that question and two reviewers sign; then the platform returns the same comment id
    with an advert, and the first fetch, whose known ids are stale, appends it. The reply is
    sent and the site built: the page showed the advert beside the reviewed answer.
    Defence: the page shows only an item's first record, and an id whose later record
    differs is disputed: left off the page, its public answer refused by the check.
    Since round 17b two fetches of one clone take turns (the inbox's writer lock), so the
    stale fetch here is one that does not share the other's lock (another server's, whose
    records reach this clone by a sync): the readers' defence is still what holds."""
    repo = unit_repo(tmp_path / "unit")
    env = inbox_env(emulator)
    project = Project(repo)
    raced: list[str] = []
    monkeypatch.setattr(Inbox, "writing", lambda self: contextlib.nullcontext())

    def racing(platform: str, settings: Settings, env_: dict[str, str]) -> Comments:
        if not raced:  # the other server's fetch, the review and the edit, all meanwhile
            item, platform_id = fetched_comment(repo, emulator, "weibo", QUESTION, "7")
            rel = write_reply(repo, "raced", item, ANSWER, extra="public: true\n")
            checked = inbox(repo, env, "check", rel)
            assert checked.code == 0, checked.out + checked.err
            approve_reply(repo, rel)
            _edit_comment(emulator, platform_id, ADVERT)
            raced.extend([item, rel])
        return open_comments(platform, settings, env_)

    opener: Callable[[str, Settings, dict[str, str]], Comments] = racing
    fetch(project, load_settings(repo, env), env, opener=opener)
    item, rel = raced
    texts = [r["text"] for r in stored(repo) if r["id"] == item]
    assert texts == [QUESTION, ADVERT]  # the stale fetch appended the edited comment
    sent = inbox(repo, env, "send")
    assert sent.code == 0, sent.out + sent.err
    page = answers_page(repo)
    assert "假证" not in page, "an unchecked question reached the public page"
    assert QUESTION not in page  # disputed: left off, never shown with either text
    checked = inbox(repo, env, "check", rel)
    assert checked.code == 1, checked.out + checked.err
    [path] = (repo / "interaction").rglob("*.jsonl")
    assert item in checked.out and f"{path.relative_to(repo).as_posix()}:2" in checked.out
    assert "假证" not in checked.out


def test_every_reader_takes_the_first_record_and_names_the_second(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The inbox reads each id once, its first record; a later record of the same id is
    listed (file, line, id) and, when it differs, makes the item disputed."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", QUESTION, "7")
    [record] = [r for r in stored(repo) if r["id"] == item]
    files = list((repo / "interaction").rglob("*.jsonl"))
    [path] = files
    again = json.dumps({**record, "fetched_at": "2026-12-02T10:00:00+08:00"}, ensure_ascii=False)
    edited = json.dumps({**record, "text": ADVERT}, ensure_ascii=False)
    path.write_text(path.read_text(encoding="utf-8") + again + "\n", encoding="utf-8")
    reader = Inbox(repo)
    assert [i.text for i in reader.items() if i.id == item] == [QUESTION]
    assert reader.read()[1] == {}  # the same record fetched twice: harmless
    path.write_text(path.read_text(encoding="utf-8") + edited + "\n", encoding="utf-8")
    reader = Inbox(repo)
    assert [i.text for i in reader.items() if i.id == item] == [QUESTION]
    rel = path.relative_to(repo).as_posix()
    assert reader.read()[1] == {item: f"{rel}:3"}


def test_the_honest_public_answer_is_published_with_its_question(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Honest path: one record, checked, approved, sent: the page shows question and answer."""
    repo = unit_repo(tmp_path / "unit")
    env = inbox_env(emulator)
    item, _ = fetched_comment(repo, emulator, "weibo", QUESTION, "7")
    again = inbox(repo, env, "fetch")  # a second fetch records nothing again
    assert again.code == 0 and [r["id"] for r in stored(repo)].count(item) == 1
    rel = write_reply(repo, "honest", item, ANSWER, extra="public: true\n")
    checked = inbox(repo, env, "check", rel)
    assert checked.code == 0, checked.out + checked.err
    approve_reply(repo, rel)
    sent = inbox(repo, env, "send")
    assert sent.code == 0, sent.out + sent.err
    page = answers_page(repo)
    assert QUESTION in page and "3号窗口依法办理" in page
