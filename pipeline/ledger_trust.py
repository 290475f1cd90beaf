"""Who may change the ledger: only the publisher's own identity, and only by appending.

The ledger (``ledger/*.jsonl``) is publisher-written (DESIGN.md, trust boundary). A
first-parent step ``parent → commit`` of main that touches ``ledger/`` is accepted only
when ``commit``

- has exactly one parent (``parent``),
- carries a valid SSH signature by a key listed under ``publishers:`` in the roster as it
  stood at ``parent``,
- changes nothing outside ``ledger/``, and
- only appends: every changed file is a regular ``ledger/<name>.jsonl`` whose old content is
  a byte prefix of its new content, the new bytes being whole lines, each a valid record
  (``pipeline.ledger.parse_record``); no deletion, no rename, no other file.

``step_problems`` judges one step (the server's pre-receive hook calls it for every
first-parent step of a push, with the trusted roster); ``verify_history`` judges every step
of a branch since its root commit (the bootstrap), batched, and remembers verified tips in
the git directory so that the next reader only checks the new steps. Readers call
``trusted_ledger`` before they believe a line.
"""

from __future__ import annotations

import json
import os
import re
import string
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import git
from pipeline.errors import ConfigError, GovmediaError
from pipeline.ledger import Ledger, parse_record
from pipeline.project import LEDGER_DIR, ROSTER_FILE, Project
from pipeline.review import signatures
from pipeline.review.roster import Roster, parse_roster

LEDGER_FILE_RE = re.compile(r"^ledger/[^/]+\.jsonl$")
REGULAR_FILE = "100644"
CACHE_FILE = "govmedia-ledger-trust.json"
CACHE_VERSION = 1
CACHE_KEEP = 32
CHUNK = 200  # ledger steps whose blobs are read at once (bounds memory)
_VERIFIED: set[tuple[str, str, str]] = set()  # (git dir, tip, cache) verified in this process


class LedgerTrustError(GovmediaError):
    """The ledger's history holds a step the publisher did not make (Chinese message)."""


Change = git.Change


@dataclass
class Step:
    commit: str
    parents: tuple[str, ...]
    changes: list[Change] = field(default_factory=list)

    def touches_ledger(self) -> bool:
        return any(_in_ledger(c.path) for c in self.changes)


@dataclass(frozen=True)
class LedgerTrust:
    """A verified branch: its tip, and how many ledger steps this call checked."""

    tip: str
    checked: int = 0
    from_cache: bool = False


def _in_ledger(path: str) -> bool:
    return path == LEDGER_DIR or path.startswith(LEDGER_DIR + "/")


# -- one step ---------------------------------------------------------------------------------


def step_problems(repo_root: Path, parent: str, commit: str, roster: Roster) -> list[str]:
    """Chinese reasons why the first-parent step ``parent → commit`` may NOT change ``ledger/``,
    each naming the commit (``提交 <id>（发布台账）：...``), as the pre-receive hook prints them.

    Empty: the step does not touch ``ledger/``, or it is an append by the publisher.
    """
    changes = git.diff_changes(parent, commit, cwd=repo_root)
    raw = git.cat_file_batch([commit], cwd=repo_root).get(commit)
    parents = _parents(raw[1]) if raw and raw[0] == "commit" else ()
    step = Step(commit, parents, changes)
    if not step.touches_ledger():
        return []
    verdict = signatures.verdicts(repo_root, [commit]).get(commit)
    blobs = git.cat_blobs(_blobs_of([step]), cwd=repo_root)
    problems = judge(step, parent, roster, verdict, blobs)
    return [f"提交 {commit[:10]}（发布台账）：{p}。" for p in problems]


def appended_problems(
    path: str, old: bytes, new: bytes, parse: Callable[[str, str], object], not_text: str
) -> list[str]:
    """Why the bytes ``new`` adds after ``old`` (a prefix of it) are not whole, valid records:
    each line goes through ``parse(text, "<path>:<line>")`` (ConfigError: its message);
    ``not_text`` is said of a line that is not UTF-8."""
    added = new[len(old) :]
    if added and not added.endswith(b"\n"):
        return [f"{path}：追加的内容没有以换行结束（不完整的记录）"]
    first_line = old.count(b"\n") + 1
    for offset, line in enumerate(added.split(b"\n")[:-1]):
        where = f"{path}:{first_line + offset}"
        try:
            parse(line.decode("utf-8"), where)
        except UnicodeDecodeError:
            return [f"{where}: {not_text}"]
        except ConfigError as exc:
            return [str(exc)]
    return []


