"""Chinese messages name roles in Chinese and accounts by their public name (id in brackets)."""

from __future__ import annotations

import re

import pytest

from pipeline.errors import ConfigError
from pipeline.governance.registry import parse_registry
from pipeline.publishing.plan import Plan
from pipeline.publishing.run import describe_plan
from pipeline.review.roster import parse_roster
from tests.conftest import PROJECT_ROOT, SAMPLE_CONTENT
from tests.test_accounts_check import CASES, run_rules, sample_data

# a role id on its own: not part of a field path such as responsible.chief_editor
ROLE_ID = re.compile(r"(?<![\w.])(editor|chief_editor|leader)(?![\w])")
REGISTRY = parse_registry(
    (SAMPLE_CONTENT / "accounts.yml").read_text(encoding="utf-8"), "content/accounts.yml"
)


@pytest.mark.parametrize(("rule", "severity", "mutate", "words"), CASES)
def test_registry_findings_name_accounts_and_roles_for_people(rule, severity, mutate, words):
    data = sample_data()
    mutate(data)
    findings = [f for f in run_rules(data) if f.rule == rule]
    assert findings
    for finding in findings:
        assert not ROLE_ID.search(finding.message), finding.message
        assert "账号「" not in finding.message or re.search(r"」（[a-z0-9-]+）", finding.message), (
            finding.message
        )


def test_a_role_mismatch_says_the_role_in_chinese_and_names_the_account() -> None:
    data = sample_data()
    next(a for a in data["accounts"] if a["id"] == "app")["responsible"]["chief_editor"] = "张伟"
    (finding,) = [f for f in run_rules(data) if f.rule == "A5-03"]
    assert "账号「掌上牙克石·政务服务」（app）" in finding.message
    assert "不是总编辑" in finding.message


def test_a_bad_roster_role_lists_the_ids_with_their_chinese_names() -> None:
    text = (SAMPLE_CONTENT / "roster.yml").read_text(encoding="utf-8")
    bad = text.replace("roles: [editor]", "roles: [boss]", 1)
    with pytest.raises(ConfigError) as raised:
        parse_roster(bad)
    message = str(raised.value)
    assert "editor（责任编辑）" in message and "leader（领导）" in message
    assert re.search(r"content/roster\.yml:\d+", message)


def test_the_publish_plan_names_accounts_by_their_public_name() -> None:
    plan = Plan(
        commit="a" * 40,
        ref="main",
        skipped=[("content/posts/2026/10/x.md", "toutiao", "该账号不经本流水线发布")],
    )
    lines = describe_plan(plan, registry=REGISTRY)
    assert any("→ 「牙克石政务服务头条号」（toutiao）：该账号不经本流水线发布" in x for x in lines)
    assert REGISTRY.label_of("nope") == "「nope」"


def test_no_message_in_the_code_names_an_account_or_role_by_id_alone() -> None:
    """A guard against regressions: the patterns the messages used before."""
    patterns = [
        re.compile(r"账号「\{(account\.id|channel)\}」"),
        re.compile(r"（(leader|chief_editor|editor)）"),
    ]
    offenders = []
    for path in sorted((PROJECT_ROOT / "pipeline").rglob("*.py")):
        if "demo" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in patterns) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{number}: {line.strip()}")
    assert not offenders, offenders
