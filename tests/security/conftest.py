"""Fixtures of the attack battery, for every test module in this folder: the session's keys,
the seeded template and a fresh ``unit`` per test (a module may define its own ``unit``)."""

from __future__ import annotations

from tests.security.battery_support import battery_keys, battery_template, unit

__all__ = ["battery_keys", "battery_template", "unit"]
