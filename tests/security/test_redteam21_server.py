"""Red team, round 21a: what one push costs the server, before any approval is judged.

The size gate of round 16 bounds each file a push brings, and round 17 bounds how many
files and commits there are, but not their product: 2,000 posts of just under the post
loader's 2 MB each, a few kilobytes each in the pack, are 4 GB the hook reads (the posts'
authors and references, the content check). And the content check ran over every post of
the push, approved or not, so anyone who can push spent the server's whole check budget
(120 s of CPU by default) with one unsigned commit. Each test pushes to a real bare
repository with the installed hooks and measures the push's processes, then pushes the
honest change beside it.
"""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys

import pytest

from pipeline.content import MAX_BYTES
from pipeline.review.push_limits import DEFAULT_MAX_READ_MB, MAX_READ_ENV, SECONDS_ENV
from tests.security.battery_support import Unit, accepted, post_text
from tests.security.redteam_support import approve_chain
from tests.security.test_redteam17_desk import _measured

MB = 1024 * 1024
POST = "content/posts/2026/12/dengji-tongzhi.md"
PUSH = (
    "import resource, subprocess, sys\n"
    "p = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(p.returncode, usage.ru_maxrss, usage.ru_utime + usage.ru_stime, flush=True)\n"
    "sys.stderr.write(p.stderr)\n"
)


