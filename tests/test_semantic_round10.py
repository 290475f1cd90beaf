"""Round 10 of the semantic layer (issue 12): the unit's own posts stay quiet, the classes
held-out set 10 showed missing are warned.

Held-out set 10 (a training set now) found the model warning on the unit's own notices and
replies: account names and reply headings used as titles, notices that ask readers to follow
or share for a legitimate reason (or say that nothing of the kind is needed), law questions
and answers, the constitution quoted, village broadcasts. Every text below was written for
this test: none is a case of a set, none is a training sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.rules_heldout3 import KEPT_ASIDE
from pipeline.rules import semantic
from pipeline.rules.semantic.dataset import Example, expand_templates, read_jsonl
from pipeline.rules.semantic.items import rule_id
from tests.test_semantic_training_data import close_to_a_case, set_cases

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = PROJECT_ROOT / "data" / "semantic"
SENTENCES7 = DATA / "sentences7.jsonl"

# The registers of the unit's own posts that round 10 taught the model (one line each).
LEGITIMATE = {
    "school account name as a title": "县第四中学微信公众号",
    "hospital account name as a title": "县人民医院东院区微信号",
    "township account name as a title": "青石镇人民政府微信号",
    "reply heading as a title": "政务号网友评论答复",
    "school notice asking to follow": "请家长关注学校公众号，下学期的分班结果将在开学前一周推送。",
    "hospital notice asking to follow": "关注医院公众号后可以查看排队叫号进度，不关注也可到服务台打印。",
    "a share for safety": "请把这条防范电信诈骗的提醒转发给家里的长辈。",
    "no follow, share or lottery needed": "参加本次作文比赛无需关注、转发或集赞，也没有任何抽奖。",
    "a reply to a comment": "您好，您在评论区提到的积水问题已经转给住建部门，明天派人查看。",
    "a reply keeping personal data out": "评论区会公开显示，请不要在留言里写家庭住址和手机号码。",
    "law Q&A on associations": "问：几个朋友想成立读书会，要不要去登记？答：以社会团体名义活动的须依法登记。",
    "law Q&A on insults": "问：在群里骂人“骗子”要担什么责任？答：侮辱他人的，可能受到治安处罚。",
    "the constitution quoted": "宪法规定，国家加强经济立法，完善宏观调控。",
    "a village broadcast on superstition": "村委会广播：有人上门说做法事能消灾，这是骗钱的，大家别上当。",
}

# One violation of each class set 10's meaning-level misses showed (item, text).
VIOLATIONS = [
    ("A9-01", "村里的事族长说了算，族规比法律管用，谁去派出所告状就按族规收拾谁。"),
    ("A9-01", "公司有规定，宪法说的男女平等我们这里不认，女的一律不升职。"),
    ("A9-02", "刚才那个不许外传的会我全程录了音，晚上整理好发到论坛上给大家看。"),
    ("A9-03", "我把谈判的底价偷偷告诉外方，他们答应事成以后给我一笔好处费。"),
    ("A9-03", "本地那种稀有的果树苗，外国人出大价钱，我打算藏在箱子里带出境卖给他们。"),
    ("A9-04", "评先进的时候，那几个戴民族帽子的学生一律不考虑，他们家那种人就别想了。"),
    ("A9-04", "我们婚介所不接待那些过自己民族节日、说自己民族话的人家，免得拉低档次。"),
    ("A9-05", "交三万块就能把名字写进得救的名册，末日来了会有人来接，我已经劝我妈交了。"),
    ("A9-07", "群里每晚发红包，抢到金额最小的赔给大家，一把一百块起，输了不准退群。"),
    ("A9-08", "那个在电梯里吵架的女人，我把她的照片、单位和电话都发出来了，大家去骚扰她。"),
    ("A9-08", "这张转账截图是我自己P的，说那个主任收了钱，发出去让他被纪委查。"),
    ("A9-11", "我拍了县里那条黑臭河的照片，准备发到国外网站上，让外国人看看我们县有多脏。"),
    ("A9-13", "我们能帮你把房产登记改个名字，再补一份假的社保记录，一套材料收五万。"),
]


def rows() -> list[Example]:
    return read_jsonl(SENTENCES7, "sentences7")


def hits(text: str) -> dict[str, float]:
    model = semantic.default_model()
    return {label: score for label, score, _ in model.hits(text)}


@pytest.mark.parametrize("text", LEGITIMATE.values(), ids=LEGITIMATE.keys())
def test_the_units_own_registers_stay_below_every_threshold(text: str) -> None:
    assert hits(text) == {}


@pytest.mark.parametrize(
    ("label", "text"), VIOLATIONS, ids=[f"{i}-{x[0]}" for i, x in enumerate(VIOLATIONS)]
)
def test_a_violation_of_each_new_class_is_warned_as_its_item(label: str, text: str) -> None:
    assert label in hits(text)
    found = semantic.detect(text, text)
    assert [d.rule for d in found if d.rule == rule_id(label)]
    assert all(d.severity == "warning" for d in found)


def test_the_test_texts_are_not_training_sentences() -> None:
    trained = {ex.text for path in DATA.glob("sentences*.jsonl") for ex in read_jsonl(path, "s")}
    for path in DATA.glob("templates*.yml"):
        trained |= {ex.text for ex in expand_templates(path, 1000, 20261202)}
    ours = list(LEGITIMATE.values()) + [text for _, text in VIOLATIONS]
    assert not [text for text in ours if text in trained]


def test_round_ten_sentences_copy_no_case_of_the_sets() -> None:
    texts = [row.text for row in rows()]
    assert len(set(texts)) == len(texts)
    ours = list(LEGITIMATE.values()) + [text for _, text in VIOLATIONS]
    close = close_to_a_case(texts + ours, KEPT_ASIDE)
    assert not close, close[:5]


def test_round_ten_sentences_cover_the_registers_and_the_classes() -> None:
    legit = [row.text for row in rows() if not row.labels]
    bad = [row for row in rows() if row.labels]
    for register in (
        "公众号",
        "家长",
        "医院",
        "镇",
        "评论区",
        "问：",
        "宪法",
        "村委会广播",
        "关注",
        "转发",
    ):
        assert len([t for t in legit if register in t]) >= 5, register
    per_item = {label: sum(label in row.labels for row in bad) for label, _ in VIOLATIONS}
    assert min(per_item.values()) >= 8, per_item
    school_a16 = [row.text for row in bad if "A16" in row.labels and "学校" in row.text]
    assert len(school_a16) >= 3


def test_the_account_headings_equal_no_title_of_a_set() -> None:
    headings = {ex.text for ex in expand_templates(DATA / "templates3.yml", 1000, 20261202)}
    assert len(headings) >= 150
    assert all(not ex.labels for ex in expand_templates(DATA / "templates3.yml", 5, 1))
    titles = {str(case.get("title", "")) for case in set_cases(KEPT_ASIDE)}
    assert not headings & titles
