"""Red team round 28: a merge result nobody approved, through the hosted forges' check.

Approvals bind a file's exact blob. Two pull requests, each approved through all three
stages, edit the same post in different lines: one drops the "不" of a sentence, the other
rewrites the sentence's other half (or two roster edits, each approved by the quorum). A
forge merges both cleanly, and main holds a third blob that no reviewer ever saw. The
server refuses that merge (the files at its new tip need approvals of their blobs) and the
publisher holds the post (its blob has no approvals), but on a forge ``govmedia verify``
judged the second pull request's head from its merge base, exited 0 after the first one
was merged, and the forge's merge commit itself is never judged: a roster or
``accounts.yml`` merged that way is read by every command as it stands. Now ``verify``
computes the merge the forge will make with main's tip (``review/merge_result.py``) and
refuses every file under ``content/`` whose merged blob is neither main's nor the head's.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pipeline.review.verify import review_posts
from tests.conftest import run_cli
from tests.security.battery_support import ROSTER, SAMPLE_POSTS, Unit, accepted, post_text
from tests.security.test_redteam27_roster_steps import _ci_verify, _forge_fast_forward

POST = SAMPLE_POSTS[1]
TITLE = "::error title=合并结果无人审核::"
NAMES_TITLE = "::error title=服务器不接受的文件名::"
# two lines of the post with an unchanged line (``MIDDLE``) between them: git merges edits
# of both cleanly (edits of adjacent lines, or of one line, conflict)
FIRST = "- 资格认证全程免费，可以在官方APP中自助完成，或到社区、大厅办理；"
MIDDLE = "- 官方工作人员不会索要短信验证码、银行卡密码，不存在“安全账户”；"
SECOND = "- 凡是要求先转账、先交费的，都要先停下来核实。"


def _edit(unit: Unit, old: str, new: str) -> None:
    text = (unit.clone.path / POST).read_text(encoding="utf-8")
    assert old in text
    unit.write(POST, text.replace(old, new))
    unit.commit("修改文章")


def _first_request_merged(unit: Unit) -> str:
    """Pull request 1: the first line rewritten, approved through the three stages and
    merged into main. Returns main before it."""
    before = unit.clone.git("rev-parse", "origin/main").strip()
    unit.branch("pr1")
    _edit(unit, FIRST, "- 资格认证全程免费，请认准官方APP，或到社区、大厅办理；")
    unit.approval_all(POST)
    accepted(unit, unit.push())
    return before


def _second_request(unit: Unit, before: str, old: str, new: str) -> str:
    """Pull request 2, from main before the first: ``old`` rewritten as ``new``, approved
    through the three stages; then main fetched as the check fetches it. Returns its head."""
    unit.branch("pr2", before)
    _edit(unit, old, new)
    unit.approval_all(POST)
    head = unit.head()
    unit.fetch()
    return head


def test_two_approved_edits_of_one_post_merged_fail_the_required_check(unit: Unit) -> None:
    before = _first_request_merged(unit)
    pr2 = _second_request(unit, before, SECOND, "- 凡是要求先转账、先交费的，都是诈骗。")
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith(TITLE)]
    assert len(annotations) == 1 and POST in annotations[0], out
    code, out, err = _ci_verify(unit)  # the checklist step, and an editor's own terminal
    assert code == 1 and "不是任何人审核过的版本" in err and POST in err, out + err
    status = run_cli("status", cwd=unit.clone.path)  # the editor learns it before merging
    assert status.code == 0 and f"{POST}：合并后为 blob" in status.out, status.out + status.err
    # the forge's merge: a third blob, neither main's nor the pull request's
    unit.branch("forge", "origin/main")
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge pull request #2", pr2)
    merged = unit.blob(POST)
    text = unit.clone.git("show", f"HEAD:{POST}")
    assert "请认准官方APP" in text and MIDDLE in text and "都是诈骗" in text  # both edits
    assert merged not in (unit.blob(POST, "origin/main"), unit.blob(POST, pr2))
    err = unit.attack()  # the server refuses the same merge
    assert POST in err and merged[:10] in err, err
    # on a forge it lands; the publisher's evaluator holds the post (no approval of it)
    reader = _forge_fast_forward(unit, "forge-merged")
    (review,) = review_posts(reader, [POST], "refs/heads/main")
    assert review.blob == merged and not review.publishable


def test_two_approved_roster_edits_merged_fail_the_required_check(unit: Unit) -> None:
    """The roster decides every approval: two edits each approved by the quorum make, merged,
    a roster nobody approved."""
    before = unit.clone.git("rev-parse", "origin/main").strip()
    unit.branch("roster1")
    unit.change_roster(unit.roster().replace("title: 局长", "title: 局长（主要负责人）"))
    unit.approve_roster()
    accepted(unit, unit.push())
    unit.branch("roster2", before)
    unit.change_roster(unit.roster().replace("title: 总编辑", "title: 总编辑（办公室主任）"))
    unit.approve_roster()
    unit.fetch()
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith(TITLE)]
    assert len(annotations) == 1 and ROSTER in annotations[0], out


def test_a_request_brought_up_to_date_and_approved_again_passes(unit: Unit) -> None:
    """Honest: pull request 2 merges main, its merged version is approved through the three
    stages, the check passes and the server takes it; a request changing another file than
    main did passes without merging main."""
    before = _first_request_merged(unit)
    unit.branch("other", before)
    other = "content/posts/2026/11/yanshi-fuwu-tongzhi.md"
    unit.write(other, post_text("政务服务大厅延时服务"))
    unit.commit("新文章")
    unit.approval_all(other)
    unit.fetch()
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 0 and "::error" not in out, out + err
    unit.branch("pr2", before)
    _edit(unit, SECOND, "- 凡是要求先转账、先交费的，都是诈骗，请立即挂断。")
    unit.approval_all(POST)
    unit.clone.git("merge", "-q", "--no-edit", "origin/main")
    unit.approval_all(POST)
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 0 and "::error" not in out, out + err
    pr2 = unit.head()
    unit.branch("forge", "origin/main")  # the forge's merge: the approved blob, unchanged
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge pull request #2", pr2)
    assert unit.blob(POST) == unit.blob(POST, pr2)
    accepted(unit, unit.push())


def test_a_merge_git_cannot_make_is_not_judged(unit: Unit) -> None:
    """Two edits of the same line conflict: the forge will not merge them (the request must
    be updated, which the check then judges), so the check has no merge result to refuse."""
    before = _first_request_merged(unit)
    _second_request(unit, before, FIRST, "- 资格认证全程免费，到大厅办理更放心；")
    proc = subprocess.run(
        ["git", "merge-tree", "--write-tree", "origin/main", "HEAD"],
        cwd=unit.clone.path,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 1  # conflicts
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 0 and TITLE not in out, out + err


def test_an_evil_merge_in_the_pull_request_fails_the_required_check(unit: Unit) -> None:
    """The attacker merges main into the approved branch himself and changes the post in
    the merge commit (in neither parent): the head's blob has no approval."""
    before = _first_request_merged(unit)
    _second_request(unit, before, SECOND, "- 凡是要求先转账、先交费的，都是诈骗。")
    unit.clone.git("merge", "-q", "--no-commit", "origin/main")
    text = (unit.clone.path / POST).read_text(encoding="utf-8")
    unit.write(POST, text.replace(MIDDLE, "- 官方工作人员会索要短信验证码，请配合提供；"))
    unit.clone.git("add", POST)
    unit.clone.git("commit", "-q", "--no-edit")
    assert len(unit.clone.git("rev-parse", "HEAD^@").split()) == 2  # a merge commit
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1 and f"file={POST}" in out and "三审未完成" in out, out + err
    evil = unit.head()
    unit.branch("forge", "origin/main")  # the forge's merge of it, pushed to the server
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge pull request #2", evil)
    err = unit.attack()
    assert POST in err and unit.blob(POST)[:10] in err, err


