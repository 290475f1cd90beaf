"""Withdrawing one's own signature: a signed empty ``Revokes:`` commit on main.

``revocation.py`` judges such a commit like an approval (signed by a key the roster lists
for its ``Signed-off-by`` person) and lets it void only a claim that the same person signed
off. Everything it asks is checked here before anything is written: the named commit is an
approval or a retraction whose ``Signed-off-by`` is git's configured user; git signs with
SSH with a key the roster lists for them; no valid revocation of it is on HEAD yet; HEAD is
main with nothing uncommitted. Then git signs the commit (``approve.signed_commit``, never
a private key here) and its signature is checked against the roster as ``approve`` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline import git
from pipeline.content_limits import shown
from pipeline.errors import GovmediaError, UsageError
from pipeline.review import trailers
from pipeline.review.approve import (
    check_signing_key,
    configured_person,
    signed_commit,
    trusted_roster,
)
from pipeline.review.history import RETRACTS, History
from pipeline.review.roster import STAGE_NAMES, Person
from pipeline.review.shallow import refuse_shallow
from pipeline.review.verify import TARGET_BRANCH, Verifier, base_and_tip

SUBJECT_CHARS = 60  # of the withdrawn commit's subject, quoted in the revocation's


@dataclass(frozen=True)
class Withdrawn:
    """What the named commit claims: ``what`` (第 N 审（…）or 撤稿), its subject and signer."""

    oid: str
    what: str
    subject: str
    name: str
    email: str


@dataclass(frozen=True)
class Revocation:
    commit: str
    revoked: Withdrawn
    person: Person
    subject: str


def revoke(repo_root: Path, raw_commit: str, *, env: Mapping[str, str] | None = None) -> Revocation:
    """Check everything a revocation needs, then create the signed ``Revokes:`` commit."""
    refuse_shallow(repo_root, "revoke", "不撤回")  # "not yet revoked" needs the whole history
    claim = _claim(repo_root, raw_commit)
    _check_on_main(repo_root)
    roster = trusted_roster(repo_root, base_and_tip(repo_root)[0])
    person = configured_person(repo_root, roster, env, "撤回签名")
    if roster.find(claim.name, claim.email) != person:
        raise GovmediaError(
            f"提交 {claim.oid[:10]} 由 {shown(f'{claim.name} <{claim.email}>')} 签名，"
            f"不是你（{person.ident}）：只能撤回本人签名的审核或撤稿。"
        )
    check_signing_key(repo_root, person, env)
    head = git.rev_parse("HEAD", cwd=repo_root) or ""
    history = History.load(repo_root, [head, claim.oid])  # the claim may be on no branch
    earlier = Verifier(repo_root, None, head, history).revoked.get(claim.oid)
    if earlier is not None:
        raise GovmediaError(
            f"提交 {claim.oid[:10]} 已由主分支上的提交 {earlier[:10]} 撤回，无需再次撤回。"
        )
    subject = f"撤回签名：{claim.what}「{claim.subject}」"
    message = (
        f"{subject}\n\n{trailers.REVOKES}: {claim.oid}\n{trailers.SIGNED_OFF_BY}: {person.ident}\n"
    )
    found = trailers.parse_text(message)
    if trailers.parse_revokes(found) != (claim.oid,) or trailers.parse_signer(found)[2]:
        raise GovmediaError("内部错误：生成的撤回 trailer 无法被 git 解析。")
    commit = signed_commit(repo_root, message, roster, person, env)
    return Revocation(commit, claim, person, subject)


def _check_on_main(repo_root: Path) -> None:
    """On the target branch, with nothing staged or changed in tracked files."""
    branch = git.current_branch(repo_root)
    if branch != TARGET_BRANCH:
        raise GovmediaError(
            f"撤回须在主分支 {TARGET_BRANCH} 上提交（当前：{branch or '未在任何分支上'}）："
            f"请先运行 git checkout {TARGET_BRANCH} && git pull。"
        )
    status = git.out(["status", "--porcelain", "--untracked-files=no"], cwd=repo_root)
    if status.strip():
        raise GovmediaError("工作区或暂存区有未提交的修改：撤回提交必须是空提交，请先提交或撤销。")


def _claim(repo_root: Path, raw_commit: str) -> Withdrawn:
    """The approval or retraction ``raw_commit`` names, with its one ``Signed-off-by``."""
    oid = git.rev_parse(raw_commit, cwd=repo_root)
    if oid is None:
        raise UsageError(
            f"找不到提交「{raw_commit}」：请写审核或撤稿提交的编号（可先 git fetch）。"
        )
    objects = git.cat_file_batch([oid], cwd=repo_root)
    message = trailers.message_of(objects.get(oid, ("", b""))[1])
    if message is None:
        raise GovmediaError(f"提交 {oid[:10]} 的说明不是 UTF-8 文本，不是审核或撤稿提交。")
    found = trailers.parse_text(message)
    approval = trailers.parse_approval(found)
    if approval is not None and approval.stage is not None:
        what = f"第 {approval.stage} 审（{STAGE_NAMES[approval.stage]}）"
    elif trailers.values(found, RETRACTS):
        what = "撤稿"
    else:
        raise GovmediaError(
            f"提交 {oid[:10]} 不是审核提交（Review-Stage/Approves）或撤稿提交（Retracts），"
            "无需撤回。"
        )
    name, email, errors = trailers.parse_signer(found)
    if errors:
        raise GovmediaError(
            f"提交 {oid[:10]} 的签名人无法认定（{shown(errors[0])}），它本身不计入审核。"
        )
    # The subject names posts by their titles (an author's text): controls never reach a
    # terminal or the revocation's own message.
    subject = shown(message.split("\n", 1)[0].strip())
    if len(subject) > SUBJECT_CHARS:
        subject = subject[: SUBJECT_CHARS - 1] + "…"
    return Withdrawn(oid, what, subject, name, email)
