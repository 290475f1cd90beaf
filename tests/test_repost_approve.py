"""``govmedia approve`` checks a repost of a superior account (``content/reposts/``) before it
signs, as it does posts and replies: content rules, the 第十一条 attribution and the
platform's length; a repost that fails is refused naming file, line and rule, unsigned."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CliResult, run_cli
from tests.interaction_support import reviewer_key, unit_repo
from tests.publish_support import git

REPOST = "content/reposts/2026/12/gongnuan.md"
FRONT = (
    '---\nsource:\n  account: 呼伦贝尔发布\n  id: "4999000000000001"\nchannel: weibo\n'
    "author: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-02\n---\n"
)


def commit_repost(repo: Path, body: str) -> None:
    target = repo / REPOST
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(FRONT + body + "\n", encoding="utf-8")
    git(repo, "add", REPOST)
    git(repo, "commit", "-qm", "Repost")


def approve_as_zhangwei(repo: Path) -> CliResult:
    """The real CLI, as 张伟 (an editor: 初审) signing with the key the roster lists."""
    config = {
        "user.name": "张伟",
        "user.email": "zhangwei@example.gov.cn",
        "gpg.format": "ssh",
        "user.signingkey": str(reviewer_key(repo, "张伟")),
    }
    env = {"GIT_CONFIG_COUNT": str(len(config))}
    for i, (key, value) in enumerate(config.items()):
        env[f"GIT_CONFIG_KEY_{i}"] = key
        env[f"GIT_CONFIG_VALUE_{i}"] = value
    return run_cli("approve", REPOST, "--stage", "1", cwd=repo, env=env)


def test_approve_refuses_a_repost_that_fails_its_check(tmp_path: Path) -> None:
    repo = unit_repo(tmp_path / "unit")
    commit_repost(repo, "出售枪支弹药，联系QQ")
    head = git(repo, "rev-parse", "HEAD").strip()
    refused = approve_as_zhangwei(repo)
    message = refused.err + refused.out
    assert refused.code != 0 and "Traceback" not in message
    assert "未通过转发检查" in message and f"{REPOST}:" in message, message
    assert git(repo, "rev-parse", "HEAD").strip() == head  # nothing signed

    commit_repost(repo, "供" * 135)  # with the attribution, over Weibo's 140 characters
    too_long = approve_as_zhangwei(repo)
    assert too_long.code != 0 and "R12-length" in too_long.err + too_long.out

    commit_repost(repo, "今冬供暖保障措施，请市民周知。")
    signed = approve_as_zhangwei(repo)
    assert signed.code == 0, signed.err + signed.out
    message = git(repo, "log", "-1", "--format=%B").strip()
    assert "Review-Stage: 1" in message and f"Approves: {REPOST}@" in message
