"""The answer shapes every emulated WeChat route shares: ``errcode`` and ``errmsg`` in a 200."""

from __future__ import annotations

from typing import Any

Answer = tuple[int, dict[str, Any], dict[str, str]]


def err(code: int, msg: str, **extra: Any) -> Answer:
    return 200, {"errcode": code, "errmsg": msg, **extra}, {}


def ok(data: dict[str, Any]) -> Answer:
    return 200, {"errcode": 0, "errmsg": "ok", **data}, {}
