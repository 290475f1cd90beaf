"""Red team round 35: ``govmedia status`` and the desk's preview judged a branch's
approvals by the merge base's roster.

Round 34 made ``verify`` (the forge's required check) and ``approve`` judge by main's tip as
last fetched, too; ``status``, the editor's and reviewers' checklist, still counted a 初审
signed with a key main removed after the branch started and told them "✓ 已完成三审，合并后
即可发布", while the server, the forge's check and every reader of main refuse the claim.
Nothing is decided by ``status`` (it signs and pushes nothing), but a reviewer reads it to
decide whether to sign the next stage or to merge. Real repositories, real ssh-keygen
signatures, a real roster change pushed through the real pre-receive.
"""

from __future__ import annotations

import pytest

from pipeline.preview import last_approved
from tests.conftest import run_cli
from tests.security.battery_support import Unit
from tests.security.test_redteam34_rules_base import _behind_a_removed_key
from tests.security.test_redteam_rules import POST, TITLE


@pytest.mark.parametrize("first", ["张伟", "孙丽"])
def test_status_never_counts_a_stage_by_a_key_main_removed(unit: Unit, first: str) -> None:
    _behind_a_removed_key(unit)
    for stage, who in enumerate((first, "李强", "陈静"), 1):
        unit.approval(who, stage, [POST])
    result = run_cli("status", cwd=unit.clone.path)
    assert result.code == 0, result.out + result.err
    done = "✓ 已完成三审" in result.out
    assert done == (first == "孙丽"), result.out  # 孙丽 is still in main's roster
    if first == "张伟":
        assert "✗ 尚未完成三审" in result.out, result.out
        assert "签名密钥不在名册中（张伟" in result.out, result.out  # says why


@pytest.mark.parametrize("first", ["张伟", "孙丽"])
def test_the_preview_never_diffs_against_a_version_a_removed_key_approved(
    unit: Unit, first: str
) -> None:
    """The desk's preview shows what changed since the last approved version (round 24):
    a 初审 signed with the key main removed named that version, so the next reviewer read
    only the editor's later change, as if the rest had passed 初审."""
    _behind_a_removed_key(unit)
    unit.approval(first, 1, [POST])
    text = (unit.clone.path / POST).read_text(encoding="utf-8")
    unit.write(POST, text.replace(TITLE, TITLE + "（更新）", 1))
    unit.commit("改稿")
    found = last_approved(unit.clone.path, POST, unit.blob(POST))
    if first == "孙丽":  # still in main's roster: the diff is against her version
        assert found is not None and "第 1 审通过的版本（孙丽" in found.label, found
    else:  # a new post: nothing approved, nothing on main, the whole text is shown
        assert found is None, found.label
