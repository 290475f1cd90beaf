"""The rosters in force along a branch: parsed once per roster blob, and placed on the
branch's first-parent chain, so that a file already on the branch is judged by the roster of
the moment it and its approval landed (see :mod:`pipeline.review.verify`)."""

from __future__ import annotations

import bisect
from pathlib import Path

from pipeline import git
from pipeline.errors import ConfigError
from pipeline.project import CONTENT_DIR, ROSTER_FILE
from pipeline.review.history import History
from pipeline.review.policy import RosterInForce
from pipeline.review.roster import parse_roster


class Rosters:
    """Parsed rosters by blob id (one parse per distinct roster)."""

    def __init__(self, repo_root: Path) -> None:
        self.repo_root = repo_root
        self.parsed: dict[str, RosterInForce] = {}

    def load(self, blobs: list[str]) -> None:
        wanted = [b for b in dict.fromkeys(blobs) if b and b not in self.parsed]
        for blob, (_, raw) in git.cat_file_batch(wanted, cwd=self.repo_root).items():
            try:
                roster = parse_roster(raw.decode("utf-8-sig"), ROSTER_FILE)
                self.parsed[blob] = RosterInForce(roster)
            except (ConfigError, UnicodeDecodeError) as exc:
                self.parsed[blob] = RosterInForce(None, f"当时的名册无法解析（{exc}）")

    def get(self, blob: str | None) -> RosterInForce:
        if not blob:
            return RosterInForce(None, f"目标分支上当时没有名册（{ROSTER_FILE}），无法认定审核人")
        return self.parsed.get(blob) or RosterInForce(None, "当时的名册无法读取")


class Timeline:
    """Along ``head``'s first-parent chain: where each reviewed file's blob landed and
    which roster was in force at each position (for judging files already on the branch)."""

    def __init__(self, repo_root: Path, history: History, head: str) -> None:
        self.chain = history.first_parent_chain(head)
        self.position = {oid: i for i, oid in enumerate(self.chain)}
        self.introduced = history.introduced_by(head)
        self.landed: dict[str, int] = {}
        self.roster_positions: list[int] = []
        self.roster_blobs: list[str | None] = []
        for step in git.first_parent_steps([head], cwd=repo_root, paths=[CONTENT_DIR + "/"]):
            pos = self.position.get(step.oid)
            if pos is None:
                continue
            for change in step.changes:
                self.landed[change.path] = pos
                if change.path == ROSTER_FILE:
                    self.roster_positions.append(pos)
                    self.roster_blobs.append(None if change.status == "D" else change.new_blob)

    def roster_blob_at(self, pos: int) -> str | None:
        """The roster blob at chain position ``pos`` (None before the first roster)."""
        index = bisect.bisect_right(self.roster_positions, pos) - 1
        return self.roster_blobs[index] if index >= 0 else None

    def source_of_claim(self, claim: str) -> int | None:
        """Chain position whose roster decides a claim on nothing but itself (a retraction)."""
        step = self.introduced.get(claim)
        if step is None or self.position[step] == 0:
            return None
        return self.position[step] - 1

    def claim_rosters(self, rosters: Rosters, claim: str) -> list[RosterInForce]:
        """The roster in force for a claim on nothing but itself (``source_of_claim``)."""
        pos = self.source_of_claim(claim)
        blob = self.roster_blob_at(pos) if pos is not None else None
        rosters.load([blob] if blob else [])
        return [rosters.get(blob)]

    def source(self, path: str, claim: str) -> int | None:
        """Chain position whose roster decides ``claim`` on ``path`` (None: no roster)."""
        step = self.introduced.get(claim)
        if step is None:
            return None
        moment = max(self.landed.get(path, 0), self.position[step])
        return moment - 1 if moment > 0 else None
