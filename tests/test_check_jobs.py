"""``govmedia check --jobs N``: the same findings, in the same order, for any number of
worker processes; and the asset check's shortcut for bodies without images."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline import content, references
from pipeline.check_pool import MIN_FILES_PER_JOB, check_files
from pipeline.config import load_unit_config
from pipeline.findings import Finding
from pipeline.post_files import post_rel_paths
from pipeline.project import Project
from pipeline.rules import RuleChecker, key_table
from tests.check_support import grow_repo


def run(cli: Callable[..., Any], root: Path, *args: str) -> tuple[int, str]:
    result = cli("check", *args, cwd=root, env={"XDG_CACHE_HOME": str(root.parent / "xdg")})
    assert "Traceback" not in result.err
    return result.code, result.out


def test_jobs_give_the_same_findings_in_the_same_order(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    root = grow_repo(tmp_path / "unit", 3 * MIN_FILES_PER_JOB)
    bad = root / "content/posts/2026/03/broken.md"
    bad.write_text("---\ntitle: [\n---\n\n正文。\n", encoding="utf-8")
    one = run(cli, root, "--format", "json", "--jobs", "1")
    assert one[0] == 1
    findings = json.loads(one[1])
    assert {f["path"] for f in findings} >= {"content/posts/2026/03/broken.md"}
    assert any(f["rule"] == "A11-04" for f in findings)
    for jobs in ("2", "3"):
        assert run(cli, root, "--format", "json", "--jobs", jobs) == one
    assert run(cli, root, "--jobs", "2") == run(cli, root, "--jobs", "1")


def test_workers_share_the_automaton_built_before_the_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each worker scans far more than AUTOMATON_AFTER characters, yet only the parent
    builds the automaton; and the findings are those of one process."""
    root = grow_repo(tmp_path / "unit", 2 * MIN_FILES_PER_JOB)
    project = Project(root)
    config = load_unit_config(project)
    files = content.iter_post_files(project)
    RuleChecker(root)  # a cold cache is filled from a built automaton: warm it first
    builds = tmp_path / "builds"
    build = key_table.KeyTable.automaton

    def counted(table: key_table.KeyTable) -> Any:
        if table._automaton is None:
            with builds.open("a", encoding="utf-8") as out:
                out.write(f"{os.getpid()}\n")
        return build(table)

    monkeypatch.setattr(key_table, "AUTOMATON_AFTER", 200)  # forked workers inherit both
    monkeypatch.setattr(key_table.KeyTable, "automaton", counted)
    pooled = check_files(project, config, files, 2)
    assert builds.read_text(encoding="utf-8").split() == [str(os.getpid())]
    builds.unlink()
    alone = check_files(project, config, files, 1)
    assert builds.read_text(encoding="utf-8").split() == [str(os.getpid())]  # past 200
    assert pooled == alone
    assert any(c.rules for c in alone)


@pytest.mark.parametrize("value", ["0", "-1", "两"])
def test_jobs_must_be_a_positive_number(
    cli: Callable[..., Any], tmp_path: Path, value: str
) -> None:
    root = grow_repo(tmp_path / "unit", 0)
    result = cli("check", "--jobs", value, cwd=root)
    assert result.code == 2
    assert "--jobs" in result.err and "Traceback" not in result.err


BODIES = [
    "正文，没有图片。\n\n## 小标题\n\n- 列表\n- [链接](https://www.example.gov.cn/)\n",
    "![封面](../../assets/a.png)\n",
    "![图][ref]\n\n[ref]: ../../assets/b.png\n",
    '<img src="../../assets/c.png">\n',
    '<IMG SRC="../../assets/d.png">\n',
    "<p>段落</p>\n",
    "感叹！[不是图片](x.png)\n",
    "转义 !\\[不是图片](x.png)\n",
    "`![代码](x.png)`\n",
]


@pytest.mark.parametrize("body", BODIES)
def test_image_shortcut_changes_nothing(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = references.body_sources(body)
    monkeypatch.setattr(references, "may_have_images", lambda body: True)
    assert references.body_sources(body) == fast


def test_sample_bodies_through_the_image_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    bodies = [p.read_text(encoding="utf-8") for p in sorted(Path("content/posts").rglob("*.md"))]
    fast = [references.body_sources(b) for b in bodies]
    assert any(fast) and not all(fast)
    monkeypatch.setattr(references, "may_have_images", lambda body: True)
    assert [references.body_sources(b) for b in bodies] == fast


@pytest.mark.parametrize("waived", [None, "已核实"])
def test_finding_json_is_the_dataclass_fields(waived: str | None) -> None:
    finding = Finding("content/posts/a.md", 3, 5, "A9-01", "第九条", "error", "信息", "词", waived)
    data = dataclasses.asdict(finding)
    data.pop("unreadable")
    if waived is None:
        data.pop("waived")
    assert list(finding.to_json().items()) == list(data.items())


def test_post_list_is_the_one_of_iter_post_files(tmp_path: Path) -> None:
    root = grow_repo(tmp_path / "unit", 5)
    posts = root / "content" / "posts"
    (posts / ".hidden.md").write_text("---\n---\n", encoding="utf-8")
    (posts / "UPPER.MD").write_text("x", encoding="utf-8")
    (posts / "folder.md").mkdir()
    (posts / "folder.md" / "inner.md").write_text("x", encoding="utf-8")
    (posts / "link.md").symlink_to(posts / "2026")
    (posts / "dangling.md").symlink_to(tmp_path / "missing.md")
    (posts / "file-link.md").symlink_to(posts / ".hidden.md")
    (posts / "looped").symlink_to(posts)
    project = Project(root)
    expected = [project.rel(p) for p in content.iter_post_files(project)]
    assert "content/posts/folder.md/inner.md" in expected
    assert post_rel_paths(root) == expected
