"""The eighth pass on a check through the result store with one changed file: the store in
files by path, the matcher's keys in packed columns, no collection when the check's
collector thresholds are restored."""

from __future__ import annotations

import argparse
import gc
import os
import weakref
from pathlib import Path
from typing import Any

import pytest

from pipeline.checking import collect, collect_stored
from pipeline.project import Project
from pipeline.rules import automaton_cache, cache, result_store
from pipeline.rules.key_table import KeyTable
from pipeline.rules.result_store import ResultStore
from tests.check_support import grow_repo

POST = "content/posts/2026/06/shequ-xuanchuan-jindu.md"


@pytest.fixture
def private(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path


def store_paths(root: Path) -> list[Path]:
    directory = cache.cache_dir()
    store = ResultStore.open(Project(root))
    assert directory is not None and store is not None
    assert len(store.names) == len(set(store.names)) == result_store.SHARDS
    return [directory / name for name in store.names]


def stamps(paths: list[Path]) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in paths if p.exists()}


def test_one_changed_post_rewrites_one_store_file(private: Path) -> None:
    root = grow_repo(private / "unit", 40)
    cold = collect(Project(root))[1]
    assert collect_stored(Project(root))[1] == cold  # fills the store
    paths = store_paths(root)
    before = stamps(paths)
    assert len(before) > result_store.SHARDS // 2  # the records spread over the files
    assert collect_stored(Project(root))[1] == cold  # every file a hit: nothing written
    assert stamps(paths) == before
    post = root / POST
    post.write_text(post.read_text(encoding="utf-8") + "\n转发集赞送礼品。\n", encoding="utf-8")
    changed = collect_stored(Project(root))[1]
    assert changed == collect(Project(root))[1] != cold
    after = stamps(paths)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert rewritten == {paths[result_store.shard_of(POST)].name}
    for path in paths:
        if path.exists():
            assert (path.stat().st_mode & 0o777) == 0o600


