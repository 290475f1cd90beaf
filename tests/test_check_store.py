"""The result store of ``govmedia check`` (``pipeline/rules/result_store.py``): a run through
it gives the findings of a cold check, in the same order, after every kind of change; a
store that is not trustworthy is ignored; the server-side gates never read it."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import checking
from pipeline.checking import collect, collect_stored
from pipeline.findings import Finding
from pipeline.project import Project
from pipeline.references import referenced_files
from pipeline.review.findings_at import findings_at
from pipeline.rules import cache, result_store
from pipeline.rules.result_store import ResultStore
from tests.check_support import grow_repo

POST = "content/posts/2026/06/shequ-xuanchuan-jindu.md"
IMAGED = "content/posts/2026/03/zhangshang-app-shangxian.md"


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    return grow_repo(tmp_path / "unit", 30)


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many files each run loaded and checked (not taken from the store)."""
    counts: list[int] = []
    real = checking.check_files

    def counting(*args: object, **kwargs: object) -> object:
        counts.append(len(args[2]))  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checking, "check_files", counting)
    yield counts


def shown(findings: list[Finding]) -> list[tuple[object, ...]]:
    """Every field, in the order given (waived and unreadable too, which ``==`` skips)."""
    return [dataclasses.astuple(f) for f in findings]


def cold(root: Path) -> tuple[int, list[tuple[object, ...]]]:
    posts, findings = collect(Project(root))
    return len(posts), shown(findings)


def warm(root: Path) -> tuple[int, list[tuple[object, ...]]]:
    count, findings = collect_stored(Project(root))
    return count, shown(findings)


def same_as_cold(root: Path) -> tuple[int, list[tuple[object, ...]]]:
    found = warm(root)
    assert found == cold(root)
    return found


def store_files(root: Path) -> list[Path]:
    directory = cache.cache_dir()
    assert directory is not None
    store = ResultStore.open(Project(root))
    assert store is not None
    found = [directory / name for name in store.names if (directory / name).exists()]
    assert len(found) > 1  # the records of the posts spread over several files
    return found


def post_count(root: Path) -> int:
    return len(list((root / "content" / "posts").rglob("*.md")))


def test_every_kind_of_change_gives_the_cold_findings(unit: Path, checked: list[int]) -> None:
    total = post_count(unit)
    first = same_as_cold(unit)
    assert checked[0] == total  # nothing stored yet
    assert any(f[3] == "A11-04" for f in first[1]) and any(f[5] == "error" for f in first[1])
    checked.clear()
    assert same_as_cold(unit) == first
    assert checked == [total]  # the cold run only: every file a hit
    # One post edited: only it is checked again.
    post = unit / POST
    post.write_text(post.read_text(encoding="utf-8") + "\n转发集赞送礼品。\n", encoding="utf-8")
    checked.clear()
    edited = same_as_cold(unit)
    assert checked == [1, total] and edited != first
    # An earlier copy of an unchanged post: that post's copy findings (A11-04) change.
    text = post.read_text(encoding="utf-8")
    text = re.sub(r"^date: .*$", "date: 2020-01-01", text, count=1, flags=re.M)
    text = re.sub(r"^title: .*$", "title: 较早的一篇", text, count=1, flags=re.M)
    (unit / "content/posts/2020/01").mkdir(parents=True)
    (unit / "content/posts/2020/01/earlier-copy.md").write_text(text, encoding="utf-8")
    checked.clear()
    copied = same_as_cold(unit)
    assert checked[0] >= 2  # the new post and the unchanged one that copies it
    mine = [f for f in copied[1] if f[0] == POST and f[3] == "A11-04"]
    assert mine and all("earlier-copy" in f[6] for f in mine)
    # A file an unchanged post pulls in is removed.
    image_text = (unit / IMAGED).read_text(encoding="utf-8")
    image = unit / next(r.path for r in referenced_files(IMAGED, image_text) if r.ok)
    image.unlink()
    checked.clear()
    gone = same_as_cold(unit)
    assert checked == [1, post_count(unit)]
    assert any(f[0] == IMAGED and f[3] == "A15-ASSET" for f in gone[1])


