"""Round 51 of the semantic layer (issue 12): the shapes retrainings with rounds 47 and 49 kept warning on.

Every retraining with ``sentences18.jsonl`` and ``sentences19.jsonl`` warned on a school's notice
asking parents to follow its account (第十六条) and on a sample post's sentence naming the offices
impostors claim (（十）), and on legitimate posts spread over a few shapes: reply headings
（十二）, memorial slogans （三）, permit sentences in wildlife and seed notices （十三） and warnings
about fundraisers in the name of an unregistered body （十）. ``sentences20.jsonl`` holds those
legitimate shapes in many wordings (with short anti-fraud headings quoting a few words, the
sample post's warned line), and calls to overthrow the socialist system （一）, whose score the
new negatives lowered; it must be at scale, new, far from every case of the sets read and
far, both ways, from every text a test or a sample post pins.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.semantic_rounds import assert_new_and_far_from_the_sets_read, jsonl_rows, round_file
from tests.test_semantic_round10 import LEGITIMATE
from tests.test_semantic_training_data import bigrams

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SENTENCES20 = round_file("sentences20.jsonl")

# The sets readable when round 51 was written, named one by one (set 42 is kept aside and is
# not read, here or anywhere).
READ_SETS = ("labelled", "heldout", "heldout2", *(f"heldout{n}" for n in range(3, 42)))

# The words of each shape the round wrote (each shape must appear in many sentences).
SHAPES = (
    "关注",
    "冒充|假冒|冒用|假借|自称|伪造|旗号|相似的号码",
    "答复|回复|留言",
    "纪念日|公祭日|祭英烈",
    "许可|检疫证书|采集证",
    "募捐|募集|众筹|劝募",
    "个“",
)


def rows() -> list[dict[str, Any]]:
    return jsonl_rows(SENTENCES20)


def pinned_texts() -> list[str]:
    """The sentences of the unit's sample posts and round 10's pinned legitimate texts."""
    texts = list(LEGITIMATE.values())
    for path in sorted((PROJECT_ROOT / "content" / "posts").rglob("*.md")):
        texts += re.split(r"[。！？\n]", path.read_text(encoding="utf-8"))
    return [text for text in texts if len(bigrams(text)) >= 4]


def test_round_fifty_one_holds_hard_negatives_of_each_shape_at_scale() -> None:
    data = rows()
    texts = [str(row["text"]) for row in data if not row["labels"]]
    assert len(texts) >= 2500
    for words in SHAPES:
        assert len([text for text in texts if re.search(words, text)]) >= 250, words


def test_round_fifty_one_overthrow_calls_are_violations_of_item_one() -> None:
    bad = [row for row in rows() if row["labels"]]
    assert len(bad) >= 150
    for row in bad:
        assert row["labels"] == ["A9-01"], row["text"]
        assert re.search("制度|领导|专政", str(row["text"])), row["text"]


def test_round_fifty_one_requests_to_follow_name_a_service() -> None:
    requests = [str(row["text"]) for row in rows() if "关注" in str(row["text"])]
    assert len(requests) >= 500
    for text in requests:
        assert not re.search("才能|必须关注|不关注不", text), text
        assert re.search("号|微信", text), text


def test_round_fifty_one_texts_learn_no_pinned_text_by_heart() -> None:
    pins = [bigrams(text) for text in pinned_texts()]
    assert len(pins) > 200
    for row in rows():
        own = bigrams(str(row["text"]))
        for their in pins:
            shared = len(own & their)
            assert shared < 0.5 * len(own) and shared < 0.5 * len(their), row["text"]


def test_round_fifty_one_texts_are_new_and_copy_no_case_of_the_sets_read() -> None:
    texts = [str(row["text"]) for row in rows()]
    assert_new_and_far_from_the_sets_read(texts, [], READ_SETS, {"H41", "H3V"}, SENTENCES20)
