"""Demo steps: the loopback emulators, publishing from the pushed main, the ledger, a rerun."""

from __future__ import annotations

import importlib.util
import json
import secrets
import shlex
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from pipeline import git, proc
from pipeline.emulators import EmulatorConfig, account_settings, start_emulator
from pipeline.errors import GovmediaError
from pipeline.ledger import Ledger
from pipeline.ledger_names import event_summary
from pipeline.publishing import hook

if TYPE_CHECKING:
    from pipeline.demo import DemoContext

DEMO_SITE_URL = "http://127.0.0.1:8000/"
EMULATOR_DIR = "emulator"
CHANNEL_NAMES = {"wechat": "微信公众号", "weibo": "微博", "app": "客户端"}


def start_emulators(ctx: DemoContext) -> None:
    creds = {
        "GOVMEDIA_WECHAT_APPID": "wxdemo" + secrets.token_hex(6),
        "GOVMEDIA_WECHAT_SECRET": secrets.token_hex(16),
        "GOVMEDIA_WEIBO_TOKEN": "2.00" + secrets.token_hex(14),
        "GOVMEDIA_APP_HMAC_KEY": secrets.token_hex(24),
    }
    folder = ctx.workdir / EMULATOR_DIR
    folder.mkdir(parents=True, exist_ok=True)
    emulator = start_emulator(
        config=EmulatorConfig(
            wechat_appid=creds["GOVMEDIA_WECHAT_APPID"],
            wechat_secret=creds["GOVMEDIA_WECHAT_SECRET"],
            weibo_token=creds["GOVMEDIA_WEIBO_TOKEN"],
            app_key=creds["GOVMEDIA_APP_HMAC_KEY"],
        ),
        state_path=folder / "state.json",
    )
    ctx.cleanups.append(emulator.stop)
    ctx.data["emulator"] = emulator
    ctx.env.update(creds)
    ctx.env.update(
        {
            "GOVMEDIA_WECHAT_API": emulator.url,
            "GOVMEDIA_WEIBO_API": emulator.url,
            "GOVMEDIA_APP_PUSH": emulator.app_push_url,
            "GOVMEDIA_SITE_URL": ctx.env.get("GOVMEDIA_SITE_URL", DEMO_SITE_URL),
            "GOVMEDIA_POLL_INTERVAL": "0.2",
            # the operator's real IP, which Weibo's statuses/share requires (loopback here)
            "GOVMEDIA_WEIBO_RIP": "127.0.0.1",
            # the accounts the replies' links must name (the emulators' own): binding on
            **account_settings(),
        }
    )
    ctx.set_time(ctx.now())  # the emulators' clock: the demo's (the sample year's)
    _write_settings(ctx, emulator.server.server_address[1])
    ctx.say(f"  平台模拟器（本机回环）：{emulator.url}；状态保存在 {folder}")
    ctx.say(f"  模拟器时钟与演示时钟一致：现在是 {ctx.now():%Y-%m-%d %H:%M}（北京时间）")
    ctx.say("  已为本次演示生成一次性凭据并写入环境变量（不显示、不写入仓库）：")
    ctx.say("    " + "、".join(sorted(creds)))


def _write_settings(ctx: DemoContext, port: int) -> None:
    """The demo's emulator settings, kept in the working folder (the emulator's throwaway
    credentials only, never a real platform's) so the emulators can be restarted by hand."""
    keys = [k for k in ctx.env if k.startswith("GOVMEDIA_")]
    lines = "".join(f"{k}={ctx.env[k]}\n" for k in sorted(keys))
    settings = ctx.workdir / EMULATOR_DIR / "demo.env"
    settings.write_text(lines, encoding="utf-8")
    settings.chmod(0o600)
    ctx.data["emulator_port"] = port


def restart_command(workdir: Path, port: int) -> str:
    """The one command that restarts the demo's emulators with their saved state."""
    folder = workdir / EMULATOR_DIR
    return (
        f"env $(cat {shlex.quote(str(folder / 'demo.env'))}) {shlex.quote(sys.executable)} "
        f"-m pipeline emulate --port {port} --state {shlex.quote(str(folder / 'state.json'))}"
    )


def _published(ctx: DemoContext) -> dict[str, list]:
    emulator = ctx.data["emulator"]
    return httpx.get(emulator.url + "/_emulator/published", timeout=10).json()


def _publish(ctx: DemoContext) -> tuple[int, str]:
    """Publish on the server side, as after a push: the post-receive hook's own code
    (``python -I -m pipeline.publishing.hook --rerun`` on the bare repository: the installed
    govmedia) with the emulators' settings in its environment; then the editor's clone
    pulls the ledger."""
    code, out, err = proc.run(
        [sys.executable, "-I", "-m", "pipeline.publishing.hook", "--rerun"],
        cwd=ctx.remote,
        env={**ctx.env, "GIT_DIR": str(ctx.remote)},
        check=False,
    )
    git.run(["pull", "-q", "--ff-only", "origin", "main"], cwd=ctx.repo, check=False)
    return code, (out + err).decode("utf-8", "replace").strip()


def _review_available() -> bool:
    return importlib.util.find_spec("pipeline.review.verify") is not None


