"""The cold many-file check and ``--jobs N`` (issue 17, the thirteenth pass).

Each shortcut gives what it replaces: the semantic model's packed weights, the squeezed view
kept for the next pattern file, the containment and stem of a post's path by string. The
pool forks N - 1 workers, checks the first posts and its share of the rest itself, and
returns what one process returns, in the same order.
"""

from __future__ import annotations

import os
import pickle
import random
import re
import time
from array import array
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from pipeline import check_pool
from pipeline.check_pool import MIN_FILES_PER_JOB, WARM_FILES, check_files
from pipeline.config import load_unit_config
from pipeline.content import iter_post_files
from pipeline.content.collector import Collector
from pipeline.content.load import _inside
from pipeline.content.path import check_path
from pipeline.project import Project
from pipeline.rules import cache, compiled_re, view
from pipeline.rules.rule_kinds import rulebook
from pipeline.rules.semantic import default_model
from pipeline.rules.semantic.model import _SHIFT, _Packed
from tests.check_support import grow_repo


def _slow_parent(parent: int) -> None:
    """Once the worker is forked, this process waits a little at each post: the worker
    takes some files however loaded the machine is."""
    if os.getpid() == parent and check_pool._NEXT is not None:
        time.sleep(0.02)


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


def test_the_pool_checks_its_share_itself_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two jobs one worker is forked; this process checks the first posts before the
    fork and takes its share of the rest; every post is checked once, and the results
    are one process's, in the files' order."""
    root = grow_repo(tmp_path / "unit", 4 * MIN_FILES_PER_JOB)
    project = Project(root)
    config = load_unit_config(project)
    files = iter_post_files(project)
    log = tmp_path / "checked"
    one = check_pool._one
    parent = os.getpid()

    def logged(work: Any, item: Any) -> Any:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {item}\n")
        _slow_parent(parent)
        return one(work, item)

    monkeypatch.setattr(check_pool, "TAKE", 4)  # many takes: both processes get some
    monkeypatch.setattr(check_pool, "_one", logged)
    pooled = check_files(project, config, files, 2)
    rows = [line.split(" ", 1) for line in log.read_text(encoding="utf-8").splitlines()]
    assert sorted(item for _, item in rows) == sorted(map(str, files))  # each once
    pids = [pid for pid, _ in rows]
    assert pids[:WARM_FILES] == [str(os.getpid())] * WARM_FILES
    assert len(set(pids)) == 2 and str(os.getpid()) in pids[WARM_FILES:]
    assert check_pool._WORK is None and check_pool._NEXT is None and check_pool._TAKES == []
    log.unlink()
    alone = check_files(project, config, files, 1)
    assert pooled == alone
    assert [c.loaded.path for c in pooled] == [c.loaded.path for c in alone]
    assert {line.split(" ", 1)[0] for line in log.read_text(encoding="utf-8").splitlines()} == {
        str(os.getpid())
    }


def test_a_workers_error_reaches_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = grow_repo(tmp_path / "unit", 3 * MIN_FILES_PER_JOB)
    project = Project(root)
    config = load_unit_config(project)
    files = iter_post_files(project)
    parent = os.getpid()
    one = check_pool._one

    def failing(work: Any, item: Any) -> Any:
        if os.getpid() != parent:
            raise RuntimeError("worker failed")
        _slow_parent(parent)
        return one(work, item)

    monkeypatch.setattr(check_pool, "TAKE", 2)
    monkeypatch.setattr(check_pool, "_one", failing)
    with pytest.raises(RuntimeError, match="worker failed"):
        check_files(project, config, files, 2)
    assert check_pool._WORK is None and check_pool._NEXT is None


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache of its own and nothing read yet; the path of the kept expressions."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(compiled_re, "_kept", None)
    return tmp_path / "xdg" / "govmedia" / compiled_re.NAME


def _kept_keys(path: Path) -> set[tuple[str, int]]:
    return {(row[0], row[1]) for row in cache.read_sealed_json(path.name)["entries"]}


def test_parsing_the_package_rule_files_keeps_their_expressions(kept: Path) -> None:
    """The next check builds the package's pattern and sequence expressions (asked for
    under the flags they compiled with) from the kept code; a unit file's are not kept."""
    parsed = rulebook.package_files()
    compiled_re.save()
    keys = _kept_keys(kept)
    regexes = [rule.regex for f in parsed.patterns for rule in f.rules]
    regexes += [s.regex for s in parsed.sequences]
    assert len(regexes) > 20
    assert {(r.pattern, r.flags) for r in regexes} <= keys
    unit = rulebook.parse(UNIT_RULES, "content/rules/a09-unit.yml", unit=True)
    (regex,) = [rule.regex for f in unit.patterns for rule in f.rules]
    assert regex.search("单位测试词甲乙")
    compiled_re.save()
    assert (regex.pattern, regex.flags) not in _kept_keys(kept)


UNIT_RULES = """
kind: pattern
rules:
  - id: A9-13
    name: unit-words
    level: warning
    message: 单位自定义
    pattern: 单位测试词[甲乙]{2}
"""


def test_a_workers_expressions_are_saved_by_the_parent(kept: Path) -> None:
    """What a worker compiled afresh comes back as plain data (it pickles) and is saved
    with the parent's own; what the parent has already is left as it is."""
    compiled_re.compiled("parent+")
    compiled_re.save()
    compiled_re._kept = None
    compiled_re.compiled("parent+")  # read from the file
    compiled_re.compiled("worker[0-9]+", re.IGNORECASE)  # compiled afresh
    handed = pickle.loads(pickle.dumps(compiled_re.afresh()))
    assert set(handed) == {("worker[0-9]+", re.IGNORECASE)}
    assert all(type(n) is int for n in handed["worker[0-9]+", re.IGNORECASE][1])
    compiled_re._kept = None
    compiled_re.compiled("parent+")
    assert not compiled_re._kept.fresh  # type: ignore[union-attr]
    compiled_re.adopt(handed)
    compiled_re.save()
    assert _kept_keys(kept) == {("parent+", 0), ("worker[0-9]+", re.IGNORECASE)}
    compiled_re._kept = None
    made = compiled_re.compiled("worker[0-9]+", re.IGNORECASE)
    assert not compiled_re._kept.fresh  # type: ignore[union-attr]  # from the file
    assert made == re.compile("worker[0-9]+", re.IGNORECASE) and made.search("WORKER7")