def _ledger_line(text: str, where: str) -> None:
    """A ledger line: blank (ASCII white space only) or a valid record."""
    if text.strip(string.whitespace):
        parse_record(text, where)


def signer_problems(
    verdict: signatures.Verdict | None, roster: Roster | None, roster_problem: str, records: str
) -> list[str]:
    """Why a step's signer may not write the publisher-only ``records`` (the ledger, the inbox):
    no good SSH signature, no roster before it, or a key not under ``publishers:``."""
    if verdict is None or verdict.status != signatures.GOOD:
        return [f"没有有效的 SSH 签名：{records}只能由发布者身份签名提交"]
    if roster is None:
        return [roster_problem or f"提交之前没有可用的名册 {ROSTER_FILE}，无法认定发布者"]
    if roster.publisher_by_key(verdict.key) is None:
        person = roster.by_key(verdict.key)
        who = f"人员 {person.ident}" if person is not None else "名册未登记的密钥"
        return [
            f"签名者是{who}，不是名册 publishers 中登记的发布者：{records}只能由发布程序自身的身份写入"
        ]
    return []


def _change_problems(change: Change, blobs: dict[str, bytes]) -> list[str]:
    path = change.path
    if not _in_ledger(path):
        return [f"同一提交还修改了发布台账以外的文件 {path}：台账提交只能改动 ledger/"]
    if change.status == "D":
        return [f"删除了 {path}：发布台账只能追加，不能删除"]
    if change.status not in ("A", "M"):
        return [f"{path} 的变更类型为 {change.status}：发布台账只能追加记录"]
    if not LEDGER_FILE_RE.match(path):
        return [f"{path} 不是 ledger/ 下的 .jsonl 台账文件"]
    if change.new_mode != REGULAR_FILE or (
        change.status == "M" and change.old_mode != REGULAR_FILE
    ):
        return [f"{path} 不是普通文件（模式 {change.new_mode}）：发布台账只能是普通文件"]
    old = blobs.get(change.old_blob, b"") if change.status == "M" else b""
    new = blobs.get(change.new_blob)
    if new is None or (change.status == "M" and change.old_blob not in blobs):
        return [f"{path}：读不到该文件的内容"]
    if not new.startswith(old):
        return [f"{path}：改动或删除了已有的台账记录（旧内容不是新内容的前缀），台账只能在末尾追加"]
    if old and not old.endswith(b"\n"):
        return [f"{path}：原文件末尾不完整，追加会与上一行粘连"]
    return appended_problems(path, old, new, _ledger_line, "发布台账记录不是有效的 UTF-8 文本")


Judge = Callable[
    [Step, str, Roster | None, signatures.Verdict | None, dict[str, bytes], str], list[str]
]
ChangeProblems = Callable[[Change, dict[str, bytes]], list[str]]


def append_only_judge(
    records: str,
    parents_problem: str,
    change_problems: ChangeProblems,
    *,
    where: ChangeProblems | None = None,
    rootless: bool = False,
) -> Judge:
    """The judge of steps changing publisher-only ``records`` (the ledger, the inbox): one
    parent, ``parent`` (``rootless``: any one parent when none is given), else
    ``parents_problem``; the publisher's signature; each change's ``change_problems``;
    ``where`` adds where a refused step's records begin. Empty: accepted."""

    def judge(
        step: Step,
        parent: str,
        roster: Roster | None,
        verdict: signatures.Verdict | None,
        blobs: dict[str, bytes],
        roster_problem: str = "",
    ) -> list[str]:
        single = step.parents == (parent,) or (rootless and not parent and len(step.parents) == 1)
        problems = [] if single else [parents_problem]
        problems.extend(signer_problems(verdict, roster, roster_problem, records))
        if problems and where is not None:
            problems.extend(p for c in step.changes for p in where(c, blobs))
        for change in step.changes:
            problems.extend(change_problems(change, blobs))
        return [p.rstrip("。") for p in problems if p]

    return judge


