"""content/accounts.yml: every structural error names file, line and field."""

from __future__ import annotations

import pytest

from pipeline.config import load_unit_config
from pipeline.errors import ConfigError
from pipeline.governance.registry import parse_registry
from pipeline.project import Project
from tests.conftest import SAMPLE_CONTENT

REL = "content/accounts.yml"

BASE = """\
unit: 牙克石市政务服务局
locality_keywords: [牙克石]
accounts:
  - id: wechat
    platform: wechat
    name: 牙克石政务服务
    opened: 2026-03-02
    filed: 2026-03-12
    closed: null
    closure_filed: null
    expected_monthly_posts: 3
    responsible:
      principal: 赵明
      supervisor: 陈静
      chief_editor: 李强
      department: 办公室
    opening_approval:
      meeting_date: 2026-02-26
      minutes: 牙政服党组会纪〔2026〕3号
      approved_by: 赵明
"""


def test_sample_registry_loads_with_every_field():
    text = (SAMPLE_CONTENT / "accounts.yml").read_text(encoding="utf-8")
    registry = parse_registry(text, REL)
    assert registry.unit == "牙克石市政务服务局"
    assert registry.locality_keywords == ("牙克石", "政务服务")
    toutiao = registry.accounts["toutiao"]
    assert toutiao.closure_approval is not None and toutiao.closure_approval.approved_by == "赵明"
    assert str(toutiao.closure_filed) == "2026-10-12"
    director = registry.accounts["director-weibo"]
    assert director.kind == "official_personal" and director.consent is not None
    assert registry.accounts["wechat"].responsible.chief_editor == "李强"
    assert registry.accounts["wechat"].expected_monthly_posts == 3
    assert registry.warnings == ()


def test_base_fixture_is_valid():
    assert set(parse_registry(BASE, REL).accounts) == {"wechat"}


CASES = [
    ("platform: wechat", "platform: wechat-official", "platform:", ["platform", "wechat-official"]),
    ("opened: 2026-03-02", "opened: 2026-02-30", "opened:", ["opened", "YYYY-MM-DD"]),
    ("opened: 2026-03-02", "opened: null", "filed:", ["filed", "opened"]),
    ("filed: 2026-03-12", "filed: 2026-03-01", "filed:", ["filed", "早于"]),
    ("closed: null", "closed: 2026-01-01", "closed:", ["closed", "早于"]),
    (
        "closure_filed: null",
        "closure_filed: 2026-05-01",
        "closure_filed:",
        ["closure_filed", "closed"],
    ),
    (
        "expected_monthly_posts: 3",
        "expected_monthly_posts: -1",
        "expected_monthly_posts:",
        ["expected_monthly_posts"],
    ),
    (
        "expected_monthly_posts: 3",
        "expected_monthly_posts: 很多",
        "expected_monthly_posts:",
        ["expected_monthly_posts"],
    ),
    ("      principal: 赵明", "      boss: 赵明", "boss:", ["responsible.boss"]),
    (
        "      supervisor: 陈静",
        "      supervisor: [陈静]",
        "supervisor:",
        ["responsible.supervisor", "文本"],
    ),
    (
        "    responsible:\n      principal: 赵明\n      supervisor: 陈静\n      chief_editor: 李强\n      department: 办公室\n",
        "    responsible: 赵明\n",
        "responsible:",
        ["responsible", "映射"],
    ),
    (
        "      meeting_date: 2026-02-26",
        "      meeting_date: 26/02/2026",
        "meeting_date:",
        ["opening_approval.meeting_date"],
    ),
    ("    name: 牙克石政务服务", "    name: ''", "name:", ["name", "账号名称"]),
    ("  - id: wechat", "  - id: WeChat", "id:", ["id", "小写"]),
    (
        "    platform: wechat",
        "    platform: wechat\n    kind: personal",
        "kind:",
        ["kind", "official_personal"],
    ),
    (
        "locality_keywords: [牙克石]",
        "locality_keywords: 牙克石",
        "locality_keywords:",
        ["locality_keywords"],
    ),
    ("    closed: null", "    closed: null\n    url: not-a-url", "url:", ["url", "http"]),
    ("      minutes: 牙政服党组会纪〔2026〕3号", "      minutes: [oops", "minutes:", ["YAML"]),
]


