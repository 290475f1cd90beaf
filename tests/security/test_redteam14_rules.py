"""Red team, round 14: what the check before signing reads, other than the rule files' blobs.

``approve`` signs a post only while ``content/rules/`` and ``content/accounts.yml`` are
main's or approved on the branch (``unit_inputs.check_unit_rules``), but the check it runs
reads those files from the reviewer's working tree. Two ways remained for a branch to make
that tree differ from the blobs the gate compared: a path git spells outside ``content/``
that a Windows or macOS clone stores inside it (``Content/rules/allow.yml``), and a
``.gitattributes`` that converts main's own, unchanged rule file on checkout (a
``working-tree-encoding`` turns its Chinese pattern into ASCII that matches nothing).
Each test runs the real ``approve`` (real signed commits) and, where it matters, the real
pre-receive hook of a bare repository.
"""

from __future__ import annotations

import pytest

from pipeline.errors import GovmediaError
from pipeline.review.unit_inputs import folded, is_judging
from tests.security.battery_support import HONEST, Unit, accepted, post_text
from tests.security.redteam_support import approve_acked, approve_chain
from tests.security.test_interaction_integrity import HIDE, ITEM, known_item
from tests.security.test_redteam13_rules import ALLOWING
from tests.security.test_redteam_rules import POST, SERVICE, STRICT_RULE, TITLE
from tests.security.test_rules_redos import rule_file

RULE = (
    "kind: pattern\nrules:\n  - id: A9-13\n    name: jiaji-chuzheng\n    level: error\n"
    "    message: 本单位不提供加急出证服务\n    pattern: '(?:VIP)?加急出证'\n"
)
URGENT = "窗口可办理VIP加急出证。"


def _strict_main(unit: Unit) -> None:
    """Main holds a unit rule refusing 加急出证 (approved and pushed)."""
    unit.branch("rule")
    unit.write(STRICT_RULE, RULE)
    unit.commit("A unit rule")
    approve_chain(unit, STRICT_RULE)
    accepted(unit, unit.push())


def _commit_only(unit: Unit, rel: str, text: str, message: str) -> None:
    """Commit ``rel`` alone (``git add -A`` would read main's rule file through the new
    attributes and fail), as an editor."""
    unit.write(rel, text)
    unit.clone.commit(message, rel, env=unit.unsigned_env("王芳"))


def _checked_out_again(unit: Unit, rel: str) -> None:
    """What a fresh clone or ``git worktree add`` of the branch writes for ``rel``: the
    blob through the branch's attributes (a branch switch leaves an unchanged file alone)."""
    (unit.clone.path / rel).unlink()
    unit.clone.git("checkout", "--", rel)


