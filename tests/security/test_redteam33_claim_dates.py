"""Red team, round 33: the claim dates of round 32 turned against the desk. A claim is
refused when dated before one of its parents; nothing judged the date of a commit that is
no claim, so whoever merges an approved branch into main could date the merge far ahead,
and every claim made on main after it (the leader's retraction above all: 责令删除 has a
deadline) was refused until that date, with a fix ("recommit") nobody can apply to main.
Real ssh-keygen signatures, the real ``govmedia approve``, real pushes to a bare
repository with the real pre-receive (the battery's harness)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.review import claim_dates
from tests.conftest import run_cli
from tests.security.battery_support import Unit, accepted, post_text

POST = "content/posts/2026/11/tingshui-tongzhi.md"
FAR = "2099-01-01T09:00:00+08:00"


def _approved_branch(unit: Unit) -> str:
    """An editor's post on its own branch with the three honest approvals; returns the tip."""
    unit.branch("post/tingshui")
    unit.write(POST, post_text("停水通知"))
    unit.commit("停水通知")
    for stage, who in enumerate(("张伟", "李强", "陈静"), 1):
        unit.approve(who, stage, POST)
    return unit.head()


def _merge(unit: Unit, monkeypatch: pytest.MonkeyPatch, when: str | None) -> str:
    """main merges the approved branch (``--no-ff``), the merge dated ``when`` by the one
    who merges (the real clock when None); returns the merge."""
    unit.clone.git("checkout", "-q", "-B", "main", "origin/main")
    with monkeypatch.context() as dated:
        if when is not None:
            dated.setenv("GIT_COMMITTER_DATE", when)
            dated.setenv("GIT_AUTHOR_DATE", when)
        unit.clone.git("merge", "-q", "--no-ff", "-m", "合并：停水通知", "post/tingshui")
    return unit.head()


