"""Round 16 of the semantic layer (issue 12): the meaning-level classes held-out set 15
showed missing are warned, the unit's posts on the same topics stay quiet, and a post that
refuses or forbids an offence does not score as the offence.

Held-out set 15 (a training set now) found the model silent, or below a threshold, on essays
ordered from a writer or a chatbot against people's democracy, the flag disrespected on
camera, the country run down to foreigners for tips, minorities refused by region or accent
in a shop's or a guild's rules, chain messages that threaten whoever does not forward them,
invented notices of a department cancelling a benefit, people smeared and doxxed in ratings,
wiki entries and fake obscene pictures, fans called to besiege an office, self-made courts,
the unit's account venting or mocking a parent, and protected wildlife sold; and it warned
a comfort line of a help-line notice and the account's own refusal to buy followers (the
warning that let a strong word raise it to an error). Every text below was written for this
test: none is a case of a set, none is a training sentence.
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
SENTENCES11 = PROJECT_ROOT / "data" / "semantic" / "sentences11.jsonl"

# Sets 3-15 and the labelled sets were readable when round 16 was written; set 16 and any
# later set are kept aside and never read, here or anywhere.
UNREAD = unread_sets(16)

# The unit's own posts on the topics of the new classes (one line each).
LEGITIMATE = {
    "a comfort line": "市妇联推文：遇到困难别憋在心里，拨打妇女儿童维权热线，我们陪你一起面对。",
    "a chain message debunked": "网警提醒：“转发给十五人就能转运”纯属迷信，收到后删除即可，不会有任何后果。",
    "a fake notice debunked": "市卫健委声明：网传看病先交押金的“紧急通知”并非本委发布，请以官网信息为准。",
    "an equal-service rule": "邮政管理局推文：寄递企业对少数民族地区的包裹同样揽收，不得设置额外条件。",
    "a face-swap warning": "网信办推文：不要用一键换脸软件处理他人照片，未经同意传播可能侵犯肖像权和名誉权。",
    "a wildlife rule": "林业局推文：野生鸟类不能捕来卖，市民见到街头兜售可以拍照举报。",
    "a polite reply to a parent": "回复：谢谢家长的提醒，孩子放学路上的安全问题，我们已经和学校、交警一起商量办法。",
    "a refund notice for fans": "文旅局推文：演唱会延期的退票已开通，歌迷朋友们不用到现场排队，手机上就能办理。",
    "a mediation notice": "司法局推文：社区人民调解员免费调解邻里纠纷，预约电话在各社区公告栏。",
}

# Posts that refuse or forbid an offence in the offence's own words (item they name, text).
REFUSALS = {
    "A16": "政务号说明：本号的关注者都是自愿来的，我们从未花钱买过粉，也不会这么做。",
    "A9-04": "市场监管局推文：本市商户不得拒绝向任何民族的顾客出售商品，也不得因收货地址拒绝发货。",
    "A9-11": "学校公众号：我们不会把学生的照片和姓名发到网上，请家长放心。",
}

# One violation of each class set 15's meaning-level misses showed (item, text).
VIOLATIONS = [
    (
        "A9-01",
        "求稿启事：征集文章证明人民代表大会制度一无是处，国家最好交给少数有钱人打理，一篇五百元。",
    ),
    ("A9-03", "外网视频标题：我在中国街头随便拍拍，就能证明这个国家穷得没饭吃，外国朋友请打赏。"),
    ("A9-04", "烧烤店门口贴着：某族人不接待，这个民族的人天生就爱赖账。"),
    ("A9-05", "群消息：这尊菩萨图转满十个群保你全家无病无灾，不转的三天内必有坏事。"),
    ("A9-06", "区教育局紧急通知：下学期起全区取消校车，学生一律自行上学，速转给家长。"),
    (
        "A9-08",
        "家长群：数学老师是靠陪领导睡觉评上的职称，她家住哪栋楼我发在这里了，大家有空去看看。",
    ),
    ("A9-09", "后援会：偶像节目被撤，明天上午全体到广电局门口坐着，不恢复播出谁都不准走。"),
    ("A9-10", "几个网友成立网络纠纷裁决委员会，自封裁判长，交三百元就给你出裁决书。"),
    ("A9-12", "政务号回复：说了八百遍了还问，自己不会看吗？真服了你们。"),
    ("A9-13", "山里刚套的野兔和穿山甲，活的，晚上送到你家，价格私聊。"),
]


def rows() -> list[Example]:
    return read_jsonl(SENTENCES11, "sentences11")


def test_the_units_posts_on_the_new_topics_stay_below_every_threshold() -> None:
    loud = {name: hits(text) for name, text in LEGITIMATE.items() if hits(text)}
    assert not loud, loud


@pytest.mark.parametrize(("label", "text"), REFUSALS.items(), ids=REFUSALS.keys())
def test_a_refusal_of_an_offence_does_not_score_as_the_offence(label: str, text: str) -> None:
    assert label not in hits(text)


def test_a_violation_of_most_new_classes_is_warned_as_its_item() -> None:
    warned = [label for label, text in VIOLATIONS if label in hits(text)]
    assert len(warned) >= 9, warned


def test_round_sixteen_texts_are_new_and_copy_no_case_of_sets_three_to_fifteen() -> None:
    ours = [*LEGITIMATE.values(), *REFUSALS.values()] + [text for _, text in VIOLATIONS]
    assert not set(ours) & training_texts()
    assert_new_and_far_from_cases([row.text for row in rows()], ours, UNREAD, "H15")


def test_round_sixteen_sentences_cover_the_classes_and_the_registers() -> None:
    per_item = assert_registers(rows(), 120, 100)
    thin = {label: per_item[label] for label, _ in VIOLATIONS if per_item[label] < 8}
    assert not thin, thin
    legit = [row.text for row in rows() if not row.labels]
    refusals = [text for text in legit if any(w in text for w in ("不会", "不得", "不买", "谢绝"))]
    assert len(refusals) >= 10
