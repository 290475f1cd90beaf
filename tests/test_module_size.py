"""No module over 400 lines and no function over 60 under ``pipeline/`` without a reason.

A module or function over its limit passes when the first lines of its docstring carry a
line starting ``Long because:`` followed by the reason, or while it is listed in
tests/data/size_leftovers.yml (the ones over the limit when this test came, each with a
reason). The list only shrinks: an entry that is no longer over its limit, or that now
gives its own reason, must be removed from it, and a missing or empty reason fails.

A module's size is its number of lines; a function's runs from its ``def`` line to its last
line (decorators not counted, nested functions counted in the function holding them).
Functions are named by qualified name: ``pipeline/publishing/publisher.py::Publisher.publish``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline import yamlutil

ROOT = Path(__file__).resolve().parent.parent
LEFTOVERS = Path(__file__).with_name("data") / "size_leftovers.yml"
MODULE_LIMIT = 400
FUNCTION_LIMIT = 60
MARKER = "Long because:"
MARKER_LINES = 5  # the marker must be among the docstring's first lines


@dataclass(frozen=True)
class Oversize:
    key: str  # "pipeline/x.py" for a module, "pipeline/x.py::Class.method" for a function
    lines: int
    limit: int
    explained: bool  # its docstring gives a reason


def explains(node: ast.AST) -> bool:
    """Whether the docstring of ``node`` gives a reason for its length near its top."""
    assert isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
    doc = ast.get_docstring(node) or ""
    for line in doc.splitlines()[:MARKER_LINES]:
        text = line.strip()
        if text.startswith(MARKER) and text[len(MARKER) :].strip():
            return True
    return False


Function = ast.FunctionDef | ast.AsyncFunctionDef


def _functions(node: ast.AST, prefix: str) -> list[tuple[str, Function]]:
    found: list[tuple[str, Function]] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + child.name
            found.append((name, child))
            found += _functions(child, name + ".")
        elif isinstance(child, ast.ClassDef):
            found += _functions(child, prefix + child.name + ".")
        else:
            found += _functions(child, prefix)
    return found


def measure(source: str, rel: str) -> list[Oversize]:
    """What in one module's ``source`` is over its limit, explained or not."""
    tree = ast.parse(source, filename=rel)
    over: list[Oversize] = []
    lines = len(source.splitlines())
    if lines > MODULE_LIMIT:
        over.append(Oversize(rel, lines, MODULE_LIMIT, explains(tree)))
    for name, node in _functions(tree, ""):
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length > FUNCTION_LIMIT:
            over.append(Oversize(f"{rel}::{name}", length, FUNCTION_LIMIT, explains(node)))
    return over


def oversized(package: Path) -> dict[str, Oversize]:
    found: dict[str, Oversize] = {}
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package.parent).as_posix()
        for item in measure(path.read_text(encoding="utf-8"), rel):
            found[item.key] = item
    return found


def leftovers() -> dict[str, str]:
    """key -> reason, modules and functions together."""
    loc = yamlutil.load(LEFTOVERS.read_text(encoding="utf-8"))
    assert not loc.duplicates, f"listed twice in {LEFTOVERS.name}: {loc.duplicates}"
    data = loc.data
    assert isinstance(data, dict) and set(data) == {"modules", "functions"}, LEFTOVERS.name
    listed: dict[str, str] = {}
    for section, marker in (("modules", False), ("functions", True)):
        for key, reason in (data[section] or {}).items():
            assert ("::" in str(key)) == marker, f"{key} is in the wrong section"
            listed[str(key)] = reason
    return listed


# The measurement itself, on sources written here.


def _function(name: str, length: int, doc: str = "", indent: str = "") -> str:
    body = [f"{indent}def {name}() -> None:"]
    if doc:
        body.append(f'{indent}    """{doc}"""')
    body += [f"{indent}    x = {i}" for i in range(length - len(body))]
    return "\n".join(body) + "\n"


def test_a_function_of_61_lines_is_over_and_one_of_60_is_not() -> None:
    source = _function("short", 60) + _function("long", 61)
    assert measure(source, "pipeline/m.py") == [
        Oversize("pipeline/m.py::long", 61, FUNCTION_LIMIT, False)
    ]


def test_methods_and_nested_functions_are_named_by_qualified_name() -> None:
    inner = _function("inner", 61, indent="        ")
    source = "class Box:\n" + "    def outer(self) -> None:\n" + inner
    keys = [item.key for item in measure(source, "pipeline/m.py")]
    assert keys == ["pipeline/m.py::Box.outer", "pipeline/m.py::Box.outer.inner"]


def test_a_module_of_401_lines_is_over_and_its_docstring_may_explain() -> None:
    plain = "\n".join(f"x{i} = {i}" for i in range(MODULE_LIMIT + 1)) + "\n"
    assert measure(plain, "pipeline/m.py") == [
        Oversize("pipeline/m.py", MODULE_LIMIT + 1, MODULE_LIMIT, False)
    ]
    assert measure(plain[: plain.index("x400")], "pipeline/m.py") == []
    doc = '"""The emulator.\n\nLong because: one route table per platform."""\n'
    [item] = measure(doc + plain, "pipeline/m.py")
    assert item.explained


@pytest.mark.parametrize(
    ("doc", "explained"),
    [
        ("Long because: one branch per documented errcode.", True),
        ("Summary.\n\n    Long because: the table of every field.", True),
        ("Long because:", False),  # a marker without a reason
        ("Long because:   ", False),
        ("Summary.\n\n" + "more\n" * 5 + "Long because: too far down.", False),
        ("It is long because: lowercase and mid-line.", False),
    ],
)
def test_the_reason_marker_needs_a_reason_near_the_top(doc: str, explained: bool) -> None:
    [item] = measure(_function("long", 70, doc=doc), "pipeline/m.py")
    assert item.explained is explained


# The package against the list.


def test_nothing_over_the_limits_without_a_reason() -> None:
    listed = leftovers()
    unexplained = [
        f"{item.key}: {item.lines} lines (limit {item.limit})"
        for item in oversized(ROOT / "pipeline").values()
        if not item.explained and item.key not in listed
    ]
    assert not unexplained, (
        "these are over the size limit: split them, or write a line starting "
        f"'{MARKER}' with the reason at the top of the docstring:\n" + "\n".join(unexplained)
    )


def test_the_leftovers_list_only_shrinks() -> None:
    found = oversized(ROOT / "pipeline")
    stale = [
        key for key in leftovers() if key not in found or found[key].explained
    ]  # split, shortened, removed or now explained in its own docstring
    assert not stale, f"remove these from {LEFTOVERS.name}: they no longer need it: {stale}"


def test_every_leftover_gives_a_reason() -> None:
    empty = [key for key, reason in leftovers().items() if not str(reason or "").strip()]
    assert not empty, f"entries of {LEFTOVERS.name} without a reason: {empty}"
