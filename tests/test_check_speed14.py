"""The tenth pass of the one-changed check: the text rules' regular expressions built from
code kept in the private cache (``compiled_re``) are the patterns ``re.compile`` gives, the
file is trusted only as every private cache file is, and a check prints the same findings
whether the expressions came from the file or were compiled."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import stat
import subprocess
import sys
from array import array
from dataclasses import FrozenInstanceError, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from pipeline.findings import Finding, format_json, sort_key, stored_finding
from pipeline.rules import (
    attribution,
    automaton_cache,
    cache,
    compiled_re,
    lines,
    normalize,
    notation,
    result_store,
)
from tests.check_support import PROJECT_ROOT, grow_repo, untrust

# Shapes beyond the modules' own: flags, named groups, backreferences, lookbehinds,
# a negated class of wide ranges, astral characters, possessive and atomic parts.
EXTRA = [
    ("(?P<word>[a-z]+)-(?P=word)", 0),
    (r"(?<=[\u4e00-\u9fff])\s+(?=\d)", re.IGNORECASE),
    ("[^\\x00-\u2fff\U0001f300-\U0001faff]+", 0),
    (r"^(?:a|b)*+(?>c|d)\Z", re.MULTILINE | re.DOTALL),
    (r"(\w)(?:x\1){2,5}", re.ASCII),
    (r"来源|出处|据.{1,20}(?:报道|消息)", 0),
]
TEXT = "来源：新华社 据本报记者报道 abc-abc 测试 12 ab\nxyx cxcxc 𝕏😀 Ⅻ aaac"


def module_patterns() -> list[tuple[str, int]]:
    """Every module-level expression of the four modules, and the extra shapes."""
    found = []
    for module in (normalize, lines, notation, attribution):
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((value.pattern, value.flags & ~re.UNICODE))
    assert len(found) >= 20
    return [*dict.fromkeys([*found, *EXTRA])]


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache of its own and nothing read yet; the path of the kept file."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(compiled_re, "_kept", None)
    return tmp_path / "xdg" / "govmedia" / compiled_re.NAME


def no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    """``re.compile`` unavailable to ``compiled_re``: what it gives comes from the file."""

    def refuse(pattern: str, flags: int = 0) -> re.Pattern[str]:
        raise AssertionError(f"compiled afresh: {pattern!r}")

    fake = SimpleNamespace(compile=refuse, DEBUG=re.DEBUG, error=re.error)
    monkeypatch.setattr(compiled_re, "re", fake)
    monkeypatch.setattr(compiled_re, "_kept", None)


def reseal(path: Path, data: object) -> None:
    payload = json.dumps(data, ensure_ascii=False)
    digest = hashlib.blake2b(payload.encode(), digest_size=32).hexdigest()
    path.write_text(digest + "\n" + payload, encoding="utf-8")


def test_patterns_from_the_file_are_those_compiled(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shapes = module_patterns()
    expected = [re.compile(p, f) for p, f in shapes]
    assert [compiled_re.compiled(p, f) for p, f in shapes] == expected
    assert not kept.exists()  # nothing is written until asked
    compiled_re.save()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    no_compiling(monkeypatch)
    again = [compiled_re.compiled(p, f) for p, f in shapes]
    assert again == expected  # flags, pattern text and code
    for made, reference in zip(again, expected, strict=True):
        assert [m.span() for m in made.finditer(TEXT)] == [
            m.span() for m in reference.finditer(TEXT)
        ]
        assert made.groupindex == reference.groupindex and made.groups == reference.groups
    stamp = kept.stat().st_mtime_ns
    compiled_re.save()  # nothing compiled afresh: nothing written
    assert kept.stat().st_mtime_ns == stamp


def test_own_sealed_file_is_what_is_used(kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is trusted as every private cache file is (the user's own, sealed): an entry
    with another expression's code is what the pattern runs, which shows the file is read."""
    compiled_re.compiled("a+", 0)
    compiled_re.compiled("b+", 0)
    compiled_re.save()
    data = cache.read_sealed_json(kept.name)
    rows = {row[0]: row for row in data["entries"]}
    rows["a+"][3] = rows["b+"][3]
    reseal(kept, data)
    no_compiling(monkeypatch)
    assert compiled_re.compiled("a+").findall("aabb") == ["bb"]


