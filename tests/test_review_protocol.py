"""三审制 end to end with real git: signed approvals, verify, and the pre-receive hook."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, CliResult, Repo, git, run_cli
from tests.review_support import REVIEWERS, Key, identity_env, keygen, roster_with_keys

POST = "content/posts/2026/11/yanshi-fuwu.md"
POST_TEXT = """---
title: 政务服务大厅12月起推行延时服务
date: 2026-11-20
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat, weibo]
category: 通知公告
original: true
---

自12月1日起，政务服务大厅工作日延时服务至18时30分。
"""
SIGNERS = ("王芳", "张伟", "孙丽", "李强", "陈静", "赵明")


@dataclass
class World:
    repo: Repo
    bare: Path
    keys: dict[str, Key]
    tmp: Path
    extra: dict[str, str] = field(default_factory=dict)

    def env(self, name: str, signed: bool = True) -> dict[str, str]:
        email = REVIEWERS.get(name, f"{name}@attacker.example")
        return identity_env(name, email, self.keys[name] if signed else None)

    def cli(self, *args: str, who: str | None = None) -> CliResult:
        env = self.env(who) if who else None
        return run_cli(*args, cwd=self.repo.path, env=env)

    def approve(self, who: str, stage: int, *paths: str) -> CliResult:
        result = self.cli("approve", *(paths or (POST,)), "--stage", str(stage), who=who)
        assert result.code == 0, result.err
        return result

    def blob(self, path: str = POST, rev: str = "HEAD") -> str:
        return self.repo.git("rev-parse", f"{rev}:{path}").strip()

    def forge(
        self,
        stage: str | int,
        approves: str,
        sob: str,
        *,
        key: str | None,
        as_who: str = "张伟",
        extra_lines: str = "",
    ) -> str:
        """An approval commit written by hand (no checks): any trailers, any key or none."""
        message = (
            f"伪造或手工审核\n\n{extra_lines}Review-Stage: {stage}\n"
            f"Approves: {approves}\nSigned-off-by: {sob}\n"
        )
        env = identity_env(as_who, REVIEWERS.get(as_who, "x@attacker.example"))
        args = ["commit", "-q", "--allow-empty", "-m", message]
        if key is not None:
            env = identity_env(as_who, REVIEWERS.get(as_who, "x@attacker.example"), self.keys[key])
            args.insert(1, "-S")
        self.repo.git(*args, env=env)
        return self.repo.head()

    def verify(self, *args: str) -> tuple[int, list[dict]]:
        result = self.cli("verify", "--format", "json", *args)
        assert result.code in (0, 1), result.err
        return result.code, json.loads(result.out)

    def push(self, src: str = "HEAD", dst: str = "main") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "push", "origin", f"{src}:refs/heads/{dst}"],
            cwd=self.repo.path,
            capture_output=True,
            text=True,
            check=False,
        )


def sob(name: str) -> str:
    return f"{name} <{REVIEWERS[name]}>"


def stage_of(report: list[dict], stage: int, path: str = POST) -> dict:
    post = next(p for p in report if p["path"] == path)
    return next(s for s in post["stages"] if s["stage"] == stage)


def build_world(tmp_path: Path, sample_repo: Repo, roles: dict[str, str] | None = None) -> World:
    keys = {name: keygen(tmp_path / "keys", f"key-{i}") for i, name in enumerate(SIGNERS)}
    keys["attacker"] = keygen(tmp_path / "keys", "attacker")
    roster = sample_repo.path / "content/roster.yml"
    text = roster_with_keys(
        roster.read_text(encoding="utf-8"), {n: [k.public] for n, k in keys.items()}
    )
    for name, new_roles in (roles or {}).items():
        marker = f"email: {REVIEWERS[name]}\n"
        head, _, rest = text.partition(marker)
        line, _, tail = rest.partition("\n")
        line2, _, tail2 = tail.partition("\n")
        if line2.strip().startswith("roles:"):
            tail = tail2
            line = f"{line}\n    roles: {new_roles}" if line else f"    roles: {new_roles}"
        text = head + marker + line + "\n" + tail
    roster.write_text(text, encoding="utf-8")
    sample_repo.commit("Roster: reviewers' public signing keys (bootstrap)")
    bare = tmp_path / "remote.git"
    git("init", "-q", "--bare", "-b", "main", str(bare), cwd=tmp_path)
    sample_repo.git("remote", "add", "origin", str(bare))
    sample_repo.git("push", "-q", "origin", "main")
    result = run_cli("install-hooks", str(bare), cwd=tmp_path)
    assert result.code == 0, result.err
    sample_repo.git("checkout", "-q", "-b", "feature")
    sample_repo.write(POST, POST_TEXT)
    sample_repo.commit("New post: 延时服务", env=identity_env("王芳", REVIEWERS["王芳"]))
    return World(sample_repo, bare, keys, tmp_path)


@pytest.fixture
def world(tmp_path: Path, sample_repo: Repo) -> World:
    return build_world(tmp_path, sample_repo)


# --- the happy path -----------------------------------------------------------------------------


def test_three_reviewers_then_push_is_accepted(world: World) -> None:
    code, report = world.verify()
    assert code == 1 and [p["path"] for p in report] == [POST]
    assert "缺少第 1 审" in stage_of(report, 1)["reason"]
    refused = world.push()
    assert refused.returncode != 0
    assert POST in refused.stderr and "缺少第 1 审" in refused.stderr

    world.approve("张伟", 1)
    world.approve("李强", 2)
    out = world.approve("陈静", 3).out
    assert "终审通过：政务服务大厅12月起推行延时服务" in out
    message = world.repo.git("log", "-1", "--format=%B")
    assert f"Approves: {POST}@{world.blob()}" in message
    assert "Review-Stage: 3" in message and f"Signed-off-by: {sob('陈静')}" in message

    code, report = world.verify()
    assert code == 0
    assert report[0]["publishable"] is True and report[0]["blob"] == world.blob()
    assert [s["by"] for s in report[0]["stages"]] == [sob("张伟"), sob("李强"), sob("陈静")]
    assert all(s["ok"] and len(s["commit"]) == 40 for s in report[0]["stages"])
    status = world.cli("status")
    assert status.code == 0 and "已完成三审" in status.out

    pushed = world.push()
    assert pushed.returncode == 0, pushed.stderr
    assert (
        world.repo.git("rev-parse", "HEAD").strip()
        == git("rev-parse", "main", cwd=world.bare).strip()
    )


def test_status_lists_what_is_missing(world: World) -> None:
    world.approve("张伟", 1)
    result = world.cli("status")
    assert result.code == 0
    assert "✓ 第 1 审（初审）：张伟" in result.out
    assert "缺少第 2 审" in result.out and f"govmedia approve {POST} --stage 2" in result.out


def test_batch_approval_covers_many_posts(world: World) -> None:
    second = "content/posts/2026/11/yanshi-fuwu-2.md"
    world.repo.write(second, POST_TEXT.replace("延时服务", "延时服务二"))
    world.repo.commit("Second post", env=world.env("王芳", signed=False))
    for who, stage in (("孙丽", 1), ("李强", 2), ("赵明", 3)):
        world.approve(who, stage, POST, second)
    assert len(world.repo.git("log", "--format=%H", "main..HEAD").split()) == 5
    code, report = world.verify()
    assert code == 0 and {p["path"] for p in report} == {POST, second}
    assert world.push().returncode == 0


# --- approve refuses what the protocol forbids -------------------------------------------------


def test_approve_refusals(world: World) -> None:
    out_of_order = world.cli("approve", POST, "--stage", "2", who="李强")
    assert out_of_order.code == 1 and "第 1 审（初审）尚未通过" in out_of_order.err
    wrong_role = world.cli("approve", POST, "--stage", "1", who="李强")
    assert wrong_role.code == 1 and "没有第 1 审" in wrong_role.err
    own = world.cli("approve", POST, "--stage", "1", who="王芳")
    assert own.code == 1 and "作者" in own.err
    unsigned = world.cli("approve", POST, "--stage", "1", who=None)  # operator: not in the roster
    assert unsigned.code == 1 and "不在名册" in unsigned.err
    wrong_key = run_cli(
        "approve",
        POST,
        "--stage",
        "1",
        cwd=world.repo.path,
        env=identity_env("张伟", REVIEWERS["张伟"], world.keys["孙丽"]),
    )
    assert wrong_key.code == 1 and "user.signingkey" in wrong_key.err
    world.repo.write(POST, POST_TEXT + "\n未提交的修改。\n")
    dirty = world.cli("approve", POST, "--stage", "1", who="张伟")
    assert dirty.code == 1 and "未提交的修改" in dirty.err
    world.repo.git("checkout", "--", POST)
    world.approve("张伟", 1)
    again = world.cli("approve", POST, "--stage", "1", who="孙丽")
    assert again.code == 1 and "已由 张伟" in again.err
    assert len(world.repo.git("log", "--format=%H", "main..HEAD").split()) == 2


def test_approve_refuses_a_post_that_fails_check(world: World) -> None:
    world.repo.write(POST, POST_TEXT.replace("channels: [wechat, weibo]", "channels: [nowhere]"))
    world.repo.commit("Broken channel", env=world.env("王芳", signed=False))
    status = world.cli("status")
    assert "先修正" in status.out and "govmedia approve" not in status.out, status.out
    result = world.cli("approve", POST, "--stage", "1", who="张伟")
    assert result.code == 1 and "govmedia check" in result.err
    assert f"{POST}:" in result.err and "nowhere" in result.err, result.err


# --- every rejection reason ----------------------------------------------------------------------


def test_unsigned_approval(world: World) -> None:
    world.forge(1, f"{POST}@{world.blob()}", sob("张伟"), key=None)
    _, report = world.verify()
    assert stage_of(report, 1)["reason"] == "审核提交没有签名"
    assert stage_of(report, 1)["by"] == sob("张伟")


def test_key_not_in_roster(world: World) -> None:
    world.forge(1, f"{POST}@{world.blob()}", sob("张伟"), key="attacker")
    _, report = world.verify()
    assert stage_of(report, 1)["reason"] == "签名密钥不在名册中"


def test_signer_is_not_the_signed_off_by_person(world: World) -> None:
    world.forge(1, f"{POST}@{world.blob()}", sob("张伟"), key="孙丽", as_who="张伟")
    _, report = world.verify()
    reason = stage_of(report, 1)["reason"]
    assert "签名者 孙丽" in reason and "不是 Signed-off-by 中的审核人 张伟" in reason


def test_wrong_role(world: World) -> None:
    world.forge(2, f"{POST}@{world.blob()}", sob("张伟"), key="张伟")
    _, report = world.verify()
    assert "没有第 2 审（复审）所需的角色" in stage_of(report, 2)["reason"]


def test_same_person_twice(tmp_path: Path, sample_repo: Repo) -> None:
    world = build_world(tmp_path, sample_repo, roles={"李强": "[editor, chief_editor]"})
    world.approve("李强", 1)
    world.forge(2, f"{POST}@{world.blob()}", sob("李强"), key="李强", as_who="李强")
    _, report = world.verify()
    assert stage_of(report, 1)["ok"]
    assert "同一人不能审核两次" in stage_of(report, 2)["reason"]
    refused = world.cli("approve", POST, "--stage", "2", who="李强")
    assert refused.code == 1 and "同一人不能审核两次" in refused.err


def test_author_approving_own_post(world: World) -> None:
    world.forge(1, f"{POST}@{world.blob()}", sob("王芳"), key="王芳", as_who="王芳")
    _, report = world.verify()
    assert "是本文作者，不能审核自己的文章" in stage_of(report, 1)["reason"]


def test_approval_for_an_older_blob_after_edit(world: World) -> None:
    world.approve("张伟", 1)
    world.approve("李强", 2)
    world.approve("陈静", 3)
    world.repo.write(POST, POST_TEXT.replace("18时30分", "19时"))
    world.repo.commit("Edit after approval", env=world.env("王芳", signed=False))
    code, report = world.verify()
    assert code == 1
    for stage in (1, 2, 3):
        assert "旧版本" in stage_of(report, stage)["reason"]
    refused = world.push()
    assert refused.returncode != 0 and "旧版本" in refused.stderr and POST in refused.stderr


def test_out_of_order(world: World) -> None:
    blob = world.blob()
    world.forge(2, f"{POST}@{blob}", sob("李强"), key="李强", as_who="李强")
    world.forge(1, f"{POST}@{blob}", sob("张伟"), key="张伟")
    world.forge(3, f"{POST}@{blob}", sob("陈静"), key="陈静", as_who="陈静")
    _, report = world.verify()
    assert stage_of(report, 1)["ok"]
    assert "审核不按顺序" in stage_of(report, 2)["reason"]
    assert not stage_of(report, 3)["ok"]


@pytest.mark.parametrize(
    ("stage", "approves", "fragment"),
    [
        ("two", "{post}@{blob}", "应为 1、2 或 3"),
        ("1", "{post}", "应写成「路径@blob」"),
        ("1", "{post}@{short}", "不是完整的 git 对象 id"),
    ],
)
def test_trailer_malformed(world: World, stage: str, approves: str, fragment: str) -> None:
    blob = world.blob()
    world.forge(
        stage, approves.format(post=POST, blob=blob, short=blob[:7]), sob("张伟"), key="张伟"
    )
    _, report = world.verify()
    reason = stage_of(report, 1)["reason"]
    assert reason.startswith("审核 trailer 格式错误") and fragment in reason


def test_trailer_keys_in_odd_case_and_spacing_follow_git(world: World) -> None:
    blob = world.blob()
    for who, stage in (("张伟", 1), ("李强", 2), ("陈静", 3)):
        message = (
            f"审核\n\nreview-stage :  {stage}\nAPPROVES:   {POST}@{blob}\n"
            f"signed-OFF-by:{sob(who)}\n"
        )
        world.repo.git("commit", "-q", "-S", "--allow-empty", "-m", message, env=world.env(who))
    code, report = world.verify()
    assert code == 0, report
    assert world.push().returncode == 0


def test_trailers_outside_the_last_paragraph_are_not_trailers(world: World) -> None:
    blob = world.blob()
    message = (
        f"审核\n\nReview-Stage: 1\nApproves: {POST}@{blob}\nSigned-off-by: {sob('张伟')}\n\n"
        "这一段是正文，所以上面的几行不是 trailer。\n"
    )
    world.repo.git("commit", "-q", "-S", "--allow-empty", "-m", message, env=world.env("张伟"))
    _, report = world.verify()
    assert stage_of(report, 1)["reason"].startswith("缺少第 1 审")


# --- forgeries and trust -----------------------------------------------------------------------


def test_roster_edited_in_the_same_change_to_add_an_attackers_key(world: World) -> None:
    roster = world.repo.path / "content/roster.yml"
    text = roster.read_text(encoding="utf-8")
    text = text.replace(f"  - {world.keys['attacker'].public}\n", "")
    text = text.replace(world.keys["张伟"].public, world.keys["attacker"].public)
    roster.write_text(text, encoding="utf-8")
    world.repo.commit("Roster: 张伟's new key", env=world.env("王芳", signed=False))
    blob = world.blob()
    # inside the change, the attacker's key is 张伟's
    world.forge(1, f"{POST}@{blob}", sob("张伟"), key="attacker")
    world.forge(2, f"{POST}@{blob}", sob("李强"), key="李强", as_who="李强")
    world.forge(3, f"{POST}@{blob}", sob("陈静"), key="陈静", as_who="陈静")
    code, report = world.verify()
    assert code == 1
    assert stage_of(report, 1)["reason"] == "签名密钥不在名册中"
    roster_review = next(p for p in report if p["path"] == "content/roster.yml")
    assert roster_review["publishable"] is False
    refused = world.push()
    assert refused.returncode != 0
    assert "content/roster.yml" in refused.stderr and "名册修改" in refused.stderr
    assert "签名密钥不在名册中" in refused.stderr


def test_roster_change_needs_two_people_one_a_leader(world: World) -> None:
    world.repo.git("checkout", "-q", "main")
    world.repo.git("checkout", "-q", "-b", "roster-change")
    roster = world.repo.path / "content/roster.yml"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace("title: 局长", "title: 局长（主要负责人）"),
        encoding="utf-8",
    )
    world.repo.commit("Roster: title", env=world.env("王芳", signed=False))
    refused = world.push()
    assert refused.returncode != 0 and "修改名册须经旧名册中 2 位不同的" in refused.stderr
    not_qualified = world.cli("approve", "content/roster.yml", "--stage", "3", who="张伟")
    assert not_qualified.code == 1 and "不能批准修改名册" in not_qualified.err
    world.approve("赵明", 3, "content/roster.yml")
    alone = world.push()
    assert alone.returncode != 0 and "目前 1 位" in alone.stderr
    world.approve("李强", 3, "content/roster.yml")
    pushed = world.push()
    assert pushed.returncode == 0, pushed.stderr


def test_approvals_on_an_unmerged_side_branch_do_not_count(world: World) -> None:
    world.repo.git("checkout", "-q", "-b", "side")
    world.approve("张伟", 1)
    world.approve("李强", 2)
    world.approve("陈静", 3)
    side = world.repo.head()
    world.repo.git("checkout", "-q", "feature")
    code, report = world.verify()
    assert code == 1 and stage_of(report, 1)["reason"].startswith("缺少第 1 审")
    assert world.push("feature").returncode != 0
    # the side branch exists on the server too: still not an ancestor of main's new tip
    assert world.push("side", "side").returncode == 0
    assert world.push("feature").returncode != 0
    # merged into the change, they count
    world.repo.git("merge", "-q", "--no-ff", "-m", "Merge approvals", side)
    assert world.verify()[0] == 0
    assert world.push().returncode == 0


def test_merge_commit_with_forged_trailers_is_not_an_approval(world: World) -> None:
    blob = world.blob()
    world.repo.git("checkout", "-q", "-b", "other", "main")
    world.repo.commit("Unrelated", env=world.env("王芳", signed=False))
    world.repo.git("checkout", "-q", "feature")
    for who, stage in (("张伟", 1), ("李强", 2), ("陈静", 3)):
        message = (
            f"Merge branch 'other'\n\nReview-Stage: {stage}\nApproves: {POST}@{blob}\n"
            f"Signed-off-by: {sob(who)}\n"
        )
        world.repo.git(
            "merge", "-q", "--no-ff", "-m", message, "other", env=world.env(who, signed=False)
        )
        world.repo.commit(f"touch {stage}", env=world.env("王芳", signed=False))
        world.repo.git("checkout", "-q", "other")
        world.repo.commit(f"other {stage}", env=world.env("王芳", signed=False))
        world.repo.git("checkout", "-q", "feature")
    code, report = world.verify()
    assert code == 1 and stage_of(report, 1)["reason"] == "审核提交没有签名"
    assert world.push().returncode != 0
    # a merge signed by an attacker key naming a reviewer is still refused
    message = f"Merge\n\nReview-Stage: 1\nApproves: {POST}@{blob}\nSigned-off-by: {sob('张伟')}\n"
    world.repo.git(
        "merge",
        "-q",
        "--no-ff",
        "-S",
        "-m",
        message,
        "other",
        env=identity_env("张伟", REVIEWERS["张伟"], world.keys["attacker"]),
    )
    _, report = world.verify()
    assert stage_of(report, 1)["reason"] == "签名密钥不在名册中"


def test_renamed_post_loses_its_approvals(world: World) -> None:
    world.approve("张伟", 1)
    world.approve("李强", 2)
    world.approve("陈静", 3)
    renamed = "content/posts/2026/11/yanshi-fuwu-new.md"
    world.repo.git("mv", POST, renamed)
    world.repo.commit("Rename", env=world.env("王芳", signed=False))
    code, report = world.verify()
    assert code == 1
    assert [p["path"] for p in report] == [renamed]
    assert stage_of(report, 1, renamed)["reason"].startswith("缺少第 1 审")
    refused = world.push()
    assert refused.returncode != 0 and renamed in refused.stderr


def test_removed_key_stops_validating_later_approvals_in_branch_order(world: World) -> None:
    # 张伟 approves on the branch; the approval's own date claims it is old.
    old = {
        "GIT_COMMITTER_DATE": "2020-01-01T00:00:00+08:00",
        "GIT_AUTHOR_DATE": "2020-01-01T00:00:00+08:00",
    }
    world.approve("张伟", 1)
    world.repo.git(
        "commit",
        "--amend",
        "--allow-empty",
        "-q",
        "-S",
        "--no-edit",
        env={**world.env("张伟"), **old},
    )
    world.approve("李强", 2)
    world.approve("陈静", 3)
    approved = world.repo.head()
    # meanwhile main removes 张伟's key (a roster change approved by a leader)
    world.repo.git("checkout", "-q", "-b", "revoke", "main")
    roster = world.repo.path / "content/roster.yml"
    text = roster.read_text(encoding="utf-8")
    removed = text.replace(f"    keys:\n      - {world.keys['张伟'].public}\n", "    keys: []\n")
    assert removed != text
    roster.write_text(removed, encoding="utf-8")
    world.repo.commit("Roster: revoke 张伟's key", env=world.env("王芳", signed=False))
    world.approve("赵明", 3, "content/roster.yml")
    world.approve("李强", 3, "content/roster.yml")
    assert world.push("revoke").returncode == 0
    # now the branch with 张伟's approval is merged: it came in after the removal
    world.repo.git("checkout", "-q", "-b", "merge-late", "revoke")
    world.repo.git("merge", "-q", "--no-ff", "-m", "Merge approvals", approved)
    code, report = world.verify()
    assert code == 1 and stage_of(report, 1)["reason"] == "签名密钥不在名册中"
    assert world.push().returncode != 0


def test_approval_merged_before_key_removal_stays_valid(world: World) -> None:
    world.approve("张伟", 1)
    world.approve("李强", 2)
    world.approve("陈静", 3)
    assert world.push().returncode == 0
    from pipeline.review.verify import review_post

    before = review_post(world.repo.path, POST, "HEAD")
    assert before.publishable
    world.repo.git("checkout", "-q", "-b", "revoke", "feature")
    roster = world.repo.path / "content/roster.yml"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace(
            world.keys["张伟"].public, world.keys["attacker"].public
        ),
        encoding="utf-8",
    )
    world.repo.commit("Roster: 张伟 has a new key", env=world.env("王芳", signed=False))
    world.approve("赵明", 3, "content/roster.yml")
    world.approve("李强", 3, "content/roster.yml")
    assert world.push().returncode == 0
    after = review_post(world.repo.path, POST, "HEAD")
    assert after.publishable and after.stages[0].by == sob("张伟")


def test_rewriting_or_deleting_main_is_refused(world: World) -> None:
    world.repo.git("checkout", "-q", "main")
    world.repo.commit("Operator commit without posts", env=world.env("王芳", signed=False))
    assert world.push().returncode == 0
    world.repo.git("reset", "-q", "--hard", "HEAD~1")
    world.repo.commit("Other history", env=world.env("王芳", signed=False))
    forced = subprocess.run(
        ["git", "push", "-f", "origin", "HEAD:main"],
        cwd=world.repo.path,
        capture_output=True,
        text=True,
    )
    assert forced.returncode != 0 and "非快进" in forced.stderr
    deleted = subprocess.run(
        ["git", "push", "origin", ":main"], cwd=world.repo.path, capture_output=True, text=True
    )
    assert deleted.returncode != 0


def test_other_branches_are_accepted_unchecked(world: World) -> None:
    assert world.push("HEAD", "feature").returncode == 0


# --- signatures: the in-process verdict agrees with git ----------------------------------------


def test_in_process_verdict_matches_git_verify_commit(world: World) -> None:
    from pipeline.review.roster import parse_roster
    from pipeline.review.signatures import verify_commit_signature

    blob = world.blob()
    cases = {
        "good": world.forge(1, f"{POST}@{blob}", sob("张伟"), key="张伟"),
        "other-person": world.forge(1, f"{POST}@{blob}", sob("张伟"), key="孙丽"),
        "attacker": world.forge(1, f"{POST}@{blob}", sob("张伟"), key="attacker"),
        "unsigned": world.forge(1, f"{POST}@{blob}", sob("张伟"), key=None),
    }
    # a tampered copy: same signature header, different message
    raw = world.repo.git("cat-file", "commit", cases["good"])
    tampered = raw.replace("Review-Stage: 1", "Review-Stage: 3")
    cases["tampered"] = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=world.repo.path,
        input=tampered,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    roster_text = (world.repo.path / "content/roster.yml").read_text(encoding="utf-8")
    roster = parse_roster(roster_text)
    signers = world.tmp / "allowed_signers"
    signers.write_text(
        "".join(f'{p.email} namespaces="git" {k}\n' for p in roster.people for k in p.keys),
        encoding="utf-8",
    )
    for name, commit in cases.items():
        person = verify_commit_signature(world.repo.path, commit, roster)
        proc = subprocess.run(
            [
                "git",
                "-c",
                f"gpg.ssh.allowedSignersFile={signers}",
                "log",
                "-1",
                "--format=%G?%x00%GS",
                commit,
            ],
            cwd=world.repo.path,
            capture_output=True,
            text=True,
        )
        status, _, principal = proc.stdout.strip().partition("\0")
        verified = subprocess.run(
            ["git", "-c", f"gpg.ssh.allowedSignersFile={signers}", "verify-commit", commit],
            cwd=world.repo.path,
            capture_output=True,
            text=True,
        )
        assert (verified.returncode == 0) == (status == "G") == (person is not None), name
        if person is not None:
            assert principal == person.email, name
    assert verify_commit_signature(world.repo.path, cases["other-person"], roster).name == "孙丽"
    assert verify_commit_signature(world.repo.path, cases["good"], roster).name == "张伟"


# --- hooks installation ------------------------------------------------------------------------


def test_install_hooks_records_the_interpreter_and_refuses_non_bare(
    world: World, tmp_path: Path
) -> None:
    hook = world.bare / "hooks" / "pre-receive"
    text = hook.read_text(encoding="utf-8")
    assert os.access(hook, os.X_OK)
    assert sys.executable in text and "pipeline.review.server" in text
    result = run_cli("install-hooks", str(tmp_path / "nothing"), cwd=tmp_path)
    assert result.code == 2 and "裸仓库" in result.err


def test_install_hooks_installs_every_git_hook_in_the_directory(tmp_path: Path) -> None:
    from pipeline.review.hooks import HOOKS_DIR, install_hooks

    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in ("pre-receive", "post-receive", "README"):
        (hooks / name).write_text("#!/bin/sh\necho hi\n", encoding="utf-8")
    bare = tmp_path / "b.git"
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    installed = install_hooks(bare, hooks)
    assert sorted(p.name for p in installed) == ["post-receive", "pre-receive"]
    assert (HOOKS_DIR / "pre-receive").is_file()
    assert str(HOOKS_DIR).startswith(str(PROJECT_ROOT / "pipeline"))
