"""Demo step: the content rules stop a bad draft before it reaches a reviewer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline import git
from pipeline.checking import collect
from pipeline.demo.steps_content import DEMO_OPERATOR
from pipeline.errors import GovmediaError
from pipeline.findings import exit_code, format_text
from pipeline.project import Project

if TYPE_CHECKING:
    from pipeline.demo import DemoContext

DRAFT = "content/posts/2026/11/caogao-weigui-shili.md"
DRAFT_TEXT = """---
title: 转发抽奖！关注本号送好礼
date: 2026-11-26
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat, weibo]
---

我觉得这次整改简直离谱！！！
有事请联系王科长，手机13912345678。
来玩 d u b o，日赚千元；法.轮.功学员请私信。
公众号后台登录密码：Yks@2026gov。
听说城东区有个大领导卷了几个亿跑到国外去了，官方一直在瞒，大家快转。
"""


def bad_draft(ctx: DemoContext) -> None:
    """Write a draft full of violations (some obfuscated), check it, then discard it."""
    path = ctx.repo / DRAFT
    path.write_text(DRAFT_TEXT, encoding="utf-8")
    try:
        _, findings = collect(Project(ctx.repo), [path])
    finally:
        path.unlink()
    if exit_code(findings) != 1 or not any(f.rule.startswith("A9-") for f in findings):
        raise GovmediaError("内容规则没有拦下违规草稿，演示中止。")
    ctx.say(f"  一篇违规草稿（{DRAFT}）在提交前被拦下：")
    for line in format_text(findings).splitlines():
        ctx.say(f"    {line}")
    if any(f.rule.startswith("S") for f in findings):
        ctx.say(
            "  [S…] 是语义模型的警告：句中没有违禁词，模型按意思指出可疑的句子和条目，供审核人核实。"
        )
    refused, output = _commit_draft(ctx)
    if not refused:
        raise GovmediaError("提交前检查没有拒绝违规草稿：内容仓库的 pre-commit 钩子没有生效。")
    ctx.say("  编辑试图提交这篇草稿：提交前检查（.git/hooks/pre-commit）拒绝了提交：")
    for line in output.splitlines()[-3:]:
        ctx.say(f"    {line}")
    ctx.say("  草稿已丢弃，审核人看不到这样的稿件。")


def _commit_draft(ctx: DemoContext) -> tuple[bool, str]:
    """``git commit`` of the draft through the clone's own hook; True when refused."""
    path = ctx.repo / DRAFT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DRAFT_TEXT, encoding="utf-8")
    try:
        git.run(["add", DRAFT], cwd=ctx.repo)
        code, out, err = git.run(
            ["commit", "-q", "-m", "Draft"], cwd=ctx.repo, env=DEMO_OPERATOR, check=False
        )
    finally:
        git.run(["reset", "-q", "--", DRAFT], cwd=ctx.repo, check=False)
        path.unlink(missing_ok=True)
    if code == 0:
        git.run(["reset", "-q", "--hard", "HEAD~1"], cwd=ctx.repo)
    return code != 0, (out + err).decode("utf-8", "replace").strip()
