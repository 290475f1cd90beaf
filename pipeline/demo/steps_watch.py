"""Demo steps: the account watch (govmedia watch) — clean after publishing, an outside post
planted in the emulator and caught, the plant undone, and the final clean watch."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from pipeline import git, proc
from pipeline.errors import GovmediaError

if TYPE_CHECKING:
    from pipeline.demo import DemoContext


def _govmedia(ctx: DemoContext, *args: str) -> tuple[int, str]:
    code, out, err = proc.run(
        [sys.executable, "-m", "pipeline", *args], cwd=ctx.repo, env=ctx.env, check=False
    )
    return code, (out + err).decode("utf-8", "replace").strip()


def _emulator_url(ctx: DemoContext) -> str:
    emulator = ctx.data.get("emulator")
    if emulator is None:
        raise GovmediaError("平台模拟器没有启动：值班监看需要先运行发布步骤。")
    return str(emulator.url)


def _watch(ctx: DemoContext, expect: int) -> str:
    code, text = _govmedia(ctx, "watch")
    for line in text.splitlines():
        ctx.say("  " + line)
    if code != expect:
        raise GovmediaError(f"govmedia watch 的退出码是 {code}，预期 {expect}。")
    return text


def watch_clean(ctx: DemoContext) -> None:
    # the ledger the server's publishing run committed and pushed
    git.run(["pull", "-q", "--ff-only", "origin", "main"], cwd=ctx.repo, env=ctx.env, check=False)
    ctx.say("  $ govmedia watch")
    _watch(ctx, 0)
    ctx.say("  退出码 0：各账号显示的内容都来自本流水线，且与审核通过的文字一致。")


def watch_catch(ctx: DemoContext) -> None:
    url = _emulator_url(ctx)
    line = f"govmedia emulate --plant outside --url {url}"
    ctx.say("  模拟有人绕过流水线直接在微博上发了一条（一行命令，可在演示中随时手动运行）：")
    ctx.say(f"  $ {line}")
    code, text = _govmedia(ctx, "emulate", "--plant", "outside", "--url", url)
    if code != 0:
        raise GovmediaError(f"无法在模拟器上制造站外发布：{text}")
    for out in text.splitlines():
        ctx.say("  " + out)
    ctx.say("  $ govmedia watch")
    found = _watch(ctx, 1)
    if "[未经流水线发布]" not in found:
        raise GovmediaError("值班监看没有发现模拟器上的站外发布。")
    ctx.say("  退出码 1：已发现站外发布（配置 GOVMEDIA_WATCH_WEBHOOK 时同时发送签名告警）。")
    ctx.say(f"  撤销演示中制造的异常：$ govmedia emulate --unplant --url {url}")
    code, text = _govmedia(ctx, "emulate", "--unplant", "--url", url)
    if code != 0:
        raise GovmediaError(f"无法撤销模拟器上制造的异常：{text}")
    ctx.say("  " + text.splitlines()[-1])
    ctx.data["watch_url"] = url


def watch_final(ctx: DemoContext) -> None:
    url = ctx.data.get("watch_url") or _emulator_url(ctx)
    ctx.say("  $ govmedia watch")
    _watch(ctx, 0)
    ctx.say("  演示结束时各账号与发布台账一致（退出码 0）。")
    ctx.say(
        f"  手动复现上面的站外发布：在运行中的模拟器（本次为 {url}，演示结束即停止）上执行"
        " govmedia emulate --plant outside --url <模拟器地址>，再运行 govmedia watch。"
    )


# After the publishing steps: a clean watch, then the planted outside post caught and undone.
STEPS = [
    ("值班监看：发布后核对各账号（govmedia watch）", watch_clean),
    ("值班监看：制造一条站外发布并被发现（govmedia emulate --plant）", watch_catch),
]
# The demo's last step: the final clean watch.
FINAL = [("值班监看：最终核对，无异常（govmedia watch）", watch_final)]
