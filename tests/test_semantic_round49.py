"""Round 49 of the semantic layer (issue 12): hard negatives that quote the offence.

A model retrained with round 47's sentences (``sentences18.jsonl``) warned on legitimate posts
that quote the offence they warn against (notices about unregistered associations and unelected
committees, memorial days, warnings about fakes, wildlife and permits, anti-superstition
notices, notices that no follow is needed, polite replies, law explainers on equal treatment,
anti-fraud warnings, the government hall's proxy services) and stopped blocking controlled
knives offered for sale. ``sentences19.jsonl`` holds those legitimate shapes in many wordings
and the knife offers; it must be at scale, new, and far from every case of the sets read.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tests.semantic_rounds import assert_new_and_far_from_the_sets_read, jsonl_rows, round_file

SENTENCES19 = round_file("sentences19.jsonl")

# The sets readable when round 49 was written, named one by one (sets 41 and 42 are kept aside
# and are not read, here or anywhere).
READ_SETS = ("labelled", "heldout", "heldout2", *(f"heldout{n}" for n in range(3, 41)))

# One word of each legitimate shape the round wrote (each must appear in many sentences).
SHAPES = ("登记", "业主大会", "纪念日", "违法", "迷信", "关注", "您好", "民族", "骗", "老")


def rows() -> list[dict[str, Any]]:
    return jsonl_rows(SENTENCES19)


def test_round_forty_nine_holds_hard_negatives_of_each_shape_at_scale() -> None:
    data = rows()
    good = [str(row["text"]) for row in data if not row["labels"]]
    bad = [row for row in data if row["labels"]]
    assert len(good) >= 1500
    assert Counter(label for row in bad for label in row["labels"])["A9-13"] >= 100  # type: ignore[attr-defined]
    for word in SHAPES:
        assert len([text for text in good if word in text]) >= 30, word


def test_round_forty_nine_knife_offers_are_violations_and_warnings_are_not() -> None:
    for row in rows():
        text = str(row["text"])
        if row["labels"]:
            assert row["labels"] == ["A9-13"], text
            assert any(word in text for word in ("刀", "匕首", "军刺")), text
        else:
            assert "现货出售" not in text, text


def test_round_forty_nine_texts_are_new_and_copy_no_case_of_the_sets_read() -> None:
    texts = [str(row["text"]) for row in rows()]
    assert_new_and_far_from_the_sets_read(texts, [], READ_SETS, {"H40", "H3V"}, SENTENCES19)
