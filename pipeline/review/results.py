"""What verification answers for one reviewed file: each stage's result and the verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.review.policy import Slot


@dataclass(frozen=True)
class StageResult:
    stage: int
    ok: bool
    by: str = ""
    commit: str = ""
    at: str = ""
    reason: str = ""
    code: str = ""
    label: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "label": self.label,
            "ok": self.ok,
            "code": self.code,
            "by": self.by,
            "commit": self.commit,
            "at": self.at,
            "reason": self.reason,
        }


@dataclass
class PostReview:
    path: str
    blob: str
    publishable: bool
    stages: list[StageResult] = field(default_factory=list)
    kind: str = "post"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "blob": self.blob,
            "kind": self.kind,
            "publishable": self.publishable,
            "stages": [s.to_json() for s in self.stages],
        }

    def stage(self, number: int) -> StageResult | None:
        return next((s for s in self.stages if s.stage == number), None)

    def problems(self) -> list[StageResult]:
        return [s for s in self.stages if not s.ok]


def stage_result(slot: Slot) -> StageResult:
    judged = slot.judged
    claim = judged.claim if judged else None
    return StageResult(
        stage=slot.stage,
        ok=slot.ok,
        by=claim.ident if claim else "",
        commit=claim.commit.oid if claim else "",
        at=claim.commit.committed_at if claim else "",
        reason=slot.reason,
        code=slot.code,
        label=slot.label,
    )
