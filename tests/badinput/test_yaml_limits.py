"""One YAML loader (pipeline/yamlutil.py) for every file the project reads, with limits:
an alias bomb, a recursive alias, a document too deep or too large is refused by its line,
never expanded; every reader turns that into its own Chinese message naming the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import yamlutil
from pipeline.errors import ConfigError
from pipeline.governance.registry import parse_registry
from pipeline.governance.workdays import parse_schedule
from pipeline.platforms.settings import load_settings
from pipeline.review.roster import parse_roster
from pipeline.rules.lexicon import parse_lexicon
from tests.badinput.support import alias_bomb
from tests.conftest import PROJECT_ROOT


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (alias_bomb(), "别名炸弹"),
        ("a: &a [x, *a]\n", "别名引用了自身"),
        ("[" * 100 + "]" * 100 + "\n", "嵌套超过"),
        ("a: " + "x" * (yamlutil.MAX_CHARS + 1) + "\n", "过大"),
    ],
    ids=["alias-bomb", "recursive-alias", "too-deep", "too-large"],
)
def test_the_loader_refuses_by_line(text: str, says: str) -> None:
    with pytest.raises(yamlutil.YamlSyntaxError) as caught:
        yamlutil.load(text, line_offset=10)
    assert says in caught.value.problem and caught.value.line > 10
    with pytest.raises(yamlutil.YamlSyntaxError):
        yamlutil.load_data(text)


def test_ordinary_documents_load_as_before() -> None:
    located = yamlutil.load("base: &b {x: 1}\nuse: *b\nday: 2026-03-01\nlist: [1, 2]\n")
    assert located.data == {"base": {"x": 1}, "use": {"x": 1}, "day": "2026-03-01", "list": [1, 2]}
    assert located.line("list", 1) == 4
    assert yamlutil.load("").data is None


@pytest.mark.parametrize(
    ("reader", "rel"),
    [
        (lambda text: parse_registry(text, "content/accounts.yml"), "content/accounts.yml"),
        (lambda text: parse_roster(text, "content/roster.yml"), "content/roster.yml"),
        (lambda text: parse_lexicon(text, "content/rules/terms.yml"), "content/rules/terms.yml"),
        (lambda text: parse_schedule(text, "content/calendar/2027.yml"), "content/calendar/2027.yml"),
    ],
    ids=["accounts", "roster", "lexicon", "calendar"],
)  # fmt: skip
def test_every_reader_names_its_file(reader, rel: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as caught:
        reader("year: 2027\n" + alias_bomb())
    assert re.match(rf"{re.escape(rel)}:\d+", str(caught.value)), str(caught.value)
    assert "别名炸弹" in str(caught.value)


def test_settings_file_bomb_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "govmedia.yml"
    config.write_text(alias_bomb(), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(PROJECT_ROOT, env={"GOVMEDIA_CONFIG": str(config)})
    assert "GOVMEDIA_CONFIG" in str(caught.value)


def test_no_module_but_the_loader_parses_yaml() -> None:
    offenders = []
    for path in (PROJECT_ROOT / "pipeline").rglob("*.py"):
        if path.name == "yamlutil.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"yaml\.(safe_load|load|compose|full_load|unsafe_load)\b", text):
            offenders.append(path.relative_to(PROJECT_ROOT).as_posix())
    assert offenders == []
