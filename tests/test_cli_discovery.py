"""The CLI imports only the command it runs (pre-commit speed), and all for help."""

from __future__ import annotations

import argparse

from pipeline.cli import build_parser


def commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def test_only_the_named_command_is_loaded() -> None:
    assert commands(build_parser(["check", "content/posts/x.md"])) == {"check"}


def test_every_command_for_help_or_an_unknown_name() -> None:
    everything = commands(build_parser([]))
    assert {"check", "demo"} <= everything and len(everything) > 2
    assert commands(build_parser(["--help"])) == everything
    assert commands(build_parser(["nosuch"])) == everything
