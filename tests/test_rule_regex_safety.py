"""The unit's regular expressions come from the branch under review: one that may backtrack
super-linearly is refused when its rule file is read, with file:line:column and the field
(pipeline/rules/rule_kinds/regex_safety.py); the package's own patterns all pass the check;
unit patterns read a bounded text, window by window, and the search cost their automata
allow is bounded per load (pipeline/rules/rule_kinds/regex_cost.py), counted, not timed."""

from __future__ import annotations

import itertools
import re
import sys
from importlib import resources

import pytest
import yaml

from pipeline.errors import ConfigError
from pipeline.rules.rule_kinds import regex_cost, regex_safety, regex_sets
from pipeline.rules.rule_kinds.pattern import UNIT_STEP, UNIT_TEXT, UNIT_WINDOW, windows
from pipeline.rules.rule_kinds.rulebook import RuleBook, is_unit_file, parse
from pipeline.schema import SchemaError
from tests.conftest import Repo, run_cli

UNIT_RULES = "content/rules/a99-x.yml"


def unit_file(pattern: str, *, gate: str = "") -> str:
    quoted = pattern.replace("'", "''")
    return (
        "kind: pattern\n"
        + (f"gate:\n  - words: [密码]\n    needs: '{gate}'\n" if gate else "")
        + "rules:\n  - id: A9-13\n    name: x\n    message: 疑似违规\n"
        + f"    pattern: '{quoted}'\n"
    )


def package_patterns() -> list[str]:
    found = []
    for f in resources.files("pipeline.rules").joinpath("rulefiles").iterdir():
        if f.name.endswith(".yml"):
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
            found += [r["pattern"] for r in data["rules"] if "pattern" in r]
            found += [g["needs"] for g in data.get("gate") or [] if "needs" in g]
    return found


def test_every_package_pattern_passes_the_check_a_unit_pattern_must_pass() -> None:
    """The backtracking check; the search budget is the unit's (the package's files are
    reviewed code, searched whole)."""
    patterns = package_patterns()
    assert len(patterns) >= 12
    found = {p: regex_safety.problem(p, search=False) for p in patterns}
    assert found == {p: None for p in patterns}


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a+)+$", "量词嵌套"),
        (r"(?:[A-Z0-9]+ ?)*", "量词嵌套"),
        (r"(x+x+)+y", "量词嵌套"),
        (r"(?:a{1,3})*", "量词嵌套"),
        (r"(a|a)*b", "分支可以匹配空文本"),
        (r"(ab|ab)(ab|ab)(ab|ab)c", "分支可以匹配空文本"),
        (r"(a?)*", "可以匹配空文本"),
        (r"(?:a?)?b", "可以匹配空文本"),
        (r"(a?a)+b", "两种方式匹配同一段文本"),
        (r"(?:ax|[ab]x)+y", "两种方式匹配同一段文本"),
        (r"\d*\d*x", "两段重复可以分摊"),
        (r".*a.*b", "两段重复可以分摊"),
        (r"\s*:?\s*x", "两段重复可以分摊"),
        (r"(a)\1", "反向引用"),
        (r"(?P<x>a)(?P=x)", "反向引用"),
        (r"(a)?(?(1)b|c)", "条件分组"),
        (r"(?=a+)b", "断言"),
        (r"(?<!\s*)b", "断言"),
        (r"a{1,1000}", "重复次数上限"),
        ("a" * 401, "长度"),
        (r"(?:ax|[ab]x)" * 20 + "y", "不同的匹配路径"),
    ],
)
def test_patterns_that_may_backtrack_super_linearly_are_refused(pattern: str, reason: str) -> None:
    problem = regex_safety.problem(pattern)
    assert problem is not None and reason in problem, problem


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d+",
        r"a+b+c",
        r"\w+@\w+\.com",
        r"(?:ab)*c",
        r"[一-龥]{2,4}局",
        r"(?:[ -]?\d){15,18}",
        r"(?:\d{4}-){3}\d{4}",
        r"(?i)(?:token|secret)\s*[:=]\s*\w{8,}",
        r"(绝密|机密)\s*★",
        r"(.|\n)*x",
        r"(\w|\d)*x",  # Python's parser makes the branch a class, [\w\d]: one path per text
    ],
)
def test_patterns_with_one_path_per_text_are_accepted(pattern: str) -> None:
    assert regex_safety.problem(pattern, search=False) is None


