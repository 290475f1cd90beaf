"""argparse speaks Chinese: usage, help, invalid choices, missing arguments."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli

ENGLISH = re.compile(
    r"usage:|positional arguments|options:|show this help|invalid choice|"
    r"the following arguments are required|unrecognized arguments|error:"
)


def test_help_is_chinese(tmp_path: Path) -> None:
    for args in (("--help",), ("approve", "--help"), ("check", "--help")):
        result = run_cli(*args, cwd=tmp_path)
        assert result.code == 0, result.err
        assert "用法：" in result.out and "显示本帮助并退出" in result.out
        assert not ENGLISH.search(result.out), result.out


def test_argument_errors_are_chinese(tmp_path: Path) -> None:
    cases = {
        ("approve", "x.md", "--stage", "7"): "无效的选项值 7",
        ("nosuch",): "无效的选项值 'nosuch'",
        ("approve",): "缺少必需的参数：POST, --stage",
        ("check", "--bogus"): "无法识别的参数：--bogus",
        ("approve", "x.md", "--stage"): "需要一个值",
    }
    for args, expected in cases.items():
        result = run_cli(*args, cwd=tmp_path)
        assert result.code == 2, (args, result.err)
        assert expected in result.err, result.err
        assert "用法：" in result.err and "Traceback" not in result.err
        assert not ENGLISH.search(result.err), result.err