def test_a_record_in_another_store_file_is_ignored(private: Path) -> None:
    root = grow_repo(private / "unit", 10)
    cold = collect(Project(root))[1]
    collect_stored(Project(root))
    paths = store_paths(root)
    home = result_store.shard_of(POST)
    other = next(i for i in range(result_store.SHARDS) if i != home)
    data = cache.unseal(paths[home].read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    record = data["records"].pop(POST)
    record["loaded"] = record["rules"] = record["integrity"] = []  # would hide its findings
    cache.write_sealed_json(paths[home].name, data)
    moved = {"format": result_store.FORMAT, "records": {POST: record}}
    cache.write_sealed_json(paths[other].name, moved)
    assert POST not in ResultStore.open(Project(root)).records  # type: ignore[union-attr]
    assert collect_stored(Project(root))[1] == cold


def test_packed_integers_round_trip_and_reject_other_text() -> None:
    values = [0, 1, -1, 2**31 - 1, -(2**31), 99_767_814]
    assert list(automaton_cache.unpack(automaton_cache.pack(values)) or []) == values
    empty = automaton_cache.unpack(automaton_cache.pack([]))
    assert empty is not None and not empty
    for text in ("AAA", "AAAAAAA=", "****", "AA A", 5, None, b"AAAA"):
        assert automaton_cache.unpack(text) is None, text
    with pytest.raises(OverflowError):
        automaton_cache.pack([2**31])


def compiled(codes: dict[str, int], prefixes: dict[str, str]) -> automaton_cache.Compiled:
    table: list[Any] = [[(0, "", 2), (-1, "rest", 3)], [], [(1, "拼音", 2)]]
    return automaton_cache.Compiled(KeyTable(codes, prefixes, ["赌"]), table, {}, {}, {})


def test_the_compiled_keys_load_as_they_were_saved(private: Path) -> None:
    codes = {"赌": 1 << 12 | 1, "赌博": 2, "网络赌博": -1, "博彩": -3}
    prefixes = {"赌博": "\x02", "网络": "\x04", "博彩": "\x02"}
    automaton_cache.save("automaton-test", compiled(codes, prefixes), 2)
    found = automaton_cache.load("automaton-test", 2, 9)
    assert found is not None
    assert found.keys.codes == codes and found.keys.prefixes == prefixes
    assert found.keys.singles == ["赌"]
    assert [list(row) for row in found.table] == [
        [(0, "", 2), (-1, "rest", 3)],
        [],
        [(1, "拼音", 2)],
    ]
    assert automaton_cache.load("automaton-test", 1, 9) is None  # a term that does not exist


@pytest.mark.parametrize(
    ("codes", "prefixes"),
    [({"赌\n博": 2, "赌": 1 << 12 | 1}, {"赌\n": "\x03"}), ({"赌": 1 << 12 | 1}, {"赌博": "\x00"})],
)
def test_keys_the_joined_texts_would_lose_are_not_saved(
    private: Path, codes: dict[str, int], prefixes: dict[str, str]
) -> None:
    automaton_cache.save("automaton-lossy", compiled(codes, prefixes), 2)
    directory = cache.cache_dir()
    assert directory is not None and not (directory / "automaton-lossy.json").exists()
    assert automaton_cache.load("automaton-lossy", 2, 9) is None


def test_restoring_the_thresholds_collects_nothing_and_keeps_cycles_collectable(
    private: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.commands import check

    root = grow_repo(private / "repo", 0)
    monkeypatch.chdir(root)
    original = check.collect_stored
    kept: list[Any] = []

    class Node:
        other: Any = None

    def recording(*args: Any, **kwargs: Any) -> Any:
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle the check drops
        kept.append(weakref.ref(a))
        kept.append([[i] for i in range(5_000)])  # enough allocations to pass 700
        return original(*args, **kwargs)

    monkeypatch.setattr(check, "collect_stored", recording)
    parser = argparse.ArgumentParser()
    check.add_arguments(parser)
    before = gc.get_threshold()
    collections = sum(s["collections"] for s in gc.get_stats())
    gc.disable()  # no collection by the test's own allocations in between
    try:
        assert check.run(parser.parse_args(["--jobs", "1", "--format", "json"])) in (0, 1)
        assert gc.get_count()[0] < before[0]  # the run's objects moved on, not walked
        assert sum(s["collections"] for s in gc.get_stats()) == collections
    finally:
        gc.enable()
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    assert kept[0]() is not None
    gc.collect()
    assert kept[0]() is None  # the cycle is still collected


def test_thresholds_restored_when_objects_were_already_frozen(
    private: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.commands import check

    root = grow_repo(private / "repo", 0)
    monkeypatch.chdir(root)
    parser = argparse.ArgumentParser()
    check.add_arguments(parser)
    before = gc.get_threshold()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert check.run(parser.parse_args(["--jobs", "1", "--format", "json"])) in (0, 1)
        assert 0 < gc.get_freeze_count() <= frozen  # the frozen objects stay so (some freed)
    finally:
        gc.unfreeze()
    assert gc.get_threshold() == before
    assert os.environ["XDG_CACHE_HOME"].startswith(str(private))


def test_current_read_gives_the_bytes_of_plain_files_only(private: Path) -> None:
    from pipeline.rules.result_store import MAX_BYTES, Current

    root = grow_repo(private / "unit", 0)
    now = Current(Project(root))
    posts = root / "content" / "posts"
    big = posts / "big.md"
    big.write_bytes("长文。\n".encode() * 40_000)  # several reads' worth
    assert now.read(big) == ("content/posts/big.md", big.read_bytes())
    assert now.read(Path("content/posts/big.md")) == now.read(big)
    link = posts / "link.md"
    link.symlink_to(big)
    assert now.read(link) is None
    huge = posts / "huge.md"
    huge.write_bytes(b"x" * (MAX_BYTES + 1))
    assert now.read(huge) is None
    outside = private / "outside"
    outside.mkdir()
    (outside / "post.md").write_bytes(b"x")
    (posts / "away").symlink_to(outside)
    assert now.read(posts / "away" / "post.md") is None
    assert now.read(posts / "missing.md") is None
    assert now.read(posts) is None  # a folder


EXIT_PROBE = """
import atexit, gc, json, sys
seen = {}
atexit.register(lambda: print(json.dumps(seen | {"at_exit": gc.get_freeze_count()})))
from pipeline.cli import main
code = main(sys.argv[1:])
seen.update(code=code, after_run=gc.get_freeze_count(), threshold=gc.get_threshold()[0])
"""


def test_the_objects_alive_at_exit_are_frozen_not_walked(private: Path) -> None:
    """After ``check`` returns the collector is as before (nothing frozen, Python's
    thresholds); at exit, what is alive is frozen before the interpreter's last collection
    (handlers run last registered first: the probe's runs after the check's)."""
    import json
    import subprocess
    import sys

    root = grow_repo(private / "unit", 0)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    command = [sys.executable, "-c", EXIT_PROBE, "check", "--format", "json", POST]
    proc = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["code"] in (0, 1), proc.stderr
    assert seen["after_run"] == 0 and seen["threshold"] == 700
    assert seen["at_exit"] > 10_000
