"""Making an approval: checks, then a signed empty commit with the approval trailers.

The commit is signed by git itself (``git commit -S``) with the key that git's own
configuration names (``gpg.format ssh``, ``user.signingkey``); govmedia never chooses,
reads or passes a private key.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import git
from pipeline.checking import collect
from pipeline.content import parse_post
from pipeline.errors import ConfigError, GovmediaError, UsageError
from pipeline.findings import Finding, exit_code, format_text, match_note
from pipeline.project import CONTENT_DIR, ROSTER_FILE, Project
from pipeline.references import referenced_files
from pipeline.review import acks, trailers
from pipeline.review.approve_replies import (
    check_interaction_approval,
    interaction_findings,
    page_lines,
    previous_stage,
)
from pipeline.review.authors import author_email
from pipeline.review.history import History
from pipeline.review.keys import normalize_key
from pipeline.review.policy import ROLE_NAMES
from pipeline.review.push_sizes import branch_oversized
from pipeline.review.results import PostReview
from pipeline.review.roster import STAGE_NAMES, Person, Roster, parse_roster
from pipeline.review.shallow import refuse_shallow
from pipeline.review.signatures import verify_commit_signature
from pipeline.review.unit_inputs import check_unit_rules
from pipeline.review.verify import (
    base_and_tip,
    kind_of,
    review_paths,
)

if TYPE_CHECKING:
    from pipeline.interaction.check import OnPage


@dataclass(frozen=True)
class Approval:
    commit: str
    stage: int
    person: Person
    approves: tuple[tuple[str, str], ...]
    subject: str
    acknowledged: tuple[Finding, ...] = ()


def trusted_roster(repo_root: Path, base: str | None) -> Roster:
    """The roster on the target branch (``base``), else the one committed at HEAD."""
    for rev in filter(None, (base, "HEAD")):
        raw = git.show_blob(f"{rev}:{ROSTER_FILE}", cwd=repo_root)
        if raw is not None:
            return parse_roster(raw.decode("utf-8-sig"), ROSTER_FILE)
    raise ConfigError(f"找不到名册 {ROSTER_FILE}：无法确认审核人。")


def configured_public_key(repo_root: Path, env: Mapping[str, str] | None) -> str | None:
    """The public half of git's ``user.signingkey`` when it can be known without a secret."""
    value = git.config_get("user.signingkey", cwd=repo_root, env=env)
    if not value:
        return None
    if value.startswith("key::"):
        return value[5:].strip()
    if value.startswith(("ssh-", "ecdsa-", "sk-")):
        return value.strip()
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = repo_root / path
    for candidate in (path, path.with_name(path.name + ".pub")):
        if candidate.suffix == ".pub" and candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace").strip()
    return None


def _repo_path(repo_root: Path, raw: str) -> str:
    path = Path(raw)
    absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
    try:
        rel = absolute.relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{raw}：不在当前仓库中。") from None
    if not rel.startswith(CONTENT_DIR + "/"):
        raise UsageError(
            f"{raw}：只能审核 {CONTENT_DIR}/ 下的文件（文章、图片、名册、账号台账、规则）。"
        )
    return rel


def _title(repo_root: Path, rel: str, blob: str) -> str:
    if not rel.endswith(".md"):
        return Path(rel).name
    raw = git.show_blob(blob, cwd=repo_root) or b""
    result = parse_post(rel, raw)
    return result.post.title if result.post is not None else Path(rel).stem


