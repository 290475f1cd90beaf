"""``govmedia check`` over many posts on several cores.

Each post is loaded and checked independently (schema, content rules, what it pulls in,
platform limits): :func:`check_files` runs that per-post work in forked worker processes
(the rule checker, lexicons, the matcher's automaton, copy-detection index and semantic
model are built once, before the fork, and shared copy-on-write) and returns the results in
the order of the files, so the output never depends on the number of workers. Few files,
one job or a platform without ``fork``: the same work in this process.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline import content
from pipeline.asset_check import post_asset_findings
from pipeline.config import UnitConfig
from pipeline.findings import Finding
from pipeline.platform_check import platform_findings
from pipeline.project import Project
from pipeline.rules.checker import RuleChecker
from pipeline.rules.semantic import default_model

MIN_FILES_PER_JOB = 24  # below this a worker costs more than it saves


@dataclass(frozen=True)
class Checked:
    """One file: what loading it found, and the rule and integrity findings of its post."""

    loaded: content.LoadResult
    rules: list[Finding]
    integrity: list[Finding]


@dataclass
class _Work:
    project: Project
    config: UnitConfig
    checker: RuleChecker | None = None
    reader: content.PostReader | None = None  # one per run: root and folders resolved once

    def __post_init__(self) -> None:
        if self.reader is None:
            registry, roster = self.config.registry, self.config.roster
            self.reader = content.PostReader(self.project, registry=registry, roster=roster)

    def rules(self) -> RuleChecker:
        """Built on first use: a run where no post loads needs no lexicons."""
        if self.checker is None:
            self.checker = RuleChecker(self.project.root)
        return self.checker


_WORK: _Work | None = None  # set in the parent before the workers fork


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def _one(work: _Work, path: Path) -> Checked:
    assert work.reader is not None
    loaded = work.reader.read(path)
    post = loaded.post
    if post is None:
        return Checked(loaded, [], [])
    rules = work.rules().check_post(post)
    integrity = post_asset_findings(work.project.root, post)
    integrity += platform_findings(post, work.config.registry)
    return Checked(loaded, rules, integrity)


def _chunk(paths: Sequence[Path]) -> list[Checked]:
    assert _WORK is not None
    return [_one(_WORK, path) for path in paths]


def check_files(
    project: Project, config: UnitConfig, files: Sequence[Path], jobs: int = 1
) -> list[Checked]:
    """Every file loaded and checked, in the order of ``files``."""
    global _WORK
    jobs = min(jobs, len(files) // MIN_FILES_PER_JOB)
    if jobs >= 2:
        import multiprocessing  # only here: a one-post check does not pay for its import
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        work = _Work(project, config)
        return [_one(work, path) for path in files]
    checker = RuleChecker(project.root)
    checker.index  # noqa: B018 - built once here, shared by every worker
    checker.matcher.build_automaton()  # the matcher's too (else each worker builds one)
    default_model()  # the semantic model too (read once, not once per worker)
    _WORK = _Work(project, config, checker)
    size = max(1, len(files) // (jobs * 4))
    chunks = [list(files[i : i + size]) for i in range(0, len(files), size)]
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_chunk, chunks, chunksize=1)
    finally:
        _WORK = None
    return [checked for chunk in results for checked in chunk]
