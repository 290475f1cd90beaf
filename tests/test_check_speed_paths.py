"""The rule checker's quick start gives what the slow one gives, finding for finding.

The package's rule files are kept parsed in the private cache
(``pipeline/rules/rule_kinds/parsed_cache.py``): the rules read from it equal the rules
parsed from the files, a stored file that was edited, truncated or holds a value of the
wrong type is ignored (the files are parsed again), and a check with the cache gives the
same findings as one without it on the sample content and on generated posts.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

import pytest

from pipeline import content
from pipeline.config import load_unit_config
from pipeline.findings import Finding
from pipeline.project import Project
from pipeline.rules import cache
from pipeline.rules.checker import RuleChecker
from pipeline.rules.rule_kinds import parsed_cache
from pipeline.rules.rule_kinds.rulebook import Parsed, package_files
from tests.check_support import grow_repo


def _stored_path() -> Path:
    name = parsed_cache.cache_name()
    directory = cache.cache_dir()
    assert name is not None and directory is not None
    return directory / name


def test_rules_from_the_cache_equal_the_parsed_files() -> None:
    parsed = package_files()
    assert parsed.combos and parsed.patterns and parsed.sequences
    first = parsed_cache.package_parsed()  # parses and fills the cache
    assert _stored_path().is_file()
    second = parsed_cache.package_parsed()  # reads it
    assert first == parsed
    assert second == parsed
    regexes = [r.regex for f in second.patterns for r in f.rules]
    regexes += [s.regex for s in second.sequences]
    originals = [r.regex for f in parsed.patterns for r in f.rules]
    originals += [s.regex for s in parsed.sequences]
    assert [(r.pattern, r.flags) for r in regexes] == [(r.pattern, r.flags) for r in originals]
    validators = [r.validator for f in second.patterns for r in f.rules]
    assert validators == [r.validator for f in parsed.patterns for r in f.rules]
    assert any(v is not None for v in validators)


def _mangled(data: dict[str, Any], where: str, value: Any) -> dict[str, Any]:
    """``data`` with one stored field replaced (``where``: kind, row, field index)."""
    copy = json.loads(json.dumps(data))
    kind, row, column = where.split(":")
    copy[kind][int(row)][int(column)] = value
    return copy


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("combos:0:3", "fatal"),  # not a severity
        ("combos:0:6", "6"),  # within: text, not an integer
        ("combos:0:6", True),  # a boolean is no integer
        ("combos:0:7", [["词", 1]]),  # a word that is not text
        ("sequences:0:5", ["(", 0]),  # a regex that does not parse
        ("sequences:0:5", ["(?<=a+)b", 0]),  # a look-behind of many widths: the compiler refuses it
        ("sequences:0:5", ["词", "0"]),  # flags of the wrong type
        ("sequences:0:5", ["词", 1 << 20]),  # an unknown flag
        ("sequences:0:8", 0),  # neighbours: not a boolean
        ("patterns:0:1", "sideways"),  # not a view
        ("patterns:0:4", "rules"),  # gates: not a list
    ],
)
def test_a_stored_value_of_the_wrong_type_is_ignored(where: str, value: Any) -> None:
    data = parsed_cache.dump(package_files())
    assert isinstance(parsed_cache.read(data), Parsed)
    assert parsed_cache.read(_mangled(data, where, value)) is None


def test_a_row_without_a_field_is_ignored() -> None:
    data = parsed_cache.dump(package_files())
    data["sequences"][0] = data["sequences"][0][:-1]
    assert parsed_cache.read(data) is None


def test_an_unknown_validator_or_format_is_ignored() -> None:
    data = parsed_cache.dump(package_files())
    rows = [i for i, f in enumerate(data["patterns"]) if any(r[6] for r in f[5])]
    assert rows
    mangled = json.loads(json.dumps(data))
    rule = next(r for r in mangled["patterns"][rows[0]][5] if r[6])
    rule[6] = "os.system"
    assert parsed_cache.read(mangled) is None
    assert parsed_cache.read(dict(data, format=parsed_cache.FORMAT + 1)) is None
    assert parsed_cache.read([data]) is None


def test_an_edited_or_foreign_cache_file_is_parsed_again() -> None:
    parsed = package_files()
    parsed_cache.package_parsed()
    path = _stored_path()
    seal, _, payload = path.read_text(encoding="utf-8").partition("\n")
    data = json.loads(payload)
    data["combos"][0][4] = "被改过的提示"
    path.write_text(seal + "\n" + json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert parsed_cache.package_parsed() == parsed  # the seal does not fit: parsed again
    # Sealed but writable by others: not trusted.
    cache.write_sealed_json(path.name, data)
    assert cache.read_sealed_json(path.name) == data
    os.chmod(path, 0o666)
    assert parsed_cache.package_parsed() == parsed  # parsed again, and written again
    assert cache.trusted_file(path)
    assert parsed_cache.read(cache.read_sealed_json(path.name)) == parsed


def _check_all(root: Path) -> list[Finding]:
    project = Project(root)
    config = load_unit_config(project)
    reader = content.PostReader(project, registry=config.registry, roster=config.roster)
    checker = RuleChecker(root)
    found: list[Finding] = []
    for path in sorted((root / "content" / "posts").rglob("*.md")):
        post = reader.read(path).post
        if post is not None:
            found += checker.check_post(post)
    return found


def test_findings_with_the_cache_equal_those_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = grow_repo(tmp_path / "repo", 40)
    name = parsed_cache.cache_name
    monkeypatch.setattr(parsed_cache, "cache_name", lambda: None)  # no cache: parsed
    without = _check_all(root)
    monkeypatch.setattr(parsed_cache, "cache_name", name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _check_all(root)  # fills the cache
    assert parsed_cache.read(cache.read_sealed_json(_stored_path().name)) is not None
    with_cache = _check_all(root)
    assert len(without) > 100
    assert with_cache == without


def test_stored_expressions_compile_on_first_use_to_the_same_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.rules import compiled_re

    # An empty private cache: with no kept engine code a stored expression is parsed only
    # (code kept by an earlier run builds the pattern at once: tests/test_check_speed14.py).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(compiled_re, "_kept", None)
    parsed = parsed_cache.read(parsed_cache.dump(package_files()))
    assert parsed is not None
    gated = next(f for f in parsed.patterns if f.gates and f.rel.endswith("a17-credentials.yml"))
    lazy = gated.rules[0].regex
    assert isinstance(lazy, parsed_cache.LazyRegex)
    assert lazy._compiled is None  # nothing compiled while reading
    assert gated.detect("今天天气很好。") == []  # the gate is shut: still nothing compiled
    assert lazy._compiled is None
    original = next(f for f in package_files().patterns if f.rel == gated.rel).rules[0].regex
    assert lazy == original
    text = "密钥如下：-----BEGIN PRIVATE KEY----- 请妥善保管"
    spans = [m.span() for m in lazy.finditer(text)]
    assert spans and spans == [m.span() for m in original.finditer(text)]
    assert lazy._compiled == original and lazy.groups == original.groups
    assert hash(lazy) == hash(original)
    assert lazy.finditer == lazy._compiled.finditer  # the compiled pattern's own method now


def test_the_check_runs_with_fewer_collections_and_restores_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from pipeline.commands import check

    root = grow_repo(tmp_path / "repo", 0)
    monkeypatch.chdir(root)
    seen: list[tuple[int, int, int]] = []
    original = check.collect_stored

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold())
        return original(*args, **kwargs)

    monkeypatch.setattr(check, "collect_stored", recording)
    before = gc.get_threshold()
    assert before != check.GC_THRESHOLD
    parser = argparse.ArgumentParser()
    check.add_arguments(parser)
    assert check.run(parser.parse_args(["--jobs", "1", "--format", "json"])) in (0, 1)
    assert seen == [check.GC_THRESHOLD]
    assert gc.get_threshold() == before
