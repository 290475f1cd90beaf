"""Helpers of the bad-input suite: a real unit repository, the real CLI, and the checks every
refusal must pass (exit code, a Chinese message naming what is wrong, no traceback, and no
file written or changed)."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import SAMPLE_CONTENT, CliResult, git

CHINESE = re.compile(r"[\u4e00-\u9fff]")
POST_DIR = "content/posts/2026/03"
AUTHOR = "刘洋 <liuyang@example.gov.cn>"


def front(title: str = "测试文章", extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ndate: 2026-03-11\nauthor: {AUTHOR}\n"
        f"channels: [wechat, weibo]\n{extra}---\n\n"
    )


def alias_bomb(prefix: str = "bomb") -> str:
    """Nine levels of ten aliases each: a billion nodes once expanded, 600 bytes of text."""
    lines = [f"{prefix}0: &{prefix}0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*{prefix}{level - 1}"] * 10)
        lines.append(f"{prefix}{level}: &{prefix}{level} [{refs}]")
    return "\n".join(lines) + "\n"


def unit_repo(root: Path) -> Path:
    """A unit's content repository (the sample content) committed on main."""
    root.mkdir(parents=True)
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "Import sample content", cwd=root)
    return root


def snapshot(*roots: Path) -> dict[str, str]:
    """Every file under ``roots`` (git's own folder aside) and a hash of its bytes."""
    found: dict[str, str] = {}
    for root in roots:
        if root.is_file():
            found[str(root)] = hashlib.sha256(root.read_bytes()).hexdigest()
            continue
        for path in sorted(root.rglob("*")):
            if ".git" in path.relative_to(root).parts or not path.is_file():
                continue
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, the command, and what the refusal must say."""

    id: str
    argv: tuple[str, ...]
    code: int
    says: tuple[str, ...]
    prepare: Callable[[Path, Path], dict[str, str]] = field(default=lambda unit, tmp: {})
    outside: bool = False  # run in a folder that is not a content repository


def assert_refused(result: CliResult, case: Case) -> None:
    text = result.out + result.err
    assert result.code == case.code, (result.code, text)
    assert "Traceback" not in text, text
    assert CHINESE.search(text), text
    for needle in case.says:
        assert needle in text, (needle, text)
