"""One predicate says which ledger records are versions of one post on one channel.

The retraction (``retract._targets``), the watch's expectations and its 群发 all take down
or expect gone "every version of the post on its channel"; each had its own copy of the
test. ``Record.of_post`` and ``ledger.same_post`` are the one definition they share.
"""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline.ledger import Record, same_post
from tests.conftest import PROJECT_ROOT


def record(slug: str, channel: str = "wechat", path: str = "") -> Record:
    return Record(event="published", slug=slug, channel=channel, path=path)


def test_a_version_is_matched_by_slug_and_path() -> None:
    at = "content/posts/2026/a.md"
    assert record("a", path=at).of_post("a", at)
    assert not record("a", path="content/posts/2025/a.md").of_post("a", at)
    assert not record("b", path=at).of_post("a", at)


def test_a_record_without_a_path_is_matched_by_slug_alone() -> None:
    assert record("a").of_post("a", "content/posts/2026/a.md")
    assert record("a", path="content/posts/2026/a.md").of_post("a", "")
    assert not record("b").of_post("a", "content/posts/2026/a.md")


def test_same_post_needs_one_channel() -> None:
    at = "content/posts/2026/a.md"
    assert same_post(record("a", path=at), record("a", path=at))
    assert not same_post(record("a", path=at), record("a", "weibo", path=at))
    assert same_post(record("a"), record("a", path=at))
    assert not same_post(record("a", path=at), record("a", path="content/posts/2025/a.md"))


def test_no_module_compares_a_records_slug_itself() -> None:
    """The definition is in one place: no reader of the ledger's deliveries (publishing,
    the watch, governance) compares ``.slug`` with ``==`` or ``!=`` itself."""
    found = []
    readers = ("publishing", "watch", "governance")
    for path in sorted(p for r in readers for p in (PROJECT_ROOT / "pipeline" / r).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.Eq | ast.NotEq):
                sides = [node.left, *node.comparators]
                if any(isinstance(s, ast.Attribute) and s.attr == "slug" for s in sides):
                    found.append(f"{Path(path).relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert found == []
