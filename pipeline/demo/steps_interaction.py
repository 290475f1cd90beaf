"""Demo step: citizen interaction (第十二条) — citizens comment, the inbox fetches and routes
them, a reply and a hide order are reviewed (初审 editor, 终审 chief editor) and pushed,
sent once through the platforms, and the report shows the interaction figures."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import git, proc
from pipeline.errors import GovmediaError
from pipeline.ledger_signing import ENV_NAME as PUBLISHER_KEY_ENV
from pipeline.review.approve import approve

if TYPE_CHECKING:
    from pipeline.demo import DemoContext

QUESTION = "请问社保卡丢了怎么补办？需要本人去大厅吗？"
BAD = "出售枪支弹药，联系QQ"
MESSAGE = "请问办理居住证需要哪些材料？"  # a direct message in the app
ANSWER = "您好，社保卡挂失补办可在政务服务大厅3号窗口当场办理，请携带本人身份证；也可在掌上政务服务APP申请邮寄。"
REVIEW = {1: ("张伟", "zhangwei@example.gov.cn"), 3: ("李强", "liqiang@example.gov.cn")}


def _govmedia(ctx: DemoContext, *args: str, show: bool = True) -> tuple[int, str]:
    code, out, err = proc.run(
        [sys.executable, "-m", "pipeline", *args], cwd=ctx.repo, env=ctx.env, check=False
    )
    text = (out + err).decode("utf-8", "replace").strip()
    if show:
        ctx.say("  $ govmedia " + " ".join(args))
        for line in text.splitlines():
            ctx.say("    " + line)
    return code, text


def _must(ctx: DemoContext, *args: str) -> str:
    code, text = _govmedia(ctx, *args)
    if code != 0:
        raise GovmediaError(f"govmedia {' '.join(args)} 失败：{text}")
    return text


def _write(ctx: DemoContext, rel: str, front: str, body: str) -> None:
    target = ctx.repo / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


def interaction(ctx: DemoContext) -> None:
    url = _start(ctx)
    _plant(ctx, url)
    question, bad = _fetch(ctx)
    ctx.advance(hours=3, minutes=20)  # the department answers in the afternoon (demo clock)
    today = ctx.today()
    reply, hide = _write_answers(ctx, today, question, bad)
    _review(ctx, reply, hide)
    ctx.say("  初审（责任编辑）与终审（总编辑）后推送成功。发送（每件只发送一次，记入台账）：")
    _must(ctx, "inbox", "send", "--commit")
    _must(ctx, "inbox", "send", "--commit")
    _must(ctx, "inbox", "status")
    _report(ctx, today.year)


def _start(ctx: DemoContext) -> str:
    """The emulator's URL, with the inbox salt and the publisher's key set in the demo's env."""
    emulator = ctx.data.get("emulator")
    if emulator is None:
        raise GovmediaError("平台模拟器没有启动：网民互动演示需要先运行发布步骤。")
    ctx.env.setdefault("GOVMEDIA_INTERACTION_SALT", secrets.token_hex(16))
    # fetch and send run as the publisher (on a real unit: on the server), whose key signs
    # the inbox and ledger commits, so the unit's clone is left with nothing uncommitted
    keys = ctx.data["review"]["keys"]
    key_dir = Path(next(iter(keys.values()))["private"]).parent
    ctx.env.setdefault(PUBLISHER_KEY_ENV, str(key_dir / "publisher_ed25519"))
    return str(emulator.url)


def _plant(ctx: DemoContext, url: str) -> None:
    """Citizens comment on Weibo (a question and an illegal offer) and message the app."""
    ctx.say("  网民在微博上留言（一行命令，可随时手动运行）：")
    for text in (QUESTION, BAD):
        _must(ctx, "emulate", "--plant", "comment", "--platform", "weibo", "--text", text,
              "--url", url)  # fmt: skip
    _must(ctx, "emulate", "--plant", "message", "--platform", "app", "--text", MESSAGE,
          "--url", url)  # fmt: skip


