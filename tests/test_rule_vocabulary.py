"""Named word lists shared by rule files (``pipeline/rules/vocabularies/``, ``$name``)."""

from __future__ import annotations

import pytest

from pipeline.errors import ConfigError
from pipeline.rules.rule_kinds import rulebook, vocabulary
from pipeline.rules.rule_kinds.combination import Combinations
from pipeline.rules.rule_kinds.rulebook import package_files

FAMILY = "pipeline/rules/rulefiles/a09-04-ethnic-family.yml"
COMBOS = "pipeline/rules/rulefiles/a09-a16-combinations.yml"


def _combos() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {c.origin: (c.groups[0], c.unless) for c in package_files().combos}


def test_the_peoples_and_the_herds_are_written_once_and_read_where_they_are_named() -> None:
    peoples = vocabulary.vocabularies()["ethnic-groups"]
    herds = vocabulary.vocabularies()["herds"]
    assert len(peoples) == len(set(peoples)) == 66 and {"鄂伦春族", "藏民"} <= set(peoples)
    # ordinary words, left out (黎民: the common people, round 68)
    assert not {"水族", "土族", "怒族", "京族", "黎民"} & set(peoples)
    combos = _combos()
    judged, _ = combos[f"{FAMILY}#ethnic-group-judged"]
    shut_out, shut_unless = combos[f"{FAMILY}#ethnic-group-shut-out"]
    _, hate_unless = combos[f"{COMBOS}#ethnic-hate"]
    # round 55: the peoples, then the headwear that names one (``戴小白帽的``)
    assert shut_out[: len(peoples)] == peoples and "戴小白帽的" in shut_out
    assert judged[: len(peoples)] == peoples and {"水族", "京族", "这些民族"} <= set(judged)
    assert shut_unless[-len(herds) :] == herds and hate_unless[-len(herds) :] == herds


UNIT = """kind: combination
rules:
  - id: A9-04
    name: unit-ethnic-shut-out
    message: 以民族身份把群众拒之门外
    fix: 删除该说法
    within: 10
    groups:
      - [$ethnic-groups, 土族]
      - [一律不租]
    unless: [$herds]
"""


def test_a_unit_rule_file_names_a_vocabulary_and_its_words_are_read() -> None:
    parsed = rulebook.parse(UNIT, "content/rules/a09-04-本单位.yml", unit=True)
    engine = Combinations(parsed.combos)
    found = engine.detect("鄂伦春族的人一律不租，这是规矩。", "鄂伦春族的人一律不租，这是规矩。")
    assert [d.rule for d in found] == ["A9-04"]
    assert engine.detect("土族的一律不租。", "土族的一律不租。")  # the file's own word
    assert not engine.detect("鄂伦春族牧民的牦牛一律不租。", "鄂伦春族牧民的牦牛一律不租。")


def test_a_name_that_is_no_vocabulary_is_refused_at_its_line() -> None:
    text = UNIT.replace("[$ethnic-groups, 土族]", "[土族, $ethnic-group]")
    with pytest.raises(ConfigError) as caught:
        rulebook.parse(text, "content/rules/a09-04-本单位.yml", unit=True)
    said = str(caught.value)
    assert "content/rules/a09-04-本单位.yml:9:" in said
    assert "「$ethnic-group」不是已定义的词表" in said and "$ethnic-groups" in said


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("words: [牛羊, $herds]\n", 1, "不能引用其他词表"),
        ("# a list\nwords: []\n", 2, "不能为空"),
        ("- 牛羊\n", 1, "应为映射"),
        ("words: [牛羊\n", 2, "YAML 语法错误"),
        ("words: [牛羊]\nwords: [马]\n", 2, "重复出现"),
    ],
)
def test_a_wrong_vocabulary_file_is_refused_with_its_file_and_line(
    text: str, line: int, words: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        vocabulary.read(text, "pipeline/rules/vocabularies/x.yml")
    said = str(caught.value)
    assert f"pipeline/rules/vocabularies/x.yml:{line}:" in said and words in said, said


def test_a_vocabulary_saved_with_a_bom_and_crlf_reads_like_any_other() -> None:
    text = "\ufeff# 牧区词\r\nwords: [牛羊, 马群]\r\n"
    assert vocabulary.read(text, "pipeline/rules/vocabularies/x.yml") == ("牛羊", "马群")


def test_the_server_refuses_a_pushed_unit_rule_file_naming_no_vocabulary(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pipeline.review.yaml_gate import yaml_problems
    from tests.badinput.support import unit_repo
    from tests.conftest import git

    unit = unit_repo(tmp_path / "unit")
    old = git("rev-parse", "HEAD", cwd=unit).strip()
    rule_file = unit / "content/rules/a09-04-本单位.yml"
    rule_file.write_text(UNIT.replace("[$ethnic-groups, 土族]", "[土族, $ethnic-group]"), "utf-8")
    git("add", "-A", cwd=unit)
    git("commit", "-q", "-m", "Rule", cwd=unit)
    reasons = yaml_problems(unit, old, git("rev-parse", "HEAD", cwd=unit).strip())
    assert len(reasons) == 1 and "「$ethnic-group」不是已定义的词表" in reasons[0], reasons

    rule_file.write_text(UNIT, "utf-8")  # the vocabulary named right: accepted
    git("commit", "-q", "-am", "Rule fixed", cwd=unit)
    assert yaml_problems(unit, old, git("rev-parse", "HEAD", cwd=unit).strip()) == []
