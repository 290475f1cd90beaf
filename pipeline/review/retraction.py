"""Retractions (``Retracts: <path>``) judged by the same rules as approvals (第二十条: a
post taken down everywhere only on a leader's signed decision)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.review import policy, signatures, trailers
from pipeline.review.history import Commit, History
from pipeline.review.policy import Claim
from pipeline.review.verify import TARGET_REF, Verifier, resolve_rev


@dataclass(frozen=True)
class RetractionDecision:
    """The newest valid retraction of ``path`` on the branch, or why none counts."""

    path: str
    ok: bool
    commit: str = ""
    by: str = ""
    code: str = ""
    reasons: tuple[str, ...] = ()


def review_retraction(repo_root: Path, path: str, ref: str = TARGET_REF) -> RetractionDecision:
    """Judge the ``Retracts: <path>`` claims on ``ref`` with the same rules as approvals:
    signed, by a key of the roster in force when the claim came onto ``ref``'s first-parent
    history, the signer being the ``Signed-off-by`` person and a leader, the claim made in
    this repository (``History.in_repository``)."""
    head = resolve_rev(repo_root, ref)
    history = History.load(repo_root, [head])
    claims = [c for c in history.retractions() if path in c.retracts]
    if not claims:
        return RetractionDecision(
            path, False, code=policy.PRESENT, reasons=("没有找到带 Retracts 标记的审批提交",)
        )
    verifier = Verifier(repo_root, None, head, history)
    timeline = verifier.timeline
    assert timeline is not None
    problems: list[str] = []
    code = ""
    for commit in reversed(claims):
        if commit.oid in verifier.revoked:  # withdrawn by its signer (``revocation.py``)
            code = code or policy.REVOKED
            problems.append(
                f"{commit.oid[:8]}：签署人已撤回（撤回提交 {verifier.revoked[commit.oid][:10]}）"
            )
            continue
        parsed = trailers_of(commit)
        in_force = timeline.claim_rosters(verifier.rosters, commit.oid)
        claim = Claim(commit, None, parsed[0], parsed[1], parsed[2], parsed[3])
        verdict = signatures.verdict_for(commit.oid, commit.raw)
        ours = history.in_repository(verifier.target, commit.oid)
        judged = policy.retraction(
            policy.judge(
                claim, verdict, in_force, on_branch=True, in_repository=ours, target_blob=None
            ),
            in_force,
        )
        if judged.valid:
            return RetractionDecision(path, True, commit.oid, claim.ident)
        code = code or judged.code
        problems.append(f"{commit.oid[:8]}：{judged.reason}")
    return RetractionDecision(path, False, code=code, reasons=tuple(problems))


def trailers_of(commit: Commit) -> tuple[str, str, str, tuple[str, ...]]:
    """(ident, name, email, errors) of the ``Signed-off-by`` of a retraction commit."""
    message = trailers.message_of(commit.raw) or ""
    name, email, errors = trailers.parse_signer(trailers.parse_text(message))
    return (f"{name} <{email}>" if email else ""), name, email, tuple(errors)
