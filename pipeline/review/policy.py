"""The one evaluator of approvals (第十五条): named requirements, each with a code and a reason.

Approvals of posts and every reviewed file, approvals of a roster change and retractions all
go through ``judge`` (is this signed claim by someone the roster in force accepts?) and one
of three policies:

- ``three_stage``: 初审, 复审, 终审 of the exact blob, by three different people holding the
  stage's roles, none of them the post's author, each stage a descendant of the previous;
- ``roster_quorum``: ``roster_change.approvals`` different people of the roster in force
  holding ``roster_change.roles``, at least one holding ``roster_change.require``;
- ``retraction``: a signed ``Retracts:`` claim by a person holding the role ``leader``.

A claim its own signer withdrew (a valid ``Revokes:`` on the branch, ``revocation.py``) is
void: ``revoked``.

A claim binds a path and a blob (a retraction a path, a revocation a commit), never a
repository: another unit's repository whose roster lists the same people with the same keys
holds claims this evaluator would accept. Every claim commit must therefore belong to this
repository (``in_repository``, code ``in-this-repository``, ``History.in_repository``): descend
from the first commit of main's first-parent chain, every root commit of its ancestry on
main before the claim came in. A claim made elsewhere and merged here does not, nor one made
on another repository's branch that merged our main (their first commit comes in with it);
rewriting it onto our history changes the signed bytes (the parent lines), so its signature
fails.

Every failure carries a machine-readable ``code`` (below) and a Chinese reason; ``govmedia
verify --format json`` prints both. Modelled on Gerrit's submit requirements.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.review import signatures
from pipeline.review.history import Commit
from pipeline.review.roster import ROLE_NAMES, STAGE_NAMES, ChangePolicy, Person, Roster

# Requirement codes (stable: scripts and CI read them).
TRAILERS = "trailers-valid"
CURRENT = "approves-current-blob"
ON_BRANCH = "on-target-branch"
IN_REPOSITORY = "in-this-repository"
SIGNED = "signed"
SIGNATURE = "signature-valid"
SIGNATURE_TYPE = "signature-type"
ROSTER = "roster-in-force"
KEY_IN_ROSTER = "key-in-roster"
SIGNER = "signer-is-signed-off-by"
ROLE = "role-for-stage"
NOT_AUTHOR = "not-author"
DISTINCT = "distinct-people"
ORDER = "stages-in-order"
PRESENT = "approval-present"
QUORUM = "roster-change-quorum"
QUORUM_REQUIRE = "roster-change-required-role"
LEADER = "leader"
REVOKED = "not-revoked"
SUPERSEDED = "newer-than-the-version-it-replaces"


@dataclass(frozen=True)
class RosterInForce:
    """A roster that decides (``roster`` is None when there is none: ``problem`` says why)."""

    roster: Roster | None
    problem: str = ""


@dataclass(frozen=True)
class Claim:
    """One commit's claim on one target: an approval of a blob, or a retraction."""

    commit: Commit
    stage: int | None
    ident: str
    name: str
    email: str
    errors: tuple[str, ...] = ()
    blob: str | None = None  # the approved blob; None for a retraction


@dataclass(frozen=True)
class Judged:
    claim: Claim
    person: Person | None = None
    code: str = ""  # empty when the claim is valid
    reason: str = ""
    stale: bool = False

    @property
    def valid(self) -> bool:
        return not self.code and self.person is not None


@dataclass(frozen=True)
class Slot:
    """One requirement slot of a decision: a review stage, or one of N roster approvals."""

    stage: int
    label: str
    ok: bool
    code: str = ""
    reason: str = ""
    judged: Judged | None = None


def _fail(claim: Claim, code: str, reason: str, *, stale: bool = False) -> Judged:
    return Judged(claim, None, code, reason, stale)


def judge(
    claim: Claim,
    verdict: signatures.Verdict,
    rosters: Sequence[RosterInForce],
    *,
    on_branch: bool,
    in_repository: bool,
    target_blob: str | None,
) -> Judged:
    """Whether ``claim`` is a valid signed claim by a person of every roster in force;
    ``in_repository``: whether its commit belongs to this repository (``History.in_repository``)."""
    if claim.errors:
        return _fail(claim, TRAILERS, "审核 trailer 格式错误：" + "；".join(claim.errors))
    if target_blob is not None and claim.blob != target_blob:
        short = (claim.blob or "")[:10]
        return _fail(
            claim,
            CURRENT,
            f"审核的是旧版本（blob {short}），此后文件已修改，需重新审核",
            stale=True,
        )
    if not on_branch:
        return _fail(claim, ON_BRANCH, "审核提交不在被审核的提交历史中")
    if not in_repository:
        return _fail(
            claim,
            IN_REPOSITORY,
            f"提交 {claim.commit.oid[:10]} 不是本仓库的提交（不以 main 的第一个提交为祖先，"
            "或随它并入了另一段无关的历史）：在其他仓库中签署的审核、撤稿或撤回在本仓库不算，"
            "须在本仓库从 main 开始的分支上重新签署",
        )
    if verdict.status == signatures.UNSIGNED:
        return _fail(claim, SIGNED, "审核提交没有签名")
    if verdict.status == signatures.BAD:
        return _fail(claim, SIGNATURE, "签名无效：提交内容与签名不符")
    if verdict.status == signatures.UNSUPPORTED:
        return _fail(claim, SIGNATURE_TYPE, "签名类型不受支持（须为 SSH 签名）")
    if not rosters:
        return _fail(claim, ROSTER, "没有可信的名册")
    person: Person | None = None
    for in_force in rosters:
        roster = in_force.roster
        if roster is None:
            return _fail(claim, ROSTER, in_force.problem or "没有可信的名册")
        signer = roster.by_key(verdict.key)
        if signer is None:
            return _fail(claim, KEY_IN_ROSTER, "签名密钥不在名册中")
        if roster.find(claim.name, claim.email) != signer:
            return _fail(
                claim, SIGNER, f"签名者 {signer.ident} 不是 Signed-off-by 中的审核人 {claim.ident}"
            )
        if person is not None and person.email.lower() != signer.email.lower():
            return _fail(claim, SIGNER, "签名密钥在不同时期的名册中属于不同的人")
        person = signer
    return Judged(claim, person)


