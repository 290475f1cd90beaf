"""What a check through the result store no longer pays for (issue 17, the twelfth pass).

A check that writes its private cache no longer imports ``tempfile`` (and through it
``shutil``, ``random`` and the compression modules), nor ``importlib.resources``, which
imports ``tempfile`` too; argparse's formatter no longer imports ``shutil`` for the width of
the terminal. What each replacement does is what it replaces.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import atomic_file, cli
from pipeline.rules import anchored, lexicon_cache, result_store
from tests.check_support import grow_repo

ROOT = Path(__file__).resolve().parent.parent
POST = "content/posts/2026/06/shequ-xuanchuan-jindu.md"
SPARED = ("tempfile", "shutil", "random", "bz2", "lzma", "importlib.resources", "zipfile")

_PROBE = """
import io, json, sys
from contextlib import redirect_stdout
from pipeline.cli import main
with redirect_stdout(io.StringIO()) as out:
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules), "out": out.getvalue()}))
"""


def _run(root: Path, *args: str) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(root.parent / "xdg"))
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_check_through_the_store_imports_no_temporary_files_module(tmp_path: Path) -> None:
    root = grow_repo(tmp_path / "unit", 0)
    first = _run(root, "check", "--format", "json")  # fills the store and the caches
    post = root / POST
    post.write_text(post.read_text(encoding="utf-8") + "\n本周活动照常进行。\n", encoding="utf-8")
    changed = _run(root, "check", "--format", "json")  # one post checked, its shard written
    again = _run(root, "check", "--format", "json", "--no-cache")
    assert changed["out"] == again["out"]
    assert changed["code"] == again["code"]
    assert "tempfile" in set(first["modules"])  # type: ignore[arg-type]  # built the caches
    modules = set(changed["modules"])  # type: ignore[arg-type]
    assert "pipeline.rules.checker" in modules  # it did check, and wrote the store
    for name in SPARED:
        assert name not in modules, name


@pytest.mark.parametrize(
    "columns", [None, "50", "0", "-3", "abc", "", "200"], ids=lambda c: f"COLUMNS={c}"
)
@pytest.mark.parametrize("lines", [None, "10"], ids=lambda c: f"LINES={c}")
def test_terminal_columns_are_shutils(
    monkeypatch: pytest.MonkeyPatch, columns: str | None, lines: str | None
) -> None:
    for name, value in (("COLUMNS", columns), ("LINES", lines)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert cli.terminal_columns() == shutil.get_terminal_size().columns


def test_terminal_columns_without_a_standard_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys, "__stdout__", None)
    assert cli.terminal_columns() == shutil.get_terminal_size().columns == 80


@pytest.mark.parametrize("columns", ["40", "100"])
def test_help_is_argparses(monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    ours, formatter = cli.build_parser(["check"]), cli._Formatter
    monkeypatch.setattr(cli, "_Formatter", argparse.HelpFormatter)
    monkeypatch.setattr(
        cli._Parser,
        "__init__",
        lambda self, *a, **k: argparse.ArgumentParser.__init__(self, *a, **k),
    )
    theirs = cli.build_parser(["check"])
    assert ours.format_help() == theirs.format_help()
    sub_ours = ours._subparsers._group_actions[0].choices["check"]  # type: ignore[union-attr]
    sub_theirs = theirs._subparsers._group_actions[0].choices["check"]  # type: ignore[union-attr]
    assert sub_ours.formatter_class is formatter
    assert sub_ours.format_help() == sub_theirs.format_help()
    assert "--no-cache" in sub_ours.format_help()


def test_temporary_file_is_new_private_and_unpredictable(tmp_path: Path) -> None:
    fd, name = atomic_file._create(tmp_path, ".tmp-")
    os.close(fd)
    fd2, name2 = atomic_file._create(tmp_path, ".tmp-")
    os.close(fd2)
    assert name != name2
    for made in (name, name2):
        assert Path(made).parent == tmp_path
        assert Path(made).name.startswith(".tmp-")
        assert len(Path(made).name) == len(".tmp-") + 24
        assert stat.S_IMODE(os.lstat(made).st_mode) == 0o600


def test_temporary_file_never_reuses_a_name_or_follows_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    outside.write_text("不能被改写", encoding="utf-8")
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / ("p-" + "00" * 12)).symlink_to(outside)  # a link planted under the first name
    (folder / ("p-" + "01" * 12)).write_text("旧", encoding="utf-8")  # a file under the second
    draws = iter([b"\0" * 12, b"\1" * 12, b"\2" * 12])
    monkeypatch.setattr(atomic_file.os, "urandom", lambda n: next(draws))
    fd, name = atomic_file._create(folder, "p-")
    try:
        assert os.get_inheritable(fd) is False  # no child process inherits it
        os.write(fd, b"new")
    finally:
        os.close(fd)
    assert name == str(folder / ("p-" + "02" * 12))
    assert outside.read_text(encoding="utf-8") == "不能被改写"
    assert (folder / ("p-" + "01" * 12)).read_text(encoding="utf-8") == "旧"


def test_temporary_file_gives_up_after_its_tries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ("p-" + "00" * 12)).write_text("x", encoding="utf-8")
    monkeypatch.setattr(atomic_file.os, "urandom", lambda n: b"\0" * n)
    with pytest.raises(FileExistsError):
        atomic_file._create(tmp_path, "p-")


def test_anchors_are_the_packaged_file() -> None:
    from importlib import resources

    raw = resources.files("pipeline.rules").joinpath(anchored._FILE).read_text(encoding="utf-8")
    anchored.anchors.cache_clear()
    try:
        from pipeline import yamlutil

        data = yamlutil.load_data(raw) or {}
        assert data
        assert set(anchored.anchors()) == {str(rule) for rule in data}
    finally:
        anchored.anchors.cache_clear()


def test_the_build_key_names_files_as_relpath_does() -> None:
    """The key the store files its records under, against the same digest worked out with
    ``os.path.relpath`` for each file's name (as before the names were cut from the path)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(result_store.__file__)))
    head = [
        result_store.FORMAT,
        sys.version,
        sys.implementation.cache_tag,
        package,
        *result_store._libraries(),
    ]
    digest = hashlib.sha256(json.dumps(head).encode())
    count = 0
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(s for s in subfolders if s != "__pycache__")
        for name in sorted(names):
            path = os.path.join(folder, name)
            data = Path(path).read_bytes()
            rel = os.path.relpath(path, package)
            digest.update(rel.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
            count += "/" in rel
    assert count > 100  # files in subfolders: the names that cutting could get wrong
    compute = result_store.build_key.__wrapped__  # type: ignore[attr-defined]
    assert compute() == digest.hexdigest()
    assert compute() == digest.hexdigest()  # the second time from the remembered key


def test_public_terms_the_joined_columns_would_change_are_not_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    by_rule, _ = lexicon_cache.parse_package()
    lexicon = next(
        lex for lex in by_rule.values() if any(isinstance(i, tuple) for i in lex.terms.records())
    )
    dumped = lexicon_cache._dump(by_rule)
    assert dumped is not None
    again = {lex.rule: lex for lex in map(lexicon_cache._lexicon, dumped)}
    for rule, lex in by_rule.items():  # the columns give back every record as it was
        assert again[rule].terms.records() == lex.terms.records()
    size = len(lexicon.terms.records())
    lexicon.terms.add_records([("两行\n的词", lexicon.rule, "error", 7)])
    assert lexicon_cache._dump(by_rule) is None
    del lexicon.terms._items[size:]
    lexicon.terms.add_records([("一个词", lexicon.rule, "err", 7)])  # no level of its letter
    assert lexicon_cache._dump(by_rule) is None


def _former_fixed_lookbehinds(node: object) -> bool:
    """The check as it was before the twelfth pass (every part of the tree visited)."""
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    if isinstance(node, sre_parse.SubPattern):
        return all(_former_fixed_lookbehinds(item) for item in node.data)
    if isinstance(node, tuple | list):
        if len(node) == 2 and node[0] in (sre.ASSERT, sre.ASSERT_NOT) and node[1][0] < 0:
            low, high = node[1][1].getwidth()
            if low != high:
                return False
        return all(_former_fixed_lookbehinds(item) for item in node)
    return True


LOOKBEHINDS = [
    r"(?<=ab)c",
    r"(?<=a|bc)d",
    r"(?<!x{2})y",
    r"(?<!x{1,2})y",
    r"(a(?<=b+)c)",
    r"(?:(?<=ab)|cd)+e",
    r"((?<=a|bb))*",
    r"(?P<n>x)(?(n)(?<=xy*)|z)",
    r"(?>(?<=a{3})b)",
    r"(?=(?<!ab|c))",
    r"(?<=(?<=a)b)c",
    r"(?<=(?<=a+)b)c",
    r"[^\u4e00-\u9fff](?<=[a-z]{2})",
    r"\b(?<![零一二三四五六七八九十]{1,3})年",
    r"(?i)(?<=ab)c|(?<=a)d|x(?<!q{0,4})",
]


def test_lookbehind_check_is_the_former_one() -> None:
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    from pipeline.rules.rule_kinds import parsed_cache

    verdicts = set()
    for pattern in LOOKBEHINDS:
        tree = sre_parse.parse(pattern, 0)
        verdict = parsed_cache._fixed_lookbehinds(tree)
        assert verdict == _former_fixed_lookbehinds(tree), pattern
        verdicts.add(verdict)
        try:
            re.compile(pattern)
        except re.error:
            assert not verdict, pattern  # what the compiler refuses, the check refuses
    assert verdicts == {True, False}
    # Every expression of the package's rule files.
    found = 0
    for path in sorted((ROOT / "pipeline" / "rules" / "rulefiles").glob("*.yml")):
        for pattern in re.findall(
            r"^\s*(?:pattern|regex|re):\s*'(.*)'\s*$", path.read_text(), re.M
        ):
            tree = sre_parse.parse(pattern.replace("''", "'"), 0)
            assert parsed_cache._fixed_lookbehinds(tree) is _former_fixed_lookbehinds(tree)
            found += 1
    assert found > 0


def test_a_range_from_an_assertions_opcode_is_no_lookbehind() -> None:
    from re import _parser as sre_parse  # type: ignore[attr-defined]

    from pipeline.rules.rule_kinds import parsed_cache

    for pattern in ("[\x04-\x10]", "[\x05-z]+", "(?<=a)[\x04-\x05]"):
        tree = sre_parse.parse(pattern, 0)
        assert parsed_cache._fixed_lookbehinds(tree) is True
        with pytest.raises(TypeError):
            _former_fixed_lookbehinds(tree)  # what the former check did with them


def test_the_copy_index_takes_the_stamps_of_the_files_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy index of a check through the store takes the paths the check listed and the
    stamps of the files it read (``fstat``), and looks only at the others itself: the same
    entries as an index that looks at every post, and as one without its cache."""
    from pipeline.post_files import post_rel_paths
    from pipeline.project import Project
    from pipeline.rules import attribution, attribution_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = grow_repo(tmp_path / "unit", 12)
    posts = root / "content" / "posts"
    first = sorted(posts.rglob("*.md"))[0]
    (posts / "2026" / "linked.md").symlink_to(first)  # a link: not read, not indexed
    big = posts / "2026" / "big.md"
    big.write_text(first.read_text(encoding="utf-8") + "长" * (3 << 20), encoding="utf-8")

    def entries(index: attribution.RepoIndex) -> dict[str, list[object]]:
        return {key: list(found) for key, found in index.sentences.items()}

    reference = entries(attribution.RepoIndex(root, cached=False))
    assert entries(attribution.RepoIndex(root)) == reference  # the cache written
    project = Project(root)
    every = post_rel_paths(root)
    assert {"content/posts/2026/linked.md", "content/posts/2026/big.md"} <= set(every)
    looked: list[str] = []
    real_lstat = attribution_cache.os.lstat

    def lstat(path: str) -> os.stat_result:
        looked.append(path)
        return real_lstat(path)

    folder = f"{root}/content/posts/"
    for _ in range(2):  # the cache as written, then as read
        now = result_store.Current(project, every)
        read = [now.read(f"{root}/{rel}") for rel in every]
        assert sum(r is None for r in read) == 2  # the link and the large file
        looked.clear()
        monkeypatch.setattr(attribution_cache.os, "lstat", lstat)
        now.digest([])
        monkeypatch.setattr(attribution_cache.os, "lstat", real_lstat)
        posts_looked = sorted(p for p in looked if p.startswith(folder))
        assert posts_looked == [folder + "2026/big.md", folder + "2026/linked.md"]
        assert now.index is not None and entries(now.index) == reference
        for rel, info in now.stamps.items():
            found = os.lstat(root / rel)
            assert info == [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino]
    # Without the paths (another caller): every post looked at, the same entries.
    now = result_store.Current(project)
    looked.clear()
    monkeypatch.setattr(attribution_cache.os, "lstat", lstat)
    now.digest([])
    monkeypatch.setattr(attribution_cache.os, "lstat", real_lstat)
    assert len([p for p in looked if p.startswith(folder)]) == len(every)
    assert now.index is not None and entries(now.index) == reference
