"""YAML loading with line numbers, for the unit's files (posts, accounts, roster, rules)."""

from __future__ import annotations

import copy
import datetime as dt
from collections import OrderedDict
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
STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_RESOLVER.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


# The first characters for which the resolver has a candidate type (it looks up by the
# first character; a None key would apply to every value).
_RESOLVED_FIRST = frozenset(_Loader.yaml_implicit_resolvers) - {""}
_RESOLVED_ALWAYS = None in _Loader.yaml_implicit_resolvers


_TAGS: dict[str, str] = {}  # plain_tag's answers (keys and dates recur), at most 4,096


def plain_tag(value: str) -> str:
    """The tag the loader gives ``value`` written as a plain scalar (``STR_TAG`` for text)."""
    if value and value[0] not in _RESOLVED_FIRST and not _RESOLVED_ALWAYS:
        return STR_TAG
    tag = _TAGS.get(value)
    if tag is None:
        if len(_TAGS) >= 4096:
            _TAGS.clear()
        tag = _TAGS[value] = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return tag


@dataclass(repr=False)
class Located:
    """A loaded YAML document plus the 1-based line and column of every key and item, by
    path (a key's position is where the key is written; an item's where the item starts)."""

    data: Any
    lines: dict[tuple[object, ...], int] = field(default_factory=dict)
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    columns: dict[tuple[object, ...], int] = field(default_factory=dict)
    # Each key written twice: (its path, the line and column of the second one).
    duplicate_at: list[tuple[tuple[object, ...], int, int]] = field(default_factory=list)

    def line(self, *path: object, default: int = 1) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)

    def column(self, *path: object) -> int:
        """The column of ``path`` (of its nearest written ancestor when it is absent)."""
        while path:
            if path in self.lines:
                return self.columns.get(path, 1)
            path = path[:-1]
        return self.columns.get((), 1)


class YamlSyntaxError(ValueError):
    def __init__(self, line: int, column: int, problem: str) -> None:
        self.line = line
        self.column = column
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


# Limits for every YAML document the project reads (front matter, accounts, roster, lexicons,
# calendars, settings). Aliases share one node, so a few lines of ``&a [*b, *b, ...]`` expand
# to billions of nodes in anything that walks the data: the expanded size is what is limited.
MAX_CHARS = 4_000_000
MAX_NODES = 100_000
MAX_DEPTH = 64


def _check_text(text: str, line_offset: int) -> None:
    if len(text) > MAX_CHARS:
        raise YamlSyntaxError(
            1 + line_offset, 1, f"YAML 文档过大（{len(text)} 个字符，上限 {MAX_CHARS}）"
        )


def _check_graph(node: yaml.Node, line_offset: int) -> None:
    """Refuse a document whose expanded tree (aliases followed) is too large or too deep.

    The expanded size of each node is counted once (memoised by node), so an alias bomb is
    measured in time linear in the text and refused, never expanded; a recursive alias
    (``&a [*a]``) is deeper than any limit and refused too.
    """
    sizes: dict[int, int] = {}

    def size(current: yaml.Node, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(
                current.start_mark.line + 1 + line_offset,
                current.start_mark.column + 1,
                f"YAML 嵌套超过 {MAX_DEPTH} 层（或别名引用了自身），已拒绝",
            )
        known = sizes.get(id(current))
        if known is not None:
            return known
        total = 1
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                total += size(key_node, depth + 1) + size(value_node, depth + 1)
        elif isinstance(current, yaml.SequenceNode):
            total += sum(size(item, depth + 1) for item in current.value)
        if total > MAX_NODES:
            raise YamlSyntaxError(
                current.start_mark.line + 1 + line_offset,
                current.start_mark.column + 1,
                f"YAML 展开后超过 {MAX_NODES} 个节点（别名 &/* 重复引用过多，疑似“别名炸弹”），已拒绝",
            )
        sizes[id(current)] = total
        return total

    size(node, 1)


def _compose(text: str, line_offset: int) -> tuple[yaml.Node | None, Any]:
    """Parse once: the node graph (checked against the limits) and the data built from it."""
    _check_text(text, line_offset)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_graph(node, line_offset)
        return node, loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        column = mark.column + 1 if mark else 1
        raise YamlSyntaxError(line, column, translate(exc.context, exc.problem)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1 + line_offset, 1, translate(None, str(exc))) from None
    except RecursionError:
        raise YamlSyntaxError(1 + line_offset, 1, "YAML 嵌套过深，已拒绝") from None
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: tuple[object, ...], offset: int, out: Located) -> None:
    """Record the position of every key and item (aliases followed: their paths count)."""
    if path not in out.lines:
        out.lines[path] = node.start_mark.line + 1 + offset
        out.columns[path] = node.start_mark.column + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in seen:
                line = key_node.start_mark.line + 1 + offset
                out.duplicates.append((str(key), line))
                out.duplicate_at.append(((*path, key), line, key_node.start_mark.column + 1))
            seen.add(key)
            out.lines[(*path, key)] = key_node.start_mark.line + 1 + offset
            out.columns[(*path, key)] = key_node.start_mark.column + 1
            _walk(value_node, (*path, key), offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            out.lines[(*path, index)] = item.start_mark.line + 1 + offset
            out.columns[(*path, index)] = item.start_mark.column + 1
            _walk(item, (*path, index), offset, out)


# The last documents loaded, by (text, line offset): a post's front matter is read by the
# post model and again by the inventory of files it pulls in, in the same run; the second
# read gets a copy of the first (never the same objects, so no reader sees another's
# changes). Small documents only, a few of them: this bounds the memory kept.
_RECENT: OrderedDict[tuple[str, int], Located] = OrderedDict()
RECENT_MAX = 8
RECENT_CHARS = 65_536


def load(text: str, *, line_offset: int = 0) -> Located:
    """Parse one YAML document; dates stay strings. Raises YamlSyntaxError, also for a
    document over the size, node or depth limits. The same text is parsed once (see
    ``_RECENT``): each call returns its own copy."""
    key = (text, line_offset)
    known = _RECENT.get(key)
    if known is None:
        node, data = _compose(text, line_offset)
        known = Located(data)
        if node is not None:
            _walk(node, (), line_offset, known)
        if len(text) > RECENT_CHARS:
            return known
        _RECENT[key] = known
        while len(_RECENT) > RECENT_MAX:
            _RECENT.popitem(last=False)
    return Located(
        copy.deepcopy(known.data),
        dict(known.lines),
        list(known.duplicates),
        dict(known.columns),
        list(known.duplicate_at),
    )


def load_data(text: str) -> Any:
    """The data of one YAML document, without line numbers (the fast path), same limits."""
    return _compose(text, 0)[1]


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