# The reasons against one ledger-touching step (empty: accepted).
judge = append_only_judge(
    "发布台账",
    "修改发布台账的提交必须是只有一个父提交的普通提交（不能是合并提交），且直接接在 main 之后",
    _change_problems,
)


# -- a branch's history -----------------------------------------------------------------------


@dataclass(frozen=True)
class Guard:
    """One publisher-written directory: which paths it holds, how a step touching it is judged,
    how a refusal reads, and where its verified tips are remembered (``ledger/`` here;
    ``interaction/`` in ``pipeline.interaction.trusted``)."""

    touches: Callable[[str], bool]
    judge: Judge
    refusal: Callable[[str, str, list[str]], str]  # (commit, subject, problems) -> Chinese
    error: type[GovmediaError]
    cache_file: str


def _ledger_refusal(commit: str, subject: str, problems: list[str]) -> str:
    title = f"（{subject[:60]}）" if subject else ""
    return (
        f"发布台账不可信：提交 {commit[:12]}{title} 修改了 ledger/，但"
        + "；".join(problems)
        + "。发布台账只能由发布者身份签名追加；在此问题解决之前不读取台账。"
    )


def verify_history(repo_root: Path, ref: str) -> LedgerTrust:
    """Check every first-parent step of ``ref`` after its root commit that touches ``ledger/``.

    Raises LedgerTrustError naming the first offending commit. Verified tips are remembered
    (in this process and in the git directory), so later calls only check the new steps.
    """
    return verify_guarded(repo_root, ref, LEDGER_GUARD)


def verify_guarded(repo_root: Path, ref: str, guard: Guard) -> LedgerTrust:
    """``verify_history`` for any publisher-written directory described by ``guard``."""
    tip = git.rev_parse(ref, cwd=repo_root)
    if tip is None:
        return LedgerTrust("")
    gitdir = git.git_dir(repo_root)
    memo = (str(gitdir), tip, guard.cache_file)
    if memo in _VERIFIED:
        return LedgerTrust(tip, from_cache=True)
    known = _load_cache(gitdir, guard.cache_file)
    if tip in known:
        _VERIFIED.add(memo)
        return LedgerTrust(tip, from_cache=True)
    chain = git.out(["rev-list", "--first-parent", tip], cwd=repo_root).split()
    start = next((c for c in chain if c in known), None)
    steps = [
        s for s in _steps(repo_root, tip, start) if any(guard.touches(c.path) for c in s.changes)
    ]
    checked = 0
    for index in range(0, len(steps), CHUNK):
        _check_chunk(repo_root, steps[index : index + CHUNK], guard)
        checked += len(steps[index : index + CHUNK])
    _VERIFIED.add(memo)
    _save_cache(gitdir, [tip, *(k for k in known if k != tip)], guard.cache_file)
    return LedgerTrust(tip, checked=checked, from_cache=start is not None)


def _check_chunk(repo_root: Path, steps: list[Step], guard: Guard) -> None:
    rosters = _rosters_at(repo_root, [s.parents[0] for s in steps if s.parents])
    verdicts = signatures.verdicts(repo_root, [s.commit for s in steps])
    blobs = git.cat_blobs(_blobs_of(steps, guard.touches), cwd=repo_root)
    for step in steps:
        parent = step.parents[0] if step.parents else ""
        roster, roster_problem = rosters.get(parent, (None, ""))
        verdict = verdicts.get(step.commit)
        problems = guard.judge(step, parent, roster, verdict, blobs, roster_problem)
        if problems:
            subject = git.out(
                ["log", "-1", "--format=%s", step.commit], cwd=repo_root, check=False
            ).strip()
            raise guard.error(guard.refusal(step.commit, subject, problems))


def _steps(repo_root: Path, tip: str, start: str | None) -> list[Step]:
    """First-parent steps from ``start`` (exclusive; root when None) to ``tip``, with diffs."""
    revs = [tip] if start is None else [f"{start}..{tip}"]
    steps = git.first_parent_steps(revs, cwd=repo_root)
    # the root commit is the bootstrap: nothing before it to compare with
    return [Step(s.oid, s.parents, list(s.changes)) for s in steps if s.parents]


