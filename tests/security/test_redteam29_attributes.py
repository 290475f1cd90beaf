"""Red team round 29: a ``.gitattributes`` that hides a merge result from the check.

Round 28's check (``verify``, ``review/merge_result.py``) computes the merge the forge will
make with ``git merge-tree --write-tree`` and does not judge a merge git cannot make
cleanly: the forge will not make it either. But git ran in the pull request's checkout,
and a non-bare repository merges by the attributes of its working tree and index: an
approved ``content/.gitattributes`` reading ``*.md -merge`` (worded as a safeguard: "never
merge posts automatically") made every post's three-way merge a conflict for the check,
which then judged nothing, while the forge merges in a bare repository, where no file of
the tree decides how files merge, and made the third blob nobody approved. Now the check
computes the merge as a bare repository does (in the git directory, ``--bare``).
"""

from __future__ import annotations

import subprocess

from tests.security.battery_support import Unit, accepted
from tests.security.test_redteam27_roster_steps import _ci_verify
from tests.security.test_redteam28_merges import (
    POST,
    SECOND,
    TITLE,
    _first_request_merged,
    _second_request,
)

ATTRIBUTES = "content/.gitattributes"
NO_MERGE = "# 文章不做自动合并，避免合并出无人审核的版本\n*.md -text -merge\n"


def _approved_attributes(unit: Unit) -> None:
    unit.branch("attributes")
    unit.write(ATTRIBUTES, NO_MERGE)
    unit.commit("文章不自动合并")
    unit.approval_all(ATTRIBUTES)
    accepted(unit, unit.push())
    unit.fetch()


def _merge_tree(unit: Unit, *global_options: str) -> int:
    return subprocess.run(
        ["git", *global_options, "merge-tree", "--write-tree", "origin/main", "HEAD"],
        cwd=unit.clone.path,
        capture_output=True,
        check=False,
    ).returncode


def test_approved_attributes_never_hide_the_forges_merge_from_the_check(unit: Unit) -> None:
    _approved_attributes(unit)
    before = _first_request_merged(unit)
    _second_request(unit, before, SECOND, "- 凡是要求先转账、先交费的，都是诈骗。")
    assert _merge_tree(unit) == 1  # the checkout's attributes: a conflict
    bare = unit.tmp / "forge-attributes.git"  # the forge: a bare repository, a clean merge
    subprocess.run(["git", "clone", "-q", "--mirror", str(unit.clone.path), str(bare)], check=True)
    main = unit.clone.git("rev-parse", "origin/main").strip()
    forge = subprocess.run(
        ["git", "merge-tree", "--write-tree", main, unit.head()],
        cwd=bare,
        capture_output=True,
        check=False,
    )
    assert forge.returncode == 0, forge.stdout + forge.stderr
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith(TITLE)]
    assert len(annotations) == 1 and POST in annotations[0], out
    assert (unit.clone.path / ATTRIBUTES).read_text(encoding="utf-8") == NO_MERGE
