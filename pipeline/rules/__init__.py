"""The content rules engine (第八–十一、十六、十七条).

Rules are data (``lexicons/*.yml`` plus the unit's ``content/rules/``); the engine in
:mod:`pipeline.rules.engine` is generic. Detectors that are not lexicons live in one
module each: :mod:`~pipeline.rules.pii`, :mod:`~pipeline.rules.credentials`,
:mod:`~pipeline.rules.language`, :mod:`~pipeline.rules.opinion`,
:mod:`~pipeline.rules.attribution`.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.rules.checker import RuleChecker

__all__ = ["RuleChecker", "checker_for"]


def checker_for(root: Path | None) -> RuleChecker:
    return RuleChecker(root)