@pytest.mark.parametrize("tamper", ["digest", "types", "mode", "link", "owner", "code", "format"])
def test_untrusted_or_refused_entries_are_compiled_afresh(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tamper: str
) -> None:
    compiled_re.compiled("a+", 0)
    compiled_re.compiled("b+", 0)
    compiled_re.save()
    data = cache.read_sealed_json(kept.name)
    rows = {row[0]: row for row in data["entries"]}
    if tamper == "digest":
        kept.write_text(kept.read_text(encoding="utf-8").replace("b+", "a+"), encoding="utf-8")
    elif tamper == "types":
        rows["a+"][3] = [str(n) for n in rows["a+"][3]]
        reseal(kept, data)
    elif tamper == "code":  # sealed, of the right types, but not code the engine accepts
        rows["a+"][3] = [999_999, *rows["a+"][3]]
        reseal(kept, data)
    elif tamper == "format":
        reseal(kept, dict(data, format=compiled_re.FORMAT + 1))
    else:
        untrust(kept, tamper, tmp_path / "planted.json", monkeypatch)
    monkeypatch.setattr(compiled_re, "_kept", None)
    assert compiled_re.compiled("a+") == re.compile("a+")
    assert compiled_re._kept is not None and compiled_re._kept.fresh  # compiled afresh
    if tamper in ("digest", "types", "mode", "link", "owner", "format"):
        assert ("a+", 0) not in compiled_re._kept.read


def test_saving_keeps_what_was_used_within_the_limit(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        compiled_re.compiled(f"old{n}")
    compiled_re.save()
    monkeypatch.setattr(compiled_re, "_kept", None)
    monkeypatch.setattr(compiled_re, "MAX_ENTRIES", 3)
    compiled_re.compiled("old0")
    compiled_re.compiled("new", re.IGNORECASE)
    compiled_re.save()
    rows = cache.read_sealed_json(kept.name)["entries"]
    assert len(rows) == 3
    assert ["old0", 0] in [row[:2] for row in rows] and ["new", 2] in [row[:2] for row in rows]


def test_no_private_cache_compiles_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared" / "govmedia"
    shared.mkdir(parents=True)
    shared.chmod(0o777)  # writable by others: not a private cache, nothing read or written
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "shared"))
    monkeypatch.setattr(compiled_re, "_kept", None)
    assert compiled_re.compiled("a+") == re.compile("a+")
    compiled_re.save()
    assert list(shared.iterdir()) == []


def run_check(root: Path, xdg: Path) -> bytes:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), XDG_CACHE_HOME=str(xdg))
    command = [sys.executable, "-m", "pipeline", "check", "--no-cache", "--format", "json"]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, check=False).stdout


def test_check_prints_the_same_from_the_file(tmp_path: Path) -> None:
    root = grow_repo(tmp_path / "unit", 20)
    xdg = tmp_path / "xdg"
    first = run_check(root, xdg)
    path = xdg / "govmedia" / compiled_re.NAME
    entries = cache.unseal(path.read_text(encoding="utf-8"))["entries"]
    assert len(entries) >= 20  # the check wrote what it compiled
    stamp = path.stat().st_mtime_ns
    assert run_check(root, xdg) == first  # from the file
    assert path.stat().st_mtime_ns == stamp  # nothing new: not rewritten
    assert json.loads(first)  # the sample content has findings to compare
    path.unlink()
    assert run_check(root, xdg) == first


def reference_ends_fit(values: list[int], hows: int) -> bool:
    """The former check: the set of the (how, length) ends of the values that are not negative."""
    ends = {value & 0xFFF for value in values if value >= 0}
    return not any(end >> 8 >= hows or not end & 0xFF for end in ends)


def test_ends_fit_is_the_former_check() -> None:
    rng = random.Random(14)
    edges = [0, 1, 0xFF, 0x100, 0xF01, 0xFFF, 0x1000, 2**31 - 1, -1, -(2**31), -4096, -4097]
    verdicts = set()
    for trial in range(4000):
        hows = rng.randint(0, 17)
        values = [
            (rng.randint(0, 50_000) << 12)
            | (rng.randint(0, max(hows - 1, 0)) << 8)
            | rng.randint(1, 255)
            for _ in range(rng.randint(0, 30))
        ]
        values += [-rng.randint(1, 9000) for _ in range(rng.randint(0, 5))]
        if trial % 3 == 0:  # one value off: a length of 0, a way of spelling too far, an edge
            values.append(rng.choice([*edges, rng.randint(0, 2**19 - 1) << 12]))
        if trial % 5 == 0:
            values.append((rng.randint(0, 9) << 12) | (rng.randint(min(hows, 15), 15) << 8) | 1)
        rng.shuffle(values)
        expected = reference_ends_fit(values, hows)
        assert automaton_cache.ends_fit(array("i", values), hows) == expected, (values, hows)
        verdicts.add(expected)
    assert verdicts == {True, False}


def test_stored_findings_are_those_constructed() -> None:
    rows = [
        ["a.md", 3, 1, "A1-01", "第一条", "error", "消息", "匹配", False],
        ["b.md", 1, 0, "R", "", "warning", 'q"\\\n😀', "", True],
    ]
    for row in rows:
        made = stored_finding(row)
        expected = Finding(*row[:8], unreadable=row[8])  # type: ignore[arg-type]
        assert made == expected and type(made) is Finding
        assert vars(made) == vars(expected) and list(vars(made)) == list(vars(expected))
        assert made.waived is None and made.unreadable is row[8]
        with pytest.raises(FrozenInstanceError):
            made.line = 2  # type: ignore[misc]
    assert result_store._finding(rows[0]) == stored_finding(rows[0])
    with pytest.raises(ValueError):
        result_store._finding([*rows[0][:8], 1])  # the types are checked before