def _fetch(ctx: DemoContext) -> tuple[str, str]:
    """The inbox fetches and shows them; the ids of the question and of the violation."""
    _must(ctx, "inbox", "fetch", "--commit")
    _must(ctx, "inbox", "status")
    _, listing = _govmedia(ctx, "inbox", "status", "--format", "json", show=False)
    rows = json.loads(listing)
    question = next(r["item"] for r in rows if r["category"] == "question")
    bad = next(r["item"] for r in rows if r["category"] == "violation")
    return question, bad


def _write_answers(ctx: DemoContext, today: dt.date, question: str, bad: str) -> tuple[str, str]:
    """The author writes the reply and the hide order on a branch and commits them, signed;
    their paths."""
    from pipeline.demo.steps_review import AUTHOR, signing_env

    reply = f"content/replies/{today:%Y/%m}/shebaoka-buban.md"
    hide = f"content/moderation/{today:%Y/%m}/qiangzhi-guanggao.md"
    author = f"{AUTHOR[0]} <{AUTHOR[1]}>"
    git.run(["checkout", "-q", "-b", "reply/shebaoka", "main"], cwd=ctx.repo)
    _write(ctx, reply, f"item: {question}\nauthor: {author}\ndate: {today}\npublic: true\n", ANSWER)
    _write(
        ctx,
        hide,
        f"item: {bad}\naction: hide\nreason: 含违禁物品买卖信息（A9-07）\nauthor: {author}\ndate: {today}\n",
        "",
    )
    git.run(["add", reply, hide], cwd=ctx.repo)
    git.run(
        ["commit", "-q", "-m", "Reply to a citizen; hide an illegal comment"],
        cwd=ctx.repo,
        env=signing_env(*AUTHOR, None),
    )
    ctx.say(f"  王芳写好回复 {reply} 和隐藏指令 {hide}（须写明理由）。")
    return reply, hide


def _review(ctx: DemoContext, reply: str, hide: str) -> None:
    """Refused unreviewed, pushed after both reviews, then merged into the clone's main."""
    from pipeline.demo.steps_review import _push, signing_env

    ok, message = _push(ctx, "reply/shebaoka")
    if ok:
        raise GovmediaError("未审核的回复被服务器接受了：演示中止。")
    ctx.say("  未审核就推送：服务器拒绝（先审后发，回复与隐藏同样适用）：")
    ctx.say("\n".join(message.splitlines()[:4]))
    keys = ctx.data["review"]["keys"]
    for stage, (name, email) in REVIEW.items():
        env = signing_env(name, email, Path(keys[name]["private"]))
        result = approve(ctx.repo, [str(ctx.repo / reply), str(ctx.repo / hide)], stage, env=env)
        ctx.say(f"  {result.subject}（{result.person.ident}，签名提交 {result.commit[:10]}）")
    ok, message = _push(ctx, "reply/shebaoka")
    if not ok:
        raise GovmediaError("审核后的回复推送被拒绝：\n" + message)
    git.run(["checkout", "-q", "main"], cwd=ctx.repo)
    git.run(["merge", "-q", "--ff-only", "reply/shebaoka"], cwd=ctx.repo)


def _report(ctx: DemoContext, year: int) -> None:
    """The year's assessment counts the answer and the hidden comment; its section shown."""
    from pipeline.governance.period import parse_year
    from pipeline.governance.period import today as local_today
    from pipeline.governance.report import build_report
    from pipeline.interaction.report_section import markdown

    report = build_report([ctx.repo], parse_year(str(year)), local_today())
    figures = report.units[0].interaction
    if figures is None or figures.answered != 1 or figures.hidden != 1:
        raise GovmediaError("年度考核中的网民互动数字与演示不符。")
    ctx.say("  年度考核（govmedia report）中的网民互动部分：")
    for line in markdown(figures):
        if line:
            ctx.say("    " + line)


STEPS = [("网民互动：留言 → 收件箱 → 回复审核发送 → 违规评论经批准隐藏（第十二条）", interaction)]
