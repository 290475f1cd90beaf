"""The reviewer sees every warning before signing and acknowledges it (第十五条)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from pipeline.content import parse_post
from pipeline.site.archive import ArchivePost, Stage, Version, add_acks
from pipeline.site.pages import review_block
from tests.conftest import Repo, run_cli
from tests.test_review_protocol import POST, POST_TEXT, World, build_world

WARNED = POST_TEXT.replace(
    "自12月1日起，政务服务大厅工作日延时服务至18时30分。",
    "自12月1日起，政务服务大厅工作日延时服务至18时30分。\n\n震惊！我觉得这项服务很好！！！",
)


def _world(tmp_path: Path, sample_repo: Repo) -> World:
    world = build_world(tmp_path, sample_repo)
    world.repo.write(POST, WARNED)
    world.repo.commit("Opinionated post", env=world.env("王芳", signed=False))
    return world


def _commits(world: World) -> int:
    return len(world.repo.git("log", "--format=%H", "main..HEAD").split())


def test_status_and_verify_show_the_warnings(tmp_path: Path, sample_repo: Repo) -> None:
    world = _world(tmp_path, sample_repo)
    status = world.cli("status")
    assert status.code == 0
    assert "! 警告" in status.out and "我觉得" in status.out, status.out
    assert re.search(rf"govmedia approve {re.escape(POST)} --stage 1 --ack \S+", status.out)
    verify = world.cli("verify")
    assert verify.code == 1
    assert "! 警告" in verify.out and "我觉得" in verify.out, verify.out


def test_approve_refuses_unacknowledged_warnings_then_records_them(
    tmp_path: Path, sample_repo: Repo
) -> None:
    world = _world(tmp_path, sample_repo)
    before = _commits(world)
    refused = world.cli("approve", POST, "--stage", "1", who="张伟")
    assert refused.code == 1 and "尚未确认" in refused.err, refused.err
    assert "审核前请阅读" in refused.out and "我觉得" in refused.out
    assert _commits(world) == before

    typo = world.cli("approve", POST, "--stage", "1", "--ack", "A99-99", who="张伟")
    assert typo.code == 2 and "A99-99" in typo.err
    assert _commits(world) == before

    rules = sorted(set(re.findall(r"\[(A[\d-]+)\]", refused.err)))
    assert rules == ["A16-02", "A9-12"]
    # the semantic layer's warnings (S…) on the same sentences are acknowledged alike
    semantic = sorted(set(re.findall(r"\[(S[\d-]+)\]", refused.err)))
    some = ",".join(["A9-12", *semantic])
    partial = world.cli("approve", POST, "--stage", "1", "--ack", some, who="张伟")
    assert partial.code == 1 and "1 个警告尚未确认" in partial.err, partial.err
    assert "[A16-02]" in partial.err and "[A9-12]" not in partial.err.split("确认这些警告后")[0]
    assert _commits(world) == before

    # the command the refusal prints works when copied
    printed = refused.err.split("确认这些警告后请运行：")[1].split("（")[0].strip()
    argv = shlex.split(printed)
    assert argv[:2] == ["govmedia", "approve"]
    done = run_cli(*argv[1:], cwd=world.repo.path, env=world.env("张伟"))
    assert done.code == 0, done.err
    assert "已确认并记录" in done.out
    message = world.repo.git("log", "-1", "--format=%B")
    acked = [v for v in message.splitlines() if v.startswith("Acknowledged-Warning: ")]
    listed = [line for line in refused.err.splitlines() if line.startswith(f"  {POST}:")]
    assert len(acked) == len(listed) >= 3 and all(POST in line for line in acked)
    assert any("我觉得" in line for line in acked)

    # informational only: the one evaluator still counts the approval as before
    code, report = world.verify()
    assert code == 1
    assert next(s for s in report[0]["stages"] if s["stage"] == 1)["ok"] is True

    second = world.cli("approve", POST, "--stage", "2", "--ack", "all", who="李强")
    assert second.code == 0, second.err

    # the archive's review record shows what each reviewer acknowledged
    commits = world.repo.git("log", "--format=%H", "-2").split()
    stages = (
        Stage(1, "张伟 <zhangwei@example.gov.cn>", commits[1], "2026-11-20T10:00:00+08:00"),
        Stage(2, "李强 <liqiang@example.gov.cn>", commits[0], "2026-11-20T11:00:00+08:00"),
    )
    post = parse_post(POST, WARNED.encode()).post
    assert post is not None
    ap = ArchivePost("slug", POST, post, [Version(world.blob(), "", commits[0], stages)], [])
    add_acks(world.repo.path, [ap])
    html = review_block(ap.current)
    assert "审核人已确认的警告" in html and "张伟" in html and "我觉得" in html
    assert html.count("<li>") == 2 * len(acked)


def test_clean_post_needs_no_ack(tmp_path: Path, sample_repo: Repo) -> None:
    world = build_world(tmp_path, sample_repo)
    result = world.cli("approve", POST, "--stage", "1", who="张伟")
    assert result.code == 0, result.err
    assert "没有发现问题" in result.out
    assert "Acknowledged-Warning" not in world.repo.git("log", "-1", "--format=%B")
