"""Red team, round 32: the dates of the review record. Each stage the archive shows (and
the assessment's review order and time) is dated by its signed approval commit's
committer date, which git lets the signer write. One reviewer alone dated a 终审 before
the 复审 it follows, or after the publication it allowed; the server took both. Real
ssh-keygen signatures, the real ``govmedia approve``, real pushes to a bare repository
with the real pre-receive (the battery's harness)."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from pipeline.review.verify import review_posts
from tests.conftest import run_cli
from tests.security.battery_support import Unit, accepted, post_text, sob

POST = "content/posts/2026/11/yanqi-tongzhi.md"


def _two_stages(unit: Unit) -> str:
    """The editor's post with the honest 初审 and 复审 on main's clone; returns the tip."""
    unit.write(POST, post_text("报名延期通知"))
    unit.commit("报名延期通知")
    unit.approve("张伟", 1, POST)
    return unit.approve("李强", 2, POST)


def _dated_final(unit: Unit, when: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """陈静's 终审, validly signed, its committer date written by her: ``when``."""
    with monkeypatch.context() as dated:
        dated.setenv("GIT_COMMITTER_DATE", when)
        dated.setenv("GIT_AUTHOR_DATE", when)
        return unit.approval("陈静", 3, [POST])


def _honest_final(unit: Unit, before: str) -> None:
    """Back to ``before`` and the real ``govmedia approve`` on the real clock: accepted,
    and the record's stages are dated in their order."""
    unit.clone.git("reset", "-q", "--hard", before)
    unit.approve("陈静", 3, POST)
    accepted(unit, unit.push())
    [review] = unit.review(POST)
    assert review.publishable, review
    at = {s.stage: dt.datetime.fromisoformat(s.at) for s in review.stages}
    assert at[1] <= at[2] <= at[3]


