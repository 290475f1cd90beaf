"""``govmedia check`` over many posts on several cores.

Each post is loaded and checked independently (schema, content rules, what it pulls in,
platform limits): :func:`check_files` runs that per-post work in this process and in forked
worker processes and returns the results in the order of the files, so the output never
depends on the number of workers. The rule checker, lexicons, the matcher's automaton,
copy-detection index and semantic model are built before the fork and shared
copy-on-write; so is what the first posts' checks build on first use (:data:`WARM_FILES`
are checked here before the fork: the sound tables, the segmenter, the regular
expressions, the semantic model's weights of common n-grams). ``--jobs N`` forks N - 1
workers: this process takes its share of the posts instead of waiting, and its results are
never pickled. Every process takes :data:`TAKE` files at a time from one list shared across
the fork (only a counter is shared; the list and the files' bytes are inherited, not
sent), so a slow process takes fewer. Few files, one job or a platform without ``fork``:
the same work in this process.

With ``record``, each post's result also says what it read beyond its own bytes
(:class:`pipeline.rules.result_store.Depends`), for the result store of ``govmedia check``
(:func:`pipeline.checking.collect_stored`). The loader, the rules and the platform limits are imported
on first use: a run whose every file is a hit in that store needs none of them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.findings import Finding, masked
from pipeline.project import Project
from pipeline.rules.asset_state import asset_state
from pipeline.rules.result_store import Depends, copy_digest

if TYPE_CHECKING:
    from pipeline import content
    from pipeline.config import UnitConfig
    from pipeline.rules.attribution import RepoIndex
    from pipeline.rules.checker import RuleChecker

MIN_FILES_PER_JOB = 24  # below this a worker costs more than it saves
WARM_FILES = 24  # checked in this process before the fork (what they build is shared)
TAKE = 16  # files a process takes at a time from the shared list


@dataclass(frozen=True)
class Checked:
    """One file: what loading it found, and the rule and integrity findings of its post."""

    loaded: content.LoadResult
    rules: list[Finding]
    integrity: list[Finding]
    depends: Depends | None = None  # with ``record``, for a post


@dataclass(repr=False, eq=False)
class _Work:
    """What every post's check of one run shares (set before the workers fork)."""

    project: Project
    config: UnitConfig
    checker: RuleChecker | None = None
    reader: content.PostReader | None = None  # one per run: root and folders resolved once
    record: bool = False  # also say what each post read (:class:`Depends`)
    memo: dict[str, str] = field(default_factory=dict)  # copy digests of sentence keys
    index: RepoIndex | None = None  # the copy index when the run has already built it

    def __post_init__(self) -> None:
        if self.reader is None:
            from pipeline import content

            registry, roster = self.config.registry, self.config.roster
            self.reader = content.PostReader(self.project, registry=registry, roster=roster)

    def rules(self) -> RuleChecker:
        """Built on first use: a run where no post loads needs no lexicons."""
        if self.checker is None:
            self.checker = _checker(self.project.root, self.index)
        return self.checker


# Set in the parent before the workers fork, inherited by them: the run's shared work, its
# files cut into takes, and the index of the next take (the one value shared after the fork).
_WORK: _Work | None = None
_TAKES: list[Sequence[Item]] = []
_NEXT: Any = None


def _checker(root: Path, index: RepoIndex | None) -> RuleChecker:
    """A rule checker of ``root``; with ``index``, the copy index that the run has built
    already for the same repository (the checker would build the same one again)."""
    from pipeline.rules.checker import RuleChecker

    checker = RuleChecker(root)
    if index is not None:
        checker._index = index
    return checker


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


Item = Path | tuple[str, bytes]  # a file, or (its repository-relative path, its bytes) read


