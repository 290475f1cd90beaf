"""Retraction end to end: a leader's signed ``Retracts:`` commit (checked by the review
module's ``verify_commit_signature``), deletion everywhere, ledger records."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.errors import GovmediaError, UsageError
from pipeline.platforms.channels import Channels
from pipeline.platforms.settings import load_settings
from pipeline.project import Project
from pipeline.publishing.retract import run_retract
from tests.publish_support import (
    env_for,
    faults,
    git,
    ledger_records,
    publish_process,
    published,
    publisher_env,
    signed_commit,
    small_repo,
)

POST = "content/posts/2026/03/zhangshang-app-shangxian.md"


def approve(repo: Path, who: str, path: str = POST, extra: str = "") -> str:
    name, _, email = who.partition(" <")
    return signed_commit(
        repo,
        name,
        email.rstrip(">"),
        f"撤回：测试\n\n{extra}Retracts: {path}\nSigned-off-by: {who}\n",
        sign="UNSIGNED" not in extra,
    )


def retract(repo: Path, emu: Emulator, reason: str = "信息有误，责令删除") -> tuple[int, list[str]]:
    lines: list[str] = []
    settings = load_settings(repo, {**env_for(emu), **publisher_env(repo)})
    code = run_retract(
        Project(repo),
        POST,
        reason,
        channels=Channels(settings),
        say=lines.append,
    )
    return code, lines


def test_retraction_end_to_end(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    assert publish_process(repo, env_for(emulator)).code == 0
    before = published(emulator)
    sha = approve(repo, "陈静 <chenjing@example.gov.cn>")
    code, lines = retract(repo, emulator)
    assert code == 0, lines
    after = published(emulator)
    title = "“掌上牙克石·政务服务”APP上线试运行"
    assert any(a["title"] == title for a in before["wechat"])
    assert not any(a["title"] == title for a in after["wechat"])
    assert not any("zhangshang-app-shangxian" in s["text"] for s in after["weibo"])
    assert not any("zhangshang-app-shangxian" in p["item"]["id"] for p in after["app"])
    assert len(after["wechat"]) == len(before["wechat"]) - 1  # the others stay
    retracted = [r for r in ledger_records(repo) if r["event"] == "retracted"]
    assert {r["platform"] for r in retracted} == {"wechat", "weibo", "app"}
    assert retracted[0]["detail"] == {
        "reason": "信息有误，责令删除",
        "approved_by": "陈静 <chenjing@example.gov.cn>",
        "commit": sha,
    }
    assert git(repo, "log", "-1", "--format=%s").startswith("Ledger: retract")
    # a rerun has nothing left to delete; a publish run does not bring it back
    code, lines = retract(repo, emulator)
    assert code == 0 and "无需从平台删除" in lines[0]
    assert publish_process(repo, env_for(emulator)).code == 0
    assert published(emulator) == after


def test_retraction_resumes_after_a_platform_failure(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    assert publish_process(repo, env_for(emulator)).code == 0
    approve(repo, "赵明 <zhaoming@example.gov.cn>")
    faults(emulator, {"path": "/2/statuses/destroy.json", "error": 10014, "times": 1})
    code, lines = retract(repo, emulator)
    assert code == 1 and any("撤回失败" in line for line in lines)
    code, lines = retract(repo, emulator)
    assert code == 0
    assert [line for line in lines if line.startswith("已撤回")] == [
        "已撤回：content/posts/2026/03/zhangshang-app-shangxian.md → 微博「牙克石市政务服务局」（weibo）"
    ]


@pytest.mark.parametrize(
    ("who", "extra", "expected"),
    [
        ("李强 <liqiang@example.gov.cn>", "", "不是单位领导"),
        ("陈静 <chenjing@example.gov.cn>", "X-Marker: UNSIGNED\n", "没有签名"),
        (None, "", "没有找到"),
    ],
)
def test_retraction_needs_a_signed_leader_approval(
    tmp_path: Path, emulator: Emulator, who: str | None, extra: str, expected: str
) -> None:
    repo = small_repo(tmp_path / "unit")
    assert publish_process(repo, env_for(emulator)).code == 0
    if who:
        approve(repo, who, extra=extra)
    with pytest.raises(GovmediaError, match=expected):
        retract(repo, emulator)
    assert not [r for r in ledger_records(repo) if r["event"].startswith("retract")]


def test_a_retracts_line_outside_the_trailer_block_is_not_an_approval(
    tmp_path: Path, emulator: Emulator
) -> None:
    """git decides what a trailer is: a ``Retracts:`` line in the body is just text."""
    repo = small_repo(tmp_path / "unit")
    assert publish_process(repo, env_for(emulator)).code == 0
    signed_commit(
        repo,
        "陈静",
        "chenjing@example.gov.cn",
        f"撤回：测试\n\nRetracts: {POST}\n这一行之后的段落才是提交说明的结尾。\n\n"
        "Signed-off-by: 陈静 <chenjing@example.gov.cn>\n",
    )
    with pytest.raises(GovmediaError, match="没有找到"):
        retract(repo, emulator)


def test_retraction_needs_a_reason(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    with pytest.raises(UsageError):
        retract(repo, emulator, reason="  ")


def test_retraction_closes_a_channel_still_pending(tmp_path: Path, emulator: Emulator) -> None:
    """A post retracted while its Weibo delivery is deferred is never sent to Weibo later."""
    repo = small_repo(tmp_path / "unit")
    # the hourly limit hit on the first Weibo call: the channel waits for the next window
    faults(emulator, {"path": "/2/statuses/share.json", "error": 10023, "times": 1})
    publish_process(repo, env_for(emulator))
    assert published(emulator)["weibo"] == []
    slug = "zhangshang-app-shangxian"
    assert not any(slug in s["text"] for s in published(emulator)["weibo"])
    assert any(slug in p["item"]["id"] for p in published(emulator)["app"])
    approve(repo, "陈静 <chenjing@example.gov.cn>")
    code, lines = retract(repo, emulator)
    assert code == 0, lines
    assert any(line.startswith("已关闭尚未发布的渠道") and "weibo" in line for line in lines)
    assert publish_process(repo, env_for(emulator)).code == 0
    after = published(emulator)
    assert after["weibo"], "the other posts go out in the next window"
    assert not any(slug in s["text"] for s in after["weibo"])
    assert not any(slug in p["item"]["id"] for p in after["app"])
    closed = [r for r in ledger_records(repo) if r["event"] == "retracted" and r["slug"] == slug]
    assert {r["channel"] for r in closed} >= {"weibo", "app", "wechat"}
