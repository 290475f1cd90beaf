"""The editor's pre-commit hook: a post with errors cannot be committed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import Repo, run_cli

POST = "content/posts/2026/03/dating-kaifang-shijian.md"


def _commit(repo: Repo) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "commit", "-q", "-m", "Edit"],
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=False,
    )


def test_installed_hook_refuses_a_post_with_errors(sample_repo: Repo) -> None:
    result = run_cli("install-pre-commit", cwd=sample_repo.path)
    assert result.code == 0, result.err
    hook = sample_repo.path / ".git/hooks/pre-commit"
    assert hook.is_file() and str(hook.relative_to(sample_repo.path)) in result.out
    original = (sample_repo.path / POST).read_text(encoding="utf-8")
    sample_repo.write(POST, original + "\n请联系王科长，手机13912345678。\n")
    sample_repo.git("add", POST)
    refused = _commit(sample_repo)
    assert refused.returncode != 0
    said = refused.stdout + refused.stderr
    assert f"{POST}:32:10" in said and "[A9-11]" in said
    assert "13912345678" not in said  # personal data is never echoed (tests/test_secret_matches.py)
    assert sample_repo.git("log", "--format=%s", "-1").strip() == "Import sample content"

    sample_repo.write(POST, original + "\n办理时间以大厅公告为准。\n")
    sample_repo.git("add", POST)
    accepted = _commit(sample_repo)
    assert accepted.returncode == 0, accepted.stderr
    # running it again refreshes our own hook
    assert run_cli("install-pre-commit", cwd=sample_repo.path).code == 0


def test_a_foreign_hook_is_never_overwritten(sample_repo: Repo, tmp_path: Path) -> None:
    hook = sample_repo.path / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n")
    result = run_cli("install-pre-commit", cwd=sample_repo.path)
    assert result.code == 1 and "未覆盖" in result.err
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"
    outside = run_cli("install-pre-commit", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert outside.code == 1 and "不是 git 仓库" in outside.err
