"""Round 19 of the semantic layer (issue 12): meaning-level violations written in the formal
and written registers are warned, and the unit's formal releases on the same topics stay quiet.

Set 17 (a training set now) showed the model missing cases written as commentaries, essays,
papers, letters, minutes, memoirs, couplets, doggerel and classical wordings: a change of the
basic system argued in an essay ((一)), a people called lazy or savage in a memoir ((四)),
clan rules against medicine ((五)), a forged bureau notice ((六)), smears with a child's school
or a door number ((八)), an unregistered academy that charges and certifies ((十)), figures
never published printed in a memoir ((十一)), a reply that refuses to answer ((十二)), exam
questions and protected animals sold ((十三)); and it warned two notices about unregistered
organisations. Every text below was written for this test: none is a case of a set, none is
a training sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.rules.semantic.dataset import Example, read_jsonl
from tests.test_semantic_round10 import hits, training_texts
from tests.test_semantic_training_data import (
    assert_new_and_far_from_cases,
    assert_registers,
    unread_sets,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SENTENCES13 = PROJECT_ROOT / "data" / "semantic" / "sentences13.jsonl"

# Sets 3-17 and the labelled sets were readable when round 19 was written; set 18 and any
# later set are kept aside and never read, here or anywhere.
UNREAD = unread_sets(18)

# The unit's formal releases on the topics of the missed classes (one line each).
LEGITIMATE = {
    "a court release": "区法院发布：一名网民在论坛上捏造邻居盗窃的帖子，被判赔礼道歉并赔偿精神损害抚慰金。",
    "a procuratorate release": "市检察院通报：对在考前兜售伪造试题、骗取考生钱财的两人依法提起公诉。",
    "a statistics bulletin": "县统计局公报：全年规模以上工业增加值增长百分之四点八，数据以最终核实为准。",
    "a museum text": "博物馆推文：这方明代石碑记录了当年乡民集资修渠的经过，碑文已拓印展出。",
    "an archive text": "档案馆推文：馆藏的老户籍册正在修复，修复完成后向研究人员有条件开放。",
    "an unregistered-body notice": "市民政局提醒：自称中华传统礼仪研究总会的团体查无登记，请勿参加其收费培训。",
    "an ethnic policy explainer": "民宗局推文：商场、饭店和出租房屋都不能因为顾客是哪个民族而区别对待。",
    "a religious policy explainer": "宗教事务局推文：宗教团体印发内部资料需经审批，任何人不得在校园里传教。",
}

# Formal texts that refuse or forbid an offence in the offence's own words (item, text).
REFUSALS = {
    "A9-08": "法院提醒：在网上公开他人住址、孩子学校等信息并进行辱骂的，要承担法律责任。",
}

# Known limits of this round (docs/dev/rules-figures.md, "Round 19, semantic"): a reply that an
# unregistered academy's certificates are void is still scored as (十) (0.53 against 0.35),
# and a health post that incense and charm water cure nothing as (五) (0.79 against 0.35):
# both items' thresholds sit at the floor, and the offence's own words carry the score.
# Strict: when a later round fixes one, the test says so.
LIMITS = [
    pytest.param(
        "A9-10",
        "民政局答复：您问的某国际书画院没有登记，它发的会员证和职称证书都不算数，不用交钱。",
        id="void-certificates-quiet",
    ),
    pytest.param(
        "A9-05",
        "卫健委推文：孩子发烧要去医院，烧香、喝符水治不了病，只会耽误治疗。",
        id="charm-water-post-quiet",
    ),
]
LIMIT_TEXTS = [str(param.values[1]) for param in LIMITS]

# One violation of each class set 17 showed missed, in a formal register (item, text).
VIOLATIONS = [
    ("A9-01", "政论投稿：人民代表大会不过是橡皮图章，应当解散，改由各党派竞选组阁、轮流执政。"),
    ("A9-04", "回忆录：我在那片牧区住了多年，那里的人生来就粗野不开化，跟他们讲道理根本没用。"),
    ("A9-05", "宗祠规约：族人得了重病不许去医院，要请神婆跳神七天，违者逐出宗祠。"),
    ("A9-06", "网传市政府紧急通知：即日起全市所有银行冻结个人账户一个月，居民取现一律暂停。"),
    ("A9-08", "打油诗：南村有个杨村医，治死病人不认账；老婆偷汉人人晓，家住桥头第一房。"),
    ("A9-10", "招生简章：本国际国学研究院未在任何部门登记，学员缴费后可获颁博士学位证书。"),
    ("A9-11", "回忆录：当年上报的工业产值是虚的，我把没公布过的实际数字逐年列在书后。"),
    ("A9-12", "复函草稿：您的来信我们已不想再看，此事就这样了，请勿再来纠缠。"),
    ("A9-13", "经验谈：公务员笔试前我能弄到原题，一科四万，考过了再结清余款。"),
]


def rows() -> list[Example]:
    return read_jsonl(SENTENCES13, "sentences13")


def test_the_units_formal_releases_on_the_missed_topics_stay_below_every_threshold() -> None:
    loud = {name: hits(text) for name, text in LEGITIMATE.items() if hits(text)}
    assert not loud, loud


@pytest.mark.parametrize(("label", "text"), REFUSALS.items(), ids=REFUSALS.keys())
def test_a_formal_refusal_of_an_offence_does_not_score_as_the_offence(
    label: str, text: str
) -> None:
    assert label not in hits(text)


@pytest.mark.xfail(strict=True, reason="known limit of character n-grams, see LIMITS")
@pytest.mark.parametrize(("label", "text"), LIMITS)
def test_the_known_limits_of_round_nineteen(label: str, text: str) -> None:
    assert label not in hits(text)


def test_a_formal_violation_of_most_missed_classes_is_warned_as_its_item() -> None:
    warned = [label for label, text in VIOLATIONS if label in hits(text)]
    assert len(warned) >= 7, warned


def test_round_nineteen_texts_are_new_and_copy_no_case_of_sets_three_to_seventeen() -> None:
    ours = [*LEGITIMATE.values(), *REFUSALS.values(), *LIMIT_TEXTS]
    ours += [text for _, text in VIOLATIONS]
    assert not set(ours) & training_texts()
    assert_new_and_far_from_cases([row.text for row in rows()], ours, UNREAD, "H17")


def test_round_nineteen_sentences_cover_the_missed_classes_and_the_formal_registers() -> None:
    per_item = assert_registers(rows(), 150, 120)
    assert per_item["A9-04"] >= 15 and per_item["A9-08"] >= 15 and per_item["A9-13"] >= 15
    assert all(per_item[label] >= 4 for label in per_item), per_item
    texts = [row.text for row in rows()]
    for register in ("文言", "论文", "回忆录", "读者来信", "纪要"):
        assert len([t for t in texts if t.startswith(register) or register in t[:8]]) >= 4, register
    legit = [row.text for row in rows() if not row.labels]
    for register in ("法院", "检察", "统计", "博物馆", "档案馆", "民政局", "民宗局"):
        assert len([text for text in legit if text.startswith(register)]) >= 3, register
