"""``govmedia emulate``: loopback emulators of the WeChat, Weibo and app APIs."""

from __future__ import annotations

import argparse
import errno
import signal
from pathlib import Path

from pipeline import argtypes
from pipeline.emulators.server import make_server
from pipeline.emulators.state import EmulatorConfig
from pipeline.errors import UsageError

NAME = "emulate"
HELP = "启动微信公众号、微博与客户端接口的本机模拟器（仅监听回环地址，直到按 Ctrl-C）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（只允许回环地址）")
    parser.add_argument(
        "--port", type=argtypes.port, default=8765, help="端口（0 表示随机空闲端口）"
    )
    parser.add_argument("--state", type=Path, help="把模拟器状态保存到此 JSON 文件（重启后继续）")
    parser.add_argument(
        "--weibo-hourly-limit", type=argtypes.positive_int, default=30, help="微博每小时发布上限"
    )
    parser.add_argument(
        "--wechat-daily-limit",
        type=argtypes.positive_int,
        help="公众号每日发布次数上限（默认不限）",
    )
    # Planting discrepancies in a RUNNING emulator for govmedia watch (pipeline/emulators/plant.py)
    parser.add_argument(
        "--plant",
        choices=("outside", "edit", "delete", "ban", "comment", "message"),
        help="不启动模拟器，而是在 --url 所指的运行中模拟器上制造一处异常（供 govmedia watch 演示）；"
        "comment：一条网民评论（--platform、--text，--id 为被评论的内容，默认最新一条）；"
        "message：一条网民私信（--platform、--text）",
    )
    parser.add_argument(
        "--unplant", action="store_true", help="撤销 --url 所指模拟器上制造的全部异常"
    )
    parser.add_argument("--url", default="http://127.0.0.1:8765", help="运行中模拟器的地址")
    parser.add_argument(
        "--platform",
        choices=("wechat", "weibo", "app"),
        help="--plant 的平台（默认微博；ban 为公众号）",
    )
    parser.add_argument(
        "--id", dest="plant_id", help="--plant edit/delete/ban 的目标 ID（默认最新一条）"
    )
    parser.add_argument("--text", help="--plant outside/edit 使用的文字")


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    if args.plant in ("comment", "message"):
        from pipeline.emulators.interaction_api import plant_comment_command

        return plant_comment_command(args)
    if args.plant or args.unplant:
        from pipeline.emulators.plant import plant_command

        return plant_command(args)
    config = EmulatorConfig.from_env()
    config.weibo_hourly_limit = args.weibo_hourly_limit
    config.wechat_daily_limit = args.wechat_daily_limit
    try:
        emulator = make_server(args.host, args.port, config, args.state)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"--port {args.port}：端口已被占用，请换一个端口（或用 0）。"
            ) from None
        if exc.errno == errno.EACCES:
            raise UsageError(
                f"--port {args.port}：没有权限监听该端口（1024 以下需管理员）。"
            ) from None
        raise
    print(f"平台模拟器已启动：{emulator.url}", flush=True)
    print(f"  GOVMEDIA_WECHAT_API={emulator.url}", flush=True)
    print(f"  GOVMEDIA_WEIBO_API={emulator.url}", flush=True)
    print(f"  GOVMEDIA_APP_PUSH={emulator.app_push_url}", flush=True)
    print(f"  已接收内容：{emulator.url}/_emulator/published", flush=True)
    if not (config.wechat_appid and config.weibo_token and config.app_key):
        print("  注意：未设置全部凭据环境变量，缺少的平台将拒绝所有请求。", flush=True)
    signal.signal(signal.SIGTERM, _stop)  # a stop by the service manager saves the state too
    try:
        emulator.server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.server.server_close()
        emulator.state.close()  # the last snapshot of --state
    return 0