def _parents(raw: bytes) -> tuple[str, ...]:
    header = raw.split(b"\n\n", 1)[0]
    return tuple(
        line.split(b" ", 1)[1].decode("ascii", "replace")
        for line in header.split(b"\n")
        if line.startswith(b"parent ")
    )


def _blobs_of(steps: Iterable[Step], touches: Callable[[str], bool] = _in_ledger) -> list[str]:
    wanted: list[str] = []
    for step in steps:
        for change in step.changes:
            if touches(change.path) and change.status in ("A", "M"):
                wanted.extend(b for b in (change.old_blob, change.new_blob) if b.strip("0"))
    return wanted


def _rosters_at(repo_root: Path, commits: list[str]) -> dict[str, tuple[Roster | None, str]]:
    """commit -> (its roster, or None and why), parsing each distinct roster blob once."""
    names = [f"{c}:{ROSTER_FILE}" for c in dict.fromkeys(commits)]
    blob_of = git.cat_file_batch_check(names, cwd=repo_root)
    raws = git.cat_blobs(list(set(blob_of.values())), cwd=repo_root)
    parsed: dict[str, tuple[Roster | None, str]] = {}
    for blob, raw in raws.items():
        try:
            parsed[blob] = (parse_roster(raw.decode("utf-8-sig"), ROSTER_FILE), "")
        except (ConfigError, UnicodeDecodeError) as exc:
            parsed[blob] = (None, f"提交之前的名册无法解析（{exc}），无法认定发布者")
    result: dict[str, tuple[Roster | None, str]] = {}
    for commit in commits:
        blob = blob_of.get(f"{commit}:{ROSTER_FILE}")
        result[commit] = parsed.get(blob, (None, "")) if blob else (None, "")
    return result


# -- the verified-tips cache (in the git directory: no push can write there) ------------------


def _load_cache(gitdir: Path | None, cache_file: str = CACHE_FILE) -> list[str]:
    if gitdir is None:
        return []
    try:
        data = json.loads((gitdir / cache_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return []
    tips = data.get("verified")
    return [t for t in tips if isinstance(t, str)] if isinstance(tips, list) else []


def _save_cache(gitdir: Path | None, tips: list[str], cache_file: str = CACHE_FILE) -> None:
    if gitdir is None:
        return
    data = json.dumps({"version": CACHE_VERSION, "verified": tips[:CACHE_KEEP]})
    try:
        fd, tmp = tempfile.mkstemp(prefix=cache_file, dir=gitdir)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
        os.replace(tmp, gitdir / cache_file)
    except OSError:
        return  # a read-only git directory: verify again next time


def clear_cache(repo_root: Path | None = None) -> None:
    """Forget verified tips (in this process, and in ``repo_root``'s git directory)."""
    _VERIFIED.clear()
    gitdir = git.git_dir(repo_root) if repo_root is not None else None
    if gitdir is not None:
        for cache in gitdir.glob("govmedia-*-trust.json"):
            cache.unlink(missing_ok=True)


LEDGER_GUARD = Guard(_in_ledger, judge, _ledger_refusal, LedgerTrustError, CACHE_FILE)


# -- readers ----------------------------------------------------------------------------------


def trusted_ledger(project: Project, ref: str = "HEAD") -> Ledger:
    """The ledger of ``project`` once the history of ``ref`` proves who wrote it.

    The working tree's ledger is the committed one plus what this machine appended since
    (a crashed run's intents); a push can only change the committed part, which is checked.
    Raises LedgerTrustError (Chinese, naming the commit) when a step was not the publisher's.
    """
    ledger = Ledger(project.ledger_dir)
    if git.git_dir(project.root) is None:
        if ledger.files():
            raise LedgerTrustError(
                f"{project.root.name} 不是 git 仓库：无法核验发布台账 {LEDGER_DIR}/ 的来源，不予采信。"
            )
        return ledger
    verify_history(project.root, ref)
    return ledger
