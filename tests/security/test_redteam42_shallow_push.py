"""Red team, round 42: a push that makes the server's repository shallow.

Git takes a push whose commits name parents the server does not hold only under
``receive.shallowUpdate``, a setting of the server's git configuration at any level (the
server user's, set for a mirror). Taken, the server's repository became shallow: its
history cut where the pusher said (a commit whose parent was made up), and a fresh clone
of the server a shallow clone, which the desk's commands refuse. Real bare repository with
the installed hooks, a real push from a clone whose ``shallow`` file names the made-up edge.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import git
from tests.security.battery_support import Unit, accepted, write_object

MADE_UP = "1234567890abcdef1234567890abcdef12345678"


def _island(unit: Unit) -> str:
    """A commit with main's tree whose parent nobody has, marked as the clone's shallow edge."""
    clone = unit.clone.path
    tree = git("rev-parse", "HEAD^{tree}", cwd=clone).strip()
    raw = (
        f"tree {tree}\nparent {MADE_UP}\n"
        "author 王芳 <wangfang@example.gov.cn> 1764000000 +0800\n"
        "committer 王芳 <wangfang@example.gov.cn> 1764000000 +0800\n\n岛\n"
    ).encode()
    oid = write_object(clone, raw, literally=True)
    (clone / ".git" / "shallow").write_text(oid + "\n", encoding="ascii")
    return oid


def _shallow(repo: Path) -> bool:
    return git("rev-parse", "--is-shallow-repository", cwd=repo).strip() == "true"


def test_a_push_that_would_make_the_server_shallow_is_refused(unit: Unit, tmp_path: Path) -> None:
    """Attack (a pusher, on a server whose git user allows shallow updates): a branch whose
    first commit claims a parent that does not exist was taken and the server's repository
    became shallow. Defence: the pre-receive refuses a push git announces as a shallow update
    (``GIT_SHALLOW_FILE``), whatever the configuration says."""
    git("config", "--global", "receive.shallowUpdate", "true", cwd=tmp_path)
    oid = _island(unit)
    err = unit.attack(f"{oid}:refs/heads/island")
    assert "浅仓库" in err, err
    assert not _shallow(unit.bare)
    fresh = unit.reader_clone("fresh")
    assert not _shallow(fresh)


def test_a_shallow_clone_of_main_still_pushes_its_branch(unit: Unit, tmp_path: Path) -> None:
    """Honest counterpart: an editor's clone one commit deep pushes a new branch made on
    main (the server holds every parent: no shallow update), and the server stays whole."""
    git("config", "--global", "receive.shallowUpdate", "true", cwd=tmp_path)
    shallow = tmp_path / "shallow-clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{unit.bare}", str(shallow)],
        check=True,
        capture_output=True,
    )
    assert _shallow(shallow)
    (shallow / "content" / "draft.md").write_text("草稿\n", encoding="utf-8")
    git("add", "-A", cwd=shallow)
    git("commit", "-q", "-m", "Draft", cwd=shallow)
    pushed = subprocess.run(
        ["git", "push", "origin", "HEAD:refs/heads/post/draft"],
        cwd=shallow,
        capture_output=True,
        text=True,
        check=False,
    )
    accepted(unit, (pushed.returncode == 0, pushed.stderr))
    assert not _shallow(unit.bare)


def test_an_edges_file_the_hook_cannot_read_is_refused(tmp_path: Path) -> None:
    """Fail closed: git names a file of shallow edges (``GIT_SHALLOW_FILE``) the hook cannot
    read (gone, or a folder). The edges were read as none and the push passed unchecked; not
    known to be whole, it is refused. With no such file there is nothing to check."""
    from pipeline.review.server import SHALLOW_REFUSAL, shallow_problems

    repo = tmp_path / "server.git"
    git("init", "-q", "--bare", str(repo), cwd=tmp_path)
    (tmp_path / "folder").mkdir()
    assert shallow_problems(repo, str(tmp_path / "gone")) == [SHALLOW_REFUSAL]
    assert shallow_problems(repo, str(tmp_path / "folder")) == [SHALLOW_REFUSAL]
    assert shallow_problems(repo, None) == []
    empty = tmp_path / "empty"
    empty.write_text("", encoding="ascii")
    assert shallow_problems(repo, str(empty)) == []