def test_a_final_approval_dated_before_the_review_it_follows_is_refused(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The leader signs 终审 today but dates it at the start of the year, months before the
    复审 it follows (a review "done in time" for a notice's deadline). Nothing judged the
    date: the server took the push, ``verify`` found the post publishable (order comes
    from ancestry), and the archive would show 终审 on 2026-01-05 under a 复审 of today.
    The server now refuses a claim dated before a commit it was made on."""
    before = _two_stages(unit)
    _dated_final(unit, "2026-01-05T09:00:00+08:00", monkeypatch)
    err = unit.attack()
    assert "审核提交" in err and "早于它所在的提交" in err and "2026-01-05 09:00:00" in err, err
    _honest_final(unit, before)


def test_the_forges_check_and_status_refuse_a_backdated_approval(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hosted forge has no pre-receive: its required check (``govmedia verify`` of the
    pull request from its merge base) refuses the same backdated 终审, and ``status``
    names it before anyone merges; the same branch signed on the real clock passes."""
    unit.branch("post/yanqi")
    before = _two_stages(unit)
    _dated_final(unit, "2026-01-05T09:00:00+08:00", monkeypatch)
    code, report, err = unit.verify_json()
    assert code == 1 and "签署时间晚于当前时间或早于" in err and "早于它所在的提交" in err, err
    assert [r["publishable"] for r in report] == [True]  # the stages alone would pass
    status = run_cli("status", cwd=unit.clone.path)
    assert "早于它所在的提交" in status.out, status.out + status.err
    unit.clone.git("reset", "-q", "--hard", before)
    unit.approve("陈静", 3, POST)
    code, report, err = unit.verify_json()
    assert code == 0 and "签署时间" not in err, err


def test_an_approval_dated_after_the_servers_clock_is_refused(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The leader dates 终审 in 2099: the archive's record would say the post went out
    decades before its final review (先审后发 broken, on the unit's public record), and the
    assessment's review time would be whatever she chose. Refused now: a claim dated
    after the server's clock."""
    before = _two_stages(unit)
    _dated_final(unit, "2099-01-01T09:00:00+08:00", monkeypatch)
    err = unit.attack()
    assert "审核提交" in err and "晚于当前时间" in err, err
    _honest_final(unit, before)


def test_a_retraction_dated_before_its_parent_is_refused(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same rule for a retraction (the tombstone's approval), named as such; the
    leader's retraction on the real clock is taken."""
    _two_stages(unit)
    published = unit.approve("陈静", 3, POST)
    accepted(unit, unit.push())
    with monkeypatch.context() as dated:
        dated.setenv("GIT_COMMITTER_DATE", "2026-01-05T09:00:00+08:00")
        unit.retraction("陈静", POST)
    err = unit.attack()
    assert "撤稿提交" in err and "早于它所在的提交" in err, err
    unit.clone.git("reset", "-q", "--hard", published)
    unit.retraction("陈静", POST)
    accepted(unit, unit.push())


def _hand_signed(unit: Unit, who: str, message: str, when: str) -> str:
    """A commit object written by hand on HEAD, its committer's date ``when``, signed with
    ``who``'s key by ``ssh-keygen -Y sign`` as git signs (the signature covers the object
    without its ``gpgsig`` header); HEAD moves to it."""
    head = unit.head()
    tree = unit.clone.git("rev-parse", "HEAD^{tree}").strip()
    ident = f"{sob(who)} {when}"
    header = f"tree {tree}\nparent {head}\nauthor {ident}\ncommitter {ident}\n"
    payload = unit.tmp / "payload"
    payload.write_bytes(f"{header}\n{message}".encode())
    key = str(unit.keys[who].private)
    subprocess.run(
        ["ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-f", key, str(payload)],
        check=True,
        capture_output=True,
    )
    signature = (unit.tmp / "payload.sig").read_text(encoding="ascii").rstrip("\n")
    signed = header + "gpgsig " + signature.replace("\n", "\n ") + "\n\n" + message
    return unit.write_commit(signed.encode())


@pytest.mark.parametrize(
    ("stamp", "zone"), [("", "+9999"), ("100000000000000000", "+0800")], ids=["zone", "date"]
)
def test_an_approval_whose_time_no_reader_can_read_is_refused(
    unit: Unit, stamp: str, zone: str
) -> None:
    """The leader writes her 终审 by hand with the committer zone ``+9999`` (git's fsck
    takes any four digits; no clock has it) and signs it with her own key: the signature
    is good, ``verify`` found the post publishable, and the publisher recorded the stage
    with no time, so the archive left the published post out as lacking a complete
    review record, and the assessment counted it as not compliant: one reviewer took a
    post the platforms show off the unit's public record. With a date of 10¹⁷ seconds
    (git's fsck takes it) reading the commit's time raised instead of answering, and every
    reader of that history stopped. The server and the check now refuse a claim whose time
    cannot be read, naming it."""
    before = _two_stages(unit)
    blob = unit.blob(POST)
    message = (
        f"终审通过\n\nReview-Stage: 3\nApproves: {POST}@{blob}\nSigned-off-by: {sob('陈静')}\n"
    )
    now = str(int(dt.datetime.now(dt.UTC).timestamp()))
    _hand_signed(unit, "陈静", message, f"{stamp or now} {zone}")
    [review] = review_posts(unit.clone.path, [POST], "HEAD")
    final = review.stage(3)
    assert review.publishable and final is not None and final.at == "", review  # signed
    err = unit.attack()
    assert "审核提交" in err and "没有可读的提交时间" in err, err
    code, _, err = unit.verify_json()
    assert code == 1 and "没有可读的提交时间" in err, err
    _honest_final(unit, before)


def test_a_post_committed_in_the_future_names_its_authors_clock(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's clock a day fast dates the post's commit tomorrow; the reviewers' honest
    approvals then lie before the commit they sign and are refused. The refusal tells them
    whose clock to fix (the author's: recommit, then sign again), not only their own.
    Since round 33 the commit itself is refused (no commit comes to main dated after the
    clock), and the honest approvals on it are not: it alone is named."""
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat(timespec="seconds")
    unit.write(POST, post_text("报名延期通知"))
    with monkeypatch.context() as dated:
        dated.setenv("GIT_COMMITTER_DATE", tomorrow)
        dated.setenv("GIT_AUTHOR_DATE", tomorrow)
        ahead = unit.commit("报名延期通知")
    unit.approve("张伟", 1, POST)
    unit.approve("李强", 2, POST)
    unit.approve("陈静", 3, POST)
    err = unit.attack()
    assert f"提交 {ahead[:10]} 的时间" in err and "请其作者核对电脑时钟" in err, err
    assert "早于它所在的提交" not in err, err
