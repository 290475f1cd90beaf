"""Red team, round 25: ``status``, ``approve`` and ``revoke`` in a shallow clone.

A shallow clone's edge cuts ancestry (round 23a): approvals past it do not belong to the
repository there, so ``govmedia status`` reported fewer stages done than the server counts
(and proposed the wrong next ``approve``), and ``approve`` refused the leader's 终审 with a
misleading reason, or read a stage as missing. Round 24 made ``verify`` refuse to judge a
shallow clone. Defence: ``status`` prints the same Chinese explanation (the clone is
shallow, ``git fetch --unshallow``) and lists no count; ``approve`` and ``revoke`` refuse
to sign, naming it. After ``git fetch --unshallow`` the same clone signs, and the server
accepts the push. Real repositories, real ssh-keygen signatures, the real CLI.
"""

from __future__ import annotations

import subprocess

from tests.conftest import run_cli
from tests.security.battery_support import Unit, accepted, clone_of, post_text

POST = "content/posts/2026/11/yanshi-tiaozheng.md"


def _git(cwd: object, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return proc.stdout


def test_status_and_approve_in_a_shallow_clone_say_so_and_sign_nothing(unit: Unit) -> None:
    """Attack on the desk: the leader clones the branch two commits deep (a CI checkout, a
    quick clone) to sign 终审 of a post whose 初审 and 复审 the server holds. ``status``
    showed stages as missing and ``approve --stage 3`` refused with a reason that was not
    true. Defence: both say the clone is shallow and what to do, nothing is signed; after
    ``git fetch --unshallow`` the leader signs and the server accepts the post."""
    unit.branch("post/shallow")
    unit.write(POST, post_text("延时服务调整"))
    unit.commit("新稿：延时服务调整")
    unit.approve("张伟", 1, POST)
    unit.approve("李强", 2, POST)
    accepted(unit, unit.push("HEAD:refs/heads/post/shallow"))

    shallow = clone_of(unit, "post/shallow", "shallow", depth=2)
    status = run_cli("status", cwd=shallow)
    assert status.code == 0 and "Traceback" not in status.err, status.err
    assert "浅克隆" in status.out and "git fetch --unshallow" in status.out, status.out
    assert "第 1 审" not in status.out and "下一步" not in status.out, status.out

    head = _git(shallow, "rev-parse", "HEAD")
    signed = run_cli("approve", POST, "--stage", "3", cwd=shallow, env=unit.env("陈静"))
    assert signed.code != 0 and "Traceback" not in signed.err, signed.err
    assert "浅克隆" in signed.err and "git fetch --unshallow" in signed.err, signed.err
    assert _git(shallow, "rev-parse", "HEAD") == head  # nothing signed

    revoked = run_cli("revoke", "HEAD", cwd=shallow, env=unit.env("李强"))
    assert revoked.code != 0 and "浅克隆" in revoked.err, revoked.out + revoked.err

    _git(shallow, "fetch", "-q", "--unshallow")
    status = run_cli("status", cwd=shallow)
    assert "浅克隆" not in status.out, status.out
    assert "approve content/posts/2026/11/yanshi-tiaozheng.md --stage 3" in status.out
    signed = run_cli("approve", POST, "--stage", "3", cwd=shallow, env=unit.env("陈静"))
    assert signed.code == 0, signed.out + signed.err
    pushed = subprocess.run(
        ["git", "push", "origin", "HEAD:refs/heads/main"],
        cwd=shallow,
        capture_output=True,
        text=True,
        check=False,
    )
    assert pushed.returncode == 0, pushed.stderr
    assert unit.review(POST)[0].publishable
