"""govmedia accounts check: one test per rule (each fails when its rule is removed)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from pipeline import content
from pipeline.config import load_roster_file
from pipeline.governance.checks import check_posts, check_registry
from pipeline.governance.registry import parse_registry
from pipeline.governance.workdays import WorkCalendar
from pipeline.project import Project
from tests.conftest import PROJECT_ROOT, SAMPLE_CONTENT

TODAY = dt.date(2026, 11, 27)
ROSTER = load_roster_file(Project(PROJECT_ROOT))


def sample_data() -> dict[str, Any]:
    return yaml.safe_load((SAMPLE_CONTENT / "accounts.yml").read_text(encoding="utf-8"))


def account(data: dict[str, Any], account_id: str) -> dict[str, Any]:
    return next(a for a in data["accounts"] if a["id"] == account_id)


def run_rules(data: dict[str, Any], today: dt.date = TODAY) -> list:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    registry = parse_registry(text, "content/accounts.yml")
    return check_registry(registry, ROSTER, WorkCalendar(), today)


def rules(findings: list) -> set[str]:
    return {f.rule for f in findings}


def test_sample_registry_is_clean():
    assert run_rules(sample_data()) == []


def _set(account_id: str, **changes: Any) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        account(data, account_id).update(changes)

    return mutate


def _set_nested(account_id: str, key: str, **changes: Any) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        account(data, account_id)[key].update(changes)

    return mutate


def _drop(account_id: str, key: str, sub: str | None = None) -> Callable[[dict], None]:
    def mutate(data: dict) -> None:
        if sub is None:
            account(data, account_id)[key] = None
        else:
            del account(data, account_id)[key][sub]

    return mutate


CASES = [
    # 第四条: filed on the 11th working day after opening (due 03-16).
    ("A4-01", "error", _set("wechat", filed=dt.date(2026, 3, 17)), "第 11 个工作日"),
    ("A4-01", "error", _set("weibo", filed=None), "至今未报"),
    ("A4-01", "error", _set("app", opened=None, filed=None), "未填写开设日期"),
    ("A4-03", "error", _drop("wechat", "opening_approval"), "开设审批"),
    (
        "A4-03",
        "error",
        _set_nested("app", "opening_approval", meeting_date=dt.date(2026, 3, 20)),
        "晚于开设",
    ),
    ("A4-04", "warning", _set_nested("app", "opening_approval", approved_by="陈静"), "主要负责人"),
    ("A4-05", "error", _drop("director-weibo", "consent"), "单位同意"),
    (
        "A4-05",
        "error",
        _set_nested("director-weibo", "consent", date=dt.date(2026, 4, 2)),
        "晚于开设",
    ),
    ("A4-05", "error", _set("director-weibo", holder=None), "holder"),
    ("A5-01", "error", _drop("wechat", "responsible", "chief_editor"), "总编辑"),
    ("A5-01", "error", _drop("weibo", "responsible", "department"), "管理部门"),
    ("A5-02", "error", _set_nested("wechat", "responsible", principal="王五"), "名册"),
    ("A5-02", "error", _set_nested("toutiao", "closure_approval", approved_by="钱七"), "名册"),
    ("A5-03", "warning", _set_nested("app", "responsible", chief_editor="张伟"), "总编辑"),
    ("A6-01", "error", _set("weibo", name="便民小助手"), "locality_keywords"),
    # 第七条: closed 09-30, due 10-13 (National Day + adjusted Saturday 10-10).
    ("A7-01", "error", _set("toutiao", closure_filed=dt.date(2026, 10, 14)), "第 6 个工作日"),
    ("A7-01", "error", _set("toutiao", closure_filed=None), "至今未报"),
    ("A7-03", "error", _drop("toutiao", "closure_approval"), "公告"),
    (
        "A7-03",
        "error",
        _set_nested("toutiao", "closure_approval", notice_date=dt.date(2026, 10, 2)),
        "先公告",
    ),
    ("A7-03", "error", _set_nested("toutiao", "closure_approval", approved_by="陈静"), "主要领导"),
    ("REG-01", "warning", _set("app", wechat_appid="wx123"), "wechat_appid"),
]


@pytest.mark.parametrize(("rule", "severity", "mutate", "words"), CASES)
def test_each_rule_fires(rule, severity, mutate, words):
    data = sample_data()
    mutate(data)
    findings = [f for f in run_rules(data) if f.rule == rule]
    assert findings, f"{rule} did not fire"
    assert all(f.severity == severity for f in findings)
    assert any(words in f.message + f.match for f in findings), findings
    assert all(f.path == "content/accounts.yml" and f.line > 1 for f in findings)


def test_filing_on_the_last_day_is_on_time():
    data = sample_data()
    account(data, "toutiao")["closure_filed"] = dt.date(2026, 10, 13)  # 5th working day
    account(data, "wechat")["filed"] = dt.date(2026, 3, 16)  # 10th working day
    assert run_rules(data) == []


def test_pending_filings_are_warnings_until_the_deadline():
    data = sample_data()
    account(data, "app").update(opened=dt.date(2026, 11, 20), filed=None)
    account(data, "app")["opening_approval"]["meeting_date"] = dt.date(2026, 11, 18)
    toutiao = account(data, "toutiao")
    toutiao.update(closed=dt.date(2026, 11, 25), closure_filed=None)
    toutiao["closure_approval"]["notice_date"] = dt.date(2026, 11, 20)
    findings = run_rules(data, today=dt.date(2026, 11, 26))
    assert {(f.rule, f.severity) for f in findings} == {("A4-02", "warning"), ("A7-02", "warning")}
    later = run_rules(data, today=dt.date(2026, 12, 31))
    assert {"A4-01", "A7-01"} <= rules(later)


def test_deadline_beyond_the_calendar_warns_instead_of_failing():
    data = sample_data()
    account(data, "app").update(opened=dt.date(2026, 12, 28), filed=dt.date(2027, 1, 8))
    account(data, "app")["opening_approval"]["meeting_date"] = dt.date(2026, 12, 20)
    findings = run_rules(data, today=dt.date(2027, 1, 10))
    assert rules(findings) == {"CAL-01"}
    assert "content/calendar/2027.yml" in findings[0].message


def _post(rel: str, date: str, channels: str) -> content.Post:
    raw = (
        f"---\ntitle: 测试文章\ndate: {date}\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        f"channels: {channels}\n---\n\n正文。\n"
    ).encode()
    result = content.parse_post(rel, raw)
    assert result.post is not None, result.findings
    return result.post


def test_post_addressed_to_a_closed_account():
    registry = parse_registry((SAMPLE_CONTENT / "accounts.yml").read_text(encoding="utf-8"))
    late = _post("content/posts/2026/10/late.md", "2026-10-15", "[wechat, toutiao]")
    on_time = _post("content/posts/2026/09/ok.md", "2026-09-30", "[toutiao]")
    early = _post("content/posts/2026/02/early.md", "2026-02-20", "[wechat]")
    findings = check_posts(registry, [late, on_time, early])
    assert [(f.path, f.rule, f.match) for f in findings] == [
        ("content/posts/2026/10/late.md", "A7-04", "toutiao"),
        ("content/posts/2026/02/early.md", "A4-06", "wechat"),
    ]
    assert findings[0].line == 5 and findings[0].severity == "error"


def test_cli_sample_repo_is_clean_and_formats_match_check(sample_repo, cli):
    env = {"GOVMEDIA_TODAY": "2026-11-27"}
    result = cli("accounts", "check", cwd=sample_repo.path, env=env)
    assert result.code == 0, result.out + result.err
    assert "账号台账检查通过" in result.err
    result = cli("accounts", "check", "--format", "json", cwd=sample_repo.path, env=env)
    assert result.code == 0 and json.loads(result.out) == []


def test_cli_finds_a_late_filing_and_a_post_to_a_closed_account(sample_repo, cli):
    path = sample_repo.path / "content" / "accounts.yml"
    text = path.read_text(encoding="utf-8").replace("filed: 2026-03-25", "filed: 2026-04-08")
    path.write_text(text, encoding="utf-8")
    sample_repo.write(
        "content/posts/2026/11/toutiao-late.md",
        "---\ntitle: 测试\ndate: 2026-11-02\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        "channels: [toutiao]\n---\n\n正文。\n",
    )
    env = {"GOVMEDIA_TODAY": "2026-11-27"}
    result = cli("accounts", "check", "--format", "json", cwd=sample_repo.path, env=env)
    assert result.code == 1, result.err
    found = {(f["rule"], f["article"], f["path"]) for f in json.loads(result.out)}
    assert found == {
        ("A4-01", "第四条", "content/accounts.yml"),
        ("A7-04", "第七条", "content/posts/2026/11/toutiao-late.md"),
    }
    github = cli("accounts", "check", "--format", "github", cwd=sample_repo.path, env=env)
    assert github.code == 1
    assert "::error file=content/accounts.yml,line=" in github.out
    text_out = cli("accounts", "check", cwd=sample_repo.path, env=env)
    assert "A4-01" in text_out.out and "共 2 个错误" in text_out.out
