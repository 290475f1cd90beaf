"""Demo step: the sample year's editing and review, replayed at the posts' own dates.

Each month's posts are committed one by one by their authors, then approved by the three
reviewers in one signed batch per stage (``govmedia approve``), every commit dated on the
demo's clock (timeline.py); the year is pushed to the server once, whose pre-receive hook
verifies every commit of it. The server then publishes each post on its own date
(steps_publish.replay).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import git
from pipeline.content import parse_post
from pipeline.demo import timeline as tl
from pipeline.demo.steps_review import _push, _reviewer_env, signing_env
from pipeline.errors import GovmediaError
from pipeline.governance.workdays import WorkCalendar
from pipeline.project import POSTS_DIR
from pipeline.references import referenced_files
from pipeline.review.approve import approve
from pipeline.review.verify import review_posts

if TYPE_CHECKING:
    from pipeline.demo import DemoContext

BRANCH = "review/samples"


def timeline_of(repo: Path) -> tl.Timeline:
    """The replay's calendar for the sample posts in ``repo``'s working tree."""
    samples = []
    for path in sorted((repo / POSTS_DIR).rglob("*.md")):
        rel = path.relative_to(repo).as_posix()
        parsed = parse_post(rel, path.read_bytes())
        if parsed.post is None:
            raise GovmediaError(f"{rel}：示例文章无法解析，演示中止。")
        samples.append(tl.Sample(rel, parsed.post.date, parsed.post.author))
    if not samples:
        raise GovmediaError(f"{repo / POSTS_DIR} 中没有示例文章。")
    return tl.build(samples, WorkCalendar.for_project(repo).is_workday)


def _identity(author: str) -> tuple[str, str]:
    name, _, rest = author.partition("<")
    return name.strip(), rest.rstrip("> ").strip()


def _files(repo: Path, rel: str) -> list[str]:
    """The post and the files it pulls in (cover, images): committed together."""
    text = (repo / rel).read_text(encoding="utf-8")
    return [rel, *(r.path for r in referenced_files(rel, text) if r.ok and r.path)]


def reviews(ctx: DemoContext) -> None:
    timeline: tl.Timeline = ctx.data["timeline"]
    git.run(["checkout", "-q", "-b", BRANCH], cwd=ctx.repo)
    posts: list[str] = []
    for batch in timeline.batches:
        paths = []
        for sample, drafted in batch.drafts:
            ctx.set_time(drafted)
            git.run(["add", "--", *_files(ctx.repo, sample.path)], cwd=ctx.repo)
            # checked in step 2; the server verifies the push
            git.run(
                ["commit", "-q", "--no-verify", "-m", f"Draft {sample.path}"],
                cwd=ctx.repo,
                env=signing_env(*_identity(sample.author), None),
            )
            paths.append(sample.path)
        names = []
        for stage, when in zip((1, 2, 3), batch.stages, strict=True):
            ctx.set_time(when)
            result = approve(
                ctx.repo, [str(ctx.repo / p) for p in paths], stage, env=_reviewer_env(ctx, stage)
            )
            names.append(f"{when:%m-%d %H:%M} {result.person.name}")
        first = batch.drafts[0][1]
        ctx.say(
            f"  {batch.label}：{len(paths)} 篇，{first:%m-%d %H:%M} 起由作者起草；"
            + "，".join(f"{n}（{s}）" for s, n in zip(("初审", "复审", "终审"), names, strict=True))
        )
        posts += paths
    ok, message = _push(ctx, BRANCH)
    if not ok:
        raise GovmediaError("审核提交推送被拒绝：\n" + message)
    git.run(["checkout", "-q", "main"], cwd=ctx.repo)
    git.run(["merge", "-q", "--ff-only", BRANCH], cwd=ctx.repo)
    ready = sum(r.publishable for r in review_posts(ctx.repo, posts, "main"))
    ctx.say(
        f"  一次推送到服务器，钩子逐个核验全部 {len(posts)} 篇的起草与签名审核提交。"
        f"推送成功。main 上 {ready}/{len(posts)} 篇示例文章已完成三审，可以发布"
        "（日期未到的为定时发布）。"
    )
    if ready != len(posts):
        raise GovmediaError("示例文章未全部完成三审，演示中止。")
    ctx.data["review"]["approved_posts"] = posts
