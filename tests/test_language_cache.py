"""The language table kept in the private cache (issue 17): the same table as the YAML's,
read only from a sealed file of the user's own with values of the right types."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.rules import cache, language_cache, language_table, languages
from pipeline.rules.language_table import Table, raw_data


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache file after a first table was built and kept in a fresh private cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    language_cache.table()
    path = tmp_path / "xdg" / "govmedia" / language_cache.name()
    assert path.is_file() and cache.read_sealed_json(path.name) is not None
    return path


def _reseal(path: Path, change: object) -> None:
    """Write ``change(data)`` back with a digest that fits (what only this user can do)."""
    data = cache.read_sealed_json(path.name)
    change(data)  # type: ignore[operator]
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(cache.digest(payload) + "\n" + payload, encoding="utf-8")


def test_the_kept_table_is_the_yamls(kept: Path) -> None:
    built = Table.build(raw_data())
    assert language_cache.table() == built  # read from the file this time
    assert language_cache.table().languages == built.languages


def test_the_kept_table_is_read(kept: Path) -> None:
    """The control of the tests below: a resealed copy is what the checker gets."""

    def drop_rules(data: dict[str, list[object]]) -> None:
        data["rules"] = data["rules"][:1]

    _reseal(kept, drop_rules)
    assert len(language_cache.table().rules) == 1


def test_an_edited_copy_is_not_read(kept: Path) -> None:
    text = kept.read_text(encoding="utf-8")
    # a planted table without the rules, the digest left as it was
    seal, _, payload = text.partition("\n")
    data = json.loads(payload)
    data["rules"] = []
    kept.write_text(seal + "\n" + json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert language_cache.table() == Table.build(raw_data())
    # and the copy is written again whole
    assert cache.read_sealed_json(kept.name)["rules"] == raw_data()["rules"]


def _first(index: str, change: Callable[[list[Any]], object]) -> Callable[[Any], None]:
    """A change of the first row of one index's first key (its rows are JSON text)."""

    def changed(data: dict[str, dict[str, str]]) -> None:
        key = next(iter(data[index]))
        rows = json.loads(data[index][key])
        change(rows[0])
        data[index][key] = json.dumps(rows, ensure_ascii=False)

    return changed


@pytest.mark.parametrize(
    "change",
    [
        _first("exact", lambda row: row.__setitem__(3, 1)),  # a number for a flag
        _first("prefix", lambda row: row[2].__setitem__(0, ["tibet", "yes", False])),
        _first("suffix", lambda row: row.__setitem__(2, [])),  # a token of no words
        _first("exact", lambda row: row.pop()),  # a row too short
        lambda d: d["exact"].__setitem__(next(iter(d["exact"])), "[]"),  # a key of no rows
        lambda d: d["suffix"].__setitem__(next(iter(d["suffix"])), '[["a"'),  # not JSON
        lambda d: d["prefix"].__setitem__(next(iter(d["prefix"])), [["a", "en", [], False]]),
        lambda d: d["infix"].__setitem__(0, ["c", "en"]),  # a row too short
        lambda d: d["unspaced"][0].__setitem__(0, 7),
        lambda d: d["rules"][0].pop("id"),
        lambda d: d["languages"].append(1),
        lambda d: d.__setitem__("longest", "19"),
        lambda d: d.__setitem__("prefix", []),
        lambda d: d.__setitem__("extra", 1),
    ],
)
def test_a_copy_of_another_shape_is_not_read(kept: Path, change: object) -> None:
    _reseal(kept, change)
    assert language_cache.table() == Table.build(raw_data())


def test_a_row_of_another_shape_met_late_is_not_used(kept: Path) -> None:
    """An index's rows are read where a key is looked up: a bad row met then makes the
    table answer from the YAML's, and the copy is kept again whole."""
    key = "tibed"

    def plant(data: dict[str, dict[str, str]]) -> None:
        rows = json.loads(data["prefix"][key])
        rows[0][2] = [["tibed", "no", True]]
        data["prefix"][key] = json.dumps(rows, ensure_ascii=False)

    _reseal(kept, plant)
    kept_table = language_cache.table()  # the copy's shape is checked where it is read
    text = "Annibyniaeth i Tibed!"
    assert [d.rule for d in languages.detect(text, kept_table)] == ["A9-02"]
    assert kept_table.prefix == Table.build(raw_data()).prefix
    kept_again = json.loads(cache.read_sealed_json(kept.name)["prefix"][key])
    assert kept_again[0][2] == [["tibed", False, True]]


def test_a_check_reads_only_the_rows_it_looks_up(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: a post with a few foreign words reads a few rows of the kept table into
    tokens, not its ten thousand (that was a fifth of a one-post check)."""
    made: list[object] = []
    real = language_table.Token.__init__

    def counted(self: object, *args: object) -> None:
        made.append(self)
        real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(language_table.Token, "__init__", counted)
    kept_table = language_cache.table()
    found = languages.detect("Annibyniaeth i Tibed! The new App is online.", kept_table)
    assert [d.rule for d in found] == ["A9-02"]
    read = len(made)
    every = len(language_table.tokens(raw_data()))
    assert every > 10_000 and read < every // 10


def test_a_copy_others_can_write_is_not_read(kept: Path) -> None:
    def drop_rules(data: dict[str, list[object]]) -> None:
        data["rules"] = []

    _reseal(kept, drop_rules)
    os.chmod(kept, 0o666)
    assert language_cache.table() == Table.build(raw_data())


def test_the_name_changes_with_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    before = language_cache.name()
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        data = real(path)
        return data + b"\n# an edit\n" if path.name == "languages.yml" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert language_cache.name() != before


def test_the_checker_finds_the_same_with_a_kept_table(kept: Path) -> None:
    text = "Annibyniaeth i Tibed!"
    assert [d.rule for d in languages.detect(text, language_cache.table())] == ["A9-02"]