def test_a_unit_file_with_a_nested_quantifier_is_refused_with_file_line_column_and_field() -> None:
    with pytest.raises(SchemaError) as raised:
        parse(unit_file("(a+)+$"), UNIT_RULES, unit=True)
    message = str(raised.value)
    assert message.startswith(
        f"{UNIT_RULES}:6:5: 字段 rules 第 1 项的 pattern（正则表达式）可能导致灾难性回溯"
    ), message
    assert "量词嵌套" in message
    assert raised.value.issues[0].rule == "rule-regex-unsafe"


def test_a_gate_regex_of_a_unit_file_is_checked_too() -> None:
    with pytest.raises(ConfigError, match=rf"^{UNIT_RULES}:4:5: 字段 gate 第 1 项的 needs"):
        parse(unit_file("abc", gate=r"(\d+)*x"), UNIT_RULES, unit=True)
    parsed = parse(unit_file("abc", gate=r"\d{6}"), UNIT_RULES, unit=True)
    assert parsed.patterns[0].gates[0].needs is not None


def test_the_patterns_of_one_load_share_one_budget_so_the_check_stays_fast() -> None:
    pattern = "(?:ab|cd|ef|gh){35}x"  # safe, among the costlier to show safe
    assert regex_safety.problem(pattern) is None
    with regex_safety.allowance():  # the analysis alone: its budget runs out first
        found = [regex_safety.problem(pattern, search=False) for _ in range(60)]
    refused = [i for i, why in enumerate(found) if why is not None]
    assert refused and refused[0] > 0 and "合计过于复杂" in (found[refused[0]] or "")
    rules = "".join(
        f"  - id: A9-13\n    name: r{i}\n    message: m\n    pattern: '{pattern}'\n"
        for i in range(60)
    )
    with pytest.raises(SchemaError) as raised:  # a file: whichever budget runs out first
        parse("kind: pattern\nrules:\n" + rules, UNIT_RULES, unit=True)
    (issue, *_) = raised.value.issues
    assert "合计" in issue.sentence() and issue.field.startswith("rules 第 ")
    assert issue.field != "rules 第 1 项的 pattern"
    with regex_safety.allowance():
        assert regex_safety.problem(pattern) is None  # a new load, a new budget


def test_the_written_out_whitespace_is_what_backslash_s_matches() -> None:
    matched = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if re.match(r"\s", c))
    assert matched == regex_sets.WHITESPACE


def test_unit_rule_files_are_named_as_the_checker_reads_them() -> None:
    assert is_unit_file(UNIT_RULES) and is_unit_file("content/rules/combos.yml")
    assert not is_unit_file("content/rules/allow.yml")
    assert not is_unit_file("content/rules/sub/a09-x.yml")


def test_unit_patterns_read_the_text_in_overlapping_bounded_windows() -> None:
    spans = windows(UNIT_TEXT * 2)
    assert spans[0][0] == 0 and spans[-1][1] == spans[-1][2] == UNIT_TEXT
    assert all(end - start <= UNIT_WINDOW for start, end, _ in spans)
    # The starts each window reports cover the text once, and each such start has at
    # least UNIT_STEP characters of the window after it.
    assert all(a[2] == b[0] for a, b in itertools.pairwise(spans))
    assert all(end - owned >= UNIT_STEP for _, end, owned in spans[:-1])
    assert windows(10) == [(0, 10, 10)]


def test_a_unit_pattern_finds_what_it_finds_over_the_whole_text_window_by_window() -> None:
    book = RuleBook(parse(unit_file(r"禁止词\d+"), UNIT_RULES, unit=True))
    text = "".join(f"{'甲' * (97 + i)}禁止词{i}{'1' * (i % 50)}乙" for i in range(150))
    expected = [(m.start(), m.end()) for m in re.finditer(r"禁止词\d+", text[:UNIT_TEXT])]
    found = [(d.start, d.end) for d in book.patterns.detect(text, text) if d.severity == "error"]
    assert len(expected) > 100 and found == expected


def test_a_unit_pattern_reads_a_bounded_text_and_says_so() -> None:
    book = RuleBook(parse(unit_file("禁止词$"), UNIT_RULES, unit=True))
    text = "甲" * (UNIT_WINDOW - 3) + "禁止词" + "乙" * 10
    assert book.patterns.detect(text, text) == []  # $ at a window's end is not the text's
    long_text = "禁止词\n" + "丙" * UNIT_TEXT + "禁止词"
    assert [d.severity for d in book.patterns.detect(long_text, long_text)] == ["warning"]
    (note,) = book.patterns.detect(long_text, long_text)
    assert f"只检查了前 {UNIT_TEXT} 个字符" in note.message and note.start == UNIT_TEXT


