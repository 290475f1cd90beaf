"""The pre-receive benchmark times real work: the repository it builds (objects computed in
Python, written as one pack) is judged by the server like any other, its honest push accepted
and the same push without its last 终审 refused."""

from __future__ import annotations

from pathlib import Path

from benchmarks.prereceive_speed import ROOT, build, run_hook
from tests.conftest import git


def test_bench_repository_is_judged_like_a_real_one(tmp_path: Path) -> None:
    built = build(tmp_path, history=41, push=10)

    assert git("rev-list", "--count", "--first-parent", built.old, cwd=built.repo).strip() == "41"
    pushed = git("rev-list", "--count", f"{built.old}..{built.new}", cwd=built.repo)
    assert pushed.strip() == "10"
    assert (
        git("fsck", "--strict", "--no-progress", "--no-dangling", cwd=built.repo, check=True) == ""
    )

    honest = run_hook(built.repo, ROOT, f"{built.old} {built.new} refs/heads/main\n")
    assert honest.code == 0, honest.stderr

    # the attack: the last pushed post lacks its 终审
    unapproved = run_hook(built.repo, ROOT, f"{built.old} {built.short} refs/heads/main\n")
    assert unapproved.code == 1
    assert f"{built.last_post}（blob" in unapproved.stderr
    assert "第 3 审" in unapproved.stderr
