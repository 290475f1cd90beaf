"""Issue 12, round 9: the unit's own strong words (``content/rules/anchors.yml``).

Read like ``content/rules/terms.yml``: from the checked tree, through the schema layer (a
wrong file stops ``govmedia check`` with exit 2 and file, line, column and field in
Chinese), signed and reviewed like every file under ``content/``. A unit word only adds to
the package's words of its item; it never removes one and never bypasses the framing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.rules import RuleChecker
from pipeline.rules.anchored import RULES, UNIT_ANCHORS, anchors, load, parse_unit_anchors

# The model flags this rumour (S9-06) with a score near 1; no package anchor word is in it
# (round 26 made ``去超市囤`` one: the rumour stocks up at home here).
RUMOUR = "听说自来水厂的水被人下了药，喝了会变傻，大家这几天都在家囤矿泉水。"
UNIT_FILE = (
    "anchors:\n  - rule: S9-06\n    word: 囤矿泉水\n    note: 本单位补充：停水谣言常见说法\n"
)


def project(tmp_path: Path, text: str | None) -> Path:
    (tmp_path / "content" / "rules").mkdir(parents=True)
    if text is not None:
        (tmp_path / UNIT_ANCHORS).write_text(text, encoding="utf-8")
    return tmp_path


def found(checker: RuleChecker, text: str, kind: str = "") -> list[tuple[str, str]]:
    return sorted((d.rule, d.severity) for d in checker.check_text(text, kind))


def test_without_a_unit_word_the_rumour_is_only_a_warning(tmp_path: Path) -> None:
    assert found(RuleChecker(project(tmp_path, None)), RUMOUR) == [("S9-06", "warning")]


def test_a_unit_word_makes_the_flagged_sentence_an_error_of_the_item(tmp_path: Path) -> None:
    checker = RuleChecker(project(tmp_path, UNIT_FILE))
    assert found(checker, RUMOUR) == [("A9-06", "error"), ("S9-06", "warning")]
    (error,) = [d for d in checker.check_text(RUMOUR) if d.severity == "error"]
    assert "本单位补充的强信号词「囤矿泉水」" in error.message
    assert (error.start, error.end) == (0, len(RUMOUR))


def test_a_unit_word_alone_does_nothing_when_the_model_does_not_flag(tmp_path: Path) -> None:
    checker = RuleChecker(project(tmp_path, UNIT_FILE))
    assert found(checker, "周末超市矿泉水打折，家里可以囤矿泉水备用。") == []


def test_the_framing_still_excuses_a_rebuttal_with_a_unit_word(tmp_path: Path) -> None:
    checker = RuleChecker(project(tmp_path, UNIT_FILE))
    rebuttal = "网传“自来水被人下了药，喝了会变傻，赶紧囤矿泉水”，经核实系谣言。"
    assert all(severity == "warning" for _, severity in found(checker, rebuttal))


def test_unit_words_only_add_to_the_package_words(tmp_path: Path) -> None:
    package = anchors()
    text = UNIT_FILE + "  - rule: S16\n    word: 包涨粉\n  - rule: S9-01\n    word: 换掉制度\n"
    table = load(project(tmp_path, text))
    for rule, words in package.items():
        assert table.words[rule][: len(words)] == words  # every package word, first
    assert table.words["S9-06"][-1] == "囤矿泉水"
    assert table.words["S16"] == package["S16"]  # a package word is not added twice
    assert table.unit == {("S9-06", "囤矿泉水"), ("S9-01", "换掉制度")}
    # a file of no words leaves the package's as they are
    (tmp_path / UNIT_ANCHORS).write_text("anchors: []\n", encoding="utf-8")
    assert load(tmp_path).words == package
    assert load(None).words == package


def test_a_package_word_still_escalates_beside_the_unit_file(tmp_path: Path) -> None:
    checker = RuleChecker(project(tmp_path, UNIT_FILE))
    text = "听说自来水厂的水被人下了药，喝了会变傻，大家赶快转给家人。"
    assert ("A9-06", "error") in found(checker, text)


def test_words_are_read_in_the_normalised_view(tmp_path: Path) -> None:
    (pair,) = parse_unit_anchors("anchors:\n  - rule: S9-06\n    word: 囤 矿泉水\n")
    assert pair == ("S9-06", "囤 矿泉水")
    assert load(project(tmp_path, "anchors:\n  - rule: S9-06\n    word: 囤 礦泉水\n")).unit == {
        ("S9-06", "囤矿泉水")
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "anchors:\n  - rule: S9-06\n    word: 囤水\n  - rule: A9-06\n    word: 速囤\n",
            f"{UNIT_ANCHORS}:4:5: 字段 anchors 第 2 项的 rule（语义规则编号）「A9-06」未知",
        ),
        (
            "anchors:\n  - rule: S9-12\n    word: 真恶心\n",
            f"{UNIT_ANCHORS}:2:5: 字段 anchors 第 1 项的 rule（语义规则编号）「S9-12」不能设强信号词",
        ),
        (
            "anchors:\n  - rule: S9-06\n    word: 囤\n",
            f"{UNIT_ANCHORS}:3:5: 字段 anchors 第 1 项的 word（强信号词）应为至少两个字符",
        ),
        (
            "anchors:\n  - rule: S9-06\n    word: 🌸囤🌸\n",
            f"{UNIT_ANCHORS}:3:5: 字段 anchors 第 1 项的 word（强信号词）应为至少两个字符",
        ),
        (
            "anchors:\n  - rule: S9-06\n",
            f"{UNIT_ANCHORS}:2:5: 字段 anchors 第 1 项的 word（强信号词）必填",
        ),
        (
            "anchors:\n  - rule: S9-06\n    word: 囤水\n    remove: true\n",
            f"{UNIT_ANCHORS}:4:5: 字段 anchors 第 1 项的 remove 未知",
        ),
        ("anchors:\n  - 囤水\n", f"{UNIT_ANCHORS}:2:5: 字段 anchors 第 1 项 应为映射"),
        ("words: [囤水]\n", f"{UNIT_ANCHORS}:1:1: 应为「anchors:」列表"),
        ("anchors: [\n", f"{UNIT_ANCHORS}:2: YAML 语法错误"),
    ],
    ids=["unknown-rule", "item-12", "one-character", "emoji-only", "no-word", "remove", "text", "shape", "syntax"],
)  # fmt: skip
def test_a_wrong_file_is_refused_with_file_line_and_field(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_unit_anchors(text)
    assert message in str(caught.value), str(caught.value)


def test_every_item_but_twelve_takes_anchor_words() -> None:
    assert "S9-12" not in RULES and len(RULES) == 13
    assert set(anchors()) <= set(RULES)


def test_check_stops_in_chinese_on_a_wrong_file(sample_repo, cli) -> None:  # type: ignore[no-untyped-def]
    sample_repo.write(UNIT_ANCHORS, "anchors:\n  - rule: S99\n    word: 囤矿泉水\n")
    result = cli("check", cwd=sample_repo.path)
    assert result.code == 2
    assert (
        f"{UNIT_ANCHORS}:2:5: 字段 anchors 第 1 项的 rule（语义规则编号）「S99」未知" in result.err
    )
    assert "Traceback" not in result.err


def test_check_reports_the_unit_word_as_an_error(sample_repo, cli) -> None:  # type: ignore[no-untyped-def]
    rel = "content/posts/2026/11/tingshui.md"
    post = (
        "---\ntitle: 社区提醒\ndate: 2026-11-21\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        f"channels: [wechat]\n---\n\n{RUMOUR}\n"
    )
    sample_repo.write(rel, post)
    before = cli("check", rel, "--format", "json", cwd=sample_repo.path)
    assert '"A9-06"' not in before.out and '"S9-06"' in before.out
    sample_repo.write(UNIT_ANCHORS, UNIT_FILE)
    after = cli("check", rel, "--format", "json", cwd=sample_repo.path)
    assert after.code != 0 and '"A9-06"' in after.out, after.out
