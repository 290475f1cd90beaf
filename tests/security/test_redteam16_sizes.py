"""Red team, round 16: files too large for any reader, pushed to main to exhaust the server.

The pre-receive hook reads the blobs a push brings: every post (its front matter and the
files it pulls in), every unit YAML file (the YAML gate), the roster of every step. A blob
of spaces compresses a thousand to one, so a push of a few hundred kilobytes made the hook
hold hundreds of megabytes (each blob read whole, then decoded), before it refused the
files as unapproved: anyone who can push could exhaust the server's memory, and with it
the publisher's runs beside it. Each test pushes to a real bare repository with the
installed hook and measures the push's largest process (the hook, git's own), then pushes
the honest change beside it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.content import MAX_BYTES
from pipeline.yamlutil import MAX_CHARS
from tests.security.battery_support import ACCOUNTS, ROSTER, Unit, accepted, post_text
from tests.security.redteam_support import approve_chain

MB = 1024 * 1024
HUGE = 48 * MB  # each file: 48 MB of spaces, about 50 KB in the pack
POSTS = tuple(f"content/posts/2026/12/dianzi-zhizhao-{i}.md" for i in range(3))
REPOST = "content/reposts/2026/12/zhuanfa.md"
IMAGE = "content/posts/2026/12/images/dianzi-zhizhao.png"
PUSH = (
    "import resource, subprocess, sys\n"
    "p = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(p.returncode, peak, flush=True)\n"
    "sys.stderr.write(p.stderr)\n"
)


def _measured_push(unit: Unit) -> tuple[bool, int, str]:
    """``git push`` of HEAD to main in a process of its own: (accepted, the largest process
    of the push in bytes, the server's stderr). Blobs over a megabyte are sent whole
    (``core.bigFileThreshold``), so the sending side holds none of them at once."""
    args = ["git", "-c", "core.bigFileThreshold=1m", "push", "origin", "HEAD:refs/heads/main"]
    done = subprocess.run(
        [sys.executable, "-c", PUSH, str(unit.clone.path), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    code, peak = done.stdout.split()
    return code == "0", int(peak) * 1024, done.stderr


def _spaces(first: str, size: int) -> bytes:
    return first.encode("utf-8") + b" " * (size - len(first.encode("utf-8")))


def test_files_too_large_for_any_reader_are_refused_before_the_hook_reads_them(
    unit: Unit,
) -> None:
    """Attack: one unsigned commit on main adds three posts and a repost and replaces
    ``accounts.yml`` and ``roster.yml``, each 48 MB of spaces (about 300 KB pushed). The hook read every one
    whole (the posts in one batch), more than 300 MB at its peak, before refusing them as
    unapproved. Defence: the hook first asks git for the size of every blob the push's
    first-parent commits bring and refuses, without reading it, a post, reply or repost over
    the size every reader refuses (``content.MAX_BYTES``) and a YAML file under ``content/``
    over what can hold ``yamlutil.MAX_CHARS`` characters; nothing else runs."""
    assert HUGE > 4 * MAX_CHARS + 3 and HUGE > MAX_BYTES
    unit.branch("huge")
    for i, rel in enumerate(POSTS):
        unit.write(rel, _spaces(f"---\ntitle: 大文件 {i}\n---\n", HUGE))
    unit.write(REPOST, _spaces("---\ntitle: 转发\n---\n", HUGE))
    unit.write(ACCOUNTS, _spaces("# 账号\n", HUGE))
    unit.write(ROSTER, _spaces("# 名册\n", HUGE))
    unit.commit("Huge files")
    old = unit.server_ref()
    ok, peak, err = _measured_push(unit)
    assert not ok and unit.server_ref() == old, err
    assert peak < 2 * HUGE, f"the push's largest process held {peak // MB} MB:\n{err}"
    for rel in (*POSTS, REPOST, ACCOUNTS, ROSTER):
        assert rel in err and "过大" in err, err

    unit.branch("honest")  # the honest post beside it, approved, is accepted
    unit.write(POSTS[0], post_text("电子营业执照上线"))
    unit.commit("New post")
    approve_chain(unit, POSTS[0])
    accepted(unit, unit.push())


@pytest.mark.parametrize(
    "rel", [REPOST, POSTS[0], ACCOUNTS, IMAGE], ids=["repost", "post", "yaml", "image"]
)
def test_one_file_too_large_alone_is_refused_unread(unit: Unit, rel: str) -> None:
    """Each kind alone (the first refusal stops the hook, so together they hide each other):
    a repost of 48 MB held the hook at 175 MB before reposts had a limit. An image had none
    (round 17c): the hook never reads one, but main then carried 48 MB to the preview, the
    build and the publisher; over ``assetpath.IMAGE_MAX_BYTES`` it is refused unread."""
    unit.branch("alone")
    unit.write(rel, _spaces("---\ntitle: 大文件\n---\n", HUGE))
    unit.commit("One huge file")
    ok, peak, err = _measured_push(unit)
    assert not ok, err
    assert peak < 2 * HUGE, f"the push's largest process held {peak // MB} MB:\n{err}"
    assert rel in err and "过大" in err, err


def test_a_file_at_the_limit_is_read_and_judged_as_before(unit: Unit) -> None:
    """A post of exactly ``MAX_BYTES`` is not refused for its size: the hook reads it and
    judges it (here: unapproved), as every reader does."""
    unit.branch("limit")
    text = post_text("电子营业执照上线").encode("utf-8")
    # One line of spaces: a body of blank lines past content_limits.MAX_BLANK_LINES is
    # refused for its shape (render-blocks), which is not what this test is about.
    unit.write(POSTS[1], text + b" " * (MAX_BYTES - len(text) - 1) + b"\n")
    unit.commit("A long post")
    err = unit.attack()
    assert "过大" not in err and "初审" in err, err


def test_records_of_a_step_the_publisher_did_not_sign_are_never_read(unit: Unit) -> None:
    """Attack: the ledger and the inbox grow with the unit's history, so no size limit fits
    them; an unsigned commit on main adds ``ledger/x.jsonl`` and an inbox file, 48 MB of
    spaces each. The hook read both whole before it found that nobody of ``publishers:``
    had signed the step. Defence: a step touching ``ledger/`` or ``interaction/`` that the
    publisher did not sign is refused for its signature alone; its files are never read."""
    unit.branch("records")
    unit.write("ledger/20261203T000000Z-00000000.jsonl", _spaces("{}\n", HUGE))
    unit.write("interaction/2026/12/wechat.jsonl", _spaces("{}\n", HUGE + 1))
    unit.commit("Huge records")
    old = unit.server_ref()
    ok, peak, err = _measured_push(unit)
    assert not ok and unit.server_ref() == old, err
    assert peak < 2 * HUGE, f"the push's largest process held {peak // MB} MB:\n{err}"
    assert "发布台账" in err and "互动记录" in err and "签名" in err, err


def test_a_commit_too_large_for_any_honest_message_is_refused_unread(
    unit: Unit, tmp_path: Path
) -> None:
    """Attack: the same through a commit object, which no file limit sees: one commit whose
    message is an ``Approves:`` line followed by 48 MB of one letter (git keeps it as
    written with ``--cleanup=verbatim``), on the second parent of a merge. The hook read
    every commit of the push whole (the history, the trailers of each), 319 MB at its peak.
    Defence: the size of every commit the push brings (``rev-list``, both parents) is asked
    of git first, and one over ``push_sizes.COMMIT_MAX_BYTES`` is refused unread."""
    unit.branch("message")
    unit.write(POSTS[2], post_text("电子营业执照上线"))
    unit.commit("New post")
    message = tmp_path / "message"
    message.write_bytes(b"Approve\n\nApproves: " + POSTS[2].encode() + b"@" + b"a" * HUGE + b"\n")
    unit.clone.git("checkout", "-q", "-b", "side")
    unit.clone.git("commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", str(message))
    unit.clone.git("checkout", "-q", "message")
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge", "side", env=unit.unsigned_env("王芳"))
    old = unit.server_ref()
    ok, peak, err = _measured_push(unit)
    assert not ok and unit.server_ref() == old, err
    assert peak < 2 * HUGE, f"the push's largest process held {peak // MB} MB:\n{err}"
    assert "提交" in err and "过大" in err, err
