"""argparse types that refuse bad values with a Chinese message (usage error, exit 2)."""

from __future__ import annotations

import argparse
from pathlib import Path


def port(value: str) -> int:
    """A TCP port 0–65535 (0: any free port)."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"端口应为 0 到 65535 之间的整数，实际为「{value}」")
    return number


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，实际为「{value}」")
    return number


def folder(value: str) -> Path:
    """A folder that may not exist yet, but is not an existing file."""
    if not value.strip():
        raise argparse.ArgumentTypeError("目录不能为空")
    path = Path(value)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value} 是文件，不是目录")
    return path
