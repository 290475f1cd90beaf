"""The content check of posts: front-matter schema, content rules, waivers, the files a post
pulls in, platform limits and slugs. ``govmedia check`` prints it; approval, status, preview
and the checks at a revision reuse it."""

from __future__ import annotations

from pathlib import Path

from pipeline import content
from pipeline.check_pool import check_files
from pipeline.config import load_unit_config
from pipeline.findings import Finding
from pipeline.post_files import post_rel_paths
from pipeline.project import Project
from pipeline.slugs import slug_findings


def apply_waivers(posts: list[content.Post], findings: list[Finding]) -> list[Finding]:
    """Mark findings that a post's ``waivers`` accept; never drop them silently."""
    by_path = {p.path: p for p in posts}
    result = []
    for f in findings:
        post = by_path.get(f.path)
        waiver = next((w for w in post.waivers if w.rule == f.rule), None) if post else None
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


def unused_waivers(posts: list[content.Post], findings: list[Finding]) -> list[Finding]:
    """A waiver for a rule that did not fire is stale: a warning, so it gets removed."""
    fired = {(f.path, f.rule) for f in findings}
    return [
        Finding(
            post.path,
            waiver.line,
            1,
            "waiver-unused",
            "",
            "warning",
            f"豁免的规则 {waiver.rule} 在本文中没有触发：请删除这条豁免，以免日后掩盖新问题。",
            waiver.rule,
        )
        for post in posts
        for waiver in post.waivers
        if (post.path, waiver.rule) not in fired
    ]


def collect(
    project: Project, paths: list[Path] | None = None, *, jobs: int = 1
) -> tuple[list[content.Post], list[Finding]]:
    """Load and check posts (schema, then content rules); ``check`` minus printing.

    ``jobs``: worker processes for many files (:mod:`pipeline.check_pool`); the findings
    are the same, in the same order, for any number."""
    config = load_unit_config(project)
    every = post_rel_paths(project.root)  # the members and order of iter_post_files
    files = list(paths) if paths is not None else [project.root / rel for rel in every]
    checked = check_files(project, config, files, jobs)
    results = [c.loaded for c in checked]
    findings = [f for r in results for f in r.findings]
    posts = [r.post for r in results if r.post is not None]
    for c in checked:
        findings.extend(c.rules)
    findings = apply_waivers(posts, findings)
    findings += unused_waivers(posts, findings)
    # What a post pulls in and its slug are integrity rules: a post cannot waive them.
    for c in checked:
        findings.extend(c.integrity)
    findings.extend(slug_findings(every, [r.path for r in results]))
    return posts, findings