def test_copy_digest_is_that_of_json_dumps() -> None:
    entries = [
        attribution.Entry(f"p{n}.md", "2026-01-0{n}", f"标题\u2028{n}😀", n % 2 == 0)
        for n in range(1, 10)
    ]
    sentences = {"k1": entries[:2], "k2": entries, "k3": []}
    keys = ["k1", "k2", "k3", "missing"]

    def reference() -> str:
        parts: list[object] = []
        for key in keys:
            found = sentences.get(key)
            if found is not None and len(found) > result_store.BIG_BUCKET:
                text = json.dumps(found, ensure_ascii=False).encode()
                parts.append(hashlib.blake2b(text, digest_size=16).hexdigest())
            else:
                parts.append(found)
        text = json.dumps(parts, ensure_ascii=False).encode()
        return hashlib.blake2b(text, digest_size=16).hexdigest()

    assert result_store.copy_digest(sentences, keys, {}) == reference()


def labelled_findings() -> list[Finding]:
    """Findings as ``check_post`` makes them from the detections of every text of the
    labelled set, with odd characters around each match, and some waived."""
    from pipeline.rules.checker import RuleChecker

    checker = RuleChecker(None)
    odd = ["", '"\\/', "\n\t\r\b\f", "\x00\x1f\x7f", "\u2028\u2029\ufeff", "😀𝕏", "\ud800"]
    found = []
    for name in ("violations.yml", "legit.yml"):
        path = PROJECT_ROOT / "tests" / "data" / "labelled" / name
        for n, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            text = case["text"]
            for d in checker.check_text(text):
                line, column = text.count("\n", 0, d.start) + 1, d.start + 1
                match = odd[n % len(odd)] + text[d.start : d.end]
                waived = f"理由{odd[(n + 3) % len(odd)]}" if n % 5 == 0 else None
                where = f"content/posts/{case['id']}.md"
                found.append(
                    Finding(where, line, column, d.rule, d.article, d.severity, d.message, match)
                )
                found.append(replace(found[-1], waived=waived, column=column + 1))
    return found


def test_findings_json_is_json_dumps_on_the_labelled_findings() -> None:
    findings = labelled_findings()
    assert len(findings) > 300 and len({f.rule for f in findings}) > 15
    rows = [f.to_json() for f in sorted(findings, key=sort_key)]
    assert format_json(findings) == json.dumps(rows, ensure_ascii=False, indent=2)
    assert any("waived" in row for row in rows) and any("\u2028" in r["match"] for r in rows)


def regexes_of(parsed: Any) -> list[Any]:
    """The regular expressions of parsed rule files: the patterns', gates' and sequences'."""
    found = [p.regex for f in parsed.patterns for p in f.rules]
    found += [g.needs for f in parsed.patterns for g in f.gates if g.needs is not None]
    return found + [s.regex for s in parsed.sequences]


def test_rule_files_regexes_held_are_not_parsed_again(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.rules.rule_kinds import parsed_cache
    from pipeline.rules.rule_kinds.rulebook import package_files

    data = parsed_cache.dump(package_files())
    first = parsed_cache.read(data)  # parses each regex: nothing held yet
    assert first is not None
    stored = regexes_of(first)
    for regex in stored:
        compiled_re.compiled(regex.pattern, regex.flags)
    compiled_re.save()
    monkeypatch.setattr(compiled_re, "_kept", None)

    def refuse(pattern: str, flags: int = 0) -> object:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parsed_cache.sre_parse, "parse", refuse)
    second = parsed_cache.read(data)
    assert second == first
    again = regexes_of(second)
    assert again == [re.compile(r.pattern, r.flags) for r in stored]  # code and all
    assert all(type(r) is re.Pattern for r in again)


def test_posts_read_by_their_texts_as_by_their_paths(tmp_path: Path) -> None:
    from pipeline.post_files import post_rel_paths
    from pipeline.project import Project

    root = grow_repo(tmp_path / "unit", 3)
    posts = root / "content" / "posts"
    (posts / "link.md").symlink_to(next(posts.rglob("*.md")))
    (posts / "folder.md").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (posts / "away").symlink_to(tmp_path / "outside")
    (posts / "big.md").write_bytes(b"x" * (result_store.MAX_BYTES + 1))
    now = result_store.Current(Project(root))
    every = [*post_rel_paths(root), "content/posts/away/x.md", "content/posts/folder.md"]
    by_text = [now.read(f"{root}/{rel}") for rel in every]
    assert by_text == [now.read(root / rel) for rel in every]
    assert by_text == [now.read(Path(rel)) for rel in every]  # relative to the root
    assert sum(found is None for found in by_text) == 4  # the link, folder, big file, outside
    assert all(found is None or found[1] == (root / found[0]).read_bytes() for found in by_text)
