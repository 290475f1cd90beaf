"""Issue 12: the unit's own combination rules in content/rules/combos.yml (A within N
characters of B unless C), checked by `govmedia check` and refused by name when bad."""

from __future__ import annotations

import json

import pytest

from pipeline.errors import ConfigError
from pipeline.rules import RuleChecker
from pipeline.rules.rule_kinds.rulebook import UNIT_COMBOS, Parsed, parse, unit_files

UNIT_FILE = """# 本单位补充的组合规则
rules:
  - id: A9-13
    name: fake-subsidy
    level: warning
    message: 以“补贴”名义要求先交费，疑似诈骗
    fix: 删除收费要求；如为政策宣传，请引用政策原文
    within: 8
    groups:
      - [领取补贴, 领补贴]
      - [先交, 预交, 手续费]
    unless: [谨防, 警惕]
"""

POST = """---
title: 通知
date: 2026-11-21
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat]
---

第一段正常。
老人领取补贴请先交手续费两百元。
"""


def test_a_unit_rule_is_checked_with_its_message_fix_and_line(sample_repo, cli) -> None:
    rel = "content/posts/2026/11/subsidy.md"
    sample_repo.write(rel, POST)
    result = cli("check", rel, "--format", "json", cwd=sample_repo.path)
    assert not any(f["rule"] == "A9-13" for f in json.loads(result.out or "[]"))
    sample_repo.write(UNIT_COMBOS, UNIT_FILE)
    result = cli("check", rel, "--format", "json", cwd=sample_repo.path)
    found = [f for f in json.loads(result.out) if f["rule"] == "A9-13"]
    assert len(found) == 1, result.out
    assert found[0]["line"] == 9
    assert found[0]["severity"] == "warning"
    assert "疑似诈骗" in found[0]["message"] and "修改建议" in found[0]["message"]


def test_unless_keeps_a_warning_post_clean(tmp_path) -> None:
    (tmp_path / "content" / "rules").mkdir(parents=True)
    (tmp_path / UNIT_COMBOS).write_text(UNIT_FILE, encoding="utf-8")
    checker = RuleChecker(tmp_path)
    assert any(d.rule == "A9-13" for d in checker.check_text("领补贴要先交钱。"))
    assert not any(
        d.rule == "A9-13" for d in checker.check_text("谨防骗局：领补贴要先交手续费的都是诈骗。")
    )


def test_no_unit_file_means_no_unit_rules(tmp_path) -> None:
    assert unit_files(tmp_path, Parsed()).combos == []
    assert unit_files(None, Parsed()).combos == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "rules:\n  - id: A9-13\n    name: a\n    message: m\n    fix: f\n    within: 2\n"
            "    groups: [[甲乙], [丙丁]]\n  - id: A99\n    name: b\n",
            f"{UNIT_COMBOS}:8:5: 字段 rules 第 2 项的 id（规则编号）「A99」未知",
        ),
        (
            "rules:\n  - id: A9-13\n    name: a\n    message: m\n    fix: f\n    within: 200\n"
            "    groups: [[甲乙], [丙丁]]\n",
            f"{UNIT_COMBOS}:6:5: 字段 rules 第 1 项的 within（距离）应为 0 到 60",
        ),
        (
            "rules:\n  - id: A9-13\n    name: a\n    message: m\n    fix: f\n    within: 2\n"
            "    groups: [[甲乙]]\n",
            f"{UNIT_COMBOS}:7:5: 字段 rules 第 1 项的 groups（词组）应至少包含两组",
        ),
        (
            "rules:\n  - id: A9-13\n    name: a\n    message: m\n    fix: f\n    within: 2\n"
            "    groups:\n      - [甲乙]\n      - [丙丁, '  ']\n",
            f"{UNIT_COMBOS}:9:14: 字段 rules 第 1 项的 groups 第 2 项 第 2 项 「  」不是非空文本",
        ),
        (
            "rules:\n  - {id: A9-13, name: a, message: m, fix: f, within: 2, groups: [[甲], [乙]]}\n"
            "  - {id: A9-13, name: a, message: m, fix: f, within: 2, groups: [[丙], [丁]]}\n",
            f"{UNIT_COMBOS}:3:17: 字段 rules 第 2 项的 name（名称）「a」与前面的规则重复",
        ),
        ("rules:\n  - id: [\n", f"{UNIT_COMBOS}:"),
    ],
)
def test_bad_unit_rules_name_file_line_and_field(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse(text, UNIT_COMBOS, unit=True)
    assert str(info.value).startswith(message), str(info.value)


def test_a_bad_unit_file_stops_check_in_chinese_without_traceback(sample_repo, cli) -> None:
    sample_repo.write(
        UNIT_COMBOS,
        "rules:\n  - id: A9-13\n    name: a\n    message: m\n    fix: f\n    within: x\n"
        "    groups: [[甲乙], [丙丁]]\n",
    )
    result = cli("check", cwd=sample_repo.path)
    assert result.code == 2
    assert f"{UNIT_COMBOS}:6:5: 字段 rules 第 1 项的 within（距离）" in result.err
    assert "Traceback" not in result.err
