"""Red team, round 12: unit rule patterns that pass the backtracking check but are slow.

A unit rule file's pattern is refused when it may backtrack super-linearly; what passes is
at most quadratic in a window of 600 characters, searched every 300 characters (docs/
threat-model.md, "A unit rule file's regular expression"). The square of a window is a
large constant: ``\\w{2,9}\\w+?(?:\\w\\w|\\w)?丁$`` passed, and on a 19,000-character post
(a long WeChat article) it cost about 15 seconds of ``govmedia check`` on its own; a file
could hold hundreds of them. Defence: the search cost the pattern's automaton allows
(pipeline/rules/rule_kinds/regex_cost.py: states × characters one attempt may read ×
paths, per position of a window) is counted when the file is read, and the patterns of one
load share one budget; what exceeds it is refused with file, line, column and field. The
tests count, they do not time.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.rules.rule_kinds import regex_cost, regex_safety
from pipeline.rules.rule_kinds.rulebook import Parsed, unit_files
from tests.conftest import run_cli
from tests.security.battery_support import Unit

POST = "content/posts/2026/11/chang-wen.md"
RULES = "content/rules/a99-slow.yml"
SLOW = "\\w{2,9}\\w+?(?:\\w\\w|\\w)?"  # then one character and ``$``
HONEST = ["政务服务", "延时服务", "\\d{1,4}时\\d+分", "[一-龥]{2,8}大厅"]


def _unit(unit: Unit, patterns: list[str]) -> Path:
    """The battery's unit (its accounts, roster and rule files) with one more rule file of
    ``patterns`` and one long post; returns the clone."""
    rules = "".join(
        f"  - id: A9-13\n    name: 规则{i}\n    message: 疑似违规\n"
        f"    pattern: '{pattern}{chr(0x4E01 + i)}$'\n"
        for i, pattern in enumerate(patterns)
    )
    unit.write(RULES, "kind: pattern\nrules:\n" + rules)
    body = ("政务服务大厅工作日延时服务至十八时三十分" * 1000)[:19000]
    unit.write(
        POST,
        "---\ntitle: 长文\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        f"channels: [wechat]\ncategory: 通知公告\noriginal: true\n---\n\n{body}\n",
    )
    return unit.clone.path


def test_unit_patterns_that_pass_the_backtracking_check_but_search_slowly_are_refused(
    unit: Unit,
) -> None:
    """Three accepted-before patterns, one long post: the rule file is refused when read,
    naming the file, the line and the field, before any search runs."""
    assert regex_safety.problem(SLOW + "丁$", search=False) is None  # no super-linear attempt
    clone = _unit(unit, [SLOW, SLOW, SLOW])
    result = run_cli("check", "--no-cache", POST, cwd=clone)
    output = result.out + result.err
    assert result.code != 0, output
    assert f"{RULES}:6:5: 字段 rules 第 1 项的 pattern（正则表达式）" in output, output
    assert f"合计上限 {regex_cost.SEARCH_BUDGET} 步" in output and "有上限的重复" in output, output
    assert "Traceback" not in output and "检查通过" not in output, output


def test_the_honest_patterns_of_a_load_stay_under_the_bound_and_check_the_long_post_clean(
    unit: Unit,
) -> None:
    """The honest counterpart: the same file and post with plain patterns (one unbounded)
    loads within the search budget and the long post checks clean."""
    clone = _unit(unit, HONEST)
    parsed = unit_files(clone, Parsed())  # one load, one search budget
    (slow_file,) = [f for f in parsed.patterns if f.rel == RULES]
    assert len(slow_file.rules) == len(HONEST)
    result = run_cli("check", "--no-cache", POST, cwd=clone)
    assert "检查通过" in result.out + result.err, result.out + result.err
