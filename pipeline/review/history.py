"""The commit graph a verification needs (第十五条).

Order comes from the target branch, never from the timestamps that commits carry: every
commit reachable from the target branch is attributed to the first-parent commit of that
branch which brought it in (itself, or the merge that merged it).

The graph is read with ``git log`` fields that hold only object ids and dates; messages are
read as raw commit objects with one ``git cat-file --batch`` (length-prefixed, so no byte a
message holds can shift a record) and parsed with ``trailers.parse_text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import git
from pipeline.review import trailers

RETRACTS = "Retracts"


@dataclass
class Commit:
    oid: str
    parents: tuple[str, ...]
    committed_at: str
    approval: trailers.ApprovalTrailers | None
    retracts: tuple[str, ...] = ()
    raw: bytes = b""  # the raw object, kept for commits that claim something
    revokes: tuple[str, ...] = ()  # the claim commits it withdraws (``Revokes:``)


@dataclass
class History:
    """Commits reachable from ``tips``: parents, approval trailers, topological index."""

    commits: dict[str, Commit]
    order: list[str]  # parents before children
    index: dict[str, int] = field(default_factory=dict)
    _ancestors: dict[str, int] = field(default_factory=dict)
    _bits: dict[str, int] = field(default_factory=dict)
    _indexed: bool = False
    _repository: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, repo_root: Path, tips: list[str]) -> History:
        # ids only: git answers from the commit-graph; dates come from the raw objects
        listing = git.out(["log", "--topo-order", "--format=%H %P", *tips, "--"], cwd=repo_root)
        graph: list[tuple[str, tuple[str, ...]]] = []
        for line in listing.splitlines():
            oid, *parents = line.split()
            graph.append((oid, tuple(parents)))
        objects = git.cat_file_batch([oid for oid, _ in graph], cwd=repo_root)
        commits: dict[str, Commit] = {}
        for oid, parents in graph:
            raw = objects.get(oid, ("", b""))[1]
            commits[oid] = _commit(oid, parents, raw)
        order = [oid for oid, _ in reversed(graph)]
        history = cls(commits, order)
        history.index = {oid: i for i, oid in enumerate(order)}
        return history

    def approvals(self) -> list[Commit]:
        return [self.commits[o] for o in self.order if self.commits[o].approval is not None]

    def retractions(self) -> list[Commit]:
        return [self.commits[o] for o in self.order if self.commits[o].retracts]

    def revocations(self) -> list[Commit]:
        return [self.commits[o] for o in self.order if self.commits[o].revokes]

    def first_parent_chain(self, tip: str) -> list[str]:
        """``tip`` and its first parents, oldest first."""
        chain: list[str] = []
        current: str | None = tip
        while current is not None and current in self.commits:
            chain.append(current)
            parents = self.commits[current].parents
            current = parents[0] if parents else None
        chain.reverse()
        return chain

    def root(self, tip: str) -> str:
        """The first commit of ``tip``'s first-parent chain: for main, the repository's first
        commit (the server keeps the old tip on every new first-parent chain, so it never
        changes). Empty when ``tip`` is not in the history."""
        current = tip
        while current in self.commits:
            parents = self.commits[current].parents
            if not parents or parents[0] not in self.commits:
                return current
            current = parents[0]
        return ""

    def in_repository(self, tip: str, oid: str) -> bool:
        """Whether commit ``oid`` belongs to the repository of ``tip`` (the target branch):
        it descends from ``tip``'s first commit (``root``), and every root commit of its
        ancestry came onto ``tip``'s first-parent chain before ``oid`` did (a commit ``tip``
        does not reach comes after all: its roots must be ``tip``'s). Another repository's
        commit has its own first commit; one of a branch there that merged our main still
        has theirs, brought in with it. A commit whose ancestry this history does not hold
        (a missing object, beyond a shallow clone's edge) belongs to none."""
        found = self._repository.get(tip)
        if found is None:
            found = self._repository[tip] = self._members(tip)
        return oid in found

    def _members(self, tip: str) -> set[str]:
        """One pass in topological order: for each commit the latest first-parent position
        of ``tip`` at which a root of its ancestry came in (``late``), and whether it
        descends from ``root(tip)``; the members are the descendants whose roots all came
        in before they did."""
        chain = self.first_parent_chain(tip)
        position = {oid: i for i, oid in enumerate(chain)}
        came = {oid: position[step] for oid, step in self.introduced_by(tip).items()}
        after = len(chain)  # where a commit ``tip`` does not reach comes in
        never = after + 1  # a root ``tip`` does not reach, or a parent not in the history
        first = self.root(tip)
        late: dict[str, int] = {}
        descends: set[str] = set()
        members: set[str] = set()
        for commit in (self.commits[o] for o in self.order):
            parents = commit.parents
            if parents:
                late[commit.oid] = max(late.get(p, never) for p in parents)
            else:
                late[commit.oid] = came.get(commit.oid, never)
            if commit.oid == first or any(p in descends for p in parents):
                descends.add(commit.oid)
                if late[commit.oid] < came.get(commit.oid, after):
                    members.add(commit.oid)
        return members

    def introduced_by(self, tip: str) -> dict[str, str]:
        """Commit -> the first-parent commit of ``tip``'s branch that brought it in."""
        result: dict[str, str] = {}
        for step in self.first_parent_chain(tip):
            stack = [step]
            while stack:
                oid = stack.pop()
                if oid in result or oid not in self.commits:
                    continue
                result[oid] = step
                stack.extend(self.commits[oid].parents)
        return result

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        """Whether approval commit ``ancestor`` is an ancestor of ``descendant`` (or it)."""
        if ancestor == descendant:
            return True
        if not self._indexed:
            self._index_approvals()
            self._indexed = True
        bit = self._bits.get(ancestor)
        if bit is None:
            return False
        return bool(self._ancestors.get(descendant, 0) & bit)

    def _index_approvals(self) -> None:
        """One pass in topological order: for each commit, the set of approval ancestors."""
        claims = [
            c
            for c in (self.commits[o] for o in self.order)
            if c.approval or c.retracts or c.revokes
        ]
        for number, commit in enumerate(claims):
            self._bits[commit.oid] = 1 << number
        for oid in self.order:
            mask = 0
            for parent in self.commits[oid].parents:
                mask |= self._ancestors.get(parent, 0) | self._bits.get(parent, 0)
            self._ancestors[oid] = mask


def committer_stamp(raw: bytes) -> tuple[str, str]:
    """The timestamp and zone of a raw commit object's committer line, as written (what
    ``%ct`` gives, whatever the zone); ("", "") when it has none."""
    for line in raw.partition(b"\n\n")[0].split(b"\n"):
        if line.startswith(b"committer "):
            parts = line.rsplit(b" ", 2)
            if len(parts) < 3:
                return "", ""
            return parts[1].decode("ascii", "replace"), parts[2].decode("ascii", "replace")
    return "", ""


def committed_at(raw: bytes) -> str:
    """The committer date of a raw commit object, as RFC 3339 (``%cI``)."""
    stamp, zone = committer_stamp(raw)
    try:
        sign = -1 if zone.startswith("-") else 1
        offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5])) * sign
        return dt.datetime.fromtimestamp(int(stamp), dt.timezone(offset)).isoformat()
    except (ValueError, IndexError, OverflowError, OSError):
        return ""  # no committer line, or a zone or a date no clock has (fsck takes any digits)


def _commit(oid: str, parents: tuple[str, ...], raw: bytes) -> Commit:
    if not _may_claim(raw):
        return Commit(oid, parents, "", None)  # nothing in it could claim anything
    message = trailers.message_of(raw)
    at = committed_at(raw)
    if message is None:
        return Commit(oid, parents, at, None)
    found = trailers.parse_text(message)
    approval = trailers.parse_approval(found)
    retracts = tuple(trailers.values(found, RETRACTS))
    revokes = trailers.parse_revokes(found)
    keep = raw if approval is not None or retracts or revokes else b""
    return Commit(oid, parents, at, approval, retracts, keep, revokes)


_CLAIM_KEYS = (b"review-stage", b"approves", b"retracts", b"revokes")


def _may_claim(raw: bytes) -> bool:
    """Whether a raw commit could hold a claiming trailer (keys are case-insensitive)."""
    lowered = raw.lower()
    return any(key in lowered for key in _CLAIM_KEYS)
