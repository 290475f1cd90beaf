"""Red team, round 17: the server re-runs the content check of what reaches main.

``govmedia approve`` refuses to sign a post with an error-level finding, but an approval is
a plain signed commit: reviewers who sign by hand (``git commit -S`` with the trailers
written out) never run the check, and three such signatures put a credential or a banned
term on main, from where the publisher sends it. Each test pushes to a real bare
repository with the installed hooks, with real SSH signatures, then pushes the honest
change beside the attack.
"""

from __future__ import annotations

import time

from tests.security.battery_support import ALLOW, Unit, accepted, post_text

POST = "content/posts/2026/12/dengji-tongzhi.md"
REPOST = "content/reposts/2026/12/zhuanfa-tongzhi.md"
PASSWORD = "Yks@2026xq"
CREDENTIAL = f"管理员登录密码：{PASSWORD}，请各单位妥善保管。\n"
BANNED = "欢迎加入法轮功学习小组。\n"


def _post(extra: str = "", front: str = "") -> str:
    text = post_text("登记工作通知")
    if front:
        text = text.replace("original: true\n", f"original: true\n{front}")
    return text + extra


def test_a_post_signed_by_hand_with_errors_is_refused_by_the_server(unit: Unit) -> None:
    """Attack: three reviewers approve a post carrying a password and a banned term with
    hand-written trailers (never ``govmedia approve``); the signatures are valid and the
    hook accepted it. Defence: the hook checks every post the push brings and refuses
    its unwaived errors, naming file, line and rule, and never echoes the password."""
    unit.branch("by-hand")
    unit.write(POST, _post(CREDENTIAL + BANNED))
    unit.commit("新稿：登记工作通知")
    unit.approval_all(POST)
    err = unit.attack()
    assert f"{POST}:11: [A17-03]" in err, err
    assert f"{POST}:12: [A9-05]" in err and "法轮功" in err, err
    assert PASSWORD not in err and "Yks@" not in err, err

    unit.branch("honest")  # the corrected post, approved the same way, is accepted
    unit.write(POST, _post())
    unit.commit("新稿：登记工作通知")
    unit.approval_all(POST)
    accepted(unit, unit.push())


def test_a_waiver_in_the_approved_post_is_honoured_and_binds_to_its_blob(unit: Unit) -> None:
    """A post whose own ``waivers`` accept its error (part of the blob the three stages
    signed) is accepted; a waiver naming another rule waives nothing."""
    unit.branch("waived")
    waiver = "waivers:\n  - rule: A9-05\n    reason: 通报取缔邪教组织的执法案例原文\n"
    unit.write(POST, _post(BANNED, front=waiver.replace("A9-05", "A9-07")))
    unit.commit("新稿：登记工作通知（豁免写错规则）")
    unit.approval_all(POST)
    err = unit.attack()
    assert f"{POST}:14: [A9-05]" in err, err

    unit.branch("waived-right")
    unit.write(POST, _post(BANNED, front=waiver))
    unit.commit("新稿：登记工作通知（含豁免）")
    unit.approval_all(POST)
    accepted(unit, unit.push())


def test_rules_the_push_brings_never_decide_its_own_check(unit: Unit) -> None:
    """Attack: the push brings an allowlist entry for the banned phrase, approved by hand
    with the post, so the post's check would pass under the pushed rules. Defence: the
    unit's rule files are read from main's tip before the push; the allowlist counts from
    the next push, once it is on main."""
    unit.branch("own-rules")
    allow = unit.clone.path.joinpath(ALLOW).read_text(encoding="utf-8")
    unit.write(
        ALLOW,
        allow + "  - phrase: 法轮功学习小组\n    rules: [A9-05]\n    reason: 本地社团\n",
    )
    unit.write(POST, _post(BANNED))
    unit.commit("新稿与白名单")
    unit.approval_all(POST, ALLOW)
    err = unit.attack()
    assert f"{POST}:11: [A9-05]" in err, err


def test_a_repost_signed_by_hand_with_a_credential_is_refused(unit: Unit) -> None:
    """A repost of a superior account is published like a post: its text is checked too."""
    text = (
        "---\nsource:\n  account: 呼伦贝尔发布\n  id: '5023456789012345'\nchannel: weibo\n"
        "author: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-01\n---\n"
    )
    unit.branch("repost")
    unit.write(REPOST, text + "转发：AppSecret: 3f9a0c1e5b7d2a4f6e8c0b1d3f5a7c9e\n")
    unit.commit("转发")
    unit.approval_all(REPOST)
    err = unit.attack()
    assert f"{REPOST}:1: [A17-02]" in err and "3f9a0c1e" not in err, err


def test_a_post_the_rules_take_long_over_is_refused_within_the_servers_budget(
    unit: Unit,
) -> None:
    """Attack: a post of 600 KB (under the size gate) repeating a banned term: the rules took
    minutes of CPU over it, holding the hook. Defence: the check runs in a child process with
    the server's CPU and memory limits (``GOVMEDIA_PUSH_CHECK_SECONDS``, ``…_MEMORY_MB``) and
    a push it cannot finish within them is refused."""
    (unit.bare / "govmedia.env").write_text("GOVMEDIA_PUSH_CHECK_SECONDS=3\n", encoding="utf-8")
    unit.branch("slow")
    unit.write(POST, _post("法轮功。" * 50_000 + "\n"))
    unit.commit("新稿：登记工作通知")
    unit.approval_all(POST)
    started = time.monotonic()
    err = unit.attack()
    assert time.monotonic() - started < 60, err
    assert "未能完成本次推送的内容检查" in err and "GOVMEDIA_PUSH_CHECK_SECONDS" in err, err
    _honest(unit)


def test_the_check_is_held_to_the_servers_memory_limit(unit: Unit) -> None:
    """A memory limit below what the rules need refuses even the honest push: the limit is
    applied (fail closed), and the message names the setting."""
    (unit.bare / "govmedia.env").write_text("GOVMEDIA_PUSH_CHECK_MEMORY_MB=64\n", encoding="utf-8")
    unit.branch("honest")
    unit.write(POST, _post())
    unit.commit("新稿：登记工作通知")
    unit.approval_all(POST)
    err = unit.attack()
    assert "GOVMEDIA_PUSH_CHECK_MEMORY_MB" in err, err


def _honest(unit: Unit) -> None:
    unit.branch("honest")
    unit.write(POST, _post())
    unit.commit("新稿：登记工作通知")
    unit.approval_all(POST)
    accepted(unit, unit.push())
