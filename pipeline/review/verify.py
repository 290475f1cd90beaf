"""Review state of posts: the 三审制 of 第十五条, verified from git history.

A post (any file under ``content/posts/``) is publishable when the target branch holds, for
its current blob, valid approvals for stages 1, 2 and 3 by three different people, none of
them its author, each stage a descendant of the previous one. An approval is valid when its
trailers are well formed, its commit carries a good SSH signature by a key that the trusted
roster lists, the key's owner is the person in ``Signed-off-by``, and that person holds a role
for the stage. The trusted roster is the target branch's roster before the change under
review (``base``); for approvals already on the branch, the roster as it stood just before
the first-parent commit that brought them in. A change to ``content/roster.yml`` itself needs
a stage-3 approval by a leader of that trusted roster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import git
from pipeline.errors import ConfigError, GovmediaError
from pipeline.project import POSTS_DIR, ROSTER_FILE
from pipeline.review import signatures
from pipeline.review.history import Commit, History
from pipeline.review.roster import STAGE_NAMES, Person, Roster, parse_roster
from pipeline.review.trailers import IDENT_RE, Approves

TARGET_BRANCH = "main"
STAGES = (1, 2, 3)
ROSTER_APPROVER_ROLE = "leader"
ROLE_NAMES = {"editor": "责任编辑", "chief_editor": "总编辑", "leader": "领导"}
_AUTHOR_RE = re.compile(r"^author:[ \t]*(?P<value>.*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class StageResult:
    stage: int
    ok: bool
    by: str = ""
    commit: str = ""
    at: str = ""
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "ok": self.ok,
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

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "blob": self.blob,
            "publishable": self.publishable,
            "stages": [s.to_json() for s in self.stages],
        }

    def stage(self, number: int) -> StageResult | None:
        return next((s for s in self.stages if s.stage == number), None)

    def problems(self) -> list[StageResult]:
        return [s for s in self.stages if not s.ok]


@dataclass(frozen=True)
class Target:
    """A file whose current blob needs approvals."""

    path: str
    blob: str
    author_email: str = ""
    is_roster: bool = False

    @property
    def stages(self) -> tuple[int, ...]:
        return (3,) if self.is_roster else STAGES


@dataclass(frozen=True)
class Candidate:
    commit: Commit
    stage: int | None
    ident: str
    person: Person | None = None
    reason: str = ""  # empty when valid on its own
    stale: bool = False  # approves an older blob of the file

    @property
    def valid(self) -> bool:
        return not self.reason and self.person is not None


# --- public interface -------------------------------------------------------------------------


def default_base(repo_root: Path, head: str = "HEAD") -> str | None:
    """Where the change under review starts: merge-base of ``head`` and the target branch."""
    for ref in (f"refs/remotes/origin/{TARGET_BRANCH}", f"refs/heads/{TARGET_BRANCH}"):
        if git.rev_parse(ref, cwd=repo_root) is not None:
            return git.merge_base(ref, head, cwd=repo_root)
    return None


def verify_range(repo_root: Path, base: str | None, head: str) -> list[PostReview]:
    """Review state of every post added or changed from ``base`` to ``head`` (sorted by path).

    ``base`` is the target branch before the change; its roster decides. ``None``: every post
    at ``head`` counts as changed and each approval is judged by the roster on ``head``'s
    first-parent history just before it came in.
    """
    head_oid = _resolve(repo_root, head)
    base_oid = _resolve(repo_root, base) if base else None
    if base_oid is not None:
        changes = git.diff_raw(base_oid, head_oid, [POSTS_DIR, ROSTER_FILE], cwd=repo_root)
        entries = [(path, blob) for status, path, blob in changes if status != "D"]
    else:
        entries = sorted(git.ls_tree(head_oid, POSTS_DIR, cwd=repo_root).items())
    return _Verifier(repo_root, base_oid, head_oid).review(_targets(repo_root, entries))


def review_post(repo_root: Path, path: str, ref: str = "HEAD") -> PostReview:
    """Review state of the post's blob at ``ref``, trusting ``ref``'s first-parent history."""
    return review_posts(repo_root, [path], ref)[0]


def review_posts(repo_root: Path, paths: list[str], ref: str = "HEAD") -> list[PostReview]:
    """``review_post`` for many posts with one read of the history."""
    return review_paths(repo_root, paths, None, ref)


def review_paths(
    repo_root: Path, paths: list[str], base: str | None, ref: str = "HEAD"
) -> list[PostReview]:
    """Review state of the given files at ``ref``, judged as a change on top of ``base``."""
    head_oid = _resolve(repo_root, ref)
    base_oid = _resolve(repo_root, base) if base else None
    found = git.cat_file_batch_check([f"{head_oid}:{p}" for p in paths], cwd=repo_root)
    entries = []
    for path in paths:
        blob = found.get(f"{head_oid}:{path}")
        if blob is None:
            raise GovmediaError(f"{path}：在 {ref} 中不存在。")
        entries.append((path, blob))
    reviews = _Verifier(repo_root, base_oid, head_oid).review(_targets(repo_root, entries))
    by_path = {r.path: r for r in reviews}
    return [by_path[p] for p in paths]


# --- implementation ---------------------------------------------------------------------------


def _resolve(repo_root: Path, rev: str) -> str:
    oid = git.rev_parse(rev, cwd=repo_root)
    if oid is None:
        raise GovmediaError(f"找不到提交「{rev}」。")
    return oid


def _targets(repo_root: Path, entries: list[tuple[str, str]]) -> list[Target]:
    md_blobs = [blob for path, blob in entries if path.endswith(".md")]
    contents = git.cat_file_batch(md_blobs, cwd=repo_root)
    targets = []
    for path, blob in entries:
        if path == ROSTER_FILE:
            targets.append(Target(path, blob, is_roster=True))
            continue
        author = ""
        if blob in contents:
            author = author_email(contents[blob][1])
        targets.append(Target(path, blob, author))
    return targets


def author_email(raw: bytes) -> str:
    """The email of the front matter's ``author`` (lenient: a broken post still has one)."""
    text = raw.decode("utf-8", "replace").lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---"):
        return ""
    front = text.split("\n---", 1)[0]
    match = _AUTHOR_RE.search(front)
    if match is None:
        return ""
    ident = IDENT_RE.match(match["value"].strip("'\""))
    return ident["email"].lower() if ident else ""


