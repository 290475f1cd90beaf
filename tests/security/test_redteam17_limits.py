"""Red team, round 17: how much one push to main may bring.

The size gate of round 16 bounds each file and commit of a push, not how many there are:
20,000 one-byte posts in one unsigned commit cost the hook time and memory in proportion,
and the content check (round 17) now reads every post a push brings. The number of
commits and of changed files is counted before anything reads them, against limits in the
server's configuration (the bare repository's ``govmedia.env`` or the hook's environment).
Real pushes to a bare repository with the installed hooks; the honest push beside each.
"""

from __future__ import annotations

import sys

from pipeline import proc
from pipeline.review.push_limits import (
    DEFAULT_MAX_FILES,
    DEFAULT_MAX_REFS,
    MAX_COMMITS_ENV,
    MAX_FILES_ENV,
    MAX_REFS_ENV,
)
from tests.security.battery_support import Unit, accepted, post_text
from tests.security.redteam_support import approve_chain

POST = "content/posts/2026/12/dianzi-zhizhao.md"


def _configure(unit: Unit, line: str) -> None:
    (unit.bare / "govmedia.env").write_text(f"# 服务器设置\n{line}\n", encoding="utf-8")


def _many_posts(unit: Unit, count: int) -> None:
    for i in range(count):
        unit.write(f"content/posts/2026/12/p{i}.md", f"{i}\n")


def _honest_push(unit: Unit) -> None:
    unit.branch("honest")
    unit.write(POST, post_text("电子营业执照上线"))
    unit.commit("New post")
    approve_chain(unit, POST)
    accepted(unit, unit.push())


def test_a_push_with_more_files_than_the_server_allows_is_refused_unread(unit: Unit) -> None:
    """Attack: one unsigned commit adds more posts than the default limit. Defence: git
    counts the file changes before the hook reads a commit or a blob; the refusal says how
    many and which setting raises the limit, and nothing else is judged."""
    unit.branch("many")
    _many_posts(unit, DEFAULT_MAX_FILES + 1)
    unit.commit("Many posts")
    err = unit.attack()
    assert "文件过多" in err and MAX_FILES_ENV in err, err
    assert "未完成审核" not in err, err  # refused before any post was read
    _honest_push(unit)


def test_the_servers_configuration_sets_the_limits(unit: Unit) -> None:
    """``govmedia.env`` of the bare repository lowers both limits; the honest push (a post
    and its three approvals: four commits, four files) is within them."""
    _configure(unit, f"{MAX_FILES_ENV}=4\n{MAX_COMMITS_ENV}=4")
    unit.branch("files")
    _many_posts(unit, 5)
    unit.commit("Five posts")
    err = unit.attack()
    assert "文件过多（各提交合计 5 个，上限 4 个" in err, err
    unit.branch("commits")
    for i in range(5):
        unit.write(POST, post_text(f"第 {i} 版"))
        unit.commit(f"Version {i}")
    err = unit.attack()
    assert "提交过多（5 个，上限 4 个" in err and MAX_COMMITS_ENV in err, err
    _honest_push(unit)


def test_a_limit_that_is_not_a_number_refuses_every_push_to_main(unit: Unit) -> None:
    """A wrong setting fails closed, naming the variable."""
    _configure(unit, f"{MAX_FILES_ENV}=many")
    unit.branch("honest")
    unit.write(POST, post_text("电子营业执照上线"))
    unit.commit("New post")
    approve_chain(unit, POST)
    err = unit.attack()
    assert MAX_FILES_ENV in err, err


def test_the_listing_is_read_only_up_to_the_limit() -> None:
    """A listing larger than the limit is never held: the process is stopped once the limit
    is read (here one that never ends)."""
    out, more = proc.run_head(
        [sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('x' * 65536)"],
        limit=100_000,
    )
    assert more and len(out) == 100_000
    out, more = proc.run_head([sys.executable, "-c", "print('ok')"], limit=100)
    assert (out, more) == (b"ok\n", False)
    try:
        proc.run_head([sys.executable, "-c", "raise SystemExit(3)"], limit=100)
    except proc.CalledProcessError as exc:
        assert exc.returncode == 3
    else:
        raise AssertionError("a failing command must raise")


def test_a_push_of_more_branches_than_the_server_allows_is_refused(unit: Unit) -> None:
    """Attack: one push creates thousands of branches; each new branch is compared with every
    branch of the server (the case rule), so the hook's work grew with their square.
    Defence: the number of refs one push updates is bounded (``GOVMEDIA_PUSH_MAX_REFS``,
    default 100); within it, branches are pushed as before."""
    unit.branch("many-branches")
    err = unit.attack(*(f"HEAD:refs/heads/post/b{i}" for i in range(DEFAULT_MAX_REFS + 1)))
    assert "分支过多" in err and MAX_REFS_ENV in err, err
    _configure(unit, f"{MAX_REFS_ENV}=3")
    err = unit.attack(*(f"HEAD:refs/heads/post/c{i}" for i in range(4)))
    assert "分支过多（4 个，上限 3 个" in err, err
    accepted(unit, unit.push(*(f"HEAD:refs/heads/post/c{i}" for i in range(3))))