@pytest.mark.parametrize(("old", "new", "marker", "words"), CASES)
def test_registry_errors_name_file_line_and_field(old, new, marker, words):
    assert old in BASE
    text = BASE.replace(old, new, 1)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if marker in t)
    with pytest.raises(ConfigError) as info:
        parse_registry(text, REL)
    message = str(info.value)
    assert message.startswith(f"{REL}:"), message
    reported = int(message.split(":")[1])
    # YAML syntax errors are reported where the parser noticed them (the line or the next).
    assert reported in (line, line + 1) if "YAML" in words else reported == line, message
    for word in words:
        assert word in message, message


def test_duplicate_id_names_the_second_entry():
    text = BASE + BASE.split("accounts:\n", 1)[1]
    with pytest.raises(ConfigError) as info:
        parse_registry(text, REL)
    assert "wechat" in str(info.value) and "重复" in str(info.value)
    assert str(info.value).startswith(f"{REL}:21:")


def test_closed_account_personal_consent_and_closure_types():
    text = BASE.replace(
        "    closed: null\n",
        "    closed: null\n    closure_approval: {approved_by: 赵明, notice_date: x}\n",
    )
    with pytest.raises(ConfigError) as info:
        parse_registry(text, REL)
    assert "closure_approval.notice_date" in str(info.value)
    text = BASE.replace("    closed: null\n", "    closed: null\n    consent: {date: 2026-13-01}\n")
    with pytest.raises(ConfigError) as info:
        parse_registry(text, REL)
    assert "consent.date" in str(info.value) and str(info.value).startswith(f"{REL}:10:")


def test_missing_unit_and_empty_accounts():
    with pytest.raises(
        ConfigError, match=r"content/accounts.yml:1:1: 字段 unit（单位名称）不能为空"
    ):
        parse_registry(BASE.replace("unit: 牙克石市政务服务局\n", "unit: ''\n"), REL)
    with pytest.raises(ConfigError, match=r"accounts.yml:3:1: 字段 accounts（账号）不能为空列表"):
        parse_registry("unit: 某局\nlocality_keywords: [某]\naccounts: []\n", REL)


def test_unknown_field_is_a_warning_not_an_error():
    registry = parse_registry(BASE.replace("    closed: null\n", "    closd: null\n"), REL)
    ((line, message),) = registry.warnings
    assert line == 9 and "closd" in message


def test_cli_reports_a_broken_registry_with_exit_2(sample_repo, cli):
    path = sample_repo.path / "content" / "accounts.yml"
    text = path.read_text(encoding="utf-8").replace("platform: app", "platform: apk", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "platform: apk" in t)
    result = cli("accounts", "check", cwd=sample_repo.path)
    assert result.code == 2
    assert f"content/accounts.yml:{line}:" in result.err and "platform" in result.err
    assert "Traceback" not in result.err


def test_unit_config_names_the_problems_of_both_files(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "accounts.yml").write_text(BASE.replace("platform: wechat", "platform: x", 1))
    (content / "roster.yml").write_text("people: []\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_unit_config(Project(tmp_path))
    first, second = str(info.value).splitlines()
    assert first.startswith(f"{REL}:5:5: ") and "platform" in first
    assert second == "content/roster.yml:1:1: 字段 people（人员）不能为空列表。"
    (content / "accounts.yml").write_text(BASE, encoding="utf-8")
    (content / "roster.yml").unlink()
    config = load_unit_config(Project(tmp_path))
    assert config.roster is None and "wechat" in config.registry.accounts
