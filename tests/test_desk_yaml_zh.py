"""PyYAML's parser errors reach people in Chinese, with file, line and column."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import yamlutil
from tests.conftest import Repo, run_cli

ENGLISH = re.compile(r"while |expected|found |mapping values|not allowed|could not")


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("a: b: c\n", 1, 5, "冒号请加引号"),
        ('title: "abc\n', 2, 1, "引号"),
        ("a: [1, 2\n", 2, 1, "「]」"),
        ("a: {b: 1\n", 2, 1, "「}」"),
        ("a:\n  - x\n b: 2\n", 3, 2, "缩进"),
        ("a: 1\n\tb: 2\n", 2, 1, "空格"),
        ("x: *nope\n", 1, 4, "别名"),
        ("a: !!python/object x\n", 1, 4, "标签"),
        ("a: @x\n", 1, 4, "加引号"),
        ("--- a\n--- b\n", 2, 1, "文档"),
    ],
)
def test_parser_errors_are_chinese(text: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(yamlutil.YamlSyntaxError) as raised:
        yamlutil.load(text)
    error = raised.value
    assert (error.line, error.column) == (line, column), error.problem
    assert fragment in error.problem, error.problem
    assert not ENGLISH.search(error.problem), error.problem


def test_check_names_file_line_and_column_in_chinese(sample_repo: Repo, tmp_path: Path) -> None:
    rel = "content/posts/2026/11/bad-yaml.md"
    sample_repo.write(
        rel,
        "---\ntitle: 标题: 有冒号\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        "channels: [wechat]\n---\n\n正文。\n",
    )
    result = run_cli("check", rel, cwd=sample_repo.path)
    assert result.code == 1
    assert f"{rel}:2:" in result.out and "YAML 语法错误" in result.out, result.out
    assert not ENGLISH.search(result.out), result.out

    sample_repo.write("content/accounts.yml", "unit: 某单位\naccounts: [\n")
    broken = run_cli("accounts", "check", cwd=sample_repo.path)
    assert broken.code == 2
    assert re.search(r"content/accounts\.yml:3:1: YAML 语法错误（第 3 行第 1 列）", broken.err)
    assert "Traceback" not in broken.err and not ENGLISH.search(broken.err), broken.err
