"""Red team, round 14: a platform's error message, as the publisher prints and records it.

A platform's ``errmsg`` (WeChat) or ``error`` (Weibo) is the one free text of a reply that
reaches the operator's terminal, the private log and the ledger (the public record every
clone carries). ``Fields.message`` dropped C0 controls and the bidi embeddings, not the C1
controls (U+009B is a CSI to terminals that read C1 in UTF-8, U+0085 a line break) nor the
bidi marks (U+200E, U+200F, U+061C) that ``content_limits.shown`` escapes everywhere else.
Each test runs ``govmedia publish`` (a new process) against the loopback emulators.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.platforms.replies import Context, Fields
from tests.publish_support import env_for, faults, ledger_records, publish_process, small_repo
from tests.security.replies_support import ledger_text
from tests.security.test_replies_publish import POST, assert_clean

HOSTILE = "拒绝\x1b[2K\r\x9b2K\x85\u200f\u061c\u202e\u2066完毕"
SUSPECT = ("\x1b", "\r", "\x9b", "\x85", "\u200f", "\u061c", "\u202e", "\u2066")


def test_a_platform_error_message_reaches_no_terminal_or_ledger_with_its_controls(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: WeChat and Weibo refuse the post with an error text carrying ESC, CR, the C1
    CSI and NEL, and bidi marks and overrides. Defence: the message is one line without
    any of them, on the terminal and in the ledger; the code and the words stay."""
    repo = small_repo(tmp_path / "unit", POST)
    faults(
        emulator,
        {"path": "/cgi-bin/draft/add", "reply": {"errcode": 45166, "errmsg": HOSTILE}},
        {
            "path": "/2/statuses/share.json",
            "reply": {"error_code": 10017, "error": HOSTILE},
            "status": 400,
        },
    )
    run = publish_process(repo, env_for(emulator))
    assert run.code == 1
    assert "45166" in run.out and "10017" in run.out
    for text in (run.out, run.err, ledger_text(repo)):
        found = [c for c in SUSPECT if c in text]
        assert not found, (found, text)
    assert_clean(repo, run.out, run.err)
    messages = [r["detail"].get("message", "") for r in ledger_records(repo)]
    assert any("拒绝" in m and "完毕" in m for m in messages), messages


def test_a_huge_error_message_is_cut_to_one_bounded_line() -> None:
    """A megabyte of message, and a message that is not a string, read as a bounded line."""
    reply = Fields({"errmsg": "错" * 1_000_000, "error": {"nested": "x"}}, Context("微信", "x"))
    assert reply.message("errmsg") == "错" * 200 + "…"
    assert reply.message("error") == ""
