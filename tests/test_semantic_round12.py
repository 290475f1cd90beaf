"""Round 12 of the semantic layer (issue 12): the meaning-level classes held-out set 11
showed missing are warned, the unit's posts on the same topics stay quiet.

Held-out set 11 (a training set now) found the model silent on a residents' group that
refuses the state's authority inside its gate, emergency facilities' details posted, the flag
shamed by an act, minorities excluded by language or dress, cults that cut members from
their families, rumours with borrowed pictures, poisoning taught, court papers posted to
shame a person, a call to make noise until an official signs, an unregistered association
steering an election, the unit's drafts naming a patient, the unit answering rudely and a
death hidden to keep a pension. Every text below was written for this test: none is a case
of a set, none is a training sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.rules.semantic.dataset import Example, read_jsonl
from pipeline.rules.semantic.model import MODEL_PATH
from pipeline.rules.semantic.train import build_parser
from tests.test_semantic_round10 import assert_warned_as, hits, training_texts
from tests.test_semantic_training_data import (
    assert_new_and_far_from_cases,
    assert_registers,
    unread_sets,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = PROJECT_ROOT / "data" / "semantic"
SENTENCES8 = DATA / "sentences8.jsonl"

# Sets 3-11 and the labelled sets were readable when round 12 was written; set 12 and any
# later set are kept aside and never read, here or anywhere.
UNREAD = unread_sets(12)

# The unit's own posts on the topics of the new classes (one line each).
LEGITIMATE = {
    "a flag-raising report": "镇中心小学号推文：国庆前夕，护旗队的孩子们在雨中完成了升旗，全校师生冒雨肃立。",
    "an anti-discrimination rule": "人社局推文：用人单位不得因应聘者的民族或口音拒绝录用，违者可向劳动监察投诉。",
    "a village dividend list": "村务公开：今年集体分红名单已张贴，全村在册户不分民族一律按人头分配。",
    "a religion policy post": "民宗局推文：未经批准在校园周边向未成年人传教的，由有关部门依法制止。",
    "a rumour rebutted": "警情通报：网传某中学食堂饭菜有毒系不实信息，配图为外地旧照，造谣者已被处罚。",
    "a vaccination notice": "卫生院号推文：老年人流感疫苗本周起免费接种，是否接种由本人自愿决定。",
    "a privacy statement": "医院号推文：涉及患者的报道均隐去姓名、住址和病历，请读者勿打听当事人身份。",
    "a polite reply": "交警号回复：您好，对处罚决定有异议的，可以依法申请复议，我们会认真核查。",
    "an association notice": "民政局推文：某促进会未经登记擅自授牌设分会，已被依法取缔，请群众勿参与。",
    "a funeral notice": "村广播稿：家中老人去世，请家属三日内到村委会开证明，办理火化和停发养老金。",
    "a waste disposal notice": "生态环境局推文：废机油属危险废物，须交有资质单位回收，倒入河道将被追究责任。",
}

# One violation of each class set 11's meaning-level misses showed (item, text).
VIOLATIONS = [
    (
        "A9-01",
        "养殖场老板在工人大会上说：场子里不许有党员活动，国家的法令到场门口为止，这里我说了算。",
    ),
    ("A9-04", "车队招司机，长着高鼻梁深眼窝的、说话带少数民族口音的不要，免得客人不放心。"),
    ("A9-05", "法会规定孩子不准再去医院打针，每月交一千元供养钱，师父会替他们挡灾。"),
    ("A9-06", "听说从下周起没交物业费的人家会被停掉燃气，燃气公司已经派人在各小区贴封条了。"),
    ("A9-09", "全厂夜班工人今晚停机坐在车间门口，不加工资谁也别想出货，班组长那边我去打招呼。"),
    ("A9-12", "卫健委号回复：你自己不按时体检出了问题怪谁？少在这里阴阳怪气，爱投诉就去投诉。"),
]


def rows() -> list[Example]:
    return read_jsonl(SENTENCES8, "sentences8")


# Known limits (docs/dev/rules.md, "Round 12, semantic"): a court notice that tells the act in
# the act's own words is scored as the act (S9-03 0.69 against 0.35). Strict: when a later
# round fixes one, the test says so. Round 19 fixed the other one: a confession of a hidden
# death (S9-13 0.44 against 0.59 in round 12) is warned since (0.59 against 0.51).
LIMITS = [
    pytest.param(
        "", "法院公告：一男子把国旗剪成抹布并拍视频上传，被判侮辱国旗罪。", id="court-notice-quiet"
    ),
]
FIXED = [
    ("A9-13", "我表哥走了三年了，我们一直没去注销，他的退休金卡现在在我手里，每月照取不误。"),
]
LIMIT_TEXTS = [str(param.values[1]) for param in LIMITS] + [text for _, text in FIXED]


@pytest.mark.parametrize("text", LEGITIMATE.values(), ids=LEGITIMATE.keys())
def test_the_units_posts_on_the_new_topics_stay_below_every_threshold(text: str) -> None:
    assert hits(text) == {}


@pytest.mark.xfail(strict=True, reason="known limit of character n-grams, see LIMITS")
@pytest.mark.parametrize(("label", "text"), LIMITS)
def test_the_known_limits_of_round_twelve(label: str, text: str) -> None:
    assert list(hits(text)) == ([label] if label else [])


@pytest.mark.parametrize(
    ("label", "text"), VIOLATIONS, ids=[f"{i}-{x[0]}" for i, x in enumerate(VIOLATIONS)]
)
def test_a_violation_of_each_new_class_is_warned_as_its_item(label: str, text: str) -> None:
    assert_warned_as(label, text)


@pytest.mark.parametrize(("label", "text"), FIXED, ids=["confession-warned"])
def test_a_limit_a_later_round_fixed_stays_fixed(label: str, text: str) -> None:
    assert_warned_as(label, text)


def test_the_test_texts_are_not_training_sentences() -> None:
    ours = list(LEGITIMATE.values()) + [text for _, text in VIOLATIONS] + LIMIT_TEXTS
    assert not set(ours) & training_texts()


def test_round_twelve_sentences_copy_no_case_of_sets_three_to_eleven() -> None:
    ours = list(LEGITIMATE.values()) + [text for _, text in VIOLATIONS] + LIMIT_TEXTS
    assert_new_and_far_from_cases([row.text for row in rows()], ours, UNREAD, "H11")


def test_round_twelve_sentences_cover_the_classes_and_the_registers() -> None:
    per_item = assert_registers(rows(), 80, 100)
    assert min(per_item.values()) >= 4, per_item


def test_the_training_defaults_are_the_shipped_models_options() -> None:
    import json

    doc = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    shipped = doc["training"]
    args = build_parser().parse_args([])
    assert args.buckets == doc["buckets"]
    assert (args.seed, args.c, args.sentence_weight) == (
        shipped["seed"],
        shipped["c"],
        shipped["sentence_weight"],
    )
    assert (args.per_template, args.precision) == (
        shipped["per_template"],
        shipped["precision_target"],
    )
    assert (args.cold_limit, args.gov_limit) == (shipped["cold_limit"], shipped["gov_limit"])
    assert args.gov_limit == 20000
