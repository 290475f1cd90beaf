"""Review state of reviewed files: the 三审制 of 第十五条, verified from git history.

Every file under ``content/`` is reviewed. A post — and every other reviewed file (images,
covers, ``accounts.yml``, the unit's rule files) — is publishable when the target branch
holds, for its current blob, valid approvals for stages 1, 2 and 3 by three different
people, none of them the post's author, each stage a descendant of the previous one. A change
to ``content/roster.yml`` needs the roster's own quorum (``roster_change``: by default two
different people, one of them a leader). The decision is made by ``policy``.

Which roster decides:

- a change on top of ``base`` (the server's pre-receive, CI, ``status``, ``approve``): the
  target branch's roster before the change — and, when the change itself brings a new roster,
  that one too (an approval counts only if both accept it);
- a file already on the branch (``base`` is None: the publisher, the archive's record): the
  roster in force just before the first-parent commit at which the file's current blob and
  the approval were both on the branch — so an approval by a key removed before the post
  landed does not count. The server checks every roster change at every first-parent commit,
  so each of those rosters was itself approved.

A claim its signer withdrew (``Revokes:`` on ``head``'s history, ``revocation.py``) fails.
A change counts no claim made before the version it replaces landed on the target branch
(``superseded.py``): bringing old bytes back needs new approvals.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import git
from pipeline.errors import ConfigError, GovmediaError
from pipeline.interaction.replies import is_interaction_path
from pipeline.interaction.reposts import is_repost_path
from pipeline.project import CONTENT_DIR, POSTS_DIR, ROSTER_FILE
from pipeline.references import referenced_files
from pipeline.review import policy, signatures, superseded
from pipeline.review.authors import author_email
from pipeline.review.history import Commit, History
from pipeline.review.policy import Claim, Judged, RosterInForce, Slot
from pipeline.review.results import PostReview, StageResult, stage_result
from pipeline.review.revocation import revoked_claims
from pipeline.review.roster import REPLY_STAGE_NUMBERS, ChangePolicy, parse_roster
from pipeline.review.timeline import Rosters, Timeline
from pipeline.review.trailers import Approves

TARGET_BRANCH = "main"
TARGET_REF = f"refs/heads/{TARGET_BRANCH}"
STAGES = (1, 2, 3)
POST_VALID = "post-valid"
ASSETS = "referenced-files-approved"


def kind_of(path: str) -> str:
    """``roster``, ``post``, ``reply`` (a reply to a citizen or a hide order, reviewed with
    the roster's ``reply_stages``) or ``file`` (any other reviewed file under ``content/``)."""
    if path == ROSTER_FILE:
        return "roster"
    if path.startswith(POSTS_DIR + "/") and path.endswith(".md"):
        return "post"
    if is_interaction_path(path):
        return "reply"
    return "file"


@dataclass(frozen=True)
class Target:
    """A file whose current blob needs approvals."""

    path: str
    blob: str
    author_email: str = ""
    problem: str = ""  # the post cannot be read: nothing can approve it
    references: tuple[str, ...] = ()  # every file the post pulls in (cover, images)

    @property
    def kind(self) -> str:
        return kind_of(self.path)


# --- public interface -------------------------------------------------------------------------


def target_tip(repo_root: Path) -> str | None:
    """The target branch's tip: ``origin/main`` as last fetched, else the local ``main``."""
    return git.fetched_tip(TARGET_BRANCH, cwd=repo_root)


def base_and_tip(repo_root: Path, head: str = "HEAD") -> tuple[str | None, str | None]:
    """Where the change under review starts (merge-base of ``head`` and the target branch, its
    tip when they share none: an orphan branch is judged by main's roster, never its own; None
    with no target branch) and :func:`target_tip`, from one reading of the target branch."""
    tip = target_tip(repo_root)
    return (None if tip is None else git.merge_base(tip, head, cwd=repo_root) or tip), tip


def verify_range(
    repo_root: Path,
    base: str | None,
    head: str,
    *,
    history: History | None = None,
    main: str | None = None,
) -> list[PostReview]:
    """Review state of every reviewed file added or changed from ``base`` to ``head``.

    ``base`` is the target branch before the change. ``None``: every post at ``head``
    counts, each judged by the roster in force when it and its approvals were on ``head``.
    ``main``: the target's tip, whose roster must accept every claim too (red team 34).
    """
    head_oid = resolve_rev(repo_root, head)
    base_oid = resolve_rev(repo_root, base) if base else None
    if base_oid is not None:
        changes = git.diff_raw(base_oid, head_oid, [CONTENT_DIR + "/"], cwd=repo_root)
        entries = [(path, blob) for status, path, blob in changes if status != "D"]
    else:
        entries = sorted(git.ls_tree(head_oid, POSTS_DIR, cwd=repo_root).items())
    verifier = Verifier(repo_root, base_oid, head_oid, history, main=main)
    return verifier.review(_targets(repo_root, entries))


def review_post(repo_root: Path, path: str, ref: str = "HEAD") -> PostReview:
    """Review state of the post's blob at ``ref``, trusting ``ref``'s first-parent history."""
    return review_posts(repo_root, [path], ref)[0]


def review_posts(repo_root: Path, paths: list[str], ref: str = "HEAD") -> list[PostReview]:
    """``review_post`` for many posts with one read of the history."""
    return review_paths(repo_root, paths, None, ref)


def review_paths(
    repo_root: Path,
    paths: list[str],
    base: str | None,
    ref: str = "HEAD",
    *,
    history: History | None = None,
) -> list[PostReview]:
    """Review state of the given files at ``ref``, judged as a change on top of ``base``."""
    head_oid = resolve_rev(repo_root, ref)
    base_oid = resolve_rev(repo_root, base) if base else None
    found = git.cat_file_batch_check([f"{head_oid}:{p}" for p in paths], cwd=repo_root)
    entries = []
    for path in paths:
        blob = found.get(f"{head_oid}:{path}")
        if blob is None:
            raise GovmediaError(f"{path}：在 {ref} 中不存在。")
        entries.append((path, blob))
    verifier = Verifier(repo_root, base_oid, head_oid, history)
    reviews = verifier.review(_targets(repo_root, entries))
    by_path = {r.path: r for r in reviews}
    return [by_path[p] for p in paths]


def review_roster_step(
    repo_root: Path, history: History, parent: str, tip: str, blob: str
) -> PostReview:
    """The decision on the roster blob that a first-parent commit brings on top of
    ``parent``: judged by ``parent``'s roster alone, with the approvals that are ancestors of
    the pushed ``tip`` (in a fast-forward push the approvals follow the change)."""
    raw = git.cat_blobs([blob], cwd=repo_root).get(blob, b"")
    try:
        parse_roster(raw.decode("utf-8-sig"), ROSTER_FILE)
        verifier = Verifier(repo_root, parent, tip, history, new_roster=False)
    except (ConfigError, UnicodeDecodeError) as exc:
        slot = Slot(3, "名册格式", False, POST_VALID, f"名册无法解析（{exc}）")
        return PostReview(ROSTER_FILE, blob, False, [stage_result(slot)], "roster")
    return verifier.review([Target(ROSTER_FILE, blob)])[0]


# --- implementation ---------------------------------------------------------------------------


def resolve_rev(repo_root: Path, rev: str) -> str:
    oid = git.rev_parse(rev, cwd=repo_root)
    if oid is None:
        raise GovmediaError(f"找不到提交「{rev}」。")
    return oid


def _targets(repo_root: Path, entries: list[tuple[str, str]]) -> list[Target]:
    posts = [
        blob for path, blob in entries if kind_of(path) in ("post", "reply") or is_repost_path(path)
    ]
    contents = git.cat_file_batch(posts, cwd=repo_root)
    targets = []
    for path, blob in entries:
        if kind_of(path) == "reply" or is_repost_path(path):
            email, problem = author_email(path, contents.get(blob, ("", b""))[1])
            targets.append(Target(path, blob, email, problem))
            continue
        if kind_of(path) != "post":
            targets.append(Target(path, blob))
            continue
        raw = contents.get(blob, ("", b""))[1]
        email, problem = author_email(path, raw)
        refs = referenced_files(path, raw.decode("utf-8", "replace")) if not problem else []
        bad = [r for r in refs if not r.ok]
        if bad and not problem:
            problem = f"第 {bad[0].line} 行{bad[0].label}「{bad[0].src}」：{bad[0].reason}"
        paths = tuple(dict.fromkeys(r.path for r in refs if r.ok))
        targets.append(Target(path, blob, email, problem, paths))
    return targets


class Verifier:
    def __init__(
        self,
        repo_root: Path,
        base: str | None,
        head: str,
        history: History | None = None,
        *,
        new_roster: bool = True,
        main: str | None = None,
    ) -> None:
        self.repo_root = repo_root
        self.base = base
        self.head = head
        tips = [head] if base is None else [head, base]
        self.history = history or History.load(repo_root, tips)
        # the target branch: every claim must belong to its repository (``policy.judge``)
        self.target = head if base is None else base
        self.by_path: dict[str, list[tuple[Commit, Approves]]] = {}
        for commit in self.history.approvals():
            assert commit.approval is not None
            for approves in commit.approval.approves:
                self.by_path.setdefault(approves.path, []).append((commit, approves))
        self.rosters = Rosters(repo_root)
        self.timeline = Timeline(repo_root, self.history, head) if base is None else None
        self.fixed: list[str | None] = []
        self.verdicts: dict[str, signatures.Verdict] = {}
        self.landed_at: dict[str, str] = {}
        if base is not None:
            names = [f"{base}:{ROSTER_FILE}"] + ([f"{head}:{ROSTER_FILE}"] if new_roster else [])
            names += [f"{main}:{ROSTER_FILE}"] if main else []  # where a merge lands
            found = git.cat_file_batch_check(names, cwd=repo_root)
            base_blob = found.get(names[0])
            self.fixed = [base_blob]
            for blob in (found.get(n) for n in names[1:]):  # the head's roster, main's tip's
                if blob and blob not in self.fixed:
                    self.fixed.append(blob)
            self.rosters.load([b for b in self.fixed if b])
            base_roster = self.rosters.get(base_blob)
            if base_blob and base_roster.roster is None:
                raise ConfigError(f"目标分支上的 {ROSTER_FILE} 无效：{base_roster.problem}")

    @functools.cached_property
    def revoked(self) -> dict[str, str]:
        """Claim commit -> the revocation on ``head``'s history that voids it."""
        return revoked_claims(self.history, self.head, self.target, self._rosters_of_claim)

    def _rosters_of_claim(self, commit: str) -> list[RosterInForce]:
        """The rosters that judge a claim on nothing but itself (a revocation): the one in
        force where it landed, on the base branch too when it is there already (so the
        server judges an old revocation as every reader does, not by today's roster)."""
        timeline = self.timeline
        if timeline is None and self.base and self.history.is_ancestor(commit, self.base):
            timeline = self.base_timeline
        if timeline is None:
            return [self.rosters.get(blob) for blob in self.fixed]
        return timeline.claim_rosters(self.rosters, commit)

    @functools.cached_property
    def base_timeline(self) -> Timeline:
        return Timeline(self.repo_root, self.history, self.base or "")

    def rosters_for(self, target: Target, commit: str) -> list[RosterInForce]:
        if self.timeline is None:
            return [self.rosters.get(blob) for blob in self.fixed]
        pos = self.timeline.source(target.path, commit)
        blob = self.timeline.roster_blob_at(pos) if pos is not None else None
        return [self.rosters.get(blob)]

    def review(self, targets: list[Target]) -> list[PostReview]:
        """Reviews of ``targets``; a post also needs every file it pulls in to exist and —
        for a post already on the branch — to be approved itself (a change's own files are
        targets of the change, judged on their own)."""
        names = {f"{self.head}:{r}": r for t in targets for r in t.references}
        found = git.cat_file_batch_check(list(names), cwd=self.repo_root)
        present = {names[n]: blob for n, blob in found.items()}
        own = {t.path for t in targets}
        extra: list[Target] = []
        if self.timeline is not None:
            extra = [Target(p, b) for p, b in sorted(present.items()) if p not in own]
        reviews = self._review_all([*targets, *extra])
        by_path = {r.path: r for r in reviews}
        for target in targets:
            review = by_path[target.path]
            for ref in target.references:
                if ref not in present:
                    reason = f"引用的文件 {ref} 在该版本中不存在"
                elif self.timeline is not None and not by_path[ref].publishable:
                    problems = "；".join(s.reason for s in by_path[ref].problems())
                    reason = f"引用的文件 {ref} 未完成审核（{problems}）"
                else:
                    continue
                review.stages.append(
                    StageResult(0, False, reason=reason, code=ASSETS, label="文章引用的文件")
                )
                review.publishable = False
        return [by_path[t.path] for t in sorted(targets, key=lambda t: t.path)]

    def _review_all(self, targets: list[Target]) -> list[PostReview]:
        relevant = {t.path for t in targets}
        commits = {c.oid: c for p in relevant for c, _ in self.by_path.get(p, [])}
        if self.timeline is not None:
            timeline = self.timeline
            blobs: set[str | None] = set()
            for target in targets:
                for commit, _ in self.by_path.get(target.path, []):
                    pos = timeline.source(target.path, commit.oid)
                    if pos is not None:
                        blobs.add(timeline.roster_blob_at(pos))
                landed = timeline.landed.get(target.path)
                if landed:
                    blobs.add(timeline.roster_blob_at(landed - 1))
            self.rosters.load([b for b in blobs if b])
        self.verdicts = {
            oid: signatures.verdict_for(oid, commit.raw) for oid, commit in commits.items()
        }
        self.landed_at = superseded.landings(self.repo_root, self.base, relevant)
        return sorted((self._review(t) for t in targets), key=lambda r: r.path)

    def _claims(self, target: Target) -> list[tuple[Commit, Approves]]:
        return self.by_path.get(target.path, [])

    def _judge(
        self,
        target: Target,
        commit: Commit,
        approves: Approves,
        rosters: list[RosterInForce] | None = None,
    ) -> Judged:
        approval = commit.approval
        assert approval is not None
        errors = [*approval.errors, *([approves.error] if approves.error else [])]
        claim = Claim(
            commit,
            approval.stage,
            approval.ident,
            approval.name,
            approval.email,
            tuple(errors),
            approves.blob,
        )
        verdict = self.verdicts.get(commit.oid, signatures.Verdict(signatures.UNSIGNED))
        judged = policy.judge(
            claim,
            verdict,
            self.rosters_for(target, commit.oid) if rosters is None else rosters,
            on_branch=self.history.is_ancestor(commit.oid, self.head),
            in_repository=self.history.in_repository(self.target, commit.oid),
            target_blob=target.blob,
        )
        judged = superseded.outranked(judged, self.history, self.landed_at.get(target.path))
        by = self.revoked.get(commit.oid)
        return judged if by is None else policy.revoked(judged, by)

    def _review(self, target: Target) -> PostReview:
        if target.problem:
            slots = [Slot(1, "文章格式", False, POST_VALID, target.problem)]
        elif target.kind == "roster":
            before = self._roster_before(target)
            judged = [self._judge(target, c, a, [before]) for c, a in self._claims(target)]
            change = before.roster.change_policy if before.roster else ChangePolicy()
            slots = policy.roster_quorum(judged, [before], change)
        else:
            judged = [self._judge(target, c, a) for c, a in self._claims(target)]
            reply: dict[str, Any] = {}
            if target.kind == "reply":  # a reply's own stages and the roster's reply roles
                reply = {
                    "stages": REPLY_STAGE_NUMBERS,
                    "roles_of": lambda roster: roster.reply_stages,
                }
            slots = policy.three_stage(
                judged,
                lambda claim: self.rosters_for(target, claim.commit.oid),
                author_email=target.author_email,
                is_ancestor=self.history.is_ancestor,
                **reply,
            )
        results = [stage_result(slot) for slot in slots]
        ok = bool(results) and all(r.ok for r in results)
        return PostReview(target.path, target.blob, ok, results, target.kind)

    def _roster_before(self, target: Target) -> RosterInForce:
        """A roster change is judged by the roster before it only (never by itself)."""
        if self.timeline is None:
            return self.rosters.get(self.fixed[0] if self.fixed else None)
        landed = self.timeline.landed.get(target.path)
        blob = self.timeline.roster_blob_at(landed - 1) if landed else None
        return self.rosters.get(blob)
