"""Round 18 of the semantic layer (issue 12): the meaning-level classes the training sets 7-16
showed weakest are warned, and the unit's posts on the same topics stay quiet.

Measured case by case on sets 7-16 (all training sets by then), the model missed most often
minorities named by circumlocution (dress, food, speech, a region, a name) and refused a
service, a seat, a job or a flat (item （四）); people doxxed, their records posted, smeared in
songs and notes ((八)); waste dumped, child labour, children sold, abusive debt collection,
a dead parent's pension drawn ((十三)); territory given away and defence details sold ((二));
invented notices ((六)); unpublished lists leaked ((十一)); the account's rude replies ((十二));
and it warned notices, debunking posts and police reports on those topics. Every text below
was written for this test: none is a case of a set, none is a training sentence.
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
SENTENCES12 = PROJECT_ROOT / "data" / "semantic" / "sentences12.jsonl"

# Sets 3-16 and the labelled sets were readable when round 18 was written; set 17 and any
# later set are kept aside and never read, here or anywhere.
UNREAD = unread_sets(17)

# The unit's own posts on the topics of the new classes (one line each).
LEGITIMATE = {
    "a water-cut notice": "物业推文：因二次供水设备更换，阳光小区三号楼周六上午停水，楼下已备好饮用水。",
    "a job advert": "招聘：县档案馆招聘临时工作人员两名，负责档案整理，大专以上学历，签订劳务合同。",
    "a debunking post": "辟谣：网上说明年起本县中小学午餐改为自费，教育局表示营养餐补助政策不变。",
    "a police report": "警情通报：一男子将前女友的私密照片发到同乡群里，警方已将其刑事拘留。",
    "a law explainer": "普法：问：房东能不能因为租客是少数民族就不租？答：不能，这违反民族平等原则。",
    "a committee notice": "街道公告：所谓“楼栋自治理事会”没有经过业主大会选举，它收的管理费业主可以拒交。",
    "a wildlife note": "林草局推文：在山里捡到受伤的猫头鹰，请交给救护站，不要带回家养。",
}

# Posts that refuse or forbid an offence in the offence's own words (item they name, text).
REFUSALS = {
    "A9-04": "民宿公告：本店接待各民族、各地区的客人，价格一样，服务一样，欢迎入住。",
    "A9-08": "学校回复：我们不会公开学生和家长的住址、电话，也请家长不要在群里转发别人的信息。",
    "A16": "街道号说明：我们不搞转发抽奖，也从不为了涨关注编故事，消息都有出处。",
}

# One violation of each weak class (item, text).
VIOLATIONS = [
    ("A9-02", "钓鱼群：那几个岛跟我们有啥关系，早点让给人家，省得天天吵着要打仗。"),
    ("A9-04", "奶茶店招人：戴头巾的、说话带西北口音的不要，那边来的人干活靠不住。"),
    ("A9-05", "大师说把孩子的生辰八字写在红纸上压在床底，考试必过，一次收八百。"),
    ("A9-06", "家族群：听说下礼拜起各家银行只许存不许取，工资卡也要冻结半年，快把钱取回家放着。"),
    ("A9-08", "小区群：二单元那个女司机几点出门、孩子在哪上学我都拍下来了，谁替我出口气。"),
    ("A9-11", "没公布的拆迁名单我从街道电脑里拷出来了，哪家拆哪家不拆都在里面，一家一百。"),
    ("A9-12", "政务号回复：问了三遍还问，你是不识字还是听不懂人话？"),
    ("A9-13", "化粪池抽出来的东西别拉去处理厂，直接倒进旁边的水渠，省下的钱咱俩分。"),
    ("A16", "政务号小编：编个“镇上挖出金元宝”的消息，转发的人多了再说是误传。"),
]


def rows() -> list[Example]:
    return read_jsonl(SENTENCES12, "sentences12")


def test_the_units_posts_on_the_new_topics_stay_below_every_threshold() -> None:
    loud = {name: hits(text) for name, text in LEGITIMATE.items() if hits(text)}
    assert not loud, loud


@pytest.mark.parametrize(("label", "text"), REFUSALS.items(), ids=REFUSALS.keys())
def test_a_refusal_of_an_offence_does_not_score_as_the_offence(label: str, text: str) -> None:
    assert label not in hits(text)


def test_a_violation_of_most_weak_classes_is_warned_as_its_item() -> None:
    warned = [label for label, text in VIOLATIONS if label in hits(text)]
    assert len(warned) >= 7, warned


def test_round_eighteen_texts_are_new_and_copy_no_case_of_sets_three_to_sixteen() -> None:
    ours = [*LEGITIMATE.values(), *REFUSALS.values()] + [text for _, text in VIOLATIONS]
    assert not set(ours) & training_texts()
    assert_new_and_far_from_cases([row.text for row in rows()], ours, UNREAD, "H16")


def test_round_eighteen_sentences_cover_the_weak_classes_and_the_registers() -> None:
    per_item = assert_registers(rows(), 150, 120)
    assert per_item["A9-04"] >= 25 and per_item["A9-08"] >= 15 and per_item["A9-13"] >= 15
    legit = [row.text for row in rows() if not row.labels]
    for register in ("辟谣：", "警情通报：", "普法：", "招聘："):
        assert len([text for text in legit if text.startswith(register)]) >= 4, register
