"""``govmedia emulate``: loopback emulators of the WeChat, Weibo and app APIs."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.emulators.server import make_server
from pipeline.emulators.state import EmulatorConfig

NAME = "emulate"
HELP = "启动微信公众号、微博与客户端接口的本机模拟器（仅监听回环地址，直到按 Ctrl-C）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="监听地址（只允许回环地址）")
    parser.add_argument("--port", type=int, default=8765, help="端口（0 表示随机空闲端口）")
    parser.add_argument("--state", type=Path, help="把模拟器状态保存到此 JSON 文件（重启后继续）")
    parser.add_argument("--weibo-hourly-limit", type=int, default=30, help="微博每小时发布上限")
    parser.add_argument("--wechat-daily-limit", type=int, help="公众号每日发布次数上限（默认不限）")


def run(args: argparse.Namespace) -> int:
    config = EmulatorConfig.from_env()
    config.weibo_hourly_limit = args.weibo_hourly_limit
    config.wechat_daily_limit = args.wechat_daily_limit
    emulator = make_server(args.host, args.port, config, args.state)
    print(f"平台模拟器已启动：{emulator.url}", flush=True)
    print(f"  GOVMEDIA_WECHAT_API={emulator.url}", flush=True)
    print(f"  GOVMEDIA_WEIBO_API={emulator.url}", flush=True)
    print(f"  GOVMEDIA_APP_PUSH={emulator.app_push_url}", flush=True)
    print(f"  已接收内容：{emulator.url}/_emulator/published", flush=True)
    if not (config.wechat_appid and config.weibo_token and config.app_key):
        print("  注意：未设置全部凭据环境变量，缺少的平台将拒绝所有请求。", flush=True)
    try:
        emulator.server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        emulator.server.server_close()
    return 0
