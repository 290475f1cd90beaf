"""Issue 12: the held-out sets written blind since the fifth are well formed and the
benchmark reads them.

Each set was written blind (its README.md). Its figures are measured once, by
``benchmarks/rules_heldout3.py --set heldoutN``; no test asserts them and no test prints them,
so nothing is ever tuned against it. This file checks the schema only."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from benchmarks.rules_heldout3 import (
    HELD_OUT_SETS,
    HELDOUT5,
    HELDOUT6,
    HELDOUT7,
    HELDOUT8,
    HELDOUT9,
    HELDOUT10,
    HELDOUT11,
    HELDOUT12,
    HELDOUT13,
    HELDOUT14,
    HELDOUT15,
    HELDOUT16,
    HELDOUT17,
    HELDOUT18,
    HELDOUT19,
    HELDOUT20,
    HELDOUT21,
    HELDOUT22,
    HELDOUT23,
    HELDOUT24,
    HELDOUT25,
    HELDOUT26,
    HELDOUT27,
    HELDOUT28,
    HELDOUT29,
    HELDOUT30,
    HELDOUT31,
    HELDOUT32,
    HELDOUT33,
    HELDOUT34,
    HELDOUT35,
    HELDOUT36,
    HELDOUT37,
    HELDOUT38,
    HELDOUT39,
    HELDOUT40,
    HELDOUT41,
    HELDOUT42,
    HELDOUT43,
    HELDOUT44,
    HELDOUT45,
    HELDOUT46,
    HELDOUT47,
    HELDOUT48,
    HELDOUT49,
    HELDOUT50,
    HELDOUT51,
    HELDOUT52,
    HELDOUT53,
    HELDOUT54,
    HELDOUT55,
    HELDOUT56,
    HELDOUT57,
    HELDOUT58,
    HELDOUT59,
    LEVELS,
)
from benchmarks.rules_quality import load_cases
from tests.heldout_support import (
    LEXICAL_ITEMS,
    assert_items_and_rules,
    assert_sizes_and_fields,
    item_of,
    normal,
    other_texts,
)

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

# (name, folder, id prefix, legitimate cases the set's brief asked for at least)
SETS = [
    ("heldout5", HELDOUT5, "H5", 120),
    ("heldout6", HELDOUT6, "H6", 100),
    ("heldout7", HELDOUT7, "H7", 100),
    ("heldout8", HELDOUT8, "H8", 100),
    ("heldout9", HELDOUT9, "H9", 100),
    ("heldout10", HELDOUT10, "H10", 100),
    ("heldout11", HELDOUT11, "H11", 100),
    ("heldout12", HELDOUT12, "H12", 100),
    ("heldout13", HELDOUT13, "H13", 100),
    ("heldout14", HELDOUT14, "H14", 100),
    ("heldout15", HELDOUT15, "H15", 100),
    ("heldout16", HELDOUT16, "H16", 100),
    ("heldout17", HELDOUT17, "H17", 100),
    ("heldout18", HELDOUT18, "H18", 100),
    ("heldout19", HELDOUT19, "H19", 100),
    ("heldout20", HELDOUT20, "H20", 100),
    ("heldout21", HELDOUT21, "H21", 100),
    ("heldout22", HELDOUT22, "H22", 100),
    ("heldout23", HELDOUT23, "H23", 100),
    ("heldout24", HELDOUT24, "H24", 100),
    ("heldout25", HELDOUT25, "H25", 100),
    ("heldout26", HELDOUT26, "H26", 100),
    ("heldout27", HELDOUT27, "H27", 100),
    ("heldout28", HELDOUT28, "H28", 100),
    ("heldout29", HELDOUT29, "H29", 100),
    ("heldout30", HELDOUT30, "H30", 100),
    ("heldout31", HELDOUT31, "H31", 100),
    ("heldout32", HELDOUT32, "H32", 100),
    ("heldout33", HELDOUT33, "H33", 100),
    ("heldout34", HELDOUT34, "H34", 100),
    ("heldout35", HELDOUT35, "H35", 100),
    ("heldout36", HELDOUT36, "H36", 100),
    ("heldout37", HELDOUT37, "H37", 100),
    ("heldout38", HELDOUT38, "H38", 100),
    ("heldout39", HELDOUT39, "H39", 100),
    ("heldout40", HELDOUT40, "H40", 100),
    ("heldout41", HELDOUT41, "H41", 100),
    ("heldout42", HELDOUT42, "H42", 100),
    ("heldout43", HELDOUT43, "H43", 100),
    ("heldout44", HELDOUT44, "H44", 100),
    ("heldout45", HELDOUT45, "H45", 100),
    ("heldout46", HELDOUT46, "H46", 100),
    ("heldout47", HELDOUT47, "H47", 100),
    ("heldout48", HELDOUT48, "H48", 100),
    ("heldout49", HELDOUT49, "H49", 100),
    ("heldout50", HELDOUT50, "H50", 100),
    ("heldout51", HELDOUT51, "H51", 100),
    ("heldout52", HELDOUT52, "H52", 100),
    ("heldout53", HELDOUT53, "H53", 100),
    ("heldout54", HELDOUT54, "H54", 100),
    ("heldout55", HELDOUT55, "H55", 100),
    ("heldout56", HELDOUT56, "H56", 100),
    ("heldout57", HELDOUT57, "H57", 100),
    ("heldout58", HELDOUT58, "H58", 100),
    ("heldout59", HELDOUT59, "H59", 150),
]
BY_FOLDER = pytest.mark.parametrize("folder", [s[1] for s in SETS], ids=[s[0] for s in SETS])


@pytest.mark.parametrize(("name", "folder", "prefix", "min_legit"), SETS, ids=[s[0] for s in SETS])
def test_set_is_registered_with_the_benchmark_and_well_formed(
    name: str, folder: Path, prefix: str, min_legit: int
) -> None:
    assert HELD_OUT_SETS[name] == folder
    assert (folder / "README.md").is_file()
    assert_sizes_and_fields(folder, prefix, min_legit)


@BY_FOLDER
def test_set_covers_every_item_level_and_kind(folder: Path) -> None:
    _legit, violations = load_cases(folder)
    levels = Counter(c["level"] for c in violations)
    assert set(levels) == set(LEVELS)
    assert all(levels[level] >= len(violations) // 4 for level in LEVELS), levels
    assert_items_and_rules(violations)


@BY_FOLDER
def test_every_item_of_articles_nine_and_sixteen_has_all_three_levels(folder: Path) -> None:
    _legit, violations = load_cases(folder)
    seen = {(item_of(c["rules"]), c["level"]) for c in violations}
    for item in LEXICAL_ITEMS - {"A17"}:
        assert {level for i, level in seen if i == item} == set(LEVELS), item


@BY_FOLDER
def test_zero_width_evasions_survive_the_yaml(folder: Path) -> None:
    _legit, violations = load_cases(folder)
    hidden = [c for c in violations if any(ch in c["text"] for ch in ZERO_WIDTH)]
    assert len(hidden) >= 3
    assert all(c["level"] == "evasion" for c in hidden)


@BY_FOLDER
def test_set_shares_no_text_with_the_other_sets(folder: Path) -> None:
    others = other_texts(folder)
    legit, violations = load_cases(folder)
    texts = [normal(c["text"]) for c in legit + violations]
    assert len(texts) == len(set(texts))
    # Only this set's ids are reported, so a failure never shows another set's text.
    shared = [c["id"] for c in legit + violations if normal(c["text"]) in others]
    assert not shared, shared


def test_no_test_runs_the_checker_or_the_model_on_a_set_kept_aside() -> None:
    from benchmarks.rules_heldout3 import KEPT_ASIDE
    from pipeline.rules.semantic.features import sentences
    from tests.semantic_reference import data_sentences
    from tests.test_check_compiled_cache import labelled_texts

    assert set(HELD_OUT_SETS) >= KEPT_ASIDE
    scored = {normal(s) for s in data_sentences()}
    checked = {normal(t) for t in labelled_texts()}
    for name in KEPT_ASIDE:
        legit, violations = load_cases(HELD_OUT_SETS[name])
        texts = [c["text"] for c in legit + violations]
        assert not {normal(t) for t in texts} & checked, name
        own = {normal(t[a:b]) for t in texts for a, b in sentences(t)}
        elsewhere = "".join(other_texts(HELD_OUT_SETS[name]))
        # a sentence may recur in another set (a memorial day's date): only its own count
        own = {s for s in own if len(s) > 12 and s not in elsewhere}
        assert len(own) > 100, name
        assert not own & scored, name
