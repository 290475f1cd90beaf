"""The hosted-CI workflow is valid YAML and runs check and verify on pull requests."""

from __future__ import annotations

import posixpath
from typing import Any

import pytest
import yaml

from tests.conftest import PROJECT_ROOT


def test_review_workflow_runs_check_and_verify_on_pull_requests() -> None:
    data = yaml.safe_load((PROJECT_ROOT / ".github/workflows/review.yml").read_text("utf-8"))
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["pull_request"]["branches"] == ["main"]
    steps = data["jobs"]["review"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "govmedia check --format github" in runs
    assert "govmedia verify --base" in runs and "--format github" in runs
    head = next(s for s in checkouts(steps) if "head.sha" in s["with"]["ref"])
    assert head["with"]["fetch-depth"] == 0
    assert data["permissions"] == {"contents": "read"}


def workflow(name: str) -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / ".github/workflows" / name).read_text("utf-8"))


def checkouts(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for s in steps if s.get("uses", "").startswith("actions/checkout")]


def installed_dirs(steps: list[dict[str, Any]]) -> list[str]:
    """The folder each ``pip install`` step installs from (relative to the workspace)."""
    found = []
    for step in steps:
        for line in step.get("run", "").splitlines():
            words = line.split()
            if "pip" in words and "install" in words:
                target = [w for w in words[words.index("install") + 1 :] if not w.startswith("-")]
                assert len(target) == 1, line
                found.append(
                    posixpath.normpath(
                        posixpath.join(step.get("working-directory", "."), target[0])
                    )
                )
    return found


def test_review_workflow_installs_the_judge_from_the_base_branch_never_the_head() -> None:
    steps = workflow("review.yml")["jobs"]["review"]["steps"]
    by_path = {posixpath.normpath(s["with"].get("path", ".")): s["with"] for s in checkouts(steps)}
    installs = installed_dirs(steps)
    assert installs, "review.yml installs govmedia somewhere"
    for folder in installs:
        ref = by_path[folder]["ref"]  # installed from a checkout of its own
        assert ref == "${{ github.event.pull_request.base.sha }}", ref
        assert "head" not in ref
    head = [p for p, w in by_path.items() if "head" in w["ref"]]
    assert len(head) == 1 and head[0] not in installs and head[0] != "."
    # every govmedia command reads the pull request's folder as data, run by the judge
    for step in steps:
        if "govmedia " in step.get("run", ""):
            assert step.get("working-directory") == head[0], step["name"]
    assert "pull_request_target" not in str(workflow("review.yml"))


@pytest.mark.parametrize(("name", "job"), [("publish.yml", "publish"), ("watch.yml", "watch")])
def test_publish_and_watch_install_only_from_main(name: str, job: str) -> None:
    steps = workflow(name)["jobs"][job]["steps"]
    (checkout,) = checkouts(steps)
    assert checkout["with"]["ref"] == "refs/heads/main"
    assert installed_dirs(steps) == ["."] and "path" not in checkout["with"]
    # the ledger's readers refuse a shallow checkout (red team 26): the whole history
    assert checkout["with"].get("fetch-depth") == 0
    # the credentials reach one step only: never the installation or the build
    text = yaml.safe_dump(workflow(name)["jobs"][job].get("env", {}))
    assert "secrets." not in text
    for step in steps:
        if "secrets." in str(step.get("env", {})):
            assert step["run"].startswith(f"govmedia {'publish' if job == 'publish' else 'watch'}")


def test_verify_github_format_annotates_unapproved_posts(tmp_path, cli, sample_repo) -> None:
    sample_repo.git("checkout", "-q", "-b", "feature")
    post = "content/posts/2026/11/ci-test.md"
    source = next((PROJECT_ROOT / "content/posts/2026/11").glob("*.md"))
    sample_repo.write(post, source.read_text(encoding="utf-8"))
    sample_repo.commit("Copy a post")
    result = cli("verify", "--format", "github", cwd=sample_repo.path)
    assert result.code == 1
    assert result.out.startswith(f"::error file={post},line=1,title=三审未完成::")
    assert "缺少第 1 审" in result.out
