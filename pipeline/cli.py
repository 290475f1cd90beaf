"""Argument parsing only: dispatches to ``pipeline.commands``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from pipeline import __version__, cli_zh
from pipeline.commands import discover
from pipeline.errors import GovmediaError
from pipeline.platforms.errors import PlatformError
from pipeline.redact import install_log_redaction, scrub


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"govmedia: 参数错误：{message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    cli_zh.install()
    parser = _Parser(
        prog="govmedia",
        description="政务新媒体内容发布流水线：检查、三审、发布、归档与台账。",
    )
    parser.add_argument(
        "--version", action="version", version=f"govmedia {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    args = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in args if not a.startswith("-")), None)
    for module in discover(only=first):
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    install_log_redaction()
    try:
        return int(args._run(args))
    except GovmediaError as exc:
        print(f"govmedia: {scrub(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except PlatformError as exc:
        print(f"govmedia: {scrub(str(exc))}（处理：{exc.action}）", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("govmedia: 已中断。", file=sys.stderr)
        return 130
    except Exception as exc:  # no traceback: it could quote a platform reply or a secret
        print(
            f"govmedia: 内部错误（{type(exc).__name__}），操作未完成；详细信息可能含凭据，"
            "已隐藏。请管理员设置 GOVMEDIA_DEBUG=1 后在安全环境中重现。",
            file=sys.stderr,
        )
        if os.environ.get("GOVMEDIA_DEBUG") == "1":
            raise
        return 70


if __name__ == "__main__":
    raise SystemExit(main())
