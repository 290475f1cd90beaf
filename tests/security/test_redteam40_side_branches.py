"""Red team round 40, held: what decides, shaped in a side branch merged into main.

The server judges every first-parent step of a push (class 1); a merged side branch's own
commits are no step of main. A side branch that makes puppets leaders, has one sign
``Retracts:`` of a published post and restores the roster changes nothing at the merge, so
the server takes it: what matters is that no reader of main honours the puppet's claim,
because each claim counts by the roster in force just before the first-parent commit that
brought it (the merge), never by a roster inside the side branch. Likewise a side branch
that commits code and site configuration outside ``content/`` and removes it again leaves
main's tree as reviewed: nothing reads a side branch's intermediate trees.
Real keys, signatures, a real merge pushed to the bare remote with the real pre-receive.
"""

from __future__ import annotations

import pytest

from pipeline.errors import GovmediaError
from pipeline.project import Project
from pipeline.publishing.retract import find_approval
from tests.security.battery_support import SAMPLE_POSTS, Unit, accepted, with_puppets

TARGET = SAMPLE_POSTS[1]


def _merged_side_branch(unit: Unit) -> None:
    unit.clone.git("checkout", "-q", "-B", "main", "origin/main")
    unit.clone.git("merge", "-q", "--no-ff", "--no-edit", "side")


def test_a_puppet_retraction_inside_a_merged_side_branch_counts_nowhere(unit: Unit) -> None:
    unit.branch("side")
    original = unit.roster()
    unit.change_roster(with_puppets(original, unit.keys))
    unit.retraction("傀儡丙", TARGET)
    unit.change_roster(original)
    _merged_side_branch(unit)
    accepted(unit, unit.push())  # the merge changes nothing the server judges
    reader = unit.reader_clone("reader")
    with pytest.raises(GovmediaError, match="签名密钥不在名册中"):
        find_approval(Project(reader), TARGET)


def test_a_leaders_retraction_inside_a_merged_side_branch_counts(unit: Unit) -> None:
    """Honest counterpart: the same side branch with the real leader's retraction."""
    unit.branch("side")
    unit.retraction("陈静", TARGET)
    _merged_side_branch(unit)
    accepted(unit, unit.push())
    reader = unit.reader_clone("reader")
    assert "陈静" in find_approval(Project(reader), TARGET).approved_by


def test_code_added_and_removed_inside_a_side_branch_never_reaches_mains_tree(
    unit: Unit,
) -> None:
    unit.branch("side")
    planted = {
        "mkdocs.yml": "hooks: [evil.py]\n",
        "evil.py": "import os\nprint(os.environ)\n",
        ".gitattributes": "* filter=evil\n",
        "content/.gitattributes": "*.md working-tree-encoding=UTF-16\n",
    }
    for rel, text in planted.items():
        unit.write(rel, text)
    unit.commit("Plant")
    unit.clone.git("rm", "-q", *planted)
    unit.commit("Remove")
    _merged_side_branch(unit)
    accepted(unit, unit.push())
    tree = unit.clone.git("ls-tree", "-r", "--name-only", "refs/remotes/origin/main")
    assert not set(planted) & set(tree.split())
