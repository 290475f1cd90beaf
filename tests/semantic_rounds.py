"""What every semantic round's test asks of its new sentences: new, and far from the cases read.

A round may read the held-out sets named in its ``READ_SETS``; a sentence it writes must not
repeat another round's sentence nor sit close to any case of those sets (half its Han bigrams,
or three in ten of its word bigrams in an alphabetic script).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.rules.semantic.dataset import read_jsonl
from tests.test_semantic_round10 import training_texts
from tests.test_semantic_training_data import bigrams

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = PROJECT_ROOT / "data" / "semantic"


def round_file(name: str) -> Path:
    """A round's data file: beside the data ``scripts/train`` reads once a retraining with it
    landed, else in ``next/`` where it waits."""
    landed = DATA / name
    return landed if landed.exists() else DATA / "next" / name


def jsonl_rows(path: Path) -> list[dict[str, Any]]:
    """The labelled sentences of a round's JSON Lines file (lines that open an object)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


def read_cases(read_sets: Iterable[str]) -> list[dict[str, Any]]:
    """Every case of the sets named (and of no other folder)."""
    import yaml

    cases: list[dict[str, Any]] = []
    for name in read_sets:
        folder = PROJECT_ROOT / "tests" / "data" / name
        if (folder / "violations.yml").is_file():
            for part in ("violations.yml", "legit.yml"):
                cases += yaml.safe_load((folder / part).read_text(encoding="utf-8")) or []
    return cases


def words(text: str) -> set[tuple[str, str]]:
    """Word bigrams of the words of alphabetic scripts in ``text`` (lower case)."""
    found = [
        w for w in re.findall(r"[^\W\d_]+", text.lower()) if not re.search("[\u4e00-\u9fff]", w)
    ]
    return {(found[i], found[i + 1]) for i in range(len(found) - 1)}


def close_to_cases(texts: Iterable[str], cases: list[dict[str, Any]]) -> list[tuple[Any, str]]:
    """The (case id, text) pairs in which a text sits close to a case."""
    keys = [
        (case["id"], bigrams(str(case.get("text", ""))), words(str(case.get("text", ""))))
        for case in cases
    ]
    close = []
    for text in texts:
        han, own = bigrams(text), words(text)
        for case_id, their_han, their_words in keys:
            near_han = bool(han) and len(han & their_han) / len(han) >= 0.5
            near_words = len(own) >= 3 and len(own & their_words) / len(own) >= 0.3
            if near_han or near_words:
                close.append((case_id, text))
    return close


def assert_new_and_far_from_the_sets_read(
    texts: list[str],
    ours: list[str],
    read_sets: Iterable[str],
    prefixes: set[str],
    sentences: Path | None = None,
) -> None:
    """A round's data ``texts`` and its tests' texts ``ours`` are new and far from the sets.

    ``prefixes`` are case-id prefixes the sets read must show (so the comparison is not with
    nothing); ``sentences``, the round's data file, is compared with every other data file.
    """
    assert len(set(texts)) == len(texts)
    assert not set(ours) & training_texts()
    if sentences is not None:
        others = {
            ex.text
            for path in sentences.parent.glob("sentences*.jsonl")
            if path != sentences
            for ex in read_jsonl(path, "s")
        }
        assert not set(texts) & others
    cases = read_cases(read_sets)
    assert {str(case["id"])[:3] for case in cases} >= prefixes
    close = close_to_cases(texts + ours, cases)
    assert not close, close[:5]
