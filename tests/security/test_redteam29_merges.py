"""Red team round 29: merge results nobody approved, for the readers round 28 left out and
for the forge's squash and rebase merges.

Round 28 made the publisher stop while a merge on main brought a unit file (roster,
``accounts.yml``, rules, calendar) that neither parent held and nobody approved (a forge's
stale merge of two approved versions). The archive build's governance pages (the account
registry, from ``accounts.yml``) and ``watch`` read such a main as it stands. Now the build
stops the same way and the watch reports it as a finding (it keeps watching: it is the
alarm). Round 28 also reasoned, without a test, that squash and rebase merges add no roster
state the quorum did not approve; here real repositories show what they bring.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.review.merged_units import unapproved_merges
from tests.conftest import run_cli
from tests.interaction_support import (
    approve_reply,
    comments,
    fetched_comment,
    inbox,
    inbox_env,
    unit_repo,
    write_reply,
)
from tests.publish_support import env_for, git
from tests.security.battery_support import ACCOUNTS, ROSTER, Unit
from tests.security.test_redteam28_merges import _forge_main

SITE = {"GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/"}
WECHAT_URL = "url: https://mp.weixin.example.com/profile/yks-zwfw"
HIDE = "reason: 含枪支买卖信息（A9-07）\naction: hide\n"
WEIBO_URL = "url: https://weibo.example.com/ykszwfwj\n"


def _registry_request(unit: Unit, name: str, old: str, new: str) -> str:
    """A pull request from main changing one line of ``accounts.yml``, approved through the
    three stages. Its head."""
    unit.branch(name)
    text = (unit.clone.path / ACCOUNTS).read_text(encoding="utf-8")
    assert text.count(old) == 1
    unit.write(ACCOUNTS, text.replace(old, new))
    unit.commit("修改账号台账")
    unit.approval_all(ACCOUNTS)
    return unit.head()


def _stale_registry_merges(unit: Unit) -> tuple[str, str]:
    """Both registry requests checked before either was merged, then merged by the forge:
    the second merge brings a registry nobody approved. (merge commit, merged blob)"""
    first = _registry_request(unit, "acc1", WECHAT_URL, WECHAT_URL.replace("yks-zwfw", "yks"))
    second = _registry_request(unit, "acc2", WEIBO_URL, WEIBO_URL.replace("ykszwfwj", "yks"))
    unit.branch("forge", "origin/main")
    for number, head in enumerate((first, second), 1):
        unit.clone.git("merge", "-q", "--no-ff", "-m", f"Merge pull request #{number}", head)
    merged = unit.blob(ACCOUNTS)
    assert merged not in (unit.blob(ACCOUNTS, first), unit.blob(ACCOUNTS, second))
    return unit.head(), merged


def test_a_registry_a_stale_forge_merge_made_stops_the_archive_build(unit: Unit) -> None:
    merge, _ = _stale_registry_merges(unit)
    _, reader = _forge_main(unit, "forge")
    built = run_cli("build", cwd=reader, env=SITE)
    assert built.code != 0 and "Traceback" not in built.err, built.out + built.err
    assert f"合并提交 {merge[:10]} 带来的 {ACCOUNTS}" in built.err, built.err
    assert not (reader / "site" / "index.html").exists()
    # honest: the merged registry approved on main, and the archive is built
    unit.approval_all(ACCOUNTS)
    _, reader = _forge_main(unit, "forge")
    built = run_cli("build", cwd=reader, env=SITE)
    assert built.code == 0, built.out + built.err


def test_a_registry_a_stale_forge_merge_made_stops_the_report(unit: Unit) -> None:
    """The assessment report reads the registry as it stands: it stops the same way."""
    merge, _ = _stale_registry_merges(unit)
    _, reader = _forge_main(unit, "forge")
    out = unit.tmp / "report"
    made = run_cli("report", "--year", "2026", "--out", str(out), cwd=reader)
    assert made.code != 0 and "Traceback" not in made.err, made.out + made.err
    assert f"合并提交 {merge[:10]} 带来的 {ACCOUNTS}" in made.err, made.err
    assert not out.exists() or not any(out.iterdir())
    unit.approval_all(ACCOUNTS)
    _, reader = _forge_main(unit, "forge")
    made = run_cli("report", "--year", "2026", "--out", str(out), cwd=reader)
    assert made.code == 0, made.out + made.err


def test_a_registry_a_stale_forge_merge_made_is_a_finding_of_the_watch(
    unit: Unit, emulator: Emulator
) -> None:
    merge, _ = _stale_registry_merges(unit)
    _, reader = _forge_main(unit, "forge")
    watched = run_cli("watch", cwd=reader, env=env_for(emulator))
    assert watched.code == 1 and "Traceback" not in watched.err, watched.out + watched.err
    assert "[合并带来未经审核的单位文件]" in watched.out, watched.out
    assert f"合并提交 {merge[:10]} 带来的 {ACCOUNTS}" in watched.out, watched.out
    unit.approval_all(ACCOUNTS)
    _, reader = _forge_main(unit, "forge")
    watched = run_cli("watch", cwd=reader, env=env_for(emulator))
    assert watched.code == 0 and "单位文件" not in watched.out, watched.out + watched.err


def _roster_requests(unit: Unit) -> tuple[str, str]:
    """Two roster pull requests from main, each approved by the quorum. Their heads."""
    heads = []
    for name, old, new in (
        ("roster1", "title: 局长", "title: 局长（主要负责人）"),
        ("roster2", "title: 总编辑", "title: 总编辑（办公室主任）"),
    ):
        unit.branch(name)
        unit.change_roster(unit.roster().replace(old, new))
        unit.approve_roster()
        heads.append(unit.head())
    return heads[0], heads[1]


def test_a_squash_or_rebase_merge_of_a_checked_request_brings_the_approved_roster(
    unit: Unit,
) -> None:
    """Pinned: a roster request the check judged against main's current tip, merged by
    squash or by rebase, puts on main exactly the roster blob the quorum approved (no
    third version), while its approvals stay off main's history."""
    first, _ = _roster_requests(unit)
    approved = unit.blob(ROSTER, first)
    unit.branch("squashed", "origin/main")
    unit.clone.git("merge", "-q", "--squash", first)
    unit.commit("Roster (#1)")
    assert unit.blob(ROSTER) == approved
    unit.branch("rebased", first)
    unit.clone.git("rebase", "-q", "--keep-empty", "origin/main")  # main did not move
    assert unit.blob(ROSTER) == approved and unit.head() == first  # a fast-forward, no copy