def _one(work: _Work, item: Item) -> Checked:
    from pipeline.asset_check import reference_findings
    from pipeline.platform_check import image_findings, platform_findings
    from pipeline.references import loaded_references

    assert work.reader is not None
    loaded = work.reader.parse(*item) if isinstance(item, tuple) else work.reader.read(item)
    if loaded.findings:  # a refused field is echoed: no secret in it (round 35)
        loaded.findings = work.rules().masked_values(loaded.findings)
    post = loaded.post
    if post is None:
        return Checked(loaded, [], [])
    checker = work.rules()
    rules = masked(checker.check_post(post, work.config.registry))  # nothing shows a secret
    refs = loaded_references(post)
    root = work.project.root
    # the referenced files' states before the checks read them (result_store.asset_state)
    assets = [(r.path, asset_state(root, r.path)) for r in refs if r.ok] if work.record else []
    integrity = reference_findings(work.project.root, post.path, refs)
    integrity += platform_findings(post, work.config.registry)
    integrity += image_findings(work.project.root, post, refs, work.config.registry)
    if not work.record:
        return Checked(loaded, rules, integrity)
    from pipeline.rules.attribution import body_keys

    keys = [key for _, _, key in body_keys(post.body)]
    digest = copy_digest(checker.index.sentences, keys, work.memo)
    return Checked(loaded, rules, integrity, Depends(keys, digest, assets))


def _take() -> dict[int, list[Checked]]:
    """Takes of :data:`_TAKES` checked one after another, each claimed from the counter
    shared by every process of the run, until none is left: take index -> its results."""
    assert _WORK is not None and _NEXT is not None
    done: dict[int, list[Checked]] = {}
    while True:
        with _NEXT.get_lock():
            index = _NEXT.value
            _NEXT.value = index + 1
        if index >= len(_TAKES):
            return done
        done[index] = [_one(_WORK, item) for item in _TAKES[index]]


def _worker() -> tuple[dict[int, list[Checked]], dict[tuple[str, int], Any]]:
    """A worker's takes, and the regular expressions it compiled afresh (the parent saves
    them with its own: :func:`pipeline.rules.compiled_re.adopt`)."""
    from pipeline.rules import compiled_re

    done = _take()
    return done, compiled_re.afresh()


def check_files(
    project: Project,
    config: UnitConfig,
    files: Sequence[Item],
    jobs: int = 1,
    record: bool = False,
    index: RepoIndex | None = None,
) -> list[Checked]:
    """Every file loaded and checked, in the order of ``files`` (a path, or what
    :meth:`content.PostReader.raw` gives for it: its path in the repository and its bytes).
    ``record``: say what each post read (:class:`Depends`); ``index``: the copy index of
    the repository when the caller has built it."""
    global _WORK, _TAKES, _NEXT
    jobs = min(jobs, len(files) // MIN_FILES_PER_JOB)
    if jobs >= 2:
        import multiprocessing  # only here: a one-post check does not pay for its import
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        work = _Work(project, config, record=record, index=index)
        return [_one(work, item) for item in files]
    from pipeline.rules import compiled_re
    from pipeline.rules.semantic import default_model

    checker = _checker(project.root, index)
    checker.index  # noqa: B018 - built once here, shared by every worker
    checker.matcher.build_automaton()  # the matcher's too (else each worker builds one)
    default_model()  # the semantic model too (read once, not once per worker)
    work = _Work(project, config, checker, record=record)
    first = [_one(work, item) for item in files[:WARM_FILES]]  # what they build is shared
    rest = files[WARM_FILES:]
    context = multiprocessing.get_context("fork")
    _WORK, _NEXT = work, context.Value("q", 0)
    _TAKES = [rest[i : i + TAKE] for i in range(0, len(rest), TAKE)]
    try:
        with context.Pool(jobs - 1) as pool:
            theirs = [pool.apply_async(_worker) for _ in range(jobs - 1)]
            done = _take()
            for result in theirs:
                taken, compiled = result.get()
                done.update(taken)
                compiled_re.adopt(compiled)
        return first + [checked for i in range(len(_TAKES)) for checked in done[i]]
    finally:
        _WORK, _TAKES, _NEXT = None, [], None