def approve(
    repo_root: Path,
    raw_paths: list[str],
    stage: int,
    *,
    env: Mapping[str, str] | None = None,
    ack: Sequence[str] = (),
    report: Callable[[str], None] | None = None,
) -> Approval:
    """Check everything the protocol asks, then create the signed approval commit.

    ``report`` is shown every finding of the posts' current version before anything is
    signed; errors refuse, and every warning needs ``ack`` (rule codes, or ``all``).
    """
    refuse_shallow(repo_root, "approve", "不签名")  # its edge cuts the stages done (round 25)
    base, tip = base_and_tip(repo_root)  # main's tip read once for every check below
    too_large = branch_oversized(repo_root, base)  # before anything of the branch is read
    if too_large:
        raise GovmediaError("\n".join(["分支中有文件或提交过大，不能审核：", *too_large]))
    paths, named = _approval_paths(repo_root, raw_paths, stage)
    roster = trusted_roster(repo_root, base)
    person = _reviewer(repo_root, roster, configured_person(repo_root, roster, env), paths, stage)
    check_signing_key(repo_root, person, env)
    _check_committed(repo_root, paths)

    posts = [Path(repo_root, p) for p in paths if kind_of(p) == "post"]
    check_unit_rules(repo_root, paths, base, tip)
    others = interaction_findings(repo_root, paths)  # as committed: not dirty, checked above
    acknowledged = _findings_gate(repo_root, posts, raw_paths, stage, ack, report, others)

    head = git.rev_parse("HEAD", cwd=repo_root) or ""
    history = History.load(repo_root, [head] if base is None else [head, base])
    reviews = review_paths(repo_root, paths, base, head, history=history)
    _check_review_order(reviews, named, stage, person)
    _check_not_author(repo_root, paths, person)
    _check_in_repository(repo_root, history, base, head)

    approves = tuple((r.path, r.blob) for r in reviews)
    subject = _subject(repo_root, approves, stage)
    message = (
        subject
        + "\n\n"
        + acks.format_trailers(acknowledged)
        + trailers.format_approval(stage, approves, person.ident)
    )
    parsed = trailers.parse_approval(trailers.parse_text(message))
    if parsed is None or parsed.errors or len(parsed.approves) != len(approves):
        raise GovmediaError("内部错误：生成的审核 trailer 无法被 git 解析。")
    commit = signed_commit(repo_root, message, roster, person, env)
    return Approval(commit, stage, person, approves, subject, tuple(acknowledged))


def _approval_paths(
    repo_root: Path, raw_paths: list[str], stage: int
) -> tuple[list[str], set[str]]:
    """The files one approval covers (the named ones plus what their posts pull in) and the
    named ones; the roster is approved on its own."""
    if stage not in (1, 2, 3):
        raise UsageError("--stage 应为 1（初审）、2（复审）或 3（终审）。")
    paths = list(dict.fromkeys(_repo_path(repo_root, p) for p in raw_paths))
    named = set(paths)
    paths = _with_references(repo_root, paths)
    if ROSTER_FILE in paths and len(paths) > 1:
        raise UsageError(f"{ROSTER_FILE} 的修改须单独审核（不能与其他文件放在同一审核提交中）。")
    return paths, named


def _reviewer(
    repo_root: Path,
    roster: Roster,
    person: Person,
    paths: list[str],
    stage: int,
) -> Person:
    """``person`` (git's configured user), when they may approve ``stage`` of ``paths``
    (the roster, replies and posts each by their own rule)."""
    change = roster.change_policy
    if ROSTER_FILE in paths and not any(r in person.roles for r in change.roles):
        roles = "、".join(ROLE_NAMES.get(r, r) for r in change.roles)
        raise GovmediaError(f"{person.ident} 不是{roles}，不能批准修改名册。")
    interaction = [p for p in paths if kind_of(p) == "reply"]
    if interaction:
        check_interaction_approval(repo_root, roster, person, paths, stage)
    elif ROSTER_FILE not in paths and not roster.may_approve(person, stage):
        raise GovmediaError(
            f"{person.ident} 在名册中没有第 {stage} 审（{STAGE_NAMES[stage]}）的角色"
            f"（需要：{'、'.join(ROLE_NAMES.get(r, r) for r in roster.stages.get(stage, ()))}）。"
        )
    return person


def configured_person(
    repo_root: Path, roster: Roster, env: Mapping[str, str] | None, act: str = "审核"
) -> Person:
    """The roster's person for git's ``user.name`` and ``user.email`` (refused: ``act``)."""
    name = git.config_get("user.name", cwd=repo_root, env=env) or ""
    email = git.config_get("user.email", cwd=repo_root, env=env) or ""
    person = roster.find(name, email)
    if person is None:
        raise GovmediaError(
            f"当前 git 用户「{name} <{email}>」不在名册 {ROSTER_FILE} 中，不能{act}。"
        )
    return person


