"""What a one-post check does for every post of the archive, done cheaply and the same:
the copy index's records checked column by column, and slugs without a path object each."""

from __future__ import annotations

import random
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from pipeline.rules import attribution
from pipeline.rules.attribution_cache import _valid, trusted_records
from pipeline.slugs import slug_of
from tests.check_support import grow_repo

GOOD = [1, 2, 3, 4, "sha", "2026-01-01", "标题", True, ["k1", "k2"], ["某某局", "标题全文"]]


def with_field(position: int, value: Any) -> list[Any]:
    record = list(GOOD)
    record[position] = value
    return record


def variants() -> list[Any]:
    """Records of every wrong shape the cache could hold, and good ones."""
    wrong: list[Any] = [None, "x", 3, {}, [], GOOD[:8], GOOD[:9], [*GOOD, 1]]
    wrong += [with_field(i, v) for i in range(4) for v in (1.0, "1", None, True)]
    wrong += [with_field(4, v) for v in (None, 5, ["sha"])]
    wrong += [with_field(5, v) for v in (None, 7, ["d"])]  # None: no front matter, valid
    wrong += [with_field(6, v) for v in (None, 1)]
    wrong += [with_field(7, v) for v in (1, 0, "true", None)]
    wrong += [with_field(8, v) for v in ("k", None, ["k", 3], [None], [])]
    wrong += [with_field(9, v) for v in ("n", None, ["n", 3], [None], [])]  # []: no names, valid
    return wrong


def test_trusted_records_are_the_valid_ones() -> None:
    rng = random.Random(3)
    shapes = variants()
    for _ in range(300):
        records = {f"p{i}": rng.choice([GOOD, *shapes]) for i in range(rng.randint(0, 6))}
        expected = {rel: r for rel, r in records.items() if _valid(r)}
        assert trusted_records(records) == expected
    every_good = {f"p{i}": list(GOOD) for i in range(5)}
    assert trusted_records(every_good) == every_good


@pytest.mark.parametrize(
    "path",
    [
        "content/posts/2026/06/a.md",
        "a.md",
        ".md",
        "..md",
        "x/.md",
        "content/posts/2026/06/a.b.md",
        "content//posts/./x.md",
        "content/posts/x.txt",
        "content/posts/x/",
        "content/posts/x",
        "",
        "/x.md",
        "政务/服务.md",
    ],
)
def test_slug_is_the_path_stem(path: str) -> None:
    assert slug_of(path) == PurePosixPath(path).stem


def test_index_from_cache_is_the_index_without(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = grow_repo(tmp_path / "unit", 30)

    def entries(index: attribution.RepoIndex) -> dict[str, list[attribution.Entry]]:
        return {key: list(found) for key, found in index.sentences.items()}

    expected = entries(attribution.RepoIndex(root, cached=False))
    assert entries(attribution.RepoIndex(root)) == expected  # cold: written
    assert entries(attribution.RepoIndex(root)) == expected  # warm: read