def _require_roles(
    judged: Judged, rosters: Sequence[RosterInForce], allowed: Callable[[Roster, Person], bool]
) -> bool:
    """Whether the judged person holds the role in every roster in force."""
    for in_force in rosters:
        roster = in_force.roster
        if roster is None:
            return False
        person = roster.by_email(judged.person.email if judged.person else "")
        if person is None or not allowed(roster, person):
            return False
    return True


# --- three stages ------------------------------------------------------------------------------


def three_stage(
    judged: Sequence[Judged],
    rosters_of: Callable[[Claim], Sequence[RosterInForce]],
    *,
    author_email: str,
    is_ancestor: Callable[[str, str], bool],
    stages: tuple[int, ...] = (1, 2, 3),
    roles_of: Callable[[Roster], dict[int, tuple[str, ...]]] | None = None,
) -> list[Slot]:
    """The 三审 decision for one blob from its judged claims (oldest first).

    ``roles_of`` gives the roles of each stage from a roster in force (default: its
    ``stages``; replies and hide orders use ``reply_stages`` with stages 1 and 3).
    """
    per_stage: dict[int, list[Judged]] = {s: [] for s in stages}
    for item in judged:
        if item.valid:
            item = _stage_checks(item, rosters_of(item.claim), author_email, roles_of)
        for stage in [item.claim.stage] if item.claim.stage else list(stages):
            if stage in per_stage:
                per_stage[stage].append(item)
    chain = _chain(stages, per_stage, is_ancestor)
    slots: list[Slot] = []
    for index, stage in enumerate(stages):
        label = f"第 {stage} 审（{STAGE_NAMES[stage]}）"
        if index < len(chain):
            slots.append(Slot(stage, label, True, judged=chain[index]))
        else:
            slots.append(_stage_failure(stage, label, index, chain, per_stage[stage]))
    return slots


def _stage_checks(
    item: Judged,
    rosters: Sequence[RosterInForce],
    author_email: str,
    roles_of: Callable[[Roster], dict[int, tuple[str, ...]]] | None = None,
) -> Judged:
    claim = item.claim
    stage = claim.stage
    assert stage is not None and item.person is not None
    table = roles_of or (lambda r: r.stages)
    if not _require_roles(
        item, rosters, lambda r, p: any(x in p.roles for x in table(r).get(stage, ()))
    ):
        roster = rosters[-1].roster
        roles = "、".join(
            ROLE_NAMES.get(r, r) for r in (table(roster).get(stage, ()) if roster else ())
        )
        return _fail(
            claim,
            ROLE,
            f"{claim.ident} 在名册中没有第 {stage} 审（{STAGE_NAMES[stage]}）所需的角色（{roles}）",
        )
    if author_email and item.person.email.lower() == author_email.lower():
        return _fail(claim, NOT_AUTHOR, f"{claim.ident} 是本文作者，不能审核自己的文章")
    return item


def _chain(
    stages: tuple[int, ...],
    per_stage: dict[int, list[Judged]],
    is_ancestor: Callable[[str, str], bool],
) -> list[Judged]:
    """The longest in-order chain of valid approvals by different people (oldest first)."""
    valid = {s: [j for j in per_stage[s] if j.valid] for s in stages}

    def search(i: int, prev: Judged | None, used: frozenset[str]) -> list[Judged]:
        best: list[Judged] = []
        if i == len(stages):
            return best
        for cand in valid[stages[i]]:
            assert cand.person is not None
            email = cand.person.email.lower()
            if email in used:
                continue
            if prev is not None and not is_ancestor(prev.claim.commit.oid, cand.claim.commit.oid):
                continue
            chain = [cand, *search(i + 1, cand, used | {email})]
            if len(chain) > len(best):
                best = chain
            if len(best) == len(stages) - i:
                break
        return best

    return search(0, None, frozenset())