def check_signing_key(repo_root: Path, person: Person, env: Mapping[str, str] | None) -> None:
    """git signs with SSH, and with the key the roster lists for ``person`` when its public
    half can be known."""
    if git.config_get("gpg.format", cwd=repo_root, env=env) != "ssh" or not git.config_get(
        "user.signingkey", cwd=repo_root, env=env
    ):
        raise GovmediaError(
            "请先配置 git 的 SSH 签名密钥：git config gpg.format ssh；"
            "git config user.signingkey ~/.ssh/id_ed25519.pub（名册中登记的公钥）。"
        )
    public = configured_public_key(repo_root, env)
    if public is not None:
        try:
            key = normalize_key(public)
        except (ValueError, NotImplementedError):
            key = ""
        if key not in person.keys:
            raise GovmediaError(
                f"git 配置的签名密钥（user.signingkey）不是名册中登记给 {person.ident} 的公钥。"
            )


def _check_committed(repo_root: Path, paths: list[str]) -> None:
    """Nothing staged, and every file approved as committed on the current branch."""
    if git.has_staged_changes(cwd=repo_root):
        raise GovmediaError("暂存区有未提交的修改：审核提交必须是空提交，请先提交或撤销暂存。")
    dirty = git.dirty_paths(paths, cwd=repo_root)
    if dirty:
        raise GovmediaError(f"{dirty[0]}：有未提交的修改，只能审核已提交的版本。")
    found = git.cat_file_batch_check([f"HEAD:{p}" for p in paths], cwd=repo_root)
    for p in paths:
        if f"HEAD:{p}" not in found:
            raise GovmediaError(f"{p}：尚未提交到当前分支，不能审核。")


def _check_review_order(
    reviews: list[PostReview], named: set[str], stage: int, person: Person
) -> None:
    """Each named file: ``stage`` not passed yet, the stage before it passed, and not
    already reviewed by ``person``."""
    for review in reviews:
        if review.path not in named:
            continue  # a file the post pulls in: approved along with it, whatever it had before
        done = review.stage(stage)
        if review.kind != "roster" and done is not None and done.ok:
            raise GovmediaError(f"{review.path}：第 {stage} 审已由 {done.by} 通过。")
        before = previous_stage(review.kind, stage)
        previous = review.stage(before)
        if before and review.path != ROSTER_FILE and (previous is None or not previous.ok):
            raise GovmediaError(
                f"{review.path}：第 {before} 审（{STAGE_NAMES[before]}）尚未通过"
                "（当前版本），须按顺序审核。"
            )
        for other in review.stages:
            if other.ok and other.by.endswith(f"<{person.email}>"):
                raise GovmediaError(
                    f"{review.path}：你已审核过本文第 {other.stage} 审，同一人不能审核两次。"
                )


def _check_in_repository(repo_root: Path, history: History, base: str | None, head: str) -> None:
    """The branch belongs to this repository (``History.in_repository`` of main's merge
    base; main's own commits do): an approval signed on another history counts nowhere."""
    if base is None or git.is_ancestor(head, base, cwd=repo_root):
        return
    if not history.in_repository(base, head):
        raise GovmediaError(
            f"当前分支（HEAD {head[:10]}）不属于本仓库的历史：它不以 main 的第一个提交为祖先，"
            "或合并了另一段无关的历史（例如其他单位的仓库）。在此签署的审核在本仓库不算，"
            "服务器也不接受这段历史；请在从 main 开始的分支上审核。"
        )


def _check_not_author(repo_root: Path, paths: list[str], person: Person) -> None:
    author_of = _authors(repo_root, paths)
    for p in paths:
        if author_of.get(p, "").lower() == person.email.lower():
            raise GovmediaError(f"{p}：你是本文作者，不能审核自己的文章。")


def _subject(repo_root: Path, approves: tuple[tuple[str, str], ...], stage: int) -> str:
    """The approval commit's subject: the stage, the first post's title and the counts."""
    named = next((a for a in approves if a[0].endswith(".md")), approves[0])
    first = _title(repo_root, named[0], named[1])
    subject = f"{STAGE_NAMES[stage]}通过：{first}"
    posts_count = sum(path.endswith(".md") for path, _ in approves)
    others = len(approves) - posts_count
    if posts_count > 1:
        subject += f" 等 {posts_count} 篇"
    if others and len(approves) > 1:
        subject += f"（另含 {others} 个附件）"
    return subject


