"""Helpers for the tests of the ``GOVMEDIA_CONFIG`` file: a throwaway secret that must never
be quoted, the file written into a folder, and the check that a refusal names the place and
the field without the value."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.schema import SchemaError

SECRET = "s3cr3t-THROWAWAY"


def settings_file(folder: Path, text: str) -> Path:
    path = folder / "govmedia.yml"
    path.write_text(text, encoding="utf-8")
    return path


def assert_refused_unquoted(
    read: Callable[[dict[str, str]], object], path: Path, where: str, field: str
) -> None:
    """``read`` on a settings file refuses it at ``where`` naming ``field``, never the secret."""
    with pytest.raises(SchemaError) as info:
        read({"GOVMEDIA_CONFIG": str(path)})
    message = str(info.value)
    assert message.startswith(f"{path}:{where}: 字段 {field}"), message
    assert SECRET not in message and all(SECRET not in i.value for i in info.value.issues)
