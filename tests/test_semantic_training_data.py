"""The semantic layer's training data and the trainer's sample weights (issue 12, round 6)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pipeline.rules.semantic import dataset
from pipeline.rules.semantic.dataset import Example
from pipeline.rules.semantic.items import LABELS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = PROJECT_ROOT / "data" / "semantic"


def hand_written() -> dict[str, list[Example]]:
    return {
        path.name: dataset.read_jsonl(path, path.stem)
        for path in sorted(DATA.glob("sentences*.jsonl"))
    }


def covered(name: str, least: int, share: int) -> list[Example]:
    """The examples of ``name``, checked to have ``least`` sentences of every item and at
    least one legitimate sentence in ``share``: precision holds only with legitimate wording
    on the same topics beside the violations."""
    examples = hand_written()[name]
    per_item = Counter(label for ex in examples for label in ex.labels)
    thin = {label: per_item[label] for label in LABELS if per_item[label] < least}
    assert not thin, f"items with fewer than {least} new sentences: {thin}"
    assert len([ex for ex in examples if not ex.labels]) >= len(examples) // share
    return examples


def test_round_six_sentences_cover_every_item_and_carry_hard_negatives() -> None:
    covered("sentences5.jsonl", 15, 3)


def new_texts(name: str) -> list[str]:
    """The sentences of ``name``, checked to be distinct and in no other hand-written file."""
    files = hand_written()
    earlier = {ex.text for other, exs in files.items() if other != name for ex in exs}
    texts = [ex.text for ex in files[name]]
    assert len(set(texts)) == len(texts)
    assert not [text for text in texts if text in earlier]
    return texts


def test_round_six_sentences_are_new() -> None:
    new_texts("sentences5.jsonl")


def test_every_hand_written_file_is_recorded_in_the_provenance() -> None:
    provenance = (DATA / "PROVENANCE.md").read_text(encoding="utf-8")
    missing = [name for name in hand_written() if f"`{name}`" not in provenance]
    assert not missing


def test_hand_written_sentences_weigh_more_than_template_fillings() -> None:
    np = pytest.importorskip("numpy")
    from pipeline.rules.semantic.train import sample_weights

    examples = [
        Example("手写的一句话", frozenset({"A9-06"}), "sentences5:3", "sentences5"),
        Example("模板填出的一句话", frozenset({"A9-06"}), "t:x", "templates"),
        Example("政府文本中的一句话", frozenset(), "gov:a.md", "gov"),
        Example("评论数据集中的一句话", frozenset(), "cold:1", "cold"),
    ]
    assert np.array_equal(sample_weights(examples, 3.0), np.array([3.0, 1.0, 1.0, 1.0]))
    assert np.array_equal(sample_weights(examples, 1.0), np.ones(4))


def _train(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = ["--no-shared", "--no-cv", "--per-template", "4", "--buckets", "4096", *extra]
    return subprocess.run(
        [sys.executable, "-m", "pipeline.rules.semantic.train", *args, "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )


def test_the_sentence_weight_changes_the_model_and_is_recorded(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    plain, weighted = tmp_path / "plain.json", tmp_path / "weighted.json"
    for out, weight in ((plain, "1"), (weighted, "3")):
        proc = _train(out, "--sentence-weight", weight)
        assert proc.returncode == 0, proc.stderr
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in (plain, weighted)]
    assert [d["training"]["sentence_weight"] for d in docs] == [1.0, 3.0]
    assert docs[0]["weights"] != docs[1]["weights"]


def test_round_nine_sentences_cover_every_item_in_the_registers_the_sets_showed() -> None:
    examples = covered("sentences6.jsonl", 14, 2)
    registers = ("字幕", "语音转", "截图识别", "群", "网店评论", "会议纪要", "政务号")
    for register in registers:
        written = [ex for ex in examples if register in ex.text]
        assert any(ex.labels for ex in written) and any(not ex.labels for ex in written), register


def bigrams(text: str) -> set[str]:
    """The character bigrams of the Chinese characters of ``text``."""
    han = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    return {han[i : i + 2] for i in range(len(han) - 1)}


def set_cases(skip: frozenset[str] | set[str]) -> list[dict[str, Any]]:
    """Every case of the labelled and held-out sets under tests/data but those in ``skip``."""
    import yaml

    cases = []
    for folder in sorted((PROJECT_ROOT / "tests" / "data").iterdir()):
        if folder.name in skip or not (folder / "violations.yml").is_file():
            continue
        for name in ("violations.yml", "legit.yml"):
            cases += yaml.safe_load((folder / name).read_text(encoding="utf-8")) or []
    return cases


def unread_sets(first: int) -> frozenset[str]:
    """The held-out sets a round may not read: those kept aside and every set from ``first`` on."""
    from benchmarks.rules_heldout3 import KEPT_ASIDE

    later = {
        path.name
        for path in (PROJECT_ROOT / "tests" / "data").iterdir()
        if re.fullmatch(r"heldout(\d+)", path.name) and int(path.name[7:]) >= first
    }
    return frozenset(KEPT_ASIDE) | later


def assert_new_and_far_from_cases(
    texts: list[str], ours: list[str], unread: frozenset[str], newest: str
) -> None:
    """A round's sentences are distinct, the sets it could read were read (``newest`` among
    them) and neither they nor its test texts (``ours``) copy a case of those sets."""
    assert len(set(texts)) == len(texts)
    read = {str(case["id"])[:3] for case in set_cases(unread)}
    assert {newest, "H3V"} <= read
    close = close_to_a_case(texts + ours, unread)
    assert not close, close[:5]


def assert_registers(rows: list[Example], legit_at_least: int, bad_at_least: int) -> dict[str, int]:
    """Enough legitimate and violating rows, the legitimate ones in every register of the
    unit's posts; returns the number of violating rows per item."""
    legit = [row.text for row in rows if not row.labels]
    bad = [row for row in rows if row.labels]
    assert len(legit) >= legit_at_least and len(bad) >= bad_at_least
    for register in ("推文：", "回复：", "公告：", "通报：", "广播稿：", "纪要：", "字幕："):
        assert len([t for t in legit if register in t]) >= 2, register
    return {label: sum(label in row.labels for row in bad) for label in LABELS}


