"""The check findings of posts, replies and reposts as committed at a revision, for the review desk.

``status`` and ``verify`` show reviewers every warning of the version they are asked to
approve; warnings never change a verdict (``policy.py`` decides), they are shown so that
nobody signs without seeing them.

The rules that judge those posts are never ones the change under review can shape: the
unit's rule files (``content/rules/``), ``accounts.yml``, ``roster.yml`` and calendar are
read as main has them (``origin/main``, else ``main``; a repository without main: as
committed at the revision), never from the branch or the working tree. A rule file the
branch changes counts once it is approved and on main.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from pipeline import git
from pipeline.checking import apply_waivers, unused_waivers
from pipeline.config import load_unit_config
from pipeline.content import parse_post
from pipeline.content_limits import shown
from pipeline.errors import GovmediaError
from pipeline.findings import Finding, masked, match_note, sort_key
from pipeline.project import Project
from pipeline.review.verify import target_tip
from pipeline.review.yaml_gate import UNIT_YAML
from pipeline.rules.attribution import RepoIndex
from pipeline.rules.checker import RuleChecker


class _MainRulesChecker(RuleChecker):
    """The rules of ``rules`` (main's unit files); the copy index of ``posts`` (the
    checkout's posts, as ``govmedia check`` compares them)."""

    def __init__(self, rules: Path, posts: Path) -> None:
        super().__init__(rules)
        self._posts = posts
        self._posts_index: RepoIndex | None = None

    @property
    def index(self) -> RepoIndex:
        if self._posts_index is None:
            self._posts_index = RepoIndex(self._posts)
        return self._posts_index


@contextmanager
def main_unit_files(root: Path, rev: str, tip: str | None = None) -> Iterator[Project]:
    """A private temporary project holding the unit's YAML files (``yaml_gate.UNIT_YAML``:
    accounts, roster, rule files, calendar) as main's tip has them (``rev``'s when there is
    no main); ``tip``: the commit to take them from instead (the server: main before the
    push)."""
    tip = tip or target_tip(root) or rev
    files: dict[str, str] = {}
    for path in UNIT_YAML:
        files.update(git.ls_tree(tip, path, cwd=root))
    blobs = git.cat_blobs(sorted(set(files.values())), cwd=root)
    with tempfile.TemporaryDirectory(prefix="govmedia-main-rules-") as folder:
        for rel, blob in files.items():
            parts = PurePosixPath(rel).parts
            if PurePosixPath(rel).is_absolute() or ".." in parts or blob not in blobs:
                continue
            target = Path(folder, *parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(blobs[blob])
        yield Project(Path(folder))


def findings_at(project: Project, rev: str, paths: list[str]) -> dict[str, list[Finding]]:
    """Per post, reply, hide order or repost path: its schema and content-rule findings of
    the blob at ``rev``, judged by main's unit files (:func:`main_unit_files`); a reply's
    and a repost's as ``govmedia inbox check`` and ``approve`` give them
    (``interaction.check.check_and_show``, a public answer's question included).

    Files that do not exist at ``rev`` are left out; a unit configuration that cannot be
    read leaves every post out (``check`` reports that problem itself)."""
    from pipeline.interaction.check import check_and_show
    from pipeline.interaction.replies import is_interaction_path
    from pipeline.interaction.reposts import is_repost_path

    others = [p for p in paths if is_interaction_path(p) or is_repost_path(p)]
    posts = [p for p in paths if p.endswith(".md") and p not in others]
    if not posts and not others:
        return {}
    with main_unit_files(project.root, rev) as unit:
        blobs = git.cat_file_batch([f"{rev}:{p}" for p in posts + others], cwd=project.root)
        result: dict[str, list[Finding]] = {}
        present = [p for p in others if blobs.get(f"{rev}:{p}", ("", b""))[0] == "blob"]
        if present:
            found, _ = check_and_show(
                project.root, present, unit=unit.root, read=lambda p: blobs[f"{rev}:{p}"][1]
            )
            for path in present:
                result[path] = sorted(masked([f for f in found if f.path == path]), key=sort_key)
        try:
            config = load_unit_config(unit)
        except GovmediaError:
            return result
        checker = _MainRulesChecker(unit.root, project.root)
        for path in posts:
            blob = blobs.get(f"{rev}:{path}")
            if blob is None or blob[0] != "blob":
                continue
            loaded = parse_post(path, blob[1], registry=config.registry, roster=config.roster)
            findings = checker.masked_values(list(loaded.findings))  # a field echoed
            if loaded.post is not None:
                findings += checker.check_post(loaded.post, config.registry)
                findings = apply_waivers([loaded.post], findings)
                findings += unused_waivers([loaded.post], findings)
            result[path] = sorted(masked(findings), key=sort_key)
    return result


def warning_lines(findings: list[Finding], indent: str = "  ") -> list[str]:
    """One line per unwaived warning, for people."""
    lines = []
    for f in findings:
        if f.severity != "warning" or f.waived is not None:
            continue
        lines.append(shown(f"{indent}! 警告 第 {f.line} 行 [{f.rule}] {f.message}{match_note(f)}"))
    return lines


def warning_rules(findings: list[Finding]) -> list[str]:
    return list(
        dict.fromkeys(f.rule for f in findings if f.severity == "warning" and f.waived is None)
    )
