"""Red team, round 16: text a reviewer's terminal hides, in a post the public reads whole.

A post body is Markdown; the check refused control characters in its fields and NUL bytes
anywhere, but took an ESC, a backspace or a carriage return in the body. ``git diff``,
``git show`` and ``git log -p`` page through ``less -R`` (git's default ``LESS=FRX``), which
passes colour sequences to the terminal: a sentence between ``ESC[8m`` (conceal) and
``ESC[0m``, or black on black, is not on the reviewer's screen, while every platform and the
archive show it (the ESC alone is dropped or invisible in HTML). Each test runs the real
``govmedia check`` and ``approve`` (real signed commits) in a clone of a real bare
repository with the installed hooks.
"""

from __future__ import annotations

import subprocess

import pytest

from pipeline.errors import GovmediaError
from tests.conftest import run_cli
from tests.security.battery_support import Unit, accepted, post_text
from tests.security.redteam_support import approve_acked, approve_chain
from tests.security.test_interaction_integrity import REPLY, known_item, reply_text
from tests.security.test_redteam_rules import POST, SERVICE, TITLE

HIDDEN = "另据内部消息，下周起窗口暂停办理全部业务。"
CONCEALED = f"{SERVICE}\x1b[8m{HIDDEN}\x1b[0m"


@pytest.mark.parametrize(
    "sequence",
    [
        CONCEALED,
        f"{SERVICE}\x1b[30;40m{HIDDEN}\x1b[0m",
        f"{SERVICE}\u009b8m{HIDDEN}\u009b0m",
        # each character overstruck by the cover's (less shows the second)
        "".join(f"{a}\b\b{b}" for a, b in zip(HIDDEN, SERVICE * 2, strict=False)),
        f"{HIDDEN}\r{SERVICE}{SERVICE}",  # written over without a pager
    ],
    ids=["conceal", "black-on-black", "c1-csi", "backspace", "carriage-return"],
)
def test_a_sentence_the_reviewers_terminal_conceals_is_refused_before_signing(
    unit: Unit, sequence: str
) -> None:
    """Attack: the editor's post says the sample sentence and, concealed by a terminal
    sequence, a rumour. In the reviewer's ``git diff`` the rumour is not on screen; the
    check found nothing, so ``approve`` signed all three stages and the server accepted the
    post, rumour and all. The same with backspaces (``less`` overstrikes, showing the
    cover's characters) and a carriage return (without a pager the cover is written over
    the rumour). Defence: the check refuses, with its line and column, every character a
    terminal obeys rather than shows in the body (C0 and C1 controls but the tab and the
    line end), so ``approve`` refuses to sign it."""
    unit.branch("concealed")
    unit.write(POST, post_text(TITLE).replace(SERVICE, sequence))
    unit.commit("New post")
    shown = subprocess.run(
        ["git", "show", "--no-color", "HEAD", "--", POST],
        cwd=unit.clone.path,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")  # bytes: a carriage return kept as it is
    assert sequence in shown  # what the pager hands the terminal, as written
    result = run_cli("check", POST, cwd=unit.clone.path)
    assert result.code != 0 and "控制字符" in result.out + result.err, result.out + result.err
    with pytest.raises(GovmediaError, match="控制字符"):
        approve_acked(unit, "张伟", 1, POST)


def test_a_post_with_tabs_and_crlf_line_ends_is_still_signed(unit: Unit) -> None:
    """Honest counterpart: tabs and Windows line ends are text, not terminal sequences."""
    unit.branch("honest")
    text = post_text(TITLE).replace(SERVICE, f"{SERVICE}\t（节假日除外）")
    unit.write(POST, text.replace("\n", "\r\n").encode("utf-8"))
    unit.commit("New post")
    approve_chain(unit, POST)
    accepted(unit, unit.push())


def test_a_reply_to_a_citizen_with_concealed_text_is_refused_before_signing(unit: Unit) -> None:
    """Attack: the same in a reply to a citizen (初审 and 终审, sent as the unit's answer on
    the platform): the reviewers' ``git diff`` shows the polite sentence only. Defence: a
    reply, hide order or repost holding a character a terminal obeys, in its body or its
    head, is refused by its check (``replies.read_front_matter``), so ``approve`` refuses to sign;
    the plain reply beside it is signed and accepted."""
    known_item(unit)
    unit.branch("reply")
    unit.write(REPLY, reply_text().replace("。\n", f"。\x1b[8m{HIDDEN}\x1b[0m\n"))
    unit.commit("Reply to a citizen")
    with pytest.raises(GovmediaError, match="控制字符"):
        unit.approve("张伟", 1, REPLY)
    unit.write(REPLY, reply_text())
    unit.commit("Reply to a citizen, plain")
    unit.approve("张伟", 1, REPLY)
    unit.approve("李强", 3, REPLY)
    accepted(unit, unit.push())
