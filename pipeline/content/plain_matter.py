"""The common front matter read without the YAML composer, positions included.

Most posts' front matter is a column of ``key: value`` lines: plain or simply quoted
scalars, flow lists such as ``[wechat, weibo]``, and one level of nested ``key: value``
(``source``) or ``- item`` lines. :func:`read_plain` reads exactly that, with the line and
column of every key and item as :func:`pipeline.yamlutil.load` records them, and returns
None for anything else (comments after a value, anchors, tags, block scalars, escapes, a
key written twice, a value that is not text, true/false or null…): the caller then parses
with the full loader, which gives the same data, the same positions and the messages.

Plain scalars are typed by the loader's own resolver (:func:`pipeline.yamlutil.plain_tag`),
so ``true``, ``null`` or ``2026-06-26`` mean here what they mean there; only text, booleans
and null are taken, any other type falls back. ``tests/test_check_loading.py`` compares both
readers on every sample post and on thousands of generated documents of tricky characters.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline import yamlutil

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +|\Z)")
_NESTED_KEY = re.compile(r"  ([A-Za-z_][A-Za-z0-9_]*):(?: +|\Z)")
_ITEM = re.compile(r"( *)- +")
# Characters every reader treats alike: printable, no tab, no line break other than "\n"
# (YAML also breaks at NEL, LS and PS), no byte-order mark, no carriage return. The class
# names the others, the complement of "\n", 20-7e, a0-2027, 202a-d7ff, e000-fefe,
# ff00-fffd and 10000-10ffff: the same set, compiled in a twentieth of the time (the
# negated class of wide ranges cost 7 ms at import).
_ODD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_STOP = re.compile(r"[\[\]{},:#]")
_MAX_CHARS = 65_536
_TRUE = frozenset(("yes", "true", "on"))  # SafeConstructor.bool_values, lower case
_FALSE = frozenset(("no", "false", "off"))


class _Fallback(Exception):
    """Not the common shape: the full loader reads it."""


def read_plain(text: str, line_offset: int = 0) -> yamlutil.Located | None:
    """``text`` as :func:`pipeline.yamlutil.load` reads it, or None when it is not the
    common shape (then nothing was decided: parse it with the loader)."""
    if len(text) > _MAX_CHARS or _ODD.search(text):
        return None
    try:
        return _read(text.split("\n"), line_offset)
    except _Fallback:
        return None


def _read(lines: list[str], offset: int) -> yamlutil.Located:
    out = yamlutil.Located({})
    data: dict[str, Any] = out.data
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if _blank(line):
            continue
        match = _KEY.match(line)
        if match is None:
            raise _Fallback
        key = _key(match.group(1), data)
        number = index + offset  # 1-based line of this key
        if not out.lines:
            out.lines[()], out.columns[()] = number, 1
        out.lines[(key,)], out.columns[(key,)] = number, 1
        value = line[match.end() :].rstrip(" ")
        if value:
            data[key] = _value(value, match.end() + 1, number, (key,), out)
        else:
            data[key], index = _nested(lines, index, offset, key, out)
    if not data:
        raise _Fallback
    return out


def _blank(line: str) -> bool:
    return not line.strip(" ") or line.startswith("#")


def _key(key: str, taken: dict[str, Any]) -> str:
    if key in taken or yamlutil.plain_tag(key) != yamlutil.STR_TAG:
        raise _Fallback  # written twice (the loader reports it), or not a text key
    return key


def _nested(
    lines: list[str], index: int, offset: int, key: str, out: yamlutil.Located
) -> tuple[Any, int]:
    """The block under ``key:``: ``  name: value`` lines, or ``- item`` lines indented by
    two columns or none (as ``yaml.safe_dump`` writes them), all alike."""
    mapping: dict[str, Any] = {}
    items: list[Any] = []
    indent: str | None = None  # the items' indentation, from the first
    while index < len(lines) and lines[index].startswith((" ", "- ")):
        line = lines[index].rstrip(" ")
        number = index + 1 + offset
        index += 1
        if not line:
            continue
        item = _ITEM.match(line)
        if item and not mapping and item.group(1) in ("", "  ") and indent in (None, item[1]):
            indent = item.group(1)
            path = (key, len(items))
            out.lines[path], out.columns[path] = number, item.end() + 1
            items.append(_value(line[item.end() :], item.end() + 1, number, path, out))
        elif (found := _NESTED_KEY.match(line)) and not items:
            name = _key(found.group(1), mapping)
            out.lines[(key, name)], out.columns[(key, name)] = number, 3
            value = line[found.end() :]
            if not value:
                raise _Fallback
            mapping[name] = _value(value, found.end() + 1, number, (key, name), out)
        else:
            raise _Fallback
    if not (mapping or items):
        raise _Fallback  # ``key:`` alone is null; rare, left to the loader
    return (mapping or items), index


def _value(
    value: str, column: int, number: int, path: tuple[Any, ...], out: yamlutil.Located
) -> Any:
    """A value written on its key's line, from ``column`` (1-based)."""
    if value.startswith("["):
        if path[1:] or not value.endswith("]"):
            raise _Fallback
        return _flow_list(value, column, number, path, out)
    return _scalar(value, flow=False)


def _flow_list(
    value: str, column: int, number: int, path: tuple[Any, ...], out: yamlutil.Located
) -> list[Any]:
    inner = value[1:-1]
    if not inner.strip(" "):
        return []
    items: list[Any] = []
    start = 1  # offset in ``value`` of the current item
    for part in inner.split(","):
        item = part.strip(" ")
        if not item:
            raise _Fallback  # an empty entry or a trailing comma
        at = (*path, len(items))
        out.lines[at] = number
        out.columns[at] = column + start + len(part) - len(part.lstrip(" "))
        items.append(_scalar(item, flow=True))
        start += len(part) + 1
    return items


def _scalar(value: str, *, flow: bool) -> Any:
    first = value[0]
    if first in "\"'":
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != first or first in inner or "\\" in inner or flow:
            raise _Fallback
        return inner
    if first in _INDICATORS or "#" in value or value.endswith(":") or ": " in value:
        raise _Fallback
    if flow and _FLOW_STOP.search(value):
        raise _Fallback
    tag = yamlutil.plain_tag(value)
    if tag == yamlutil.STR_TAG:
        return value
    if tag == "tag:yaml.org,2002:bool" and value.lower() in _TRUE | _FALSE:
        return value.lower() in _TRUE
    if tag == "tag:yaml.org,2002:null":
        return None
    raise _Fallback