def _deliveries_once(ctx: DemoContext) -> Counter:
    """Emulator contents per platform, after checking that nothing arrived twice."""
    pub = _published(ctx)
    keys = [("wechat", a["title"]) for a in pub["wechat"]]
    keys += [("weibo", s["text"].rsplit(" ", 1)[-1]) for s in pub["weibo"]]
    keys += [("app", p["item"]["id"]) for p in pub["app"]]
    twice = [k for k, n in Counter(keys).items() if n > 1]
    if twice:
        raise GovmediaError(f"平台上出现了重复发布：{twice[:3]}")
    return Counter({k: len(v) for k, v in pub.items()})


def _run(ctx: DemoContext) -> str:
    code, text = _publish(ctx)
    for line in text.splitlines():
        if line.startswith(
            ("已发布", "失败", "推迟", "本次运行", "发布台账", "定时发布", "govmedia：")
        ):
            ctx.say("  " + line)
    if code != 0 and ("失败：" in text or "本次运行" not in text):
        raise GovmediaError(f"发布未成功（退出码 {code}）：\n{text[-2000:]}")
    return text


def publish(ctx: DemoContext) -> None:
    if not _review_available():
        ctx.say("  三审核验模块尚未安装：没有文章能被确认通过三审，本步骤不发布任何内容。")
        ctx.data["publish_skipped"] = True
        return
    text = _run(ctx)
    counts = _deliveries_once(ctx)
    ctx.data["published_counts"] = counts
    ctx.say(
        "  模拟器收到："
        + "，".join(f"{CHANNEL_NAMES[k]} {counts.get(k, 0)} 条" for k in CHANNEL_NAMES)
    )
    if "推迟" in text:
        ctx.say(
            "  微博每个账号每小时约可发 30 条：超出的部分记为推迟，在下一个时间窗口的运行中续发。"
        )


def replay(ctx: DemoContext) -> None:
    """The server publishes each sample post on its own date: the publisher's own run
    (``govmedia publish`` in the server's work clone, with the post-receive hook's
    environment), once per date on the emulators' clock (pipeline/demo/replay.py); the
    year's ledger commits are pushed once at the end."""
    if not _review_available():
        ctx.say("  三审核验模块尚未安装：没有文章能被确认通过三审，本步骤不发布任何内容。")
        ctx.data["publish_skipped"] = True
        return
    runs = ctx.data["timeline"].runs
    server = {**hook.server_env(ctx.remote), **ctx.env}
    work = hook.prepare_work(ctx.remote, hook.step_env(server), hook.rebase_signing(server))
    code, out, err = proc.run(
        [sys.executable, "-I", "-m", "pipeline.demo.replay", *(r.isoformat() for r in runs)],
        cwd=work,
        env=hook.step_env(server, publish=True),
        inherit_env=False,
        check=False,
    )
    text = (out + err).decode("utf-8", "replace").strip()
    for line in text.splitlines():
        ctx.say("  " + line)
    if code != 0:
        raise GovmediaError(f"按日期重放发布未成功（退出码 {code}）。")
    git.run(["pull", "-q", "--ff-only", "origin", "main"], cwd=ctx.repo, check=False)
    ctx.data["published_counts"] = _deliveries_once(ctx)


def show_ledger(ctx: DemoContext) -> None:
    if ctx.data.get("publish_skipped"):
        ctx.say("  发布台账为空（本次演示未发布）。")
        return
    ledger = Ledger(ctx.repo / "ledger")
    records = list(ledger.records())
    events = Counter(r.event for r in records)
    ctx.say(f"  ledger/ 中共 {len(records)} 条记录：" + event_summary(events))
    for record in [r for r in records if r.event == "published"][:3]:
        ctx.say(
            "  "
            + json.dumps(
                {
                    "event": record.event,
                    "slug": record.slug,
                    "channel": record.channel,
                    "platform_id": record.platform_id,
                    "url": record.url,
                    "stages": [s["by"] for s in record.detail.get("review", {}).get("stages", [])],
                },
                ensure_ascii=False,
            )
        )
    last = git.out(
        ["log", "-1", "--format=%h %s", "--grep=^Ledger:", "origin/main"], cwd=ctx.repo
    ).strip()
    ctx.say(f"  台账随仓库提交并推送：{last}")


def publish_again(ctx: DemoContext) -> None:
    if ctx.data.get("publish_skipped"):
        ctx.say("  跳过（本次演示未发布）。")
        return
    before = ctx.data["published_counts"]
    code, text = _publish(ctx)
    summary = [line for line in text.splitlines() if line.startswith("本次运行")]
    ctx.say("  " + (summary[0] if summary else text[-200:]))
    after = _deliveries_once(ctx)
    if code != 0 or after != before:
        raise GovmediaError("再次运行改变了平台上的内容：发布不是恰好一次。")
    ctx.say(
        "  平台上的内容没有变化（"
        + "，".join(f"{CHANNEL_NAMES[k]} {after.get(k, 0)} 条" for k in CHANNEL_NAMES)
        + "）：没有任何文章被重复发布。"
    )


# the sample year, on the emulators' clock
HISTORY = [
    ("启动平台模拟器（govmedia emulate，本机回环）", start_emulators),
    (
        "重放示例年度：服务器在每篇文章的日期发布到微信公众号、微博与客户端（govmedia publish）",
        replay,
    ),
    ("查看发布台账（ledger/，随 git 提交）", show_ledger),
]
# the demo's today
PRESENT = [
    ("服务器发布今天推送的新文章（post-receive → govmedia publish）", publish),
    ("再次运行发布：不重复发布", publish_again),
]
