"""The demo walks the sample content through the 三审制 and a refused + accepted push."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import git


def test_demo_approves_samples_and_pushes_through_the_hook(cli, tmp_path: Path) -> None:
    workdir = tmp_path / "demo"
    result = cli("demo", "--workdir", str(workdir), cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    assert "服务器拒绝" in result.out and "缺少第 1 审" not in result.out.split("服务器拒绝")[0]
    assert "未完成审核" in result.out and "服务器接受" in result.out
    assert "44/44 篇示例文章已完成三审" in result.out
    attack = result.out.split("攻击演示")[1].split("\n[")[0]
    assert "名册修改 content/roster.yml" in attack and "未获批准" in attack, attack
    assert "目前 0 位" in attack, attack
    remote = workdir / "remote.git"
    files = git("ls-tree", "-r", "--name-only", "main", cwd=remote)
    assert "gongzuori-yanshi-banli.md" in files
    assert "_ed25519" not in files  # keys stay outside the repository
    assert (workdir / "keys").is_dir()
    # the server's main holds the signed approval commits (the sample year's monthly batches,
    # three stages each; three for the new post, two for the citizen reply)
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(
        "".join(f'* namespaces="git" {p.read_text()}' for p in (workdir / "keys").glob("*.pub")),
        encoding="utf-8",
    )
    log = git(
        "-c",
        f"gpg.ssh.allowedSignersFile={allowed}",
        "log",
        "--format=%G?%x09%s",
        "main",
        cwd=remote,
    )
    approvals = [line for line in log.splitlines() if "通过：" in line]
    # plus the two of the citizen reply (初审 and 终审, 第十二条) the demo's last steps push
    batches = len(re.findall(r"^  (?:\d{4}-\d\d|定时)：\d+ 篇，", result.out, re.M))
    assert batches >= 9
    assert len(approvals) == 3 * batches + 3 + 2, approvals
    assert all(line[0] == "G" for line in approvals), approvals
    verify = cli("verify", "--base", "main~7", "--head", "main", cwd=workdir / "unit")
    assert verify.code == 0, verify.out + verify.err
