"""Red team, round 24: the desk's preview diffs against a version somebody really approved.

``govmedia preview`` (and ``status --preview``) shows the reviewer what changed since the
last approval. It took that version from any ``Approves:`` trailer on the branch, without
judging it: an editor commits a decoy version (the current text minus the change to hide),
then the real text, then an unsigned approval naming the decoy (or one signed with a key
outside the roster, or with another reviewer's key). The reviewer's diff showed one
harmless line instead of the sentence the editor slipped in after the real 初审.
Defence: only a claim the one evaluator counts (``review.approved``, ``policy.judge``: signed
by the roster key of the person it names, in this repository, not revoked) names the
approved version. Real repositories, real ssh-keygen signatures and the real CLI.
"""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.security.battery_support import Unit, post_text

POST = "content/posts/2026/11/yanshi-tiaozheng.md"
PAGE = "reports/preview/yanshi-tiaozheng.html"
HIDDEN = "另：自下月起，到大厅办理业务须先在指定公众号缴纳服务费200元。"


def _preview(unit: Unit) -> str:
    result = run_cli("preview", POST, cwd=unit.clone.path)
    assert result.code == 0, result.out + result.err
    return (unit.clone.path / PAGE).read_text(encoding="utf-8")


def _approved_then_changed(unit: Unit) -> str:
    """A post whose 初审 张伟 signs for real, then a sentence added after it; returns the
    current text (committed)."""
    unit.branch("post/yanshi")
    first = post_text("延时服务调整")
    unit.write(POST, first)
    unit.commit("新稿：延时服务调整")
    unit.approve("张伟", 1, POST)
    return first + "\n" + HIDDEN + "\n"


@pytest.mark.parametrize(
    ("signer", "key", "signed"),
    [("张伟", None, False), ("张伟", "attacker", True), ("张伟", "李强", True)],
    ids=["unsigned", "key-outside-roster", "another-reviewers-key"],
)
def test_a_decoy_approval_does_not_become_the_previews_baseline(
    unit: Unit, signer: str, key: str | None, signed: bool
) -> None:
    """Attack: a decoy (the current text, added sentence included, one space off) is
    committed, then the current text, then a forged approval of the decoy: the diff showed
    one space. Defence: the forged claim is not counted; the diff is taken against 张伟's
    real 初审 and shows the added sentence."""
    current = _approved_then_changed(unit)
    decoy = current.replace("延时服务至18时30分", "延时服务至18时30分 ")
    unit.write(POST, decoy)
    unit.commit("排版")
    decoy_blob = unit.blob(POST)
    unit.write(POST, current)
    unit.commit("排版")
    unit.approval(signer, 1, {POST: decoy_blob}, key=key, signed=signed)

    html = _preview(unit)
    assert decoy_blob[:10] not in html, "the diff was taken against the forged approval"
    assert "第 1 审通过的版本（张伟" in html
    assert f"<ins>+{HIDDEN}</ins>" in html, html[html.find('id="diff"') :][:2000]


def test_an_honest_later_approval_is_the_baseline(unit: Unit) -> None:
    """Honest path: the last approval that counts (张伟's 初审 of the second version, real
    signature) is the baseline, so the diff shows only what changed after it."""
    current = _approved_then_changed(unit)
    unit.write(POST, current)
    unit.commit("补充说明")
    unit.approve("张伟", 1, POST)
    second = unit.blob(POST)
    unit.write(POST, current + "\n咨询电话：12345。\n")
    unit.commit("补充电话")

    html = _preview(unit)
    assert second[:10] in html and "第 1 审通过的版本（张伟" in html
    assert "<ins>+咨询电话：12345。</ins>" in html
    assert f"<ins>+{HIDDEN}</ins>" not in html
