"""The judge of one step changing publisher-only records (the ledger, the inbox).

A first-parent step ``parent → commit`` that changes such records is accepted only when the
commit has that one parent, carries a good SSH signature by a key listed under
``publishers:`` of the roster before it, and every change passes the records' own check
(for the ledger, ``pipeline.ledger_trust``: appends of whole valid lines to
``ledger/*.jsonl`` only). ``append_only_judge`` builds such a judge; ``appended_problems``
checks the lines a change appends; ``pipeline.ledger_history`` runs a judge over a branch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import git, git_sizes
from pipeline.errors import ConfigError
from pipeline.project import ROSTER_FILE
from pipeline.review import signatures
from pipeline.review.roster import Roster

Change = git.Change


@dataclass
class Step:
    commit: str
    parents: tuple[str, ...]
    changes: list[Change] = field(default_factory=list)


Judge = Callable[
    [Step, str, Roster | None, signatures.Verdict | None, dict[str, bytes], str], list[str]
]
ChangeProblems = Callable[[Change, dict[str, bytes]], list[str]]
UNSIGNED_READ_MAX = 1024 * 1024  # bytes of a file of a step the publisher did not sign


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


def step_blobs(blobs: Iterable[str], signer: list[str], *, cwd: str | Path) -> dict[str, bytes]:
    """The contents a judge reads of a step's ``blobs``. A step the publisher did not sign
    (``signer``: :func:`signer_problems`) is refused for that alone; of its files only those
    up to :data:`UNSIGNED_READ_MAX` bytes are read, to name their problems too: a push can
    make a file of any size, and the ledger and the inbox grow, so no other limit fits."""
    wanted = [b for b in dict.fromkeys(blobs) if b.strip("0")]
    if signer:
        sizes = git_sizes.blob_sizes(wanted, cwd=cwd)
        wanted = [b for b in wanted if sizes.get(b, 0) <= UNSIGNED_READ_MAX]
    return git.cat_blobs(wanted, cwd=cwd)


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


def blobs_of(steps: Iterable[Step], touches: Callable[[str], bool]) -> list[str]:
    """The blobs a judge reads: old and new content of each added or modified file of
    ``steps`` that ``touches`` selects."""
    wanted: list[str] = []
    for step in steps:
        for change in step.changes:
            if touches(change.path) and change.status in ("A", "M"):
                wanted.extend(b for b in (change.old_blob, change.new_blob) if b.strip("0"))
    return wanted
