"""The content rules engine (第八–十一、十六、十七条).

Rules are data (``lexicons/*.yml`` plus the unit's ``content/rules/``); the engine in
:mod:`pipeline.rules.engine` is generic. Detectors that are not lexicons live in one
module each: :mod:`~pipeline.rules.pii`, :mod:`~pipeline.rules.credentials`,
:mod:`~pipeline.rules.language`, :mod:`~pipeline.rules.opinion`,
:mod:`~pipeline.rules.attribution`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.rules.checker import RuleChecker

__all__ = ["RuleChecker", "checker_for"]


def __getattr__(name: str) -> Any:
    """``RuleChecker`` on first use: importing ``pipeline.rules.cache`` (the roster does)
    must not load the whole engine."""
    if name == "RuleChecker":
        from pipeline.rules.checker import RuleChecker

        return RuleChecker
    raise AttributeError(name)


def checker_for(root: Path | None) -> RuleChecker:
    from pipeline.rules.checker import RuleChecker

    return RuleChecker(root)
