"""The whole path through the real CLI: nothing publishable before the signed 三审
approvals, publishing after them, a stale approval after an edit, the correction, and a
retraction refused for a chief editor and done for a leader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.publish_support import (
    approve,
    env_for,
    git,
    ledger_records,
    published,
    publisher_env,
    signed_commit,
    small_repo,
)

pytestmark = [
    pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="需要 ssh-keygen"),
]

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"


def test_real_review_publish_correction_and_retraction(
    tmp_path: Path, emulator: Emulator, cli
) -> None:
    repo = small_repo(tmp_path / "unit", approved=False)
    env = {**env_for(emulator), **publisher_env(repo)}
    # nothing approved yet: nothing goes out
    first = cli("publish", cwd=repo, env=env)
    assert first.code == 0 and "暂不发布" in first.out, first.err
    assert published(emulator) == {"wechat": [], "weibo": [], "app": []}
    approve(repo)
    second = cli("publish", cwd=repo, env=env)
    assert second.code == 0, second.out + second.err
    stages = [
        r["detail"]["review"]["stages"] for r in ledger_records(repo) if r["event"] == "published"
    ]
    assert stages and all([s["stage"] for s in st] == [1, 2, 3] for st in stages)
    assert stages[0][0]["by"] == "张伟 <zhangwei@example.gov.cn>"
    count = sum(len(v) for v in published(emulator).values())

    # an edit makes the approvals stale: not published until approved again, then a correction
    post = repo / POST
    post.write_text(
        post.read_text(encoding="utf-8") + "\n补充：咨询电话 12345。\n", encoding="utf-8"
    )
    git(repo, "commit", "-qam", "Edit after publishing")
    stale = cli("publish", cwd=repo, env=env)
    assert "暂不发布" in stale.out and sum(len(v) for v in published(emulator).values()) == count
    approve(repo, [POST])
    corrected = cli("publish", cwd=repo, env=env)
    assert corrected.code == 0 and "已发布（更正）" in corrected.out, corrected.out + corrected.err
    assert any(
        r["detail"].get("correction_of") for r in ledger_records(repo) if r["event"] == "published"
    )

    # retraction: a chief editor cannot approve it, a leader can
    signed_commit(
        repo,
        "李强",
        "liqiang@example.gov.cn",
        f"撤回\n\nRetracts: {POST}\nSigned-off-by: 李强 <liqiang@example.gov.cn>\n",
    )
    refused = cli("retract", POST, "--reason", "信息有误", cwd=repo, env=env)
    assert refused.code != 0 and "单位领导" in refused.err
    sha = signed_commit(
        repo,
        "陈静",
        "chenjing@example.gov.cn",
        f"撤回\n\nRetracts: {POST}\nSigned-off-by: 陈静 <chenjing@example.gov.cn>\n",
    )
    done = cli("retract", POST, "--reason", "信息有误", cwd=repo, env=env)
    assert done.code == 0, done.out + done.err
    retracted = [r for r in ledger_records(repo) if r["event"] == "retracted"]
    assert {r["channel"] for r in retracted} == {"wechat", "weibo"}
    assert retracted[0]["detail"] == {
        "reason": "信息有误",
        "approved_by": "陈静 <chenjing@example.gov.cn>",
        "commit": sha,
    }
    pub = published(emulator)
    assert not any("nianmo-fanzha-tixing" in s["text"] for s in pub["weibo"])
    assert not any(a["title"] == "年底办事高峰 谨防电信网络诈骗" for a in pub["wechat"])
