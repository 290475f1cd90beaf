"""Argument parsing only: dispatches to ``pipeline.commands``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from pipeline import __version__, cli_zh
from pipeline.commands import discover
from pipeline.errors import GovmediaError
from pipeline.redact import install_log_redaction


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, as argparse's formatter asks for it, without
    importing ``shutil`` (and the compression modules it imports): ``COLUMNS`` when it is a
    positive number, else the width of the terminal of ``sys.__stdout__``, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return size.columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, its width found by :func:`terminal_columns` (a parser makes
    one for every argument it is given; argparse imports ``shutil`` for the width)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

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
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser(args_list)
        args = parser.parse_args(args_list)
        if not getattr(args, "_run", None):
            parser.print_help()
            return 2
        install_log_redaction()
        code = int(args._run(args))
        sys.stdout.flush()  # a closed pipe shows here, inside the handler
        return code
    except SystemExit:
        raise
    except BaseException as exc:  # the last line: never a traceback on the terminal
        if os.environ.get("GOVMEDIA_DEBUG") == "1" and not isinstance(exc, GovmediaError):
            raise
        from pipeline.error_handler import handle  # only on failure: not on every start

        return handle(exc, ["govmedia", *args_list])


if __name__ == "__main__":
    raise SystemExit(main())
