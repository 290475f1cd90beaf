"""Red team: what a platform answers, shown to the people on duty.

A hijacked account's post or a citizen's comment is text a stranger chose, and the platform
hands it to us as it is. Shown on the operator's terminal (or in the log a cron job keeps,
or the alert a webhook forwards), an ESC sequence in it erases the line that reported it
and writes something else, hides a link behind harmless words or retitles the window; a
bidi override makes it read differently. Each test plants the text on the real loopback
emulators and runs the real command.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.interaction_support import (
    answers_page,
    approve_reply,
    fetched_comment,
    inbox,
    inbox_env,
    unit_repo,
    write_reply,
)
from tests.watch_support import plant, published_repo, watch

# Erase the line, then claim all is well; an OSC 8 hyperlink; a bidi override; a bell.
HOSTILE = (
    "紧急通知\x1b[2K核对无异常\x1b]8;;https://attacker.example/\x07点此查看\x1b]8;;\x07"
    "\u202e知通\u202c\x07"
)
CONTROLS = [chr(c) for c in range(0x20) if chr(c) != "\n"] + ["\x7f", "\u202e", "\u202c"]


def _no_controls(text: str) -> None:
    found = sorted({repr(c) for c in text if c in CONTROLS})
    assert not found, f"control characters reach the output: {found}"


@pytest.mark.parametrize("platform", ["wechat", "weibo", "app"])
def test_hijacked_post_text_cannot_rewrite_the_watch_report(
    tmp_path: Path, emulator: Emulator, platform: str
) -> None:
    """Attack: a post published outside the pipeline (a stolen account) carries terminal
    escape sequences, so the watch line reporting it erases itself on the operator's
    terminal and the alert carries them to whoever reads it.
    Defence: the watch writes every control, separator and bidi character of what a
    platform answered as a visible ``\\uXXXX`` escape, in the text and JSON reports."""
    repo = published_repo(tmp_path, emulator)
    plant(emulator, kind="outside", platform=platform, text=HOSTILE)
    text = watch(repo, emulator)
    assert text.code == 1 and "[未经流水线发布]" in text.out, text.out + text.err
    _no_controls(text.out + text.err)
    assert "\\u001b[2K" in text.out  # shown, not obeyed: the operator sees what was sent
    report = watch(repo, emulator, "--format", "json")
    [found] = json.loads(report.out)
    _no_controls(found["excerpt"] + found["platform_id"] + found["time"])
    assert found["kind"] == "outside" and "核对无异常" in found["excerpt"]


@pytest.mark.parametrize("platform", ["wechat", "weibo", "app"])
def test_citizen_comment_cannot_rewrite_the_inbox_listing(
    tmp_path: Path, emulator: Emulator, platform: str
) -> None:
    """Attack: a citizen's comment carries the same sequences; ``govmedia inbox status``
    lists it to the editor on duty, who decides from that listing what to answer or hide.
    Defence: the listing shows them escaped, never as terminal commands."""
    repo = unit_repo(tmp_path / "unit")
    # A question (listed as open; a link would make it spam): erase the line, retitle the
    # window, reverse the rest.
    question = "请问社保卡补办需要带什么材料？\x1b[2K\x1b]0;已答复\x07\u202e复答待\u202c"
    item, _ = fetched_comment(
        repo, emulator, platform, question, "7"
    )  # Weibo's user ids are numbers
    listed = inbox(repo, inbox_env(emulator), "status")
    assert listed.code == 0, listed.out + listed.err
    assert item in listed.out
    _no_controls(listed.out + listed.err)


def test_citizen_comment_cannot_reorder_the_public_answers_page(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: the unit publishes its answers (政务留言板, ``public_page: true``), the
    citizen's question shown beside the reviewed answer. A bidi override in the question
    makes the public page read backwards ("已答复" where the citizen wrote otherwise); a
    control character or a line separator garbles it in a reader's browser or feed.
    Defence: the page shows them as ``\\uXXXX`` (``content_limits.shown``), then escaped by
    the one sanitiser; the words around them are kept."""
    repo = unit_repo(tmp_path / "unit")
    question = "请问社保卡补办需要带什么材料？\u202e复答待\u202c\x1b[2K\u2028\u2066隐藏\u2069"
    item, _ = fetched_comment(repo, emulator, "weibo", question, "7")
    env = inbox_env(emulator)
    answer = "您好，请携带身份证到政务服务大厅3号窗口办理。"
    rel = write_reply(repo, "bidi", item, answer, extra="public: true\n")
    approve_reply(repo, rel)
    sent = inbox(repo, env, "send")
    assert sent.code == 0, sent.out + sent.err
    page = answers_page(repo)
    assert "请问社保卡补办需要带什么材料？" in page and "3号窗口办理" in page
    assert "\\u202e复答待\\u202c" in page and "\\u2066隐藏\\u2069" in page
    _no_controls(page)
    assert "\u2028" not in page and "\u2066" not in page