def test_a_merge_dated_far_ahead_is_refused_so_no_retraction_is_blocked(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge of an approved post, dated 2099 by whoever merges, was taken: it claims
    nothing, so no date of it was judged. The leader's honest retraction of the post, made
    on main the next day, then lay "before the commit it was made on" and was refused,
    as was every claim signed on main's tip until 2099, with the advice to recommit a
    commit main can no longer change. The server now refuses any commit a push brings to
    main dated after its clock (beyond the skew), naming it; the honest merge passes and
    the retraction on it is taken."""
    _approved_branch(unit)
    merge = _merge(unit, monkeypatch, FAR)
    err = unit.attack()
    assert merge[:10] in err and "晚于当前时间" in err and "2099-01-01 09:00:00" in err, err
    _merge(unit, monkeypatch, None)
    accepted(unit, unit.push())
    unit.retraction("陈静", POST)
    accepted(unit, unit.push())


def test_the_forges_check_refuses_a_commit_dated_ahead(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hosted forge has no pre-receive: ``govmedia verify`` of a pull request refuses a
    commit of it dated after the clock (here the editor's own commit, a day ahead), naming
    it and its author's clock, before its approvals make the refusal a question for the
    reviewers; the same post committed on the real clock passes."""
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat(timespec="seconds")
    unit.branch("post/tingshui")
    unit.write(POST, post_text("停水通知"))
    with monkeypatch.context() as dated:
        dated.setenv("GIT_COMMITTER_DATE", tomorrow)
        unit.commit("停水通知")
    ahead = unit.head()
    code, _, err = unit.verify_json()
    assert code == 1 and ahead[:10] in err and "请其作者核对电脑时钟" in err, err
    unit.clone.git("commit", "-q", "--amend", "--no-edit", "--date=now")
    for stage, who in enumerate(("张伟", "李强", "陈静"), 1):
        unit.approve(who, stage, POST)
    code, _, err = unit.verify_json()
    assert code == 0 and "晚于当前时间" not in err, err
    status = run_cli("status", cwd=unit.clone.path)
    assert "晚于当前时间" not in status.out, status.out


def test_a_commit_dated_ahead_already_on_main_blocks_no_retraction(
    unit: Unit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A merge dated 2099 that reached main before this rule (here: pushed with the
    pre-receive set aside) stays there. A claim made on it is held to the clock, not to
    the merge's date: the leader's retraction on the real clock is taken, and one she dates
    a day back is still refused (no backdating through a future parent)."""
    _approved_branch(unit)
    _merge(unit, monkeypatch, FAR)
    hook = unit.bare / "hooks" / "pre-receive"
    aside = hook.with_name("pre-receive.aside")
    hook.rename(aside)
    try:
        accepted(unit, unit.push())
    finally:
        aside.rename(hook)
    on_main = unit.head()
    yesterday = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat(timespec="seconds")
    with monkeypatch.context() as dated:
        dated.setenv("GIT_COMMITTER_DATE", yesterday)
        unit.retraction("陈静", POST)
    err = unit.attack()
    assert "撤稿提交" in err and "早于它所在的提交" in err, err
    unit.clone.git("reset", "-q", "--hard", on_main)
    unit.retraction("陈静", POST)
    accepted(unit, unit.push())


@pytest.mark.parametrize("stamp", ["1767574800 +0800", "1767574800 +9999"], ids=["past", "zone"])
def test_a_final_approval_backdated_over_a_commit_of_its_own_is_refused(
    unit: Unit, monkeypatch: pytest.MonkeyPatch, stamp: str
) -> None:
    """Round 32 bounded a claim by its parents' dates only. The leader alone puts an empty
    commit of her own between the 复审 and her 终审, dated at the start of the year (or
    with a zone no clock has, so no date is read of it): it claims nothing and changes no
    file, so nothing judged it, and her 终审 dated 2026-01-05 lay after its only parent.
    The server took it, and the archive would show the 终审 months before the 复审 it
    follows. A claim is now held to the latest date of the commits it was made on, through
    every commit the push brings; the honest 终审 on the real clock is taken."""
    unit.write(POST, post_text("停水通知"))
    unit.commit("停水通知")
    unit.approve("张伟", 1, POST)
    second = unit.approve("李强", 2, POST)
    with monkeypatch.context() as dated:
        dated.setenv("GIT_COMMITTER_DATE", stamp)
        dated.setenv("GIT_AUTHOR_DATE", stamp)
        unit.commit("整理", who="陈静")
        dated.setenv("GIT_COMMITTER_DATE", "2026-01-05T09:00:00+08:00")
        unit.approval("陈静", 3, [POST])
    err = unit.attack()
    assert "审核提交" in err and "早于它所在的提交" in err and second[:10] in err, err
    unit.clone.git("reset", "-q", "--hard", second)
    unit.approve("陈静", 3, POST)
    accepted(unit, unit.push())


def test_a_refusal_names_the_nearest_of_commits_made_in_the_same_second() -> None:
    """Commits made within one second (a post and its approvals by a fast desk) share a
    date: the floor of each is its own, not a parent's chosen by its id, so the refusal
    above names the 复审 the claim follows whichever ids the commits drew (the test above
    named the editor's commit or the 初审 on some runs)."""
    editor, first, second, own = "f" * 40, "e" * 40, "0" * 40, "1" * 40
    added = [
        [editor, "1790000000"],
        [first, "1790000000", editor],
        [second, "1790000000", first],
        [own, "1767574800", second],
    ]
    floors = claim_dates._floors(Path("."), added)
    when = dt.datetime.fromtimestamp(1790000000, dt.UTC)
    assert floors[second] == (when, second) and floors[own] == (when, second), floors
    assert floors[first] == (when, first) and floors[editor] == (when, editor), floors


def _empty_commit_dated(unit: Unit, stamp: str) -> str:
    """An empty commit on HEAD, written by hand with the committer date ``stamp``."""
    tree = unit.clone.git("rev-parse", "HEAD^{tree}").strip()
    parent = unit.head()
    ident = "赵敏 <zhaomin@example.gov.cn>"
    raw = (
        f"tree {tree}\nparent {parent}\nauthor {ident} {stamp} +0800\n"
        f"committer {ident} {stamp} +0800\n\n整理\n"
    )
    return unit.write_commit(raw.encode())


def test_a_commit_dated_past_every_calendar_is_refused_as_ahead(unit: Unit) -> None:
    """Red team 34: round 33 refused a commit dated after the clock only when its date could
    be read as a calendar date, and git's fsck takes any 64-bit time. A pusher's empty
    commit dated 10¹⁷ seconds (some three billion years on) claims nothing, so nothing else
    judged it, and it reached main though dated after every clock. It is now refused as
    ahead of the clock, naming it and its seconds; the same commit dated now is taken."""
    unit.clone.git("checkout", "-q", "-B", "main", "origin/main")
    far = _empty_commit_dated(unit, "100000000000000000")
    err = unit.attack()
    assert far[:10] in err and "晚于当前时间" in err and "100000000000000000 秒" in err, err
    unit.clone.git("reset", "-q", "--hard", "origin/main")
    _empty_commit_dated(unit, str(int(dt.datetime.now(dt.UTC).timestamp())))
    accepted(unit, unit.push())