def close_to_a_case(texts: list[str], skip: frozenset[str] | set[str]) -> list[tuple[str, str]]:
    """(case id, text) for each text whose bigrams a case of the sets contains at 0.5 or more."""
    cases = [(case["id"], bigrams(str(case.get("text", "")))) for case in set_cases(skip)]
    close = []
    for text in texts:
        mine = bigrams(text)
        for case_id, theirs in cases:
            if mine and len(mine & theirs) / len(mine) >= 0.5:
                close.append((case_id, text))
    return close


def test_round_nine_sentences_are_new_and_copy_no_case_of_the_sets() -> None:
    from benchmarks.rules_heldout3 import KEPT_ASIDE

    texts = new_texts("sentences6.jsonl")
    # Compared with the sets readable when it was written (3-9). Sets 10 and 11 were kept
    # aside then; two of its legitimate sentences (the constitution's first article, a fair
    # hiring rule) happen to match set 10's H10L037 and H10L097 (docs/dev/rules-figures.md);
    # set 12, kept aside as well, has the same first article and a meeting note (H12L049,
    # H12L031); set 16, kept aside as well, has the fair hiring rule in a meeting note
    # (H16L077, "Held-out set 16" there); set 19, kept aside as well, has a legitimate agenda
    # of the Martyrs' Day memorial (H19L087, "Held-out set 19" there). Sets 20 and 21, written
    # after it, hold three legitimate notices in its words: a drone ban near a military zone
    # (H21L007), an illegal association's certificates worthless (H20L080) and the fair hiring
    # rule again (H20L104); set 22, measured after it, the equal rights of every ethnic group
    # in jobs, schools and renting in a video's subtitles (H22L102); set 23, measured after it,
    # the Martyrs' Day agenda again, spaced as a screenshot's text (H23L107).
    unread = {"heldout10", "heldout11", "heldout12", "heldout16", "heldout19"}
    unread |= {f"heldout{n}" for n in range(20, 59)}
    close = close_to_a_case(texts, KEPT_ASIDE | unread)
    assert not close, close[:5]
