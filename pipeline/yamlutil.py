"""YAML loading with line numbers, for the unit's files (posts, accounts, roster, rules)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from pipeline.yaml_zh import translate


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader (libyaml's when available: the pre-commit path parses the registry and
    roster on every run) that keeps dates as strings, so we validate them with a line."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Located:
    """A loaded YAML document plus the 1-based line of every key and item, by path."""

    data: Any
    lines: dict[tuple[object, ...], int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)

    def line(self, *path: object, default: int = 1) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, column: int, problem: str) -> None:
        self.line = line
        self.column = column
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


def _walk(node: yaml.Node, path: tuple[object, ...], offset: int, out: Located) -> None:
    out.lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in seen:
                out.duplicates.append((str(key), key_node.start_mark.line + 1 + offset))
            seen.add(key)
            out.lines[(*path, key)] = key_node.start_mark.line + 1 + offset
            _walk(value_node, (*path, key), offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out.lines[(*path, index)] = item.start_mark.line + 1 + offset
            _walk(item, (*path, index), offset, out)


def load(text: str, *, line_offset: int = 0) -> Located:
    """Parse one YAML document; dates stay strings. Raises YamlSyntaxError."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        column = mark.column + 1 if mark else 1
        raise YamlSyntaxError(line, column, translate(exc.context, exc.problem)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1 + line_offset, 1, translate(None, str(exc))) from None
    located = Located(data)
    if node is not None:
        _walk(node, (), line_offset, located)
    return located


def load_mapping(text: str, rel: str, fields: str) -> Located:
    """Parse a unit configuration file whose top level must be a mapping.

    Raises ConfigError naming ``rel`` and the line; ``fields`` lists the expected
    top-level fields for the message (e.g. "stages、people").
    """
    from pipeline.errors import ConfigError

    try:
        located = load(text.lstrip("\ufeff").replace("\r\n", "\n"))
    except YamlSyntaxError as exc:
        raise ConfigError(
            f"{rel}:{exc.line}:{exc.column}: YAML 语法错误（第 {exc.line} 行第 {exc.column} 列）："
            f"{exc.problem}"
        ) from None
    if not isinstance(located.data, dict):
        raise ConfigError(f"{rel}:1: 顶层应为映射（{fields}）。")
    return located


def parse_date(value: object) -> dt.date | None:
    """A YAML date field (kept as text by the loader), or None when absent or invalid."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