def _stage_failure(
    stage: int, label: str, index: int, chain: list[Judged], cands: list[Judged]
) -> Slot:
    prev = chain[-1] if chain and index == len(chain) else None
    used = {j.person.email.lower(): j.claim.stage for j in chain if j.person}
    newest_first = list(reversed(cands))
    for cand in newest_first:
        if not cand.valid:
            continue
        assert cand.person is not None
        if cand.person.email.lower() in used:
            reason = f"{cand.claim.ident} 已审核过第 {used[cand.person.email.lower()]} 审，同一人不能审核两次"
            return Slot(stage, label, False, DISTINCT, reason, cand)
        if index > len(chain):
            reason = f"审核不按顺序：第 {stage - 1} 审尚未通过，第 {stage} 审须在其后"
            return Slot(stage, label, False, ORDER, reason, cand)
        if prev is not None:
            reason = (
                f"审核不按顺序：第 {stage} 审提交不在第 {stage - 1} 审"
                f"（{prev.claim.commit.oid[:10]}）之后"
            )
            return Slot(stage, label, False, ORDER, reason, cand)
    current = [c for c in newest_first if not c.valid and not c.stale]
    older = [c for c in newest_first if not c.valid and c.stale]
    for cand in current + older:
        return Slot(stage, label, False, cand.code, cand.reason, cand)
    return Slot(stage, label, False, PRESENT, f"缺少第 {stage} 审（{STAGE_NAMES[stage]}）")


# --- a change of the roster --------------------------------------------------------------------


def roster_quorum(
    judged: Sequence[Judged], rosters: Sequence[RosterInForce], policy: ChangePolicy
) -> list[Slot]:
    """The decision on a roster change: ``policy.approvals`` different qualified people."""
    chosen: list[Judged] = []
    seen: set[str] = set()
    refusals: list[Judged] = []
    roles = "、".join(ROLE_NAMES.get(r, r) for r in policy.roles)
    for item in judged:
        if not item.valid:
            refusals.append(item)
            continue
        assert item.person is not None
        email = item.person.email.lower()
        if email in seen:
            continue
        if not _require_roles(item, rosters, lambda r, p: any(x in p.roles for x in policy.roles)):
            refusals.append(
                _fail(item.claim, ROLE, f"{item.claim.ident} 不是名册中的{roles}，不能批准修改名册")
            )
            continue
        seen.add(email)
        chosen.append(item)
    refusals.sort(key=lambda j: not j.stale)  # shown first: a claim of this very blob
    # a qualified person holding a required role goes first, so one slot always shows it
    chosen.sort(key=lambda j: not _holds(j, rosters, policy.require))
    slots: list[Slot] = []
    for number in range(1, policy.approvals + 1):
        label = f"名册修改批准 {number}/{policy.approvals}"
        if number <= len(chosen):
            slots.append(Slot(3, label, True, judged=chosen[number - 1]))
            continue
        refusal = refusals.pop() if refusals else None
        if refusal is not None:
            slots.append(Slot(3, label, False, refusal.code, refusal.reason, refusal))
        else:
            reason = (
                f"修改名册须经旧名册中 {policy.approvals} 位不同的{roles}批准"
                f"（目前 {len(chosen)} 位）"
            )
            slots.append(Slot(3, label, False, QUORUM, reason))
    if chosen and not any(_holds(j, rosters, policy.require) for j in chosen):
        need = "、".join(ROLE_NAMES.get(r, r) for r in policy.require)
        slots.append(
            Slot(3, "名册修改批准：必需角色", False, QUORUM_REQUIRE, f"批准人中至少须有一位{need}")
        )
    return slots


def _holds(item: Judged, rosters: Sequence[RosterInForce], roles: tuple[str, ...]) -> bool:
    return _require_roles(item, rosters, lambda r, p: any(x in p.roles for x in roles))


# --- a retraction ------------------------------------------------------------------------------


def retraction(judged: Judged, rosters: Sequence[RosterInForce]) -> Judged:
    """A valid retraction claim also needs the signer to be a leader in the roster in force."""
    if not judged.valid:
        return judged
    if not _require_roles(judged, rosters, lambda r, p: LEADER in p.roles):
        return _fail(judged.claim, ROLE, f"{judged.claim.ident} 不是单位领导，无权批准撤回")
    return judged


# --- a withdrawn claim -------------------------------------------------------------------------


def revoked(judged: Judged, by: str) -> Judged:
    """``judged`` voided by its signer's revocation, commit ``by``."""
    ident = judged.claim.ident or "审核人"
    reason = f"{ident} 已撤回该审核意见（撤回提交 {by[:10]}），需重新审核"
    return _fail(judged.claim, REVOKED, reason, stale=judged.stale)


def superseded(judged: Judged, landed: str) -> Judged:
    """``judged`` made before commit ``landed`` put the version it would replace on the
    target branch: a later decision outranks it (``superseded.py``, red team 40)."""
    reason = (
        f"该审核早于目标分支上现行版本的提交 {landed[:10]}，已被之后的审核决定取代："
        "恢复旧版本须重新审核"
    )
    return _fail(judged.claim, SUPERSEDED, reason)
