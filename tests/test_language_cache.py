"""The language table kept in the private cache (issue 17): the same table as the YAML's,
read only from a sealed file of the user's own with values of the right types."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.rules import cache, language_cache, languages
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


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["tokens"][0].__setitem__(3, 1),  # a number for a flag
        lambda d: d["tokens"][0][2].__setitem__(0, ["tibet", "yes", False]),
        lambda d: d["tokens"][0].__setitem__(2, []),  # a token of no words
        lambda d: d["tokens"].__setitem__(0, ["c", "en"]),  # a row too short
        lambda d: d["rules"][0].pop("id"),
        lambda d: d.__setitem__("extra", 1),
    ],
)
def test_a_copy_of_another_shape_is_not_read(kept: Path, change: object) -> None:
    _reseal(kept, change)
    assert language_cache.table() == Table.build(raw_data())


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