def signed_commit(
    repo_root: Path, message: str, roster: Roster, person: Person, env: Mapping[str, str] | None
) -> str:
    """An empty commit of ``message`` signed by git, checked to be ``person``'s; its id."""
    git.run(
        ["commit", "--allow-empty", "-S", "--cleanup=verbatim", "-q", "-F", "-"],
        cwd=repo_root,
        env=env,
        input=message.encode("utf-8"),
    )
    commit = git.rev_parse("HEAD", cwd=repo_root) or ""
    if verify_commit_signature(repo_root, commit, roster) != person:
        raise GovmediaError(
            f"提交 {commit[:10]} 已创建，但其签名不是名册中 {person.ident} 的密钥："
            "请检查 user.signingkey（签名须是 ssh-keygen 写出的格式：若设置了 gpg.ssh.program，"
            "请改用 ssh-keygen），并用 git reset --soft HEAD~1 撤销该提交。"
        )
    return commit


def _findings_gate(
    repo_root: Path,
    posts: list[Path],
    raw_paths: Sequence[str],
    stage: int,
    ack: Sequence[str],
    report: Callable[[str], None] | None,
    others: tuple[list[Finding], list[OnPage]] = ([], []),
) -> list[Finding]:
    """Show every finding of the posts as committed, and ``others`` (the findings of the
    replies and reposts, what the public answers page will show of them); refuse on errors
    and on warnings not acknowledged; return the acknowledged warnings (recorded in the
    approval commit)."""
    codes = acks.ack_codes(ack)
    findings: list[Finding] = list(others[0])
    if posts:
        findings = collect(Project(repo_root), posts)[1] + findings
    if report is not None:
        if others[1]:
            report("\n".join(page_lines(others[1])))
        if findings:
            report("审核前请阅读当前版本的全部检查结果：\n" + format_text(findings))
        elif posts:
            report("当前版本的检查没有发现问题。")
    if exit_code(findings) != 0:
        bad = [f for f in findings if f.severity == "error" and f.waived is None] or findings
        lines = [f"  {f.path}:{f.line}: [{f.rule}] {f.message}" for f in bad]
        raise GovmediaError(
            f"未通过 govmedia check（{len(bad)} 个错误），不能审核：请先修正后再审核。\n"
            + "\n".join(lines)
        )
    unused = acks.unused_codes(findings, codes)
    if unused:
        raise UsageError(
            f"--ack {'、'.join(unused)}：当前版本没有这些规则的警告，请核对规则编号"
            "（或用 --ack all 确认全部警告）。"
        )
    acked, missing = acks.select(findings, codes)
    if missing:
        lines = [f"  {f.path}:{f.line}: [{f.rule}] {f.message}{match_note(f)}" for f in missing]
        rules = ",".join(dict.fromkeys(f.rule for f in acks.open_warnings(findings)))
        command = shlex.join(["govmedia", "approve", *raw_paths, "--stage", str(stage)])
        raise GovmediaError(
            f"当前版本有 {len(missing)} 个警告尚未确认：审核人须逐条阅读，确认后再签名。\n"
            + "\n".join(lines)
            + f"\n确认这些警告后请运行：{command} --ack {rules}"
            "（或 --ack all 确认全部警告）；确认的警告会记录在审核提交中，并显示在归档的审核记录里。"
        )
    return acked


def _with_references(repo_root: Path, paths: list[str]) -> list[str]:
    """``paths`` plus every file the posts among them pull in (cover, images), as committed at
    HEAD: one approval covers the post and exactly the bytes it will show."""
    posts = [p for p in paths if kind_of(p) == "post"]
    blobs = git.cat_file_batch([f"HEAD:{p}" for p in posts], cwd=repo_root)
    result = list(paths)
    for post in posts:
        raw = blobs.get(f"HEAD:{post}", ("", b""))[1]
        for ref in referenced_files(post, raw.decode("utf-8", "replace")):
            if ref.ok and ref.path not in result:
                result.append(ref.path)
    return result


def _authors(repo_root: Path, paths: list[str]) -> dict[str, str]:
    blobs = git.cat_file_batch([f"HEAD:{p}" for p in paths if p.endswith(".md")], cwd=repo_root)
    return {name[5:]: author_email(name[5:], raw)[0] for name, (_, raw) in blobs.items()}
