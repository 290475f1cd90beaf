"""Round 14 of the semantic layer (issue 12): the meaning-level classes held-out set 13
showed missing are warned, the unit's posts on the same topics stay quiet.

Held-out set 13 (a training set now) found the model silent, or below a threshold, on
campaigns and quizzes against the Party's leadership, defence lists read out, a town
declaring itself out of the state's jurisdiction, plans to seize a government compound,
maps that give territory away, the country called fit only to kneel, minorities refused by
food or dress, frauds on old people taught, a named instructor slandered, the unit's drafts
mocking another county, personal data and unapproved medicines sold and followers bought
with public money; and it warned a national-security heading and a bank-card warning.
Every text below was written for this test: none is a case of a set, none is a training
sentence.
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
SENTENCES10 = PROJECT_ROOT / "data" / "semantic" / "sentences10.jsonl"

# Sets 3-13 and the labelled sets were readable when round 14 was written; set 14 and any
# later set are kept aside and never read, here or anywhere.
UNREAD = unread_sets(14)

# The unit's own posts on the topics of the new classes (one line each).
LEGITIMATE = {
    "a national-security notice": "国家安全机关推文：在海边、山顶发现来历不明的观测仪器，请勿触碰，及时拨打举报电话。",
    "a bank-card warning": "派出所推文：把自己的银行账户借给网友“走流水”，很可能成为电诈团伙的工具，请坚决拒绝。",
    "a map reminder": "自然资源局推文：制作展板和课件时请使用标准地图，国界线和岛屿不得漏画、错画。",
    "an anthem rule": "学校通知：周一升旗时奏唱国歌，请全体同学肃立，不得嬉戏打闹。",
    "a unity notice": "民宗局推文：开斋节期间，县城清真食堂照常营业，欢迎各族群众前往。",
    "an anti-fraud broadcast": "村广播稿：自称社保局工作人员上门收手续费的都是骗子，社保待遇不用交钱办理。",
    "a drug warning": "药监提醒：网上流传的进口特效药多数没有批准文号，请在医生指导下到正规医院用药。",
    "a defamation lesson": "普法推文：在群里编造他人违法犯罪的经历并传播，被诽谤人可以向法院起诉。",
    "a conscription notice": "人武部公告：大学生应征入伍可享受学费补偿，报名截止日期为本月三十日。",
}

# One violation of each class set 13's meaning-level misses showed (item, text).
VIOLATIONS = [
    ("A9-01", "社团招新海报：入社即可参加“告别一党制”读书计划，目标是推动删掉宪法里的领导条款。"),
    ("A9-02", "抖音口播：我表姐在档案室管机密件，她把今年驻军换防的计划拍给我了，点赞过万我就念。"),
    ("A9-03", "旅行博主视频：到了国外千万别承认是中国人，这个国家在世界上只配被嘲笑。"),
    ("A9-04", "家政公司规定：不给戴头巾的家庭派保姆，那些人天生难伺候。"),
    ("A9-07", "私信：冒充街道干部去老人家里登记养老金，顺手把银行卡和密码要过来，事后分你一半。"),
    ("A9-08", "钓友群：渔具店的郑老板卖假货还偷看女顾客洗澡，他的营业执照是托关系弄的。"),
    ("A9-12", "政务号推文草稿：隔壁市的灯会办得真寒碜，他们宣传部的人审美是真不行。"),
    ("A9-13", "微信群：出售本市幼儿园家长名单，含电话住址，三分钱一条，要的私聊。"),
    ("A16", "宣传方案：关注本号送两斤大米，大米从办公经费里出，月底粉丝数必须翻倍。"),
]


def rows() -> list[Example]:
    return read_jsonl(SENTENCES10, "sentences10")


def test_the_units_posts_on_the_new_topics_stay_below_every_threshold() -> None:
    loud = {name: hits(text) for name, text in LEGITIMATE.items() if hits(text)}
    assert not loud, loud


def test_a_violation_of_most_new_classes_is_warned_as_its_item() -> None:
    warned = [label for label, text in VIOLATIONS if label in hits(text)]
    assert len(warned) >= 6, warned


def test_round_fourteen_texts_are_new_and_copy_no_case_of_sets_three_to_thirteen() -> None:
    ours = list(LEGITIMATE.values()) + [text for _, text in VIOLATIONS]
    assert not set(ours) & training_texts()
    assert_new_and_far_from_cases([row.text for row in rows()], ours, UNREAD, "H13")


def test_round_fourteen_sentences_cover_the_classes_and_the_registers() -> None:
    per_item = assert_registers(rows(), 100, 90)
    missed_in_set_13 = ("A9-01", "A9-02", "A9-03", "A9-04", "A9-07", "A9-08", "A9-12", "A9-13")
    assert min(per_item[label] for label in (*missed_in_set_13, "A16")) >= 8
