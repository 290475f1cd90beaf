"""The check findings of posts as committed at a revision, for the review desk.

``status`` and ``verify`` show reviewers every warning of the version they are asked to
approve; warnings never change a verdict (``policy.py`` decides), they are shown so that
nobody signs without seeing them.
"""

from __future__ import annotations

from pipeline import git
from pipeline.checking import apply_waivers, unused_waivers
from pipeline.config import load_unit_config
from pipeline.content import parse_post
from pipeline.errors import GovmediaError
from pipeline.findings import Finding, sort_key
from pipeline.project import Project
from pipeline.rules.checker import RuleChecker


def findings_at(project: Project, rev: str, paths: list[str]) -> dict[str, list[Finding]]:
    """Per post path: schema and content-rule findings of the blob at ``rev``.

    Posts that do not exist at ``rev`` are left out; a unit configuration that cannot be
    read leaves every post out (``check`` reports that problem itself)."""
    posts = [p for p in paths if p.endswith(".md")]
    if not posts:
        return {}
    try:
        config = load_unit_config(project)
    except GovmediaError:
        return {}
    blobs = git.cat_file_batch([f"{rev}:{p}" for p in posts], cwd=project.root)
    checker = RuleChecker(project.root)
    result: dict[str, list[Finding]] = {}
    for path in posts:
        found = blobs.get(f"{rev}:{path}")
        if found is None or found[0] != "blob":
            continue
        loaded = parse_post(path, found[1], registry=config.registry, roster=config.roster)
        findings = list(loaded.findings)
        if loaded.post is not None:
            findings += checker.check_post(loaded.post)
            findings = apply_waivers([loaded.post], findings)
            findings += unused_waivers([loaded.post], findings)
        result[path] = sorted(findings, key=sort_key)
    return result


def warning_lines(findings: list[Finding], indent: str = "  ") -> list[str]:
    """One line per unwaived warning, for people."""
    lines = []
    for f in findings:
        if f.severity != "warning" or f.waived is not None:
            continue
        match = f"「{f.match}」" if f.match else ""
        lines.append(f"{indent}! 警告 第 {f.line} 行 [{f.rule}] {f.message}{match}")
    return lines


def warning_rules(findings: list[Finding]) -> list[str]:
    return list(
        dict.fromkeys(f.rule for f in findings if f.severity == "warning" and f.waived is None)
    )
