"""The cold many-file check and ``--jobs N`` (issue 17, the thirteenth pass).

Each shortcut gives what it replaces: the semantic model's packed weights, the squeezed view
kept for the next pattern file, the containment and stem of a post's path by string. The
pool forks N - 1 workers, checks the first posts and its share of the rest itself, and
returns what one process returns, in the same order.
"""

from __future__ import annotations

import random
from array import array
from pathlib import Path, PurePosixPath

import pytest

from pipeline.content.collector import Collector
from pipeline.content.load import _inside
from pipeline.content.path import check_path
from pipeline.rules import view
from pipeline.rules.semantic import default_model
from pipeline.rules.semantic.model import _SHIFT, _Packed


def _former(weights: tuple[array[int], ...], bucket: int) -> int:
    """The packed value as the per-label loop computed it before this pass."""
    value = 0
    for k, row in enumerate(weights):
        value |= (row[bucket] + 128) << (_SHIFT * k)
    return value


def test_packed_weights_are_the_former_loop_on_every_bucket_of_the_model() -> None:
    weights = default_model().weights
    packed = _Packed(weights)
    size = len(weights[0])
    assert [packed[b] for b in range(size)] == [_former(weights, b) for b in range(size)]


def test_packed_weights_at_the_extremes_and_outside_the_table() -> None:
    rows = [[-128, 127, 0, -1, 1], [127, -128, -1, 0, 5], [0, 0, 0, 0, -128]]
    rng = random.Random(20)
    rows.append([rng.randint(-128, 127) for _ in range(5)])
    weights = tuple(array("b", row) for row in rows)
    packed = _Packed(weights)
    for bucket in range(5):
        assert packed[bucket] == _former(weights, bucket)
    for outside in (5, -1, 1 << 40):
        with pytest.raises(IndexError):
            packed[outside]
    assert set(packed) == set(range(5))


def test_the_squeezed_view_is_kept_for_the_same_text_only() -> None:
    text = "身份证号 1101 0119 9003 0712 34，密 码：abc"
    first = view.squeezed_view(text)
    assert view.squeezed_view(text) is first
    assert view.squeezed_view("".join(list(text))) is first  # an equal text, another object
    other = view.squeezed_view(text + "。")
    assert other is not first and other.original == text + "。"
    fresh = view.Squeezed(text)
    again = view.squeezed_view(text)
    assert (again.text, again.changed) == (fresh.text, fresh.changed)
    assert [again.span(a, b) for a, b in ((0, 3), (4, 12), (5, 20))] == [
        fresh.span(a, b) for a, b in ((0, 3), (4, 12), (5, 20))
    ]


@pytest.mark.parametrize(
    ("real", "root"),
    [
        ("/srv/unit/content/posts/a.md", "/srv/unit"),
        ("/srv/unit", "/srv/unit"),
        ("/srv/unit2/content/a.md", "/srv/unit"),
        ("/srv/uni", "/srv/unit"),
        ("/srv", "/srv/unit"),
        ("/etc/passwd", "/srv/unit"),
        ("/srv/unit/a.md", "/"),
        ("/", "/"),
        ("/srv/unit/a.md", "/srv/unit/a.md"),
    ],
)
def test_inside_is_is_relative_to(real: str, root: str) -> None:
    assert _inside(Path(real), Path(root)) == Path(real).is_relative_to(Path(root))


@pytest.mark.parametrize(
    "rel",
    [
        "content/posts/2026/06/shequ.md",
        "content/posts/2026/06/.md",
        "content/posts/2026/06/..md",
        "content/posts/2026/06/a.b.md",
        "content/posts/2026/06/UPPER.MD",
        "content/posts/folder.md/inner.md",
        "a.md",
    ],
)
def test_a_posts_stem_is_the_one_pathlib_gives(rel: str) -> None:
    assert check_path(rel, None, Collector(rel)) == PurePosixPath(rel).stem
