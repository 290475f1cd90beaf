"""Red team, round 13: a citizen's comment on the unit's own public page, unchecked.

The opt-in page of answered questions (政务留言板, ``public_page: true``) shows each
question beside the reviewed answer whose reply file says ``public: true``. The answer was
checked (the content rules, the platform's length) before anyone signed it; the question,
a stranger's text, never was. A comment advertising an illegal service, answered with an
honest "please come to window 3" marked public, went onto the unit's archive site under its
name. Defence: a reply marked ``public: true`` fails its check (``govmedia inbox check``,
and ``approve`` before signing) while the question it would publish breaks a content rule;
the same answer without ``public`` is checked as before and can still be sent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.errors import GovmediaError
from pipeline.review.approve import approve
from tests.interaction_support import (
    REPLY_REVIEWERS,
    fetched_comment,
    inbox,
    inbox_env,
    unit_repo,
    write_reply,
)
from tests.publish_support import git, key_dir
from tests.review_support import Key, identity_env

# A sentence the package lexicon refuses (A9-13, an illegal service).
ADVERT = "窗口可办理假证，价格优惠。"
# The same with a control character and a bidi override between its letters: the page
# shows them escaped, a reader still reads the advert, and the check must too.
DISGUISED = "窗口可办\x1b理\u202e假证，价格优惠。"
ANSWER = "您好，证件请到政务服务大厅3号窗口依法办理。"


def _reviewer(repo: Path, stage: int) -> dict[str, str]:
    """git acting as the roster's reviewer of ``stage`` of a reply, signing with their key."""
    name, email = REPLY_REVIEWERS[stage]
    key = Path((key_dir(repo) / f"{name}.path").read_text(encoding="utf-8"))
    return identity_env(name, email, Key(key, ""))


@pytest.mark.parametrize("question", [ADVERT, DISGUISED], ids=["plain", "controls"])
def test_a_public_answer_cannot_publish_a_question_that_breaks_the_rules(
    tmp_path: Path, emulator: Emulator, question: str
) -> None:
    """Attack: a citizen's comment advertises an illegal service; the unit's honest answer
    says ``public: true``; its check passed (only the answer was read), three reviewers
    signed, and the page published the advert on the unit's site. Defence: the check of a
    public answer reads the question it publishes; ``inbox check`` and ``approve`` refuse,
    naming the rule and the reason."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", question, "7")
    env = inbox_env(emulator)
    rel = write_reply(repo, "advert", item, ANSWER, extra="public: true\n")
    checked = inbox(repo, env, "check", rel)
    assert checked.code == 1, checked.out + checked.err
    assert "A9-13" in checked.out and "公开" in checked.out and rel in checked.out
    assert "\x1b" not in checked.out and "\u202e" not in checked.out  # shown escaped
    with pytest.raises(GovmediaError, match="A9-13"):
        approve(repo, [str(repo / rel)], 1, env=_reviewer(repo, 1))


def test_the_same_answer_not_made_public_is_checked_as_before(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Honest counterparts: the answer to the advert, not marked public, passes its check
    (it goes to the citizen only); a public answer to a clean question passes too."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", ADVERT, "7")
    env = inbox_env(emulator)
    private = write_reply(repo, "private", item, ANSWER)
    checked = inbox(repo, env, "check", private)
    assert checked.code == 0, checked.out + checked.err
    clean, _ = fetched_comment(repo, emulator, "weibo", "请问补办身份证需要带什么材料？", "8")
    public = write_reply(repo, "public", clean, ANSWER, extra="public: true\n")
    checked = inbox(repo, env, "check", public)
    assert checked.code == 0, checked.out + checked.err
    approve(repo, [str(repo / public)], 1, env=_reviewer(repo, 1))  # the real approve signs


def test_a_question_edited_on_the_branch_hides_nothing(tmp_path: Path, emulator: Emulator) -> None:
    """Attack: the editor rewrites the advert in the clone's inbox file and commits it on the
    branch, so the check of the public answer reads a harmless question (the edit would be
    reverted before the push; main keeps the advert). Defence: the question is read from
    the inbox the publisher committed (``trusted_inbox``); an inbox that is not is no
    question at all, and the public answer is refused."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "weibo", ADVERT, "7")
    env = inbox_env(emulator)
    for record in (repo / "interaction").rglob("*.jsonl"):
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("办理假证", "补办证件"), encoding="utf-8")
    git(repo, "add", "interaction")
    git(repo, "commit", "-qm", "Tidy the inbox")
    rel = write_reply(repo, "edited", item, ANSWER, extra="public: true\n")
    checked = inbox(repo, env, "check", rel)
    assert checked.code == 1, checked.out + checked.err
    assert "R12-item" in checked.out and "互动记录" in checked.out
