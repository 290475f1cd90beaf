"""Attack battery: retraction approvals (``Retracts`` + ``Signed-off-by``, signed).

A retraction takes a post down everywhere, so its approval is judged like an approval: by the
roster in force on main's first-parent history, signed by a leader of that roster.
The readers under test run on a fresh clone of the server's main: ``govmedia retract`` must
refuse a forged approval (a Chinese reason, no crash), and ``find_approval`` (what it acts
on) must name the real leader for an honest one.
"""

from __future__ import annotations

import pytest

from pipeline.errors import GovmediaError
from pipeline.project import Project
from pipeline.publishing.retract import find_approval
from tests.conftest import run_cli
from tests.security.battery_support import (
    SAMPLE_POSTS,
    Unit,
    accepted,
    sob,
    with_puppets,
)

TARGET = SAMPLE_POSTS[1]


def assert_retraction_refused(unit: Unit, name: str) -> None:
    """On a fresh clone of the server, no approval for TARGET counts and the CLI refuses."""
    reader = unit.reader_clone(name)
    with pytest.raises(GovmediaError):
        find_approval(Project(reader), TARGET)
    result = run_cli("retract", TARGET, "--reason", "测试撤回", cwd=reader)
    assert result.code != 0 and TARGET in result.err, result.err
    assert "Traceback" not in result.err, result.err


def assert_retraction_honoured(unit: Unit, name: str, leader: str) -> None:
    reader = unit.reader_clone(name)
    assert find_approval(Project(reader), TARGET).approved_by == sob(leader)


def test_forged_retraction_by_a_puppet_leader_via_roster_flip_flop(unit: Unit) -> None:
    """Attack: one push adds a puppet leader to the roster, has the puppet sign a retraction
    of a post, and restores the roster (net roster diff empty).
    Defence: the push is refused (unapproved roster steps) and no retraction takes effect.
    Honest: a retraction signed by a real leader is accepted and honoured."""
    unit.branch("flip")
    original = unit.roster()
    unit.change_roster(with_puppets(original, unit.keys))
    unit.retraction("傀儡丙", TARGET)
    unit.change_roster(original)
    unit.attack()
    assert_retraction_refused(unit, "reader-attack")

    unit.branch("honest")
    unit.retraction("陈静", TARGET)
    accepted(unit, unit.push())
    assert_retraction_honoured(unit, "reader-honest", "陈静")


def test_retraction_by_a_non_leader(unit: Unit) -> None:
    """Attack: the chief editor 李强 (not a leader) signs a retraction with his own key.
    Defence: only a leader of the roster in force may approve a retraction; whether or not
    the server takes the commit, ``govmedia retract`` refuses to act on it."""
    unit.branch("retract")
    unit.retraction("李强", TARGET)
    unit.push()  # an empty commit: the server may take or refuse it
    assert_retraction_refused(unit, "reader-attack")
    unit.branch("honest")
    unit.retraction("赵明", TARGET)
    accepted(unit, unit.push("HEAD:refs/heads/main"))
    assert_retraction_honoured(unit, "reader-honest", "赵明")


def test_retraction_signed_with_a_stranger_key(unit: Unit) -> None:
    """Attack: a retraction that names leader 陈静 in Signed-off-by but is signed with a key
    the roster does not list.
    Defence: the signature must be by a key the roster lists for that leader."""
    unit.branch("retract")
    unit.retraction("陈静", TARGET, key="attacker")
    unit.push()  # an empty commit: the server may take or refuse it
    assert_retraction_refused(unit, "reader-attack")
