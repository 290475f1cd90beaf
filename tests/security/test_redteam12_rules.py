"""Red team, round 12: unit rule patterns that pass the backtracking check but are slow.

A unit rule file's pattern is refused when it may backtrack super-linearly; what passes is
at most quadratic in a window of 600 characters, searched every 300 characters (docs/
threat-model.md, "A unit rule file's regular expression"). The square of a window is a
large constant: ``\\w{2,9}\\w+?(?:\\w\\w|\\w)?丁$`` passes, and on a 19,000-character post
(a long WeChat article) it costs about 15 seconds of ``govmedia check`` on its own; a file
may hold hundreds of them (200 pass in one load). A pull request that adds such a file
makes the reviewers' check of its branch hang for as long as the attacker likes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.security.battery_support import Unit

POST = "content/posts/2026/11/chang-wen.md"
SECONDS = 25  # the honest check of the same post, cold, takes about 7 s


SLOW = "\\w{2,9}\\w+?(?:\\w\\w|\\w)?"  # then one character and ``$``


def _unit(unit: Unit, patterns: list[str]) -> Path:
    """The battery's unit (its accounts, roster and rule files) with one more rule file of
    ``patterns`` and one long post; returns the clone."""
    rules = "".join(
        f"  - id: A9-13\n    name: 规则{i}\n    message: 疑似违规\n"
        f"    pattern: '{pattern}{chr(0x4E01 + i)}$'\n"
        for i, pattern in enumerate(patterns)
    )
    unit.write("content/rules/a99-slow.yml", "kind: pattern\nrules:\n" + rules)
    body = ("政务服务大厅工作日延时服务至十八时三十分" * 1000)[:19000]
    unit.write(
        POST,
        "---\ntitle: 长文\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        f"channels: [wechat]\ncategory: 通知公告\noriginal: true\n---\n\n{body}\n",
    )
    return unit.clone.path


@pytest.mark.xfail(
    strict=True,
    reason="pipeline/rules (regex_safety, pattern windows): an accepted unit pattern may cost "
    "the square of a 600-character window per window; three of them take about 45 s on one "
    "19,000-character post, and nothing bounds their number or their total cost",
)
def test_unit_patterns_that_pass_the_check_cannot_make_the_check_hang(unit: Unit) -> None:
    """Three accepted unit patterns, one long post: ``govmedia check`` must stay in seconds."""
    clone = _unit(unit, [SLOW, SLOW, SLOW])
    try:
        result = run_cli("check", "--no-cache", POST, cwd=clone, timeout=SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"govmedia check took over {SECONDS} s on one post")
    assert "检查通过" in result.out + result.err, result.out + result.err


def test_a_unit_pattern_without_the_quadratic_prefix_checks_the_same_post_in_seconds(
    unit: Unit,
) -> None:
    """The honest counterpart: the same file and post with plain patterns passes in time."""
    clone = _unit(unit, ["政务服务", "延时服务"])
    result = run_cli("check", "--no-cache", POST, cwd=clone, timeout=SECONDS)
    assert "检查通过" in result.out + result.err, result.out + result.err
