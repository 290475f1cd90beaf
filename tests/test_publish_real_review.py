"""The real path: signed 三审 approvals (ssh-keygen keys in the roster, ``git commit -S``),
the review module's verification, ``govmedia publish`` and ``govmedia retract`` through the
real CLI against the loopback emulators. Skips until the review module is installed."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.publish_support import (
    env_for,
    git,
    ledger_records,
    published,
    running_emulator,
    small_repo,
)

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("pipeline.review.verify") is None,
        reason="三审核验模块（pipeline.review.verify）尚未合入",
    ),
    pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="需要 ssh-keygen"),
]

PEOPLE = {
    1: ("张伟", "zhangwei@example.gov.cn"),
    2: ("李强", "liqiang@example.gov.cn"),
    3: ("陈静", "chenjing@example.gov.cn"),
}
POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    yield from running_emulator()


def keys(tmp: Path) -> dict[str, Path]:
    found = {}
    for number, (name, _) in PEOPLE.items():
        private = tmp / f"k{number}"
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"k{number}", "-f", str(private)],
            check=True,
        )
        found[name] = private
    return found


def add_keys(repo: Path, found: dict[str, Path]) -> None:
    roster = repo / "content/roster.yml"
    out, current = [], ""
    for line in roster.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*- name:\s*(\S+)", line)
        if match:
            current = match.group(1)
        if line.strip() == "keys: []" and current in found:
            indent = line[: len(line) - len(line.lstrip())]
            public = found[current].with_name(found[current].name + ".pub").read_text().strip()
            out += [f"{indent}keys:", f"{indent}  - {public}"]
            continue
        out.append(line)
    roster.write_text("\n".join(out) + "\n", encoding="utf-8")
    git(repo, "commit", "-qam", "Roster: reviewers' public keys")


def signed_commit(repo: Path, who: tuple[str, str], key: Path, message: str) -> str:
    name, email = who
    subprocess.run(
        [
            "git",
            "-c",
            "gpg.format=ssh",
            "-c",
            f"user.signingkey={key}",
            "-c",
            f"user.name={name}",
            "-c",
            f"user.email={email}",
            "commit",
            "-q",
            "-S",
            "--allow-empty",
            "-m",
            message,
        ],
        cwd=repo,
        check=True,
        capture_output=True,
        env={
            **__import__("os").environ,
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
        },
    )
    return git(repo, "rev-parse", "HEAD").strip()


def approve_all(repo: Path, found: dict[str, Path], paths: list[str]) -> None:
    for stage, who in PEOPLE.items():
        lines = "\n".join(
            f"Approves: {p}@{git(repo, 'rev-parse', f'HEAD:{p}').strip()}" for p in paths
        )
        signed_commit(
            repo,
            who,
            found[who[0]],
            f"第{stage}审通过\n\nReview-Stage: {stage}\n{lines}\nSigned-off-by: {who[0]} <{who[1]}>\n",
        )


def test_real_review_publish_correction_and_retraction(
    tmp_path: Path, emulator: Emulator, cli
) -> None:
    repo = small_repo(tmp_path / "unit")
    found = keys(tmp_path)
    add_keys(repo, found)
    env = env_for(emulator)
    # nothing approved yet: nothing goes out
    first = cli("publish", cwd=repo, env=env)
    assert first.code == 0 and "暂不发布" in first.out, first.err
    assert published(emulator) == {"wechat": [], "weibo": [], "app": []}
    paths = sorted(git(repo, "ls-files", "content/posts").split())
    approve_all(repo, found, [p for p in paths if p.endswith(".md")])
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
    approve_all(repo, found, [POST])
    corrected = cli("publish", cwd=repo, env=env)
    assert corrected.code == 0 and "已发布（更正）" in corrected.out, corrected.out + corrected.err
    assert any(
        r["detail"].get("correction_of") for r in ledger_records(repo) if r["event"] == "published"
    )

    # retraction: a chief editor cannot approve it, a leader can
    signed_commit(
        repo,
        PEOPLE[2],
        found["李强"],
        f"撤回\n\nRetracts: {POST}\nSigned-off-by: 李强 <liqiang@example.gov.cn>\n",
    )
    refused = cli("retract", POST, "--reason", "信息有误", cwd=repo, env=env)
    assert refused.code != 0 and "leader" in refused.err
    sha = signed_commit(
        repo,
        PEOPLE[3],
        found["陈静"],
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
