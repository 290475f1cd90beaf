"""Errors that reach the user, always with a Chinese message."""

from __future__ import annotations


class GovmediaError(Exception):
    """An error the user can act on; ``str()`` is the Chinese message."""

    exit_code = 1


class UsageError(GovmediaError):
    """Bad arguments or unreadable input (exit 2)."""

    exit_code = 2


class ConfigError(GovmediaError):
    """A configuration file of the unit (accounts, roster, rules) is invalid."""

    exit_code = 2