class _Verifier:
    def __init__(self, repo_root: Path, base: str | None, head: str) -> None:
        self.repo_root = repo_root
        self.base = base
        tips = [head] if base is None else [head, base]
        self.history = History.load(repo_root, tips)
        self.introduced = self.history.introduced_by(base or head)
        self.by_path: dict[str, list[tuple[Commit, Approves]]] = {}
        for commit in self.history.approvals():
            assert commit.approval is not None
            for approves in commit.approval.approves:
                self.by_path.setdefault(approves.path, []).append((commit, approves))
        self._rosters: dict[str, tuple[Roster | None, str]] = {}
        self._verdicts: dict[str, signatures.Verdict] = {}

    # which roster judges an approval
    def _roster_source(self, oid: str) -> str | None:
        if self.base is not None and oid not in self.introduced:
            return self.base  # inside the change: the target branch before it decides
        step = self.introduced.get(oid)
        if step is None:
            return None
        parents = self.history.commits[step].parents
        return parents[0] if parents else None

    def _load_rosters(self, commits: list[Commit]) -> None:
        sources = {c.oid: self._roster_source(c.oid) for c in commits}
        wanted = sorted({s for s in sources.values() if s is not None})
        if self.base is not None:
            wanted.append(self.base)
        blob_of = git.cat_file_batch_check(
            [f"{s}:{ROSTER_FILE}" for s in wanted], cwd=self.repo_root
        )
        blobs = git.cat_file_batch(list(set(blob_of.values())), cwd=self.repo_root)
        parsed: dict[str, tuple[Roster | None, str]] = {}
        for blob, (_, raw) in blobs.items():
            try:
                parsed[blob] = (parse_roster(raw.decode("utf-8-sig"), ROSTER_FILE), "")
            except (ConfigError, UnicodeDecodeError) as exc:
                parsed[blob] = (None, f"当时的名册无法解析（{exc}）")
        if self.base is not None:
            base_blob = blob_of.get(f"{self.base}:{ROSTER_FILE}")
            if base_blob is not None and parsed[base_blob][0] is None:
                raise ConfigError(f"目标分支上的 {ROSTER_FILE} 无效：{parsed[base_blob][1]}")
        missing = (None, f"目标分支上当时没有名册（{ROSTER_FILE}），无法认定审核人")
        for oid, source in sources.items():
            blob = blob_of.get(f"{source}:{ROSTER_FILE}") if source else None
            self._rosters[oid] = parsed.get(blob, missing) if blob else missing

    def review(self, targets: list[Target]) -> list[PostReview]:
        relevant = {t.path for t in targets}
        commits = {c.oid: c for p in relevant for c, _ in self.by_path.get(p, [])}
        self._load_rosters(list(commits.values()))
        self._verdicts = signatures.verdicts(self.repo_root, list(commits))
        return sorted((self._review(t) for t in targets), key=lambda r: r.path)

    def _candidate(self, target: Target, commit: Commit, approves: Approves) -> Candidate:
        approval = commit.approval
        assert approval is not None
        stage = approval.stage
        ident = approval.ident
        errors = [*approval.errors, *([approves.error] if approves.error else [])]
        if errors:
            return Candidate(
                commit, stage, ident, reason="审核 trailer 格式错误：" + "；".join(errors)
            )
        if approves.blob != target.blob:
            return Candidate(
                commit,
                stage,
                ident,
                reason=f"审核的是旧版本（blob {approves.blob[:10]}），此后文章已修改，需重新审核",
                stale=True,
            )
        verdict = self._verdicts.get(commit.oid, signatures.Verdict(signatures.UNSIGNED))
        if verdict.status == signatures.UNSIGNED:
            return Candidate(commit, stage, ident, reason="审核提交没有签名")
        if verdict.status == signatures.BAD:
            return Candidate(commit, stage, ident, reason="签名无效：提交内容与签名不符")
        if verdict.status == signatures.UNSUPPORTED:
            return Candidate(commit, stage, ident, reason="签名类型不受支持（须为 SSH 签名）")
        roster, problem = self._rosters.get(commit.oid, (None, "没有可信的名册"))
        if roster is None:
            return Candidate(commit, stage, ident, reason=problem)
        signer = roster.by_key(verdict.key)
        if signer is None:
            return Candidate(commit, stage, ident, reason="签名密钥不在名册中")
        claimed = roster.find(approval.name, approval.email)
        if claimed != signer:
            return Candidate(
                commit,
                stage,
                ident,
                reason=f"签名者 {signer.ident} 不是 Signed-off-by 中的审核人 {ident}",
            )
        assert stage is not None
        if target.is_roster:
            if ROSTER_APPROVER_ROLE not in signer.roles:
                return Candidate(
                    commit, stage, ident, reason=f"{ident} 不是名册中的领导，不能批准修改名册"
                )
        elif not roster.may_approve(signer, stage):
            roles = "、".join(ROLE_NAMES.get(r, r) for r in roster.stages.get(stage, ()))
            return Candidate(
                commit,
                stage,
                ident,
                reason=f"{ident} 在名册中没有第 {stage} 审（{STAGE_NAMES[stage]}）所需的角色（{roles}）",
            )
        if target.author_email and signer.email.lower() == target.author_email:
            return Candidate(commit, stage, ident, reason=f"{ident} 是本文作者，不能审核自己的文章")
        return Candidate(commit, stage, ident, person=signer)

    def _review(self, target: Target) -> PostReview:
        per_stage: dict[int, list[Candidate]] = {s: [] for s in target.stages}
        for commit, approves in self.by_path.get(target.path, []):
            candidate = self._candidate(target, commit, approves)
            for stage in [candidate.stage] if candidate.stage else list(target.stages):
                if stage in per_stage:
                    per_stage[stage].append(candidate)
        chain = self._choose(target, per_stage)
        results = []
        for index, stage in enumerate(target.stages):
            if index < len(chain):
                c = chain[index]
                results.append(
                    StageResult(stage, True, c.ident, c.commit.oid, c.commit.committed_at)
                )
            else:
                results.append(self._failure(target, stage, index, chain, per_stage[stage]))
        return PostReview(target.path, target.blob, len(chain) == len(target.stages), results)

    def _choose(self, target: Target, per_stage: dict[int, list[Candidate]]) -> list[Candidate]:
        """The longest in-order chain of valid approvals by different people (oldest first)."""
        stages = target.stages
        valid = {s: [c for c in per_stage[s] if c.valid] for s in stages}

        def search(i: int, prev: Candidate | None, used: frozenset[str]) -> list[Candidate]:
            best: list[Candidate] = []
            if i == len(stages):
                return best
            for cand in valid[stages[i]]:
                assert cand.person is not None
                if cand.person.email in used:
                    continue
                if prev is not None and not self.history.is_ancestor(
                    prev.commit.oid, cand.commit.oid
                ):
                    continue
                chain = [cand, *search(i + 1, cand, used | {cand.person.email})]
                if len(chain) > len(best):
                    best = chain
                if len(best) == len(stages) - i:
                    break
            return best

        return search(0, None, frozenset())

    def _failure(
        self, target: Target, stage: int, index: int, chain: list[Candidate], cands: list[Candidate]
    ) -> StageResult:
        prev = chain[-1] if chain and index == len(chain) else None
        used = {
            c.person.email: c.commit.approval.stage for c in chain if c.person and c.commit.approval
        }
        newest_first = list(reversed(cands))
        for cand in newest_first:
            if not cand.valid:
                continue
            assert cand.person is not None
            if cand.person.email in used:
                reason = (
                    f"{cand.ident} 已审核过本文第 {used[cand.person.email]} 审，同一人不能审核两次"
                )
            elif index > len(chain):
                reason = f"审核不按顺序：第 {stage - 1} 审尚未通过，第 {stage} 审须在其后"
            elif prev is not None:
                reason = f"审核不按顺序：第 {stage} 审提交不在第 {stage - 1} 审（{prev.commit.oid[:10]}）之后"
            else:
                continue
            return StageResult(
                stage, False, cand.ident, cand.commit.oid, cand.commit.committed_at, reason
            )
        current = [c for c in newest_first if not c.valid and not c.stale]
        older = [c for c in newest_first if not c.valid and c.stale]
        for cand in current + older:
            return StageResult(
                stage, False, cand.ident, cand.commit.oid, cand.commit.committed_at, cand.reason
            )
        if target.is_roster:
            reason = f"修改名册须经旧名册中的领导终审批准（{ROSTER_FILE}）"
        else:
            reason = f"缺少第 {stage} 审（{STAGE_NAMES[stage]}）"
        return StageResult(stage, False, reason=reason)