def test_govmedia_check_refuses_the_unit_file_in_chinese(sample_repo: Repo) -> None:
    sample_repo.write(UNIT_RULES, unit_file("(a+)+$"))
    post = "content/posts/2026/11/nianmo-fanzha-tixing.md"
    result = run_cli("check", post, cwd=sample_repo.path)
    assert result.code != 0
    output = result.out + result.err
    assert f"{UNIT_RULES}:6:5: 字段 rules 第 1 项的 pattern（正则表达式）" in output, output
    assert "灾难性回溯" in output and "Traceback" not in output, output


SLOW = r"\w{2,9}\w+?(?:\w\w|\w)?丁$"  # no super-linear attempt, but eight ways into \w+?


def test_the_search_cost_counts_each_state_at_the_lengths_it_can_be_reached_at() -> None:
    def cost(pattern: str) -> int:
        parsed = regex_safety.sre_parse.parse(pattern)
        automaton = regex_safety._Automaton(regex_safety.BUDGET)
        first, _last, _null = automaton.build(parsed.data, parsed.state.flags)
        automaton.follow[0] = set(first)
        return regex_cost.attempt_pairs(automaton.follow, UNIT_WINDOW)

    assert cost("x{3}") == 4  # the start, then each x after exactly 1, 2, 3 characters
    assert cost("x{1,3}") == 4 and cost("禁止词$") == 4
    assert cost("x+") == cost("禁止词\\d+") == UNIT_WINDOW + 1  # a loop: every length
    assert cost("\\d+x") == 2 * UNIT_WINDOW  # x after 2 … 600 characters, \d after 1 … 600
    assert cost("(?:ab|cd){1,60}x") < UNIT_WINDOW  # counted: what it can read


def test_a_unit_pattern_whose_search_costs_too_much_is_refused_with_file_line_and_field() -> None:
    assert regex_safety.problem(SLOW, search=False) is None  # linear attempts, 8 paths each
    with pytest.raises(SchemaError) as raised:
        parse(unit_file(SLOW), UNIT_RULES, unit=True)
    message = str(raised.value)
    assert message.startswith(f"{UNIT_RULES}:6:5: 字段 rules 第 1 项的 pattern（正则表达式）")
    assert f"每个 {UNIT_WINDOW} 字符的窗口" in message and "有上限的重复" in message, message
    assert f"合计上限 {regex_cost.SEARCH_BUDGET} 步" in message, message
    assert "搜索代价过高" in message and "灾难性回溯" not in message, message
    assert raised.value.issues[0].rule == "rule-regex-costly"
    bounded = r"\w{2,30}丁$"  # the same words, bounded: accepted
    assert parse(unit_file(bounded), UNIT_RULES, unit=True).patterns[0].rules[0].regex


def test_the_patterns_and_gates_of_one_load_share_one_search_budget() -> None:
    pattern = r"\d+x"  # 1,200 steps per position of a window
    fit = regex_cost.SEARCH_BUDGET // 1200
    rules = "".join(
        f"  - id: A9-13\n    name: r{i}\n    message: m\n    pattern: '{pattern}'\n"
        for i in range(fit + 1)
    )
    with pytest.raises(SchemaError) as raised:
        parse("kind: pattern\nrules:\n" + rules, UNIT_RULES, unit=True)
    (issue, *_) = raised.value.issues
    assert "与本次读取的前面的正则表达式合计" in issue.sentence()
    assert issue.field == f"rules 第 {fit + 1} 项的 pattern"
    gated = "kind: pattern\ngate:\n  - words: [密码]\n    needs: '\\d+x'\n"
    with pytest.raises(SchemaError, match=f"rules 第 {fit} 项的 pattern"):
        parse(gated + "rules:\n" + rules, UNIT_RULES, unit=True)
    honest = parse(
        "kind: pattern\nrules:\n" + rules[: rules.rindex("  - id")], UNIT_RULES, unit=True
    )
    assert len(honest.patterns[0].rules) == fit


def test_a_lookaround_counts_the_characters_it_reads_at_every_position() -> None:
    heavy = "(?=" + r"\w" * 150 + ")x"  # one character, but 150 read ahead at each position
    assert regex_safety.problem(heavy, search=False) is None
    with regex_safety.allowance():
        found = [regex_safety.problem(heavy) for _ in range(20)]
    first = next(i for i, why in enumerate(found) if why is not None)
    assert first == regex_cost.SEARCH_BUDGET // (2 * 151)  # the start and x, each 1 + 150