def test_a_squash_merge_leaves_the_posts_it_brings_held(unit: Unit) -> None:
    """A forge's squash merge drops the approval commits: the post on main has no approval,
    and the publisher's evaluator holds it (fail closed)."""
    unit.branch("pr1")
    _edit(unit, FIRST, "- 资格认证全程免费，请认准官方APP，或到社区、大厅办理；")
    unit.approval_all(POST)
    pr1 = unit.head()
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 0, out + err
    unit.branch("forge", "origin/main")
    unit.clone.git("merge", "-q", "--squash", pr1)
    unit.commit("Squash pull request #1")
    assert unit.blob(POST) == unit.blob(POST, pr1)
    reader = _forge_fast_forward(unit, "forge-squashed")
    (review,) = review_posts(reader, [POST], "refs/heads/main")
    assert review.blob == unit.blob(POST, pr1) and not review.publishable


def test_a_slug_main_gained_after_the_merge_base_fails_the_required_check(unit: Unit) -> None:
    """Round 27 left open: a name that collides only with a file main gained after the
    merge base. Two approved posts with one slug in two months' folders merge cleanly; the
    server refuses the merge (one archive URL, one ledger key for two posts)."""
    before = unit.clone.git("rev-parse", "origin/main").strip()
    first, second = (f"content/posts/2026/{m}/yanshi-fuwu-tongzhi.md" for m in ("11", "12"))
    unit.branch("first")
    unit.write(first, post_text("政务服务大厅延时服务"))
    unit.commit("新文章")
    unit.approval_all(first)
    accepted(unit, unit.push())
    unit.branch("second", before)
    unit.write(second, post_text("政务服务大厅延时服务（十二月）"))
    unit.commit("新文章")
    unit.approval_all(second)
    head = unit.head()
    unit.fetch()
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith(NAMES_TITLE)]
    assert len(annotations) == 1 and "yanshi-fuwu-tongzhi" in annotations[0], out
    unit.branch("forge", "origin/main")
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge pull request #2", head)
    err = unit.attack()  # the server refuses the forge's merge for the same reason
    assert "yanshi-fuwu-tongzhi" in err and "重复" in err, err