def _measured_push(unit: Unit) -> tuple[bool, int, float, str]:
    """``git push`` of HEAD to main in a process of its own: (accepted, the largest process
    of the push in bytes, the CPU seconds of all its processes, the server's stderr)."""
    args = ["git", "-c", "core.bigFileThreshold=1m", "push", "origin", "HEAD:refs/heads/main"]
    done = subprocess.run(
        [sys.executable, "-c", PUSH, str(unit.clone.path), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    code, peak, cpu = done.stdout.split()
    return code == "0", int(peak) * 1024, float(cpu), done.stderr


def _long_post(i: int) -> bytes:
    """A post of just under ``MAX_BYTES``: a valid front matter, then one line of spaces
    (blank lines are limited to ``content_limits.MAX_BLANK_LINES``)."""
    text = post_text(f"登记工作通知第{i}号").encode("utf-8")
    return text + b" " * (MAX_BYTES - 2 - len(text)) + b"\n"


def test_a_push_whose_files_together_are_too_large_to_read_is_refused_unread(
    unit: Unit,
) -> None:
    """Attack: one unsigned commit adds 60 posts, each under the 2 MB every reader takes
    (about 120 MB, some 200 KB pushed). The hook read every one (the posts' authors and
    references in one batch, then the content check), holding over 200 MB at its peak;
    2,000 such posts, the default file limit, are 4 GB. Defence: the sizes git reports
    from the objects' headers are added up before anything is read, and a push whose
    files to read (posts, replies, reposts, YAML) and commits exceed the server's
    ``GOVMEDIA_PUSH_MAX_READ_MB`` is refused unread, naming the setting."""
    count = 60
    assert count * MAX_BYTES > DEFAULT_MAX_READ_MB * MB
    unit.branch("heavy")
    for i in range(count):
        unit.write(f"content/posts/2026/12/dengji-{i}.md", _long_post(i))
    unit.commit("Sixty long posts")
    old = unit.server_ref()
    ok, peak, _, err = _measured_push(unit)
    assert not ok and unit.server_ref() == old, err
    assert "合计" in err and MAX_READ_ENV in err, err
    assert "未完成审核" not in err, err  # refused before any post was read
    assert peak < 100 * MB, f"the push's largest process held {peak // MB} MB:\n{err}"

    unit.branch("honest")  # a post at the size limit, approved, is read and accepted
    unit.write(POST, _long_post(0))
    unit.commit("A long post")
    approve_chain(unit, POST)
    accepted(unit, unit.push())


def test_a_branch_whose_files_together_are_too_large_stops_the_desk_unread(unit: Unit) -> None:
    """The same branch before a reviewer: ``status`` and ``verify`` read its posts (their
    authors, references and check findings) and ``approve`` its commits. They ask git the
    same sizes first and stop, naming the sum and the setting, before reading any post."""
    unit.branch("heavy")
    for i in range(60):
        unit.write(f"content/posts/2026/12/dengji-{i}.md", _long_post(i))
    unit.commit("Sixty long posts")
    approve = ("approve", "content/posts/2026/12/dengji-0.md", "--stage", "1")
    for command in (("status",), ("verify",), approve):
        code, peak, out = _measured(unit, "张伟", *command)
        assert "合计" in out and MAX_READ_ENV in out, out
        assert peak < 100 * MB, f"{command} held {peak // MB} MB:\n{out}"
        assert command == ("status",) or code != 0, out
    assert "Review-Stage" not in unit.clone.git("log", "-1", "--format=%B")


def test_the_servers_configuration_sets_the_read_limit(unit: Unit) -> None:
    """``govmedia.env`` lowers the limit: two posts of 2 MB are over 3 MB."""
    (unit.bare / "govmedia.env").write_text(f"{MAX_READ_ENV}=3\n", encoding="utf-8")
    unit.branch("two")
    for i in range(2):
        unit.write(f"content/posts/2026/12/dengji-{i}.md", _long_post(i))
    unit.commit("Two long posts")
    err = unit.attack()
    assert f"上限 3 MB，服务器设置 {MAX_READ_ENV}" in err, err
    unit.branch("honest")
    unit.write(POST, post_text("登记工作通知"))
    unit.commit("New post")
    approve_chain(unit, POST)
    accepted(unit, unit.push())


def test_an_unapproved_post_costs_the_server_no_content_check(unit: Unit) -> None:
    """Attack: one unsigned commit adds a post the rules take seconds over (600 KB repeating
    a banned term), under three names. The hook ran the content check over every post of the
    push before refusing them as unapproved, so each such push spent the server's check
    budget. Defence: the check reads only the posts and reposts whose approvals are
    complete: a post that is refused for its approvals is never checked."""
    (unit.bare / "govmedia.env").write_text(f"{SECONDS_ENV}=10\n", encoding="utf-8")
    slow = post_text("登记工作通知") + "法轮功。" * 50_000 + "\n"
    unit.branch("slow")
    for i in range(3):
        unit.write(f"content/posts/2026/12/dengji-{i}.md", slow)
    unit.commit("Slow posts")
    ok, _, cpu, err = _measured_push(unit)
    assert not ok, err
    assert "未完成审核" in err and "初审" in err, err
    assert "内容检查" not in err, err  # the check never ran
    assert cpu < 5.0, f"the push's processes took {cpu:.1f} s of CPU:\n{err}"

    (unit.bare / "govmedia.env").write_text(f"{SECONDS_ENV}=2\n", encoding="utf-8")
    unit.branch("signed")  # the same post approved by hand is checked, within the budget
    unit.write(POST, slow)
    unit.commit("Slow post")
    unit.approval_all(POST)
    err = unit.attack()
    assert "未能完成本次推送的内容检查" in err and SECONDS_ENV in err, err
    assert f"检查停在 {POST}" in err, err  # the refusal names the file it stopped in


def test_only_the_approved_posts_of_a_push_are_checked(unit: Unit) -> None:
    """A push with an approved post that breaks the rules and an unapproved one: the
    approved one is refused for its content, the other for its approvals only."""
    banned = post_text("登记工作通知") + "欢迎加入法轮功学习小组。\n"
    unit.branch("mixed")
    unit.write(POST, banned)
    unit.commit("新稿：登记工作通知")
    unit.approval_all(POST)
    other = "content/posts/2026/12/dengji-qita.md"
    unit.write(other, banned.replace("登记工作通知", "登记工作说明"))
    unit.commit("新稿：登记工作说明")
    err = unit.attack()
    assert f"{POST}:11: [A9-05]" in err, err
    assert f"{other}:11:" not in err and f"{other}（blob" in err, err


REPLY = "content/replies/2026/12/shebaoka.md"
HIDE = "content/moderation/2026/12/dubo.md"


def _reply(text: str) -> str:
    return (
        "---\nitem: weibo:3000000001\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        f"date: 2026-12-02\n---\n{text}\n"
    )


def test_a_reply_signed_by_hand_with_errors_is_refused_by_the_server(unit: Unit) -> None:
    """Attack: a reply to a citizen (public on the platform, under the unit's name) carrying a
    banned term and a password, its 初审 and 终审 signed by hand (``git commit -S``, never
    ``govmedia approve``, which runs the reply check). The server re-ran the content check of
    posts and reposts only, so the push was accepted and ``inbox send`` answered the citizen
    with it. Defence: the hook checks every approved reply as ``govmedia inbox check`` does
    (the content rules over the answer, its channel and length), by main's rules, and refuses
    its errors naming file, line and rule, never echoing the password."""
    unit.branch("reply")
    unit.write(REPLY, _reply("您好，欢迎加入法轮功学习小组。管理员登录密码：Yks@2026xq"))
    unit.write(
        HIDE,
        "---\nitem: weibo:3000000002\naction: hide\nauthor: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-02\nreason: 赌博广告\n---\n",
    )
    unit.commit("Reply to a citizen")
    unit.approval("张伟", 1, [REPLY, HIDE])
    unit.approval("李强", 3, [REPLY, HIDE])
    err = unit.attack()
    assert f"{REPLY}:6: [A9-05]" in err and "法轮功" in err, err
    assert f"{REPLY}:6: [A17-" in err and "Yks@" not in err, err
    assert HIDE not in err, err

    unit.branch("honest")  # the same reply without them, signed the same way, is accepted
    unit.write(REPLY, _reply("您好，社保卡补办请到3号窗口。"))
    unit.commit("Reply to a citizen")
    unit.approval("张伟", 1, [REPLY])
    unit.approval("李强", 3, [REPLY])
    accepted(unit, unit.push())


def test_an_octopus_merge_that_changes_content_itself_is_judged_by_what_it_brings(
    unit: Unit,
) -> None:
    """Probed and held: an octopus merge of two branches, each with an approved post, whose
    merge commit itself rewrites one approved post and adds ``mkdocs.yml``. The hook judges
    each first-parent commit by its diff against its first parent (merges included) and the
    push's files at the new tip, so the rewritten post needs approvals of its new blob and
    the file outside ``content/`` is refused; the same merge without them is accepted."""
    posts = ["content/posts/2026/12/dengji-a.md", "content/posts/2026/12/dengji-b.md"]
    for name, path in zip(("side-a", "side-b"), posts, strict=True):
        unit.branch(name)
        unit.write(path, post_text(f"登记工作通知{name[-1]}"))
        unit.commit(f"新稿：{name}")
        unit.approval_all(path)
    unit.branch("octopus")
    unit.clone.git("merge", "-q", "--no-ff", "--no-commit", "side-a", "side-b")
    unit.write(posts[0], post_text("登记工作通知a") + "欢迎加入法轮功学习小组。\n")
    unit.write("mkdocs.yml", "site_name: x\n")
    unit.commit("Merge side-a, side-b")
    assert len(unit.clone.git("rev-parse", "HEAD^3").strip()) == 40  # an octopus merge
    err = unit.attack()
    assert "mkdocs.yml" in err and f"{posts[0]}（blob" in err, err
    assert posts[1] not in err, err

    unit.branch("honest")
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge side-a, side-b", "side-a", "side-b")
    accepted(unit, unit.push())


def test_the_publishers_work_clone_holds_the_approved_bytes_whatever_the_attributes(
    unit: Unit,
) -> None:
    """Attack: an approved ``content/.gitattributes`` (a reviewed file, signed in good faith)
    gives ``accounts.yml`` ``working-tree-encoding=UTF-16LE-BOM`` and ``ident``. The hook, the
    publisher and the archive read posts as blobs, but the post-receive hook's work clone
    checked out ``accounts.yml`` and ``roster.yml`` through the attributes, and the build and
    the governance pages read them from there: bytes other than the approved blob. Defence:
    the work clone's own ``info/attributes`` (above every tree's) unsets every attribute
    that converts a file, so each file checked out is its blob, byte for byte, for a new
    work clone and for one made before the attributes."""
    from pipeline.publishing import hook

    env = hook.step_env(dict(os.environ))
    old = hook.prepare_work(unit.bare, env)  # a work clone made before the push
    (old / ".git" / "info" / "attributes").unlink(missing_ok=True)
    attributes = "content/.gitattributes"
    accounts = "content/accounts.yml"
    unit.branch("attributes")
    unit.write(attributes, "accounts.yml working-tree-encoding=UTF-16LE-BOM ident\n")
    text = unit.clone.path.joinpath(accounts).read_text(encoding="utf-8")
    # written as the attributes say (UTF-16 with its BOM): git stores UTF-8, a registry the
    # server's YAML gate reads (round 23b reads it with its schema)
    unit.write(accounts, codecs.BOM_UTF16_LE + ("# $Id$\n" + text).encode("utf-16-le"))
    unit.commit("Attributes for the accounts")
    unit.approval_all(attributes, accounts)
    accepted(unit, unit.push())
    approved = subprocess.run(
        ["git", "cat-file", "blob", f"main:{accounts}"],
        cwd=unit.bare,
        capture_output=True,
        check=True,
    ).stdout
    work = hook.prepare_work(unit.bare, env)
    assert (work / accounts).read_bytes() == approved
    fresh = unit.bare / hook.WORK
    shutil.rmtree(fresh)
    work = hook.prepare_work(unit.bare, env)
    assert (work / accounts).read_bytes() == approved


def test_a_post_the_check_cannot_read_is_never_found_clean(unit: Unit) -> None:
    """The check's child read the pushed blobs in one ``git cat-file --batch``, and a blob git
    did not hand back (git failing under the child's memory limit, a missing object) was
    skipped: no finding, so the push passed. Now such a post refuses the push, naming it."""
    from pipeline.errors import GovmediaError
    from pipeline.review.content_gate import server_findings

    main = unit.server_ref()
    assert main is not None
    missing = "0123456789abcdef0123456789abcdef01234567"
    with pytest.raises(GovmediaError, match=f"无法读取 {POST}"):
        server_findings(unit.bare, main, main, {POST: missing})
