"""Red team round 27: an approved text the server's content check refuses, on a forge.

Approvals are plain signed commits: reviewers who sign by hand (``git commit -S`` with the
trailers written out) never run ``govmedia approve``'s check, and the server re-runs the
content check over the approved posts, reposts and replies a push brings (round 17, round
21), by main's rule files. On a hosted forge the content check is ``review.yml``'s ``govmedia
check`` step, which reads posts only (``content/posts/``), with the pull request's own rule
files: a repost of a superior account carrying an AppSecret, approved by hand, passed both
``check`` and ``verify``, and the publisher would send it to Weibo. Now ``verify`` runs the
server's own content check (``review/content_gate.py``, in its child within the push
limits) over the approved texts of the pull request.
"""

from __future__ import annotations

from tests.conftest import run_cli
from tests.security.battery_support import Unit
from tests.security.test_redteam27_roster_steps import _ci_verify

REPOST = "content/reposts/2026/12/zhuanfa-tongzhi.md"
FRONT = (
    "---\nsource:\n  account: 呼伦贝尔发布\n  id: '5023456789012345'\nchannel: weibo\n"
    "author: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-01\n---\n"
)
SECRET = "3f9a0c1e5b7d2a4f6e8c0b1d3f5a7c9e"
TITLE = "::error title=内容检查未通过::"


def test_a_repost_signed_by_hand_with_a_credential_fails_the_required_check(unit: Unit) -> None:
    unit.branch("repost")
    unit.write(REPOST, FRONT + f"转发：AppSecret: {SECRET}\n")
    unit.commit("转发")
    unit.approval_all(REPOST)
    checked = run_cli("check", "--format", "github", cwd=unit.clone.path)
    assert checked.code == 0 and REPOST not in checked.out  # review.yml's first step reads posts
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith(TITLE)]
    assert any(f"{REPOST}:1: [A17-02]" in a for a in annotations), out
    assert SECRET[:8] not in out + err  # a credential is never echoed
    code, out, err = _ci_verify(unit)  # the checklist step, and an editor's own terminal
    assert code == 1 and f"{REPOST}:1: [A17-02]" in err and SECRET[:8] not in out + err
    err = unit.attack()  # the server refuses the same push for the same finding
    assert f"{REPOST}:1: [A17-02]" in err, err


def test_a_clean_repost_signed_by_hand_passes_the_required_check(unit: Unit) -> None:
    """Honest: the same repost without the credential, approved the same way."""
    unit.branch("repost")
    unit.write(REPOST, FRONT + "转发：全市冬季供暖服务热线开通。\n")
    unit.commit("转发")
    unit.approval_all(REPOST)
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 0 and "::error" not in out, out + err
    ok, err = unit.push()
    assert ok, err


def test_an_approved_unit_file_no_command_can_read_fails_the_required_check(unit: Unit) -> None:
    """A rule file of broken YAML, approved by hand: on main it would stop every later
    check, publish and watch; the server refuses it (``review/yaml_gate.py``), and now the
    forge's check does too."""
    unit.branch("rules")
    unit.write("content/rules/a99-x.yml", "rules: [\n  - id: A99-01\n")
    unit.commit("规则")
    unit.approval_all("content/rules/a99-x.yml")
    code, out, err = _ci_verify(unit, "--format", "github")
    annotations = [line for line in out.splitlines() if line.startswith("::error title=无法读取")]
    assert code == 1 and any("content/rules/a99-x.yml" in a for a in annotations), out + err
    err = unit.attack()
    assert "content/rules/a99-x.yml" in err, err