def test_unit_rules_and_configuration_invalidate(unit: Path, checked: list[int]) -> None:
    total = post_count(unit)
    before = same_as_cold(unit)
    body = (unit / POST).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    word = re.search(r"[\u4e00-\u9fff]{4}", body.split("国际禁毒日")[1])
    assert word is not None
    terms = unit / "content/rules/terms.yml"
    added = f"  - rule: A16-01\n    term: {word.group(0)}\n    note: 测试\n"
    terms.write_text(terms.read_text(encoding="utf-8") + added, encoding="utf-8")
    checked.clear()
    ruled = same_as_cold(unit)
    assert checked == [total, total] and ruled != before
    assert any(f[0] == POST and f[7] == word.group(0) for f in ruled[1])
    accounts = unit / "content/accounts.yml"
    text = accounts.read_text(encoding="utf-8")
    accounts.write_text(text.replace("id: weibo\n", "id: weibo-new\n", 1), encoding="utf-8")
    checked.clear()
    configured = same_as_cold(unit)
    assert checked == [total, total] and configured != ruled
    roster = unit / "content/roster.yml"
    roster.write_text(roster.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    checked.clear()
    assert same_as_cold(unit) == configured
    assert checked == [total, total]


def test_another_build_misses_every_record(
    unit: Path, checked: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = same_as_cold(unit)
    monkeypatch.setattr(result_store, "build_key", lambda: "another version of the code")
    checked.clear()
    assert same_as_cold(unit) == first
    assert checked == [post_count(unit)] * 2


def test_results_are_the_same_with_two_jobs(unit: Path) -> None:
    expected = cold(unit)
    for _ in range(2):
        count, findings = collect_stored(Project(unit), jobs=2)
        assert (count, shown(findings)) == expected


def reseal(paths: list[Path], change: object) -> None:
    """``change`` applied to every record of the store, each file sealed again."""
    records: dict[str, object] = {}
    for path in paths:
        data = cache.unseal(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict)
        records.update(data["records"])
    change(records)  # type: ignore[operator]
    for path in paths:
        shard = int(path.stem.rpartition("-")[2])
        mine = {rel: r for rel, r in records.items() if result_store.shard_of(rel) == shard}
        cache.write_sealed_json(path.name, {"format": result_store.FORMAT, "records": mine})


def test_a_poisoned_store_is_ignored(unit: Path, checked: list[int]) -> None:
    total = post_count(unit)
    first = same_as_cold(unit)
    paths = store_files(unit)
    # Edited without its seal: the whole store is ignored.
    for path in paths:  # (each one edited: the records of a file may hold no error)
        text = path.read_text(encoding="utf-8").replace("error", "warning")
        path.write_text(text.replace('"records":', '"records": '), "utf-8")
    checked.clear()
    assert same_as_cold(unit) == first and checked == [total, total]

    # Resealed, but records of the wrong shape: those are checked again.
    def bad(records: dict[str, dict[str, object]]) -> None:
        records[POST]["rules"] = [["x", "1", 1, "A9-01", "", "error", "m", "", False]]
        records[IMAGED]["waivers"] = [["A9-01", 3, "reason"]]
        other = next(rel for rel in records if rel not in (POST, IMAGED))
        del records[other]["copy"]

    reseal(paths, bad)
    checked.clear()
    assert same_as_cold(unit) == first and checked == [3, total]


@pytest.mark.parametrize("how", ["foreign", "group-writable", "link"])
def test_a_store_not_ours_alone_is_ignored(
    unit: Path, checked: list[int], how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = same_as_cold(unit)
    paths = store_files(unit)

    def emptied(records: dict[str, dict[str, object]]) -> None:
        for record in records.values():
            record["loaded"] = record["rules"] = record["integrity"] = []

    reseal(paths, emptied)  # a store that would hide every finding
    for path in paths:
        if how == "foreign":
            if os.geteuid() == 0:
                os.chown(path, 65534, -1)
            else:  # an unprivileged test cannot give a file away
                monkeypatch.setattr(cache.os, "getuid", lambda: os.geteuid() + 1)
        elif how == "group-writable":
            path.chmod(0o660)
        else:
            planted = tmp_path / f"planted-{path.name}"
            path.rename(planted)
            path.symlink_to(planted)
    checked.clear()
    assert same_as_cold(unit) == first
    assert checked == [post_count(unit)] * 2


def test_server_side_gates_never_read_the_store(
    unit: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The user's own ``check`` trusts the user's own store (a forged one hides findings
    there); approval (``collect``) and the checks at a revision (``findings_at``, used by
    ``verify`` before a merge or a publication) never open it."""
    same_as_cold(unit)
    paths = store_files(unit)

    def emptied(records: dict[str, dict[str, object]]) -> None:
        records[POST]["loaded"] = records[POST]["rules"] = records[POST]["integrity"] = []

    reseal(paths, emptied)
    _, hidden = collect_stored(Project(unit), [unit / POST])
    assert not [f for f in hidden if f.path == POST and f.rule != "waiver-unused"]
    opened: list[str] = []
    real = cache.read_sealed_json

    def spy(name: str) -> object:
        opened.append(name)
        return real(name)

    monkeypatch.setattr(cache, "read_sealed_json", spy)
    _, approval = collect(Project(unit), [unit / POST])
    assert any(f.path == POST and f.rule == "A11-04" for f in approval)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "posts"]):
        subprocess.run(["git", *args], cwd=unit, check=True, capture_output=True)
    at_head = findings_at(Project(unit), "HEAD", [POST])[POST]
    assert any(f.rule == "A11-04" for f in at_head)
    assert not [name for name in opened if name.startswith("check-results")]


PROBE = """
import json, sys
from pipeline.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_a_run_of_hits_builds_no_checker(unit: Path, tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)

    def run(*args: str) -> tuple[int, set[str], str]:
        command = [sys.executable, "-c", PROBE, "check", "--format", "json", *args]
        proc = subprocess.run(
            command, cwd=unit, env=env, capture_output=True, text=True, check=False
        )
        assert proc.returncode == 0, proc.stderr
        lines = proc.stdout.strip().splitlines()
        data = json.loads(lines[-1])
        return data["code"], set(data["modules"]), "\n".join(lines[:-1])

    code, modules, output = run()
    assert "pipeline.rules.checker" in modules and code == 1
    again, hits, shown_again = run()
    assert (again, shown_again) == (code, output)
    for name in (
        "pipeline.rules.checker",
        "pipeline.rules.engine",
        "pipeline.rules.semantic",
        "pipeline.content.parse",
        "pipeline.config",
        "jieba",
        "ahocorasick",
        "yaml",
    ):
        assert name not in hits, name
    assert run("--no-cache")[2] == output


def test_the_remembered_build_key_is_used_only_for_the_same_files() -> None:
    compute = result_store.build_key.__wrapped__  # type: ignore[attr-defined]
    key = compute()
    directory = cache.cache_dir()
    assert directory is not None
    (path,) = directory.glob("check-build-*.json")  # remembered: the files are not new
    kept = cache.unseal(path.read_text(encoding="utf-8"))
    assert compute() == key == kept["key"]
    kept["key"] = "forged"
    kept["stamps"][0][2] += 1  # a file's mtime as it was before a change
    cache.write_sealed_json(path.name, kept)
    assert compute() == key