def _forge_main(unit: Unit, name: str) -> tuple[Path, Path]:
    """A hookless copy of the server (the forge) whose main is HEAD, and a clone of it."""
    forge = unit.tmp / f"{name}.git"
    if not forge.exists():
        subprocess.run(["git", "clone", "-q", "--bare", str(unit.bare), str(forge)], check=True)
    push = ["git", "push", "-q", "--force", str(forge), "HEAD:refs/heads/main"]
    subprocess.run(push, cwd=unit.clone.path, check=True)
    reader = unit.tmp / f"{name}-clone-{unit.head()[:8]}"
    subprocess.run(["git", "clone", "-q", str(forge), str(reader)], check=True)
    return forge, reader


def test_a_roster_a_stale_forge_merge_made_stops_the_publisher(unit: Unit) -> None:
    """Both roster pull requests were checked before either was merged (a forge without the
    up-to-date setting): the forge's second merge brings a roster nobody approved, which
    every later approval would be judged by. The publisher refuses main until the merged
    roster is approved there; the first merge (the approved blob itself) is no reason."""
    unit.branch("roster1")
    unit.change_roster(unit.roster().replace("title: 局长", "title: 局长（主要负责人）"))
    unit.approve_roster()
    first = unit.head()
    unit.branch("roster2")
    unit.change_roster(unit.roster().replace("title: 总编辑", "title: 总编辑（办公室主任）"))
    unit.approve_roster()
    second = unit.head()
    unit.branch("forge", "origin/main")
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge pull request #1", first)
    one = unit.head()
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge pull request #2", second)
    two = unit.head()
    merged = unit.blob(ROSTER)
    assert merged not in (unit.blob(ROSTER, first), unit.blob(ROSTER, second))
    _, reader = _forge_main(unit, "forge")
    result = run_cli("publish", "--dry-run", cwd=reader)
    assert result.code != 0 and "Traceback" not in result.err, result.out + result.err
    assert f"合并提交 {two[:10]} 带来的 {ROSTER}" in result.err and one[:10] not in result.err
    # honest: the leaders approve the merged roster on main, and the publisher goes on
    unit.approve_roster()
    _, reader = _forge_main(unit, "forge")
    result = run_cli("publish", "--dry-run", cwd=reader)
    assert result.code == 0 and "未经审核" not in result.out + result.err, result.out + result.err
