"""``content/interaction.yml`` on the schema layer: defaults, every field read, and each bad
value reported with file, line, column and field, every problem at once, exit 2 from the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.interaction.config import DEFAULT_MARKERS, InteractionConfig, load_config
from pipeline.review.roster import Roster, parse_roster
from pipeline.schema import SchemaError
from tests.conftest import PROJECT_ROOT, run_cli
from tests.interaction_support import CONFIG
from tests.publish_support import git

REL = "content/interaction.yml"


def unit(tmp_path: Path, text: str) -> Path:
    (tmp_path / "content").mkdir(exist_ok=True)
    for name in ("accounts.yml", "roster.yml"):
        shutil.copy2(PROJECT_ROOT / "content" / name, tmp_path / "content" / name)
    (tmp_path / REL).write_text(text, encoding="utf-8")
    return tmp_path


def roster(root: Path) -> Roster:
    return parse_roster((root / "content" / "roster.yml").read_text(encoding="utf-8"))


def test_absent_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path) == InteractionConfig()


def test_every_field_is_read(tmp_path: Path) -> None:
    root = unit(tmp_path, CONFIG + "question_markers: [请问, 吗]\n")
    config = load_config(root, roster(root))
    assert (config.reply_days, config.due_soon_days, config.public_page) == (3, 1, True)
    assert config.default_route.department == "办公室（新闻宣传科）"
    assert config.default_route.person == "zhangwei@example.gov.cn"
    (route,) = config.routes
    assert route.keywords == ("社保", "医保", "养老") and route.person == "sunli@example.gov.cn"
    assert route.line == 6
    assert config.question_markers == ("请问", "吗")
    assert load_config(unit(tmp_path, "reply_days: 5\n")).question_markers == DEFAULT_MARKERS


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("reply_days: 0\n", "1:1", ["reply_days", "不小于 1 的整数", "「0」"]),
        ("due_soon_days: -1\n", "1:1", ["due_soon_days", "非负整数"]),
        ("public_page: 是\n", "1:1", ["public_page", "true 或 false"]),
        ("question_markers: 吗\n", "1:1", ["question_markers", "应为列表"]),
        ("question_markers: [吗, 3]\n", "1:23", ["question_markers 第 2 项", "文本"]),
        ("routes: {a: 1}\n", "1:1", ["routes", "应为列表"]),
        ("routes:\n  - department: 科\n    person: a@b\n", "2:5", ["routes 第 1 项的 keywords"]),
        ("routes:\n  - keywords: [x]\n    department: 科\n    person: 张三\n", "4:5", ["email"]),
        ("default_route: {person: a@b}\n", "1:1", ["default_route", "department", "必填"]),
        ("default_route: 办公室\n", "1:1", ["default_route", "应为映射"]),
        ("reply_day: 3\n", "1:1", ["reply_day", "未知", "reply_days"]),
        ("reply_days: 3\nreply_days: 4\n", "2:1", ["reply_days", "重复"]),
    ],
)
def test_a_bad_value_names_file_line_column_and_field(
    tmp_path: Path, text: str, where: str, words: list[str]
) -> None:
    with pytest.raises(SchemaError) as info:
        load_config(unit(tmp_path, text))
    message = str(info.value)
    assert message.startswith(f"{REL}:{where}: "), message
    for word in words:
        assert word in message, message


def test_every_problem_is_listed_the_first_first(tmp_path: Path) -> None:
    text = "reply_days: 0\nroutes:\n  - keywords: []\n    department: 科\n    person: x\n"
    with pytest.raises(SchemaError) as info:
        load_config(unit(tmp_path, text))
    lines = str(info.value).splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{REL}:1:1", f"{REL}:3:5", f"{REL}:5:5"]
    assert info.value.line == 1 and info.value.field == "reply_days"


def test_a_person_not_in_the_roster_is_refused(tmp_path: Path) -> None:
    root = unit(tmp_path, CONFIG.replace("sunli@", "nobody@"))
    with pytest.raises(ConfigError, match=r"content/interaction.yml:8:5: .*nobody@example"):
        load_config(root, roster(root))


def test_inbox_status_stops_with_the_problem_in_chinese(tmp_path: Path) -> None:
    root = unit(tmp_path, CONFIG.replace("reply_days: 3", "reply_days: 三"))
    git(root, "init", "-q", "-b", "main")
    result = run_cli("inbox", "status", cwd=root)
    assert result.code == 2, result
    assert f"{REL}:1:1: 字段 reply_days（答复期限工作日数）应为" in result.err
    assert "Traceback" not in result.err and result.out == ""
