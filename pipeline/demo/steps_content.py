"""Demo steps: the unit's repository and the content check."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from pipeline import clock, git
from pipeline.checking import collect
from pipeline.errors import GovmediaError
from pipeline.findings import exit_code, format_text
from pipeline.precommit import install_pre_commit
from pipeline.project import Project

if TYPE_CHECKING:
    from pipeline.demo import DemoContext

# What a unit's content repository holds: data only. The code and the archive site's
# configuration come from the installed govmedia package (DESIGN.md, "Trust boundary").
UNIT_FILES = ("content",)
DEMO_OPERATOR = {
    "GIT_AUTHOR_NAME": "govmedia 演示",
    "GIT_AUTHOR_EMAIL": "demo@example.gov.cn",
    "GIT_COMMITTER_NAME": "govmedia 演示",
    "GIT_COMMITTER_EMAIL": "demo@example.gov.cn",
}


def prepare(ctx: DemoContext) -> None:
    if not (ctx.source / "content" / "posts").is_dir():
        raise GovmediaError(
            f"找不到示例内容：{ctx.source / 'content'}。请在 govmedia 源码仓库中运行演示。"
        )
    if ctx.repo.exists() or ctx.remote.exists():
        raise GovmediaError(f"工作目录 {ctx.workdir} 中已有演示数据：请换一个空目录（--workdir）。")
    ctx.repo.mkdir(parents=True)
    for name in UNIT_FILES:
        src = ctx.source / name
        if src.is_dir():
            shutil.copytree(src, ctx.repo / name)
        elif src.is_file():
            shutil.copy2(src, ctx.repo / name)
    from pipeline.demo.steps_history import timeline_of

    # the sample year is replayed at its own dates (timeline.py): the repository starts
    # with the unit's configuration; the posts are written and reviewed month by month
    timeline = timeline_of(ctx.repo)
    ctx.data["timeline"] = timeline
    ctx.set_time(timeline.start)
    env = {**DEMO_OPERATOR, **clock.git_dates()}
    git.run(["init", "-q", "-b", "main"], cwd=ctx.repo)
    git.run(["config", "user.name", DEMO_OPERATOR["GIT_AUTHOR_NAME"]], cwd=ctx.repo)
    git.run(["config", "user.email", DEMO_OPERATOR["GIT_AUTHOR_EMAIL"]], cwd=ctx.repo)
    git.run(["add", "-A", "--", ".", ":!content/posts"], cwd=ctx.repo)
    git.run(["commit", "-q", "-m", "Import the unit's configuration"], cwd=ctx.repo, env=env)
    git.run(["init", "-q", "--bare", "-b", "main", str(ctx.remote)], cwd=ctx.workdir)
    git.run(["remote", "add", "origin", str(ctx.remote)], cwd=ctx.repo)
    git.run(["push", "-q", "origin", "main"], cwd=ctx.repo)
    posts = len(list((ctx.repo / "content" / "posts").rglob("*.md")))
    ctx.say(
        f"  内容仓库：{ctx.repo}（{timeline.start:%Y-%m-%d} 建立：账号台账、名册、规则；"
        f"{posts} 篇示例文章在第 5 步按各自日期重放起草与三审）"
    )
    ctx.say(f"  本地 git 服务器（裸仓库）：{ctx.remote}")
    hook = install_pre_commit(ctx.repo)
    ctx.say(f"  已在内容仓库安装提交前检查：{hook.relative_to(ctx.repo)}")
    ctx.say("    编辑在自己的电脑上克隆后运行一次：govmedia install-pre-commit")


def check(ctx: DemoContext) -> None:
    posts, findings = collect(Project(ctx.repo))
    code = exit_code(findings)
    errors = sum(1 for f in findings if f.severity == "error" and f.waived is None)
    warnings = sum(1 for f in findings if f.severity == "warning" and f.waived is None)
    ctx.say(f"  已检查 {len(posts)} 篇文章：{errors} 个错误，{warnings} 个警告。")
    if code != 0:
        ctx.say(format_text(findings))
        raise GovmediaError("示例内容未通过检查，演示中止。")
