"""The content rules engine (第八–十一、十六、十七条).

Rules are data of four kinds (:mod:`pipeline.rules.rule_kinds`): the lexicons
(``lexicons/*.yml``, the ``existence`` kind, read by :mod:`pipeline.rules.engine`) and the
pattern, sequence and combination rule files (``rulefiles/*.yml``, named by article), plus
the unit's own in ``content/rules/``. Checks that are not text rules live in modules of
their own: :mod:`~pipeline.rules.attribution` (第十一条), :mod:`~pipeline.rules.semantic`.
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
