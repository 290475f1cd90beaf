"""The content check of posts: front-matter schema, content rules, waivers, the files a post
pulls in, platform limits and slugs. ``govmedia check`` prints it; approval, status, preview
and the checks at a revision reuse it (never through the result store: only ``govmedia
check`` reads the user's store, :func:`collect_stored`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.check_pool import Checked, check_files
from pipeline.findings import Finding
from pipeline.post_files import post_rel_paths
from pipeline.project import Project
from pipeline.rules.result_store import Current, Depends, Outcome, ResultStore, Waiver
from pipeline.slugs import slug_findings

if TYPE_CHECKING:
    from pipeline import content

Waivers = list[tuple[str, Sequence[Waiver]]]  # (post path, its waivers), in file order


def apply_waivers(posts: list[content.Post], findings: list[Finding]) -> list[Finding]:
    """Mark findings that a post's ``waivers`` accept; never drop them silently."""
    return _waive([(p.path, _waivers(p)) for p in posts], findings)


def unused_waivers(posts: list[content.Post], findings: list[Finding]) -> list[Finding]:
    """A waiver for a rule that did not fire is stale: a warning, so it gets removed."""
    return _unused([(p.path, _waivers(p)) for p in posts], findings)


def _waivers(post: content.Post) -> list[Waiver]:
    return [Waiver(w.rule, w.reason, w.line) for w in post.waivers]


def _waive(waivers: Waivers, findings: list[Finding]) -> list[Finding]:
    by_path = dict(waivers)
    result = []
    for f in findings:
        found = by_path.get(f.path)
        waiver = next((w for w in found if w.rule == f.rule), None) if found else None
        if waiver is not None and not f.unreadable:
            f = Finding(
                f.path,
                f.line,
                f.column,
                f.rule,
                f.article,
                f.severity,
                f.message,
                f.match,
                waived=waiver.reason,
            )
        result.append(f)
    return result


def _unused(waivers: Waivers, findings: list[Finding]) -> list[Finding]:
    fired = {(f.path, f.rule) for f in findings}
    return [
        Finding(
            path,
            waiver.line,
            1,
            "waiver-unused",
            "",
            "warning",
            f"豁免的规则 {waiver.rule} 在本文中没有触发：请删除这条豁免，以免日后掩盖新问题。",
            waiver.rule,
        )
        for path, found in waivers
        for waiver in found
        if (path, waiver.rule) not in fired
    ]


def _outcome(checked: Checked) -> Outcome:
    loaded, post = checked.loaded, checked.loaded.post
    waivers = _waivers(post) if post is not None else []
    return Outcome(
        loaded.path, post is not None, waivers, loaded.findings, checked.rules, checked.integrity
    )


def _assemble(every: list[str], outcomes: Sequence[Outcome]) -> list[Finding]:
    """Every finding of the files' outcomes, in the order a check has always given them."""
    findings = [f for o in outcomes for f in o.loaded]
    for o in outcomes:
        findings.extend(o.rules)
    waivers = [(o.path, o.waivers) for o in outcomes if o.post]
    findings = _waive(waivers, findings)
    findings += _unused(waivers, findings)
    # What a post pulls in and its slug are integrity rules: a post cannot waive them.
    for o in outcomes:
        findings.extend(o.integrity)
    findings.extend(slug_findings(every, [o.path for o in outcomes]))
    return findings


def _files(project: Project, every: list[str], paths: list[Path] | None) -> list[Path]:
    return list(paths) if paths is not None else [project.root / rel for rel in every]


def collect(
    project: Project, paths: list[Path] | None = None, *, jobs: int = 1
) -> tuple[list[content.Post], list[Finding]]:
    """Load and check posts (schema, then content rules); ``check`` minus printing.

    ``jobs``: worker processes for many files (:mod:`pipeline.check_pool`); the findings
    are the same, in the same order, for any number."""
    from pipeline.config import load_unit_config

    config = load_unit_config(project)
    every = post_rel_paths(project.root)  # the members and order of iter_post_files
    checked = check_files(project, config, _files(project, every, paths), jobs)
    posts = [c.loaded.post for c in checked if c.loaded.post is not None]
    return posts, _assemble(every, [_outcome(c) for c in checked])


def collect_stored(
    project: Project, paths: list[Path] | None = None, *, jobs: int = 1
) -> tuple[int, list[Finding]]:
    """:func:`collect` through the user's result store (:mod:`pipeline.rules.result_store`):
    the number of posts and the same findings in the same order. Only the files whose
    record misses are loaded and checked; a run of hits builds no rule checker."""
    store = ResultStore.open(project)
    if store is None:
        posts, findings = collect(project, paths, jobs=jobs)
        return len(posts), findings
    every = post_rel_paths(project.root)
    # The posts' paths as texts, ``str(root / rel)``: a Path each was most of this loop.
    files = [f"{project.root}/{rel}" for rel in every] if paths is None else paths
    now = Current(project, every)
    found = [now.read(path) for path in files]
    keys = [store.key(*f) if f is not None else "" for f in found]
    outcomes: list[Outcome | None] = [
        store.get(f[0], key, now.digest, now.problem) if f is not None else None
        for f, key in zip(found, keys, strict=True)
    ]
    misses = [i for i, o in enumerate(outcomes) if o is None]
    if misses:
        from pipeline.config import load_unit_config

        config = load_unit_config(project)
        items = [found[i] or Path(files[i]) for i in misses]  # the bytes read are checked
        checked = check_files(project, config, items, jobs, record=True, index=now.index)
        for i, c in zip(misses, checked, strict=True):
            outcome = outcomes[i] = _outcome(c)
            if found[i] is not None and (c.loaded.post is None or c.depends is not None):
                store.put(keys[i], outcome, c.depends or Depends([], "", []))
    done = [o for o in outcomes if o is not None]
    store.save({*every, *(o.path for o in done)})
    return sum(o.post for o in done), _assemble(every, done)
