"""The hosted-CI workflow is valid YAML and runs check and verify on pull requests."""

from __future__ import annotations

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
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert data["permissions"] == {"contents": "read"}


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
