"""Red team round 30: merge drivers named by the tree's ``.gitattributes`` (``merge=union``).

Round 29 made ``verify`` compute the forge's merge in a bare repository, where no file of
the tree decides how files merge, and a merge git cannot make cleanly is not judged (the
forge will not make it). But a forge that merges in a checkout of main does read the
tree's attributes: Gitea and Forgejo merge a pull request in a temporary clone of the base
branch with ``git merge``, which takes ``.gitattributes`` from main's index. An approved
``content/.gitattributes`` reading ``*.md merge=union`` (worded as a safeguard: keep both
sides' lines) turns two approved edits of one line, a conflict for the bare check (nothing
judged, exit 0), into a clean merge for such a forge: both lines, a third blob nobody
approved. Now the check computes the merge also by the attributes of main's tip and of the
head, and judges every clean result.
"""

from __future__ import annotations

import os
import subprocess

from pipeline.review.merge_result import merged_tree
from tests.security.battery_support import Unit, accepted
from tests.security.test_redteam27_roster_steps import _ci_verify
from tests.security.test_redteam28_merges import POST, SECOND, TITLE, _edit

ATTRIBUTES = "content/.gitattributes"
UNION = "# 合并时保留双方的修改，避免审核过的内容丢失\n*.md merge=union\n"
OURS = "# 合并时以 main 上审核过的版本为准\n*.md merge=ours\n"
MAIN_LINE = "- 凡是要求先转账、先交费的，都是诈骗。"
HEAD_LINE = "- 凡是要求先转账、先交费的，请先转账后再到大厅核实。"


def _approved_attributes(unit: Unit, text: str) -> None:
    unit.branch("attributes")
    unit.write(ATTRIBUTES, text)
    unit.commit("文章合并方式")
    unit.approval_all(ATTRIBUTES)
    accepted(unit, unit.push())
    unit.fetch()


def _two_edits_of_one_line(unit: Unit, attributes: str | None = None) -> str:
    """Pull request 1 rewrites ``SECOND`` and is merged; pull request 2, from main before
    it, rewrites the same line otherwise (and writes ``attributes`` into ``ATTRIBUTES``
    when given); both approved through the three stages. Returns the second's head
    (checked out, main fetched as the check fetches it)."""
    before = unit.clone.git("rev-parse", "origin/main").strip()
    unit.branch("pr1")
    _edit(unit, SECOND, MAIN_LINE)
    unit.approval_all(POST)
    accepted(unit, unit.push())
    unit.branch("pr2", before)
    _edit(unit, SECOND, HEAD_LINE)
    if attributes is not None:
        unit.write(ATTRIBUTES, attributes)
        unit.commit("文章合并方式")
    unit.approval_all(POST, *([ATTRIBUTES] if attributes is not None else []))
    head = unit.head()
    unit.fetch()
    return head


def _forge_merge(unit: Unit, head: str, name: str) -> tuple[int, str]:
    """What a forge that merges in a checkout of main makes (Gitea's and Forgejo's temporary
    clone): ``git merge --no-ff`` of ``head`` there. Returns git's exit and the post's
    merged blob (empty when it did not merge)."""
    forge = unit.tmp / name
    subprocess.run(["git", "clone", "-q", str(unit.bare), str(forge)], check=True)
    subprocess.run(["git", "fetch", "-q", str(unit.clone.path), head], cwd=forge, check=True)
    who = {"GIT_AUTHOR_NAME": "forge", "GIT_AUTHOR_EMAIL": "forge@example.invalid"}
    env = {**who, "GIT_COMMITTER_NAME": "forge", "GIT_COMMITTER_EMAIL": "forge@example.invalid"}
    merged = subprocess.run(
        ["git", "merge", "-q", "--no-ff", "--no-edit", head],
        cwd=forge,
        env={**os.environ, **env},
        capture_output=True,
        check=False,
    )
    if merged.returncode != 0:
        return merged.returncode, ""
    blob = subprocess.run(
        ["git", "rev-parse", f"HEAD:{POST}"], cwd=forge, capture_output=True, text=True, check=True
    )
    return 0, blob.stdout.strip()


def test_an_approved_union_driver_never_hides_the_forges_merge_from_the_check(
    unit: Unit,
) -> None:
    _approved_attributes(unit, UNION)
    head = _two_edits_of_one_line(unit)
    main = unit.clone.git("rev-parse", "origin/main").strip()
    assert merged_tree(unit.clone.path, main, head) is None  # bare: a conflict, nothing judged
    code, merged = _forge_merge(unit, head, "forge-union")
    assert code == 0  # the forge merges by main's attributes: both lines, a third blob
    assert merged not in (unit.blob(POST, "origin/main"), unit.blob(POST, head))
    text = subprocess.run(
        ["git", "cat-file", "blob", merged], cwd=unit.tmp / "forge-union", capture_output=True
    ).stdout.decode("utf-8")
    assert MAIN_LINE in text and HEAD_LINE in text
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith(TITLE)]
    assert len(annotations) == 1 and POST in annotations[0] and merged[:10] in out, out
    code, out, err = _ci_verify(unit)  # an editor's own terminal
    assert code == 1 and POST in err and merged[:10] in err, out + err


def test_a_union_driver_the_request_brings_is_judged_by_its_own_attributes(unit: Unit) -> None:
    """The pull request brings the approved union attribute with its edit: main's tree has
    none, but a forge reading the request's attributes merges both lines; the check judges
    that result too."""
    _two_edits_of_one_line(unit, UNION)
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith(TITLE)]
    assert len(annotations) == 1 and POST in annotations[0], out


def test_an_ours_driver_is_no_driver_without_the_clones_configuration(unit: Unit) -> None:
    """Pinned: ``merge=ours`` names a driver git does not have built in; without the
    clone's ``merge.ours.driver`` (configuration, which no commit writes) git merges the
    file as text, so two edits of one line conflict at the forge and in the check alike,
    and there is no merge to judge."""
    _approved_attributes(unit, OURS)
    head = _two_edits_of_one_line(unit)
    code, _ = _forge_merge(unit, head, "forge-ours")
    assert code != 0
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 0 and "::error" not in out, out + err


def test_without_attributes_the_same_edits_conflict_everywhere_and_are_not_judged(
    unit: Unit,
) -> None:
    """Honest: two edits of one line conflict at the forge too; the check has nothing to
    refuse (the request must be brought up to date, and that is judged)."""
    head = _two_edits_of_one_line(unit)
    code, _ = _forge_merge(unit, head, "forge-plain")
    assert code != 0
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 0 and "::error" not in out, out + err
