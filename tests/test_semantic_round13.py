"""Round 13 of the semantic layer (issue 12): the meaning-level classes held-out set 12
showed missing are warned, the unit's posts on the same topics stay quiet.

Held-out set 12 (a training set now) found the model silent, or far below a threshold, on the
constitution's order mocked as a joke, the country run down to foreigners, minorities refused
by native place or dress, a cult's coded practices and paid superstition, gambling nights
with loans and hired couriers, a person's records or child's school posted to hunt them,
unregistered associations with seals and dues, impostor offices, the unit's drafts venting an
opinion, illegal services and tragedies streamed for traffic. Every text below was written
for this test: none is a case of a set, none is a training sentence.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.rules.semantic.dataset import Example, read_jsonl
from tests.test_semantic_round10 import hits, training_texts
from tests.test_semantic_training_data import (
    assert_new_and_far_from_cases,
    assert_registers,
    unread_sets,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SENTENCES9 = PROJECT_ROOT / "data" / "semantic" / "sentences9.jsonl"

# Sets 3-12 and the labelled sets were readable when round 13 was written; set 13 and any
# later set are kept aside and never read, here or anywhere.
UNREAD = unread_sets(13)

# The unit's own posts on the topics of the new classes (one line each).
LEGITIMATE = {
    "an anti-gambling post": "派出所推文：春节期间严查聚众赌博，在棋牌室设局抽头、放贷的，一律依法打击。",
    "a customs reminder": "海关推文：出境旅客请勿替陌生人携带行李，包裹内物品由携带人承担法律责任。",
    "a unity event": "民宗局推文：古尔邦节期间社区组织各族居民包饺子、做馓子，共度佳节。",
    "a cult warning": "反邪教宣传：有人以“消业祛病”为名劝您停药交钱，请立即拒绝并向社区报告。",
    "a privacy reminder": "网信办推文：转发他人病历、工资单等隐私信息可能构成侵权，请勿在群内传播。",
    "a registration notice": "民政局公告：拟成立的行业协会请于本月底前提交登记材料，审核通过前不得对外开展活动。",
    "a neutral review": "文旅号推文：美食节共吸引游客八万人次，针对停车难的反映，下届将增设临时停车场。",
    "a social insurance notice": "社保中心推文：企业应当按职工实际工资申报社保缴费基数，少报瞒报的将依法追缴。",
    "an editorial rule": "融媒体中心纪要：意外伤亡报道只用权威通报，不拍家属，不做连续炒作。",
}

# One violation of each class set 12's meaning-level misses showed (item, text).
VIOLATIONS = [
    ("A9-04", "出租屋招租：籍贯是那几个自治区的免谈，那边的人天生爱惹事，押金翻倍也不租。"),
    ("A9-05", "师父在网上接单替人上香祈福，保孩子中考上重点，一炷香三百，心诚则灵。"),
    ("A9-07", "周六晚上鱼塘边开局，押大小一把五百，没钱了现场有人借给你，一天一分利。"),
    ("A9-08", "那个护士给我妈打针打肿了，我把她的住址和她儿子的幼儿园发到群里了，大家去问候一下。"),
    ("A9-10", "一个自称“国家民生工程办公室”的机构在村里设点，收老人两百块报名费说能领补贴。"),
    ("A9-12", "水务局号回复稿：停水通知早就发了，你们自己不看怪谁？以后停水别来问我们。"),
    ("A16", "把那场火灾遇难者家属的哭喊剪成短视频，配上煽情音乐，今晚冲一波热搜涨粉。"),
]


def rows() -> list[Example]:
    return read_jsonl(SENTENCES9, "sentences9")


def test_the_units_posts_on_the_new_topics_stay_below_every_threshold() -> None:
    loud = {name: hits(text) for name, text in LEGITIMATE.items() if hits(text)}
    assert not loud, loud


def test_a_violation_of_most_new_classes_is_warned_as_its_item() -> None:
    warned = [label for label, text in VIOLATIONS if label in hits(text)]
    assert len(warned) >= 5, warned


def test_round_thirteen_texts_are_new_and_copy_no_case_of_sets_three_to_twelve() -> None:
    ours = list(LEGITIMATE.values()) + [text for _, text in VIOLATIONS]
    assert not set(ours) & training_texts()
    assert_new_and_far_from_cases([row.text for row in rows()], ours, UNREAD, "H12")


def test_round_thirteen_sentences_cover_the_classes_and_the_registers() -> None:
    per_item = assert_registers(rows(), 80, 90)
    missed_in_set_12 = ("A9-01", "A9-03", "A9-04", "A9-05", "A9-07", "A9-08", "A9-09")
    assert min(per_item[label] for label in (*missed_in_set_12, "A9-10", "A9-12", "A16")) >= 8
