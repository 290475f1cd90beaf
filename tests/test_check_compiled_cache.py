"""The checker's compiled data in the private cache (the matcher's keys and the parsed
package lexicons): the same findings with and without it, the dictionary scan finds what
the automaton finds, and a cache that is not the user's own, is writable by others, was
altered or holds values out of range is ignored and built again."""

from __future__ import annotations

import os
import random
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.rules_heldout3 import KEPT_ASIDE
from pipeline.rules import automaton_cache, cache, key_table, lexicon_cache
from pipeline.rules.normalize import compact, mask_markup, normalise
from tests.check_support import no_cache, without_cache

POST_ROOT = Path(__file__).resolve().parent.parent


def labelled_texts() -> list[str]:
    """Every text of the labelled and held-out sets (but those kept aside): evasions, context
    and allowlists."""
    texts: list[str] = []
    for path in sorted((POST_ROOT / "tests" / "data").glob("*/*.yml")):
        if path.parent.name in KEPT_ASIDE:
            continue
        texts += [case["text"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
    assert len(texts) > 300
    return texts


def detections(texts: list[str]) -> list[list[tuple[str, int, int, str, str]]]:
    from pipeline.rules.checker import RuleChecker

    checker = RuleChecker(None)
    return [
        [(d.rule, d.start, d.end, d.severity, d.message) for d in checker.check_text(text)]
        for text in texts
    ]


def counted(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    """A list that grows by one on every call of ``owner.name``."""
    calls: list[int] = []
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


# -- the matcher's compiled keys (pipeline/rules/automaton_cache.py, key_table.py) ---------


def compiled_file() -> Path:
    directory = cache.cache_dir()
    assert directory is not None
    found = sorted(directory.glob("automaton-*"))
    assert len(found) == 1 and found[0].suffix == ".json"
    return found[0]


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """A private cache home; the list counts how often the matcher's keys are built."""
    from pipeline.rules import spellings

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return counted(monkeypatch, spellings, "build")


def test_same_findings_with_and_without_compiled_keys(
    built: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    texts = labelled_texts()
    reference = without_cache(monkeypatch, tmp_path, lambda: detections(texts))
    assert sum(map(len, reference)) > 200
    built.clear()
    assert detections(texts) == reference  # cold: built and saved
    assert len(built) == 1
    assert stat.S_IMODE(compiled_file().stat().st_mode) == 0o600
    assert detections(texts) == reference  # warm: loaded, not built
    assert len(built) == 1
    # One text at a time in new checkers: every text through the dictionary scan.
    assert [detections([text])[0] for text in texts[:120]] == reference[:120]
    assert len(built) == 1


def test_dictionary_scan_is_the_automaton_scan(
    built: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.rules.checker import RuleChecker

    RuleChecker(None)  # cold: saved
    table = RuleChecker(None).matcher._key_table  # warm: from the cache, no automaton
    assert len(built) == 1 and table._automaton is None
    assert table.singles and all(len(k) == 1 for k in table.singles)
    assert set(table.singles) == {k for k in table.codes if len(k) == 1}
    automaton = key_table.KeyTable(dict(table.codes), table.prefixes, []).automaton()
    rng = random.Random(11)
    keys = list(table.codes)
    texts = [compact(normalise(mask_markup(t))).text for t in labelled_texts()]
    for _ in range(300):  # keys glued together, cut and overlapping, at the edges
        parts = [rng.choice(keys)[rng.randint(0, 2) :] for _ in range(rng.randint(1, 6))]
        texts.append("".join(parts) + rng.choice(["", "x", "。"]))
    found = 0
    for text in texts:
        expected = list(automaton.iter(text))
        assert table._scan(text) == expected, text
        found += len(expected)
    assert found > 1000


def test_long_runs_use_the_automaton(monkeypatch: pytest.MonkeyPatch) -> None:
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for value, key in enumerate(("赌博", "博彩", "赌", "网络赌博")):
        automaton.add_word(key, value)
    automaton.make_automaton()
    table = key_table.KeyTable.of(automaton)
    table._automaton = None
    monkeypatch.setattr(key_table, "AUTOMATON_AFTER", 20)
    text = "网络赌博与博彩，赌博。"
    first = list(table.iter(text))
    assert table._automaton is None  # 11 characters: the dictionary
    assert list(table.iter(text)) == first  # 22: the automaton from now on
    assert table._automaton is not None
    assert first == list(automaton.iter(text))
    assert [end for end, _ in first] == sorted(end for end, _ in first)


def test_tampered_compiled_keys_are_ignored(built: list[int], tmp_path: Path) -> None:
    text = "转发抽奖送好礼，扫码加微信领红包。有人在群里兜售冰du和麻古。"
    expected = detections([text])
    assert expected[0]
    path = compiled_file()
    original = path.read_text(encoding="utf-8")
    data = cache.unseal(original)
    assert isinstance(data, dict)

    def restore() -> None:
        path.unlink(missing_ok=True)
        path.write_text(original, encoding="utf-8")
        path.chmod(0o600)

    def rebuilt() -> bool:
        before = len(built)
        found = detections([text])
        restore()
        return found == expected and len(built) == before + 1

    def resealed(**changes: Any) -> None:
        """Values changed with a seal that fits (what only the user could do)."""
        cache.write_sealed_json(path.name, {**data, **changes})

    # One character of the content changed: the seal no longer fits.
    middle = len(original) // 2
    other = "1" if original[middle] == "0" else "0"  # a character that really differs
    path.write_text(original[:middle] + other + original[middle + 1 :], encoding="utf-8")
    assert rebuilt()
    path.write_text("0" + original, encoding="utf-8")  # the recorded digest edited
    assert rebuilt()
    # Writable by others, or a link to a file elsewhere.
    path.chmod(0o646)
    assert rebuilt()
    planted = tmp_path / "planted.json"
    planted.write_text(original, encoding="utf-8")
    path.unlink()
    path.symlink_to(planted)
    assert rebuilt()
    # Values that point at no term, no way of spelling, no length or no row; other types.
    codes = list(automaton_cache.unpack(data["codes"]) or [])
    assert len(codes) == len(data["keys"].split("\n")) > 1000
    for value in (1 << 30, 0, 15 << 8 | 2, -(10**6)):
        resealed(codes=automaton_cache.pack([value, *codes[1:]]))
        assert rebuilt(), value
    for other in ("1", "AAA=", "!!!!", [1, 2], 1.5, None):  # not base64 of 32-bit integers
        resealed(codes=other)
        assert rebuilt(), other
    resealed(keys=[5, *data["keys"].split("\n")[1:]])
    assert rebuilt()
    resealed(
        keys=data["keys"].split("\n", 1)[1]
    )  # one key short: keys and values no longer pair up
    assert rebuilt()
    table = data["table"]
    index = list(automaton_cache.unpack(table["index"]) or [])
    how = list(automaton_cache.unpack(table["how"]) or [])
    sizes = list(automaton_cache.unpack(table["sizes"]) or [])
    for change in (
        {"index": automaton_cache.pack([10**7, *index[1:]])},  # a row naming no term
        {"how": automaton_cache.pack([len(table["hows"]), *how[1:]])},  # no way of spelling
        {"sizes": automaton_cache.pack([sizes[0] + 1, *sizes[1:]])},  # rows and entries differ
        {"sizes": automaton_cache.pack([-1, sizes[0] + 1 + sizes[1], *sizes[2:]])},
        {"hows": [1, *table["hows"][1:]]},
        {"length": table["length"][:-4]},
    ):
        resealed(table={**table, **change})
        assert rebuilt(), change
    for prefixes in ({"赌博": 2}, ["赌", "\x02"], ["赌博", 2], [data["prefixes"][0], ""]):
        resealed(prefixes=prefixes)
        assert rebuilt(), prefixes
    for singles in (["赌博"], [7], ["\x00"]):  # not one character, not a text, not a key
        resealed(singles=singles)
        assert rebuilt(), singles
    resealed(first={"-1": "堵"})
    assert rebuilt()
    resealed(contexts={"A9-07": [1]})
    assert rebuilt()
    resealed(terms=data["terms"] + 1)
    assert rebuilt()
    if os.geteuid() == 0:  # of another user
        os.chown(path, 65534, -1)
        assert rebuilt()
    # Untouched: used as it is.
    before = len(built)
    assert detections([text]) == expected
    assert len(built) == before


# -- the parsed package lexicons (pipeline/rules/lexicon_cache.py) ---------------------------


def snapshot(root: Path | None) -> tuple[Any, ...]:
    from pipeline.rules.lexicon import load_lexicons

    lexicons = load_lexicons(root)
    rules = [
        (rule, lex.article, lex.title, lex.message, lex.level, lex.contexts, lex.allow, lex.origin)
        for rule, lex in lexicons.by_rule.items()
    ]
    terms = [(lex.rule, list(lex.terms)) for lex in lexicons.by_rule.values()]
    return rules, terms, lexicons.allow, lexicons.version


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """A private cache home; the list counts how often the package lexicons are parsed."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return counted(monkeypatch, lexicon_cache, "parse_package")


def test_same_lexicons_with_and_without_cache(
    parsed: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    reference = without_cache(monkeypatch, tmp_path, lambda: snapshot(POST_ROOT))
    assert sum(len(terms) for _, terms in reference[1]) > 20_000
    parsed.clear()
    assert snapshot(POST_ROOT) == reference  # cold: parsed and saved
    assert snapshot(POST_ROOT) == reference  # warm: read, not parsed
    assert len(parsed) == 1
    directory = cache.cache_dir()
    assert directory is not None
    (path,) = directory.glob("lexicons-*.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_changed_lexicon_files_are_parsed_again(
    parsed: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = lexicon_cache._folder()
    assert folder is not None
    real_stamps = lexicon_cache._stamps
    stamps = real_stamps(folder)
    assert stamps is not None
    snapshot(None)
    assert len(parsed) == 1
    # A file with another size, mtime or inode than recorded: parsed again.
    changed = [[stamps[0][0], stamps[0][1] + 1, *stamps[0][2:]], *stamps[1:]]
    monkeypatch.setattr(lexicon_cache, "_stamps", lambda folder: changed)
    snapshot(None)
    assert len(parsed) == 2
    # A file changed in the last two seconds leaves no stamps: parsed, not trusted later.
    monkeypatch.setattr(lexicon_cache.time, "time_ns", lambda: stamps[0][2] + 10**9)
    monkeypatch.setattr(lexicon_cache, "_stamps", real_stamps)
    assert lexicon_cache._stamps(folder) is None
    snapshot(None)
    assert len(parsed) == 3


def test_tampered_lexicon_cache_is_ignored(parsed: list[int], tmp_path: Path) -> None:
    reference = snapshot(POST_ROOT)
    directory = cache.cache_dir()
    assert directory is not None
    (path,) = directory.glob("lexicons-*.json")
    original = path.read_text(encoding="utf-8")
    data = cache.unseal(original)
    assert isinstance(data, dict)

    def parsed_again(change: Callable[[], None]) -> bool:
        change()
        before = len(parsed)
        same = snapshot(POST_ROOT) == reference
        path.unlink(missing_ok=True)
        path.write_text(original, encoding="utf-8")
        path.chmod(0o600)
        return same and len(parsed) == before + 1

    at = next(i for i, lex in enumerate(data["lexicons"]) if lex["public"])

    def resealed(lexicon: dict[str, Any]) -> Callable[[], None]:
        """One lexicon changed, with a seal that fits (what only the user could do)."""
        lexicons = [*data["lexicons"][:at], lexicon, *data["lexicons"][at + 1 :]]
        return lambda: cache.write_sealed_json(path.name, {**data, "lexicons": lexicons})

    middle = len(original) // 2
    assert parsed_again(
        lambda: path.write_text(original[:middle] + "x" + original[middle + 1 :], "utf-8")
    )
    assert parsed_again(lambda: path.chmod(0o664))
    planted = tmp_path / "planted.json"
    planted.write_text(original, encoding="utf-8")

    def linked() -> None:
        path.unlink()
        path.symlink_to(planted)

    assert parsed_again(linked)
    first = data["lexicons"][at]
    row = first["terms"][0]
    for field, value in ((1, "fatal"), (5, "yes"), (3, "一个"), (10, None)):
        bad = [*row[:field], value, *row[field + 1 :]]
        assert parsed_again(resealed({**first, "terms": [bad, *first["terms"][1:]]})), value
    assert parsed_again(resealed({**first, "level": "fatal"}))
    # The public terms' columns (one text of lines, one letter a level, packed lines).
    texts, levels = first["public"].split("\n"), first["levels"]
    assert len(texts) == len(levels) > 1 and set(levels) <= {"e", "w"}
    assert parsed_again(resealed({**first, "levels": "f" * len(levels)}))
    assert parsed_again(resealed({**first, "levels": levels[:-1] + "x"}))
    assert parsed_again(resealed({**first, "levels": list(levels)}))
    assert parsed_again(resealed({**first, "lines": [str(n) for n in range(len(levels))]}))
    assert parsed_again(resealed({**first, "lines": automaton_cache.pack([1] * len(texts[1:]))}))
    assert parsed_again(resealed({**first, "lines": "not base64!"}))
    assert parsed_again(resealed({**first, "public": "\n".join(texts[1:])}))
    assert parsed_again(resealed({**first, "public": texts}))  # a list: the former format
    assert parsed_again(resealed({**first, "public": [1] * len(texts)}))
    if os.geteuid() == 0:
        assert parsed_again(lambda: os.chown(path, 65534, -1))
    before = len(parsed)
    assert snapshot(POST_ROOT) == reference
    assert len(parsed) == before


# -- the traditional-to-simplified table (pipeline/rules/normalize.py) ----------------------


def test_t2s_table_is_the_per_character_table() -> None:
    from importlib import resources

    from pipeline.rules import normalize

    expected = {ord(k): v for k, v in normalize.MARTIAN.items()}
    data = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt")
    for line in data.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        source, target = parts[0], parts[1].split(" ")[0]
        one = len(source) == 1 and len(target) == 1 and source != target
        if one and not normalize.in_gb2312(source):
            expected[ord(source)] = target
    assert len(expected) > 2000
    assert normalize._t2s_table() == expected


def test_tampered_t2s_cache_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from pipeline.rules import key_memo, normalize

    def fresh() -> dict[int, str]:
        normalize._t2s_table.cache_clear()
        return normalize._t2s_table()

    monkeypatch.setenv("XDG_CACHE_HOME", str(no_cache(tmp_path)))
    reference = fresh()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert fresh() == reference  # cold: built and saved
    name = f"t2s-{key_memo.memo_name()}"
    path = cache.trusted_path(name)
    assert path is not None and stat.S_IMODE(path.stat().st_mode) == 0o600
    original = path.read_text(encoding="utf-8")
    sources, targets = cache.unseal(original)
    assert fresh() == reference  # warm: read
    reads = counted(monkeypatch, normalize, "_read_t2s_table")
    assert fresh() == reference and not reads
    # An own sealed table is what is used ...
    cache.write_sealed_json(name, [sources, "x" * len(targets)])
    assert set(fresh().values()) == {"x"} and not reads
    # ... and anything else is not: altered, writable by others, a link, another shape.
    changes: list[Callable[[], object]] = [
        lambda: path.write_text(original.replace(targets[:5], "xxxxx", 1), encoding="utf-8"),
        lambda: path.chmod(0o646),
        lambda: cache.write_sealed_json(name, [sources, targets[1:]]),
        lambda: cache.write_sealed_json(name, {"sources": sources}),
    ]
    planted = tmp_path / "planted.json"
    planted.write_text(original, encoding="utf-8")
    changes.append(lambda: (path.unlink(), path.symlink_to(planted)))
    for change in changes:
        path.unlink(missing_ok=True)
        path.write_text(original, encoding="utf-8")
        path.chmod(0o600)
        change()
        before = len(reads)
        assert fresh() == reference
        assert len(reads) == before + 1
    normalize._t2s_table.cache_clear()
