"""Attack: a pull request adds a unit rule file whose regular expression backtracks
exponentially (``(a+)+$``), so the reviewer's ``govmedia check`` (and ``approve`` of the branch's posts) and the server's
pre-receive hook hang on it (docs/threat-model.md, "A unit rule file's regular expression").
Defence: the rule file is refused whenever it is read, with file, line, column and field; the
server refuses the push even with three validly signed approvals of the file."""

from __future__ import annotations

from tests.conftest import run_cli
from tests.security.battery_support import Unit, accepted, battery_keys, battery_template, unit

__all__ = ["battery_keys", "battery_template", "unit"]  # fixtures used by the tests below

RULES = "content/rules/a99-x.yml"


def rule_file(pattern: str) -> str:
    return (
        "kind: pattern\nrules:\n  - id: A9-13\n    name: x\n    message: 疑似违规\n"
        f"    pattern: '{pattern}'\n"
    )


def test_a_rule_file_with_an_exponential_regex_is_refused_by_check_and_the_server(
    unit: Unit,
) -> None:
    unit.branch("rules")
    unit.write(RULES, rule_file("(a+)+$"))
    unit.commit("Add a unit rule")
    checked = run_cli("check", cwd=unit.clone.path)
    assert checked.code != 0
    assert f"{RULES}:6:5: 字段 rules 第 1 项的 pattern" in checked.out + checked.err
    unit.approval_all(RULES)  # three valid signatures: only the regex is wrong
    err = unit.attack()
    assert f"{RULES}:6:5: 字段 rules 第 1 项的 pattern（正则表达式）可能导致灾难性回溯" in err, err
    assert "量词嵌套" in err

    unit.write(RULES, rule_file("a+$"))
    unit.commit("Rewrite the unit rule linearly")
    unit.approve_all(RULES)
    accepted(unit, unit.push())