def test_main_rules_converted_by_the_branchs_attributes_are_a_change_of_the_rules(
    unit: Unit,
) -> None:
    """Attack: main refuses 加急出证 with a unit rule. The branch adds the post and
    ``content/.gitattributes`` giving that rule file ``working-tree-encoding=UTF-7``: the
    blob is main's, ``git status`` is clean, but a fresh checkout writes the pattern as
    ``(?:VIP)?+UqBgJVH6i8E``, a valid pattern that matches nothing the post says, so the
    check before signing passes (a pattern that starts with Chinese becomes an invalid one
    and the check refuses the rule file instead). The
    attributes are dropped before the push, which brings only the approved post.
    Defence: a ``.gitattributes`` the branch changes (anywhere: it decides what every
    checked-out file holds) is a change of the rules: ``approve`` refuses to sign."""
    _strict_main(unit)
    unit.branch("converted")
    unit.write(POST, post_text(TITLE).replace(SERVICE, URGENT))
    unit.commit("New post")
    with pytest.raises(GovmediaError, match="本单位不提供加急出证服务"):
        approve_acked(unit, HONEST[0], 1, POST)
    _commit_only(
        unit, "content/.gitattributes", "rules/*.yml working-tree-encoding=UTF-7\n", "Attributes"
    )
    _checked_out_again(unit, STRICT_RULE)
    assert "(?:VIP)?+UqBgJVH6i8E" in (unit.clone.path / STRICT_RULE).read_text(encoding="utf-8")
    with pytest.raises(GovmediaError, match="规则文件"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_root_attributes_on_the_branch_are_a_change_of_the_rules(unit: Unit) -> None:
    """The same with the repository's top-level ``.gitattributes`` (never on main, where the
    server refuses it, but read by every checkout of the branch)."""
    _strict_main(unit)
    unit.branch("root-attributes")
    unit.write(POST, post_text(TITLE).replace(SERVICE, URGENT))
    unit.commit("New post")
    _commit_only(unit, ".gitattributes", "content/rules/** working-tree-encoding=UTF-7\n", "Attr")
    _checked_out_again(unit, STRICT_RULE)
    with pytest.raises(GovmediaError, match="规则文件"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_a_rules_folder_git_spells_outside_content_is_a_change_of_the_rules(unit: Unit) -> None:
    """Attack: the branch adds ``Content/rules/allow.yml``. On a reviewer's Windows or macOS
    clone it is written into ``content/rules/``, which the check reads; the gate listed the
    branch's changes with git's case-sensitive pathspec ``content/``, which misses it.
    Defence: the branch's changes are listed whole and matched by their folded names."""
    unit.branch("capital-content")
    unit.write(POST, post_text(TITLE))
    unit.commit("New post")
    unit.write("Content/rules/allow.yml", ALLOWING)
    unit.commit("Notes")
    with pytest.raises(GovmediaError, match="规则文件"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_attributes_approved_on_main_leave_honest_posts_signable(unit: Unit) -> None:
    """Honest counterpart: a branch that changes no attributes and no rule file is signed
    as before, and a ``.gitattributes`` elsewhere in history does not matter once main's."""
    unit.branch("honest")
    unit.write(POST, post_text(TITLE))
    unit.commit("New post")
    approve_chain(unit, POST)
    accepted(unit, unit.push())


@pytest.mark.parametrize(
    "spelling",
    [
        "content/rules./allow.yml",  # Windows drops a name's trailing dots
        "content/rules /allow.yml",  # and spaces
        "content/accounts.yml.",
        "content/accounts.yml ",
        "content/rules.. ./x.yml",
        "content/RULES‍/x.yml",
    ],
)
def test_names_windows_reads_without_their_trailing_dots_and_spaces(spelling: str) -> None:
    """Win32 stores ``rules.`` and ``rules `` as ``rules``; git for Windows refuses such
    names by default (``core.protectNTFS``), but a reviewer's clone without that setting
    would read them as the unit's own: they fold to the unit's names."""
    assert is_judging(spelling), folded(spelling)


@pytest.mark.parametrize(
    "spelling",
    [
        "content/ｒｕｌｅｓ/allow.yml",  # fullwidth letters: no file system folds them
        "content/rules.d/allow.yml",
        "content/.rules/allow.yml",
        "content/rule\u0301s/allow.yml",  # a combining mark composes with nothing here
    ],
)
def test_names_no_file_system_reads_as_the_rules_are_not_the_rules(spelling: str) -> None:
    assert not is_judging(spelling), folded(spelling)


def test_a_rules_folder_with_a_trailing_dot_is_refused_by_the_server(unit: Unit) -> None:
    """Attack: ``content/rules./a99-x.yml``, with three valid approvals, holds a pattern that
    backtracks; Win32 reads the folder as ``content/rules`` (where git for Windows lets it
    check out), the server's gate of unit rule files did not. Defence: the name folds to
    the unit's folder and the push is refused, naming the spelling to use."""
    spelled = "content/rules./a99-x.yml"
    unit.branch("rules-dot")
    unit.write(spelled, rule_file("(a+)+$"))
    unit.commit("Add a unit rule")
    unit.approval_all(spelled)
    err = unit.attack()
    assert spelled in err and "content/rules/" in err, err


def test_a_gitlink_named_like_the_rules_folder_is_a_change_of_the_rules(unit: Unit) -> None:
    """Held: a submodule entry at ``content/rules`` (a clone that initialises it reads the
    submodule's files as the unit's rules) is a change git does not spell as a file:
    ``approve`` refuses, and the server refuses every submodule."""
    unit.branch("gitlink")
    unit.write(POST, post_text(TITLE))
    unit.commit("New post")
    unit.clone.git("rm", "-r", "-q", "--cached", "content/rules")
    unit.clone.git("update-index", "--add", "--cacheinfo", f"160000,{unit.head()},content/rules")
    unit.clone.git("commit", "-q", "-m", "Rules as a submodule", env=unit.unsigned_env("王芳"))
    with pytest.raises(GovmediaError, match="规则文件"):
        approve_acked(unit, HONEST[0], 1, POST)


def test_a_hide_order_is_gated_by_attributes_and_folded_names_too(unit: Unit) -> None:
    """The same gate for every kind the rules judge: a hide order (a comment removed) on a
    branch that also adds ``Content/rules/allow.yml`` or a ``.gitattributes`` is refused
    by ``approve`` like a post; without them 初审 signs it."""
    known_item(unit)
    unit.branch("hide-gated")
    unit.write(
        HIDE,
        f"---\nitem: {ITEM}\naction: hide\nreason: 含违法信息（A9-07）\n"
        "author: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-02\n---\n",
    )
    unit.commit("Hide a comment")
    for rel, text in (("Content/rules/allow.yml", ALLOWING), (".gitattributes", "* text\n")):
        unit.write(rel, text)
        unit.commit("Notes")
        with pytest.raises(GovmediaError, match="规则文件"):
            unit.approve("张伟", 1, HIDE)
        unit.clone.git("rm", "-q", rel)
        unit.commit("Drop the notes")
    unit.approve("张伟", 1, HIDE)


@pytest.mark.parametrize(
    "spelling", [".gitattributes", "content/.gıtattrıbutes", "a/.GITATTRIBUTES."]
)
def test_attributes_spelled_as_a_file_system_reads_them_are_a_change_of_the_rules(
    unit: Unit, spelling: str
) -> None:
    """NTFS upper-cases names to compare them: ``.gıtattrıbutes`` (dotless i) is the
    attributes file there; Win32 drops a trailing dot. Each spelling counts."""
    unit.branch("attributes-spelled")
    unit.write(POST, post_text(TITLE))
    unit.commit("New post")
    unit.write(spelling, "* text\n")
    unit.commit("Notes")
    with pytest.raises(GovmediaError, match="规则文件"):
        approve_acked(unit, HONEST[0], 1, POST)
