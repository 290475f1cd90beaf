"""Helpers of the red-team tests (``test_redteam_*.py``): the real ``govmedia approve``."""

from __future__ import annotations

from pipeline.review.approve import approve
from tests.security.battery_support import HONEST, Unit


def approve_acked(unit: Unit, who: str, stage: int, *paths: str) -> None:
    """The real ``govmedia approve PATH... --stage N --ack all`` as ``who``."""
    approve(
        unit.clone.path,
        [str(unit.clone.path / p) for p in paths],
        stage,
        env=unit.env(who),
        ack=["all"],
    )


def approve_chain(unit: Unit, *paths: str) -> None:
    """Stages 1-3 of ``paths`` by the honest chain, each with ``approve_acked``."""
    for stage, who in enumerate(HONEST, 1):
        approve_acked(unit, who, stage, *paths)