def test_a_stale_squash_brings_a_roster_nobody_approved_unseen_by_the_merge_check(
    unit: Unit,
) -> None:
    """Found; before the publisher's first record (the bootstrap, trusted as pushed) left
    to the forge's settings: two roster requests checked before either was merged, squashed
    one after the other. The second squash commit is a plain
    commit holding the three-way merge of both rosters, a blob nobody approved; it is no
    merge, so ``merged_units`` (which looks at merges) does not see it, and the server,
    which would refuse it, is not there. Rebasing the second request onto the first gives
    the same blob in a plain commit."""
    first, second = _roster_requests(unit)
    unit.branch("squashed", "origin/main")
    for number, head in enumerate((first, second), 1):
        unit.clone.git("merge", "-q", "--squash", head)
        unit.commit(f"Roster (#{number})")
    merged = unit.blob(ROSTER)
    assert merged not in (unit.blob(ROSTER, first), unit.blob(ROSTER, second))
    tip = unit.head()
    assert unapproved_merges(unit.clone.path, tip) == []  # the gap: no merge commit at all
    err = unit.attack("HEAD:refs/heads/main")  # the unit's own server refuses that history
    assert "名册" in err, err
    unit.branch("rebased", second)
    unit.clone.git("rebase", "-q", first)
    assert unit.blob(ROSTER) == merged


def _bootstrap_end(unit: Unit) -> None:
    """A branch from main whose first commit writes the publisher's ledger: what a unit's
    first publishing run leaves, the end of its bootstrap (the readers verify who wrote it;
    ``unapproved_merges`` only needs where it stands)."""
    unit.branch("published", "origin/main")
    unit.write("ledger/2026/bootstrap.txt", "发布者的第一条记录\n")
    unit.commit("publish: first record")


def test_a_stale_squash_after_the_bootstrap_is_refused_by_the_readers(unit: Unit) -> None:
    """Closed (the lead, after round 29): after the publisher's first record, every plain
    step of main that changes the roster is judged as the server judges it, and so is one
    that gives another unit file its current blob. The two stale squashes carry rosters whose
    approvals are not on main (the second a three-way merge nobody approved): both named."""
    first, second = _roster_requests(unit)
    _bootstrap_end(unit)
    for number, head in enumerate((first, second), 1):
        unit.clone.git("merge", "-q", "--squash", head)
        unit.commit(f"Roster (#{number})")
    reasons = unapproved_merges(unit.clone.path, unit.head())
    assert len(reasons) == 2, reasons
    assert all(ROSTER in r and "在 main 上没有审核" in r for r in reasons), reasons


def test_an_approved_roster_step_after_the_bootstrap_passes(unit: Unit) -> None:
    """Honest: a roster change pushed with the quorum's approvals (a plain step, as on the
    unit's own server) is not refused by the readers."""
    _bootstrap_end(unit)
    unit.change_roster(unit.roster().replace("title: 局长", "title: 局长（主要负责人）"))
    unit.approve_roster()
    assert unapproved_merges(unit.clone.path, unit.head()) == []


def test_replies_wait_while_a_merge_brought_a_roster_nobody_approved(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The interaction inbox judges replies and hide orders by main's roster as it stands,
    and the server's hook runs it even when the publisher stopped: a history whose merge
    brought a roster neither parent held (imported at the bootstrap, never judged by the
    server) sent a hide order by that roster. Now ``inbox send`` stops as the publisher
    does, naming the merge; nothing is hidden."""
    repo = unit_repo(tmp_path / "unit")
    item, _ = fetched_comment(repo, emulator, "wechat", "出售枪支弹药，联系QQ")
    rel = write_reply(repo, "qiangzhi", item, "", folder="moderation", extra=HIDE)
    roster = repo / ROSTER
    base = git(repo, "rev-parse", "HEAD").strip()
    for name, old, new in (
        ("r1", "title: 局长", "title: 局长（主要负责人）"),
        ("r2", "title: 总编辑", "title: 总编辑（办公室主任）"),
    ):
        git(repo, "checkout", "-q", "-b", name, base)
        roster.write_text(roster.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        git(repo, "commit", "-qam", f"Roster {name}")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge r1", "r1")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge r2", "r2")
    merge = git(repo, "rev-parse", "HEAD").strip()
    approve_reply(repo, rel)
    sent = inbox(repo, inbox_env(emulator), "send")
    assert sent.code != 0 and "Traceback" not in sent.err, sent.out + sent.err
    assert f"合并提交 {merge[:10]} 带来的 {ROSTER}" in sent.err, sent.err
    assert not comments(emulator)[item].get("hidden")
