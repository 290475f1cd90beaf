"""Revocations (``Revokes: <commit id>``): a reviewer withdraws their own signed claim.

An approval is bound to a path and a blob, never to a branch: one signed on a branch that
was then abandoned could be merged into main at any time. Its signer withdraws it with an
empty commit, pushed to main, whose message ends with::

    Revokes: <the approval or retraction commit, full id>
    Signed-off-by: 陈静 <chenjing@example.gov.cn>

judged like an approval (``policy.judge``: signed by a key the roster in force lists for
the ``Signed-off-by`` person) and counting only when that person is the ``Signed-off-by``
of the commit it names: nobody withdraws another's signature. Every claim of the named
commit is then void (``policy.revoked``) for any head whose history holds the revocation.
It names a commit, not a blob: approving the same blob again makes a new commit, which
counts. A revocation that is malformed, unsigned or by someone else withdraws nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pipeline.review import policy, signatures, trailers
from pipeline.review.history import Commit, History
from pipeline.review.policy import Claim, RosterInForce


def _signer(commit: Commit) -> tuple[str, str, tuple[str, ...]]:
    """(name, email, errors) of the one ``Signed-off-by`` of a claim commit."""
    message = trailers.message_of(commit.raw)
    if message is None:
        return "", "", ("提交说明不是 UTF-8 文本",)
    name, email, errors = trailers.parse_signer(trailers.parse_text(message))
    return name, email, tuple(errors)


def revoked_claims(
    history: History,
    head: str,
    target: str,
    rosters_of: Callable[[str], Sequence[RosterInForce]],
) -> dict[str, str]:
    """Claim commit -> the revocation that voids it: each valid ``Revokes:`` on ``head``'s
    history made in the repository of ``target`` (the target branch: ``History.in_repository``;
    judged by ``rosters_of(revocation commit)``) signed by the person who signed off the
    commit it names."""
    result: dict[str, str] = {}
    for commit in history.revocations():
        if not history.is_ancestor(commit.oid, head):
            continue
        name, email, errors = _signer(commit)
        ident = f"{name} <{email}>" if email else ""
        rosters = rosters_of(commit.oid)
        judged = policy.judge(
            Claim(commit, None, ident, name, email, errors),
            signatures.verdict_for(commit.oid, commit.raw),
            rosters,
            on_branch=True,
            in_repository=history.in_repository(target, commit.oid),
            target_blob=None,
        )
        if not judged.valid or judged.person is None:
            continue
        for oid in commit.revokes:
            named = history.commits.get(oid)
            if named is None or oid in result:
                continue
            named_name, named_email, named_errors = _signer(named)
            if named_errors:
                continue
            if all(
                r.roster is not None and r.roster.find(named_name, named_email) == judged.person
                for r in rosters
            ):
                result[oid] = commit.oid
    return result
