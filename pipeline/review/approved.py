"""The last approved version of a file, as the one evaluator counts approvals (round 24).

The desk's preview shows the reviewer what changed since the last approval. Any commit can
carry an ``Approves:`` trailer: unsigned, signed by a key outside the roster, made in another
repository or withdrawn by its signer. Such a claim names a version nobody approved, and a
diff taken against it hides whatever the editor changed since. Only a claim that
``policy.judge`` counts (through ``verify.Verifier``, with the roster that judges the
change, in this repository, not revoked) names an approved version.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.review import signatures
from pipeline.review.history import Commit
from pipeline.review.results import PostReview
from pipeline.review.trailers import Approves
from pipeline.review.verify import (
    Target,
    Verifier,
    _targets,
    base_and_tip,
    resolve_rev,
)


class _ClaimJudge(Verifier):
    """A verifier that judges one approval claim of one version at a time."""

    def counts(self, path: str, commit: Commit, approves: Approves) -> bool:
        """Whether this claim is a valid approval of ``approves.blob`` of ``path``."""
        if self.timeline is not None:
            pos = self.timeline.source(path, commit.oid)
            blob = self.timeline.roster_blob_at(pos) if pos is not None else None
            self.rosters.load([blob] if blob else [])
        if commit.oid not in self.verdicts:
            self.verdicts[commit.oid] = signatures.verdict_for(commit.oid, commit.raw)
        return self._judge(Target(path, approves.blob), commit, approves).valid


def last_approved_claim(
    root: Path, path: str, current_blob: str, head: str = "HEAD"
) -> tuple[Commit, Approves] | None:
    """The newest approval on ``head``'s history of a version of ``path`` other than
    ``current_blob`` that the evaluator counts (signed by a key of the roster in force, by
    the person it names, in this repository, not revoked; by main's tip roster too when
    the branch has one); None when there is none."""
    head_oid = resolve_rev(root, head)
    # main's tip as last fetched judges the claims too, as verify does (red team 35)
    base, tip = base_and_tip(root, head_oid)
    judge = _ClaimJudge(root, base, head_oid, main=tip)
    for commit in reversed(judge.history.approvals()):
        claim = commit.approval
        if claim is None or claim.errors:
            continue
        for item in claim.approves:
            if item.path != path or item.blob == current_blob or item.error:
                continue
            if judge.counts(path, commit, item):
                return commit, item
    return None


def review_versions(root: Path, entries: list[tuple[str, str]], ref: str) -> list[PostReview]:
    """Each (path, blob) judged as the publisher judges a file on ``ref`` (its whole
    first-parent history, the roster in force where each approval landed): a version sent
    or published, which may no longer be the file's current one."""
    verifier = Verifier(root, None, resolve_rev(root, ref))
    batches: list[dict[str, str]] = []
    for path, blob in dict.fromkeys(entries):
        batch = next((b for b in batches if path not in b), None)
        if batch is None:
            batch = {}
            batches.append(batch)
        batch[path] = blob
    return [
        review
        for batch in batches
        for review in verifier.review(_targets(root, sorted(batch.items())))
    ]
