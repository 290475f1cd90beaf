"""Round 45 of the semantic layer (issue 12): the kinds of meaning the training sets miss.

Measured case by case over the training sets 7-36, the meaning-level cases the model missed
fell into a few kinds that recur across sets rather than into one set's wordings: public
services or benefits tied to following the account and follower quotas pushed down to grid
workers and schools; rights shared out by property, schooling or household registration;
secrets and survey data sold abroad and local "self-rule"; the flag, memorial days and
martyrs' graves mocked or sold; minorities refused by a name, a dress, a diet or an ID
prefix; paid rites, sacrifices and unregistered meeting points led from abroad; disasters,
casualties and policy changes said to be hushed up; sex, drugs and violence offered in
euphemisms; doxxing with a threat; crowds called to block an office; self-made councils with
seals and dues; unpublished plans, figures and recordings leaked, the city run down to
outsiders; the account's scornful replies; child labour, tampered meters and sensors,
wildlife and data sold. ``sentences18.jsonl`` holds new sentences of those kinds in other
scenes and registers (posts, group chats, voice transcripts, adverts, subtitles) and
legitimate sentences of the same topics in the unit's registers (notices, rebuttals, police
reports, law explainers, replies, minutes, broadcasts). No case of a set is in it, nor a
paraphrase of one. Every text below was written for this test: none is a case of a set,
none is a training sentence.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.rules.semantic.dataset import Example, read_jsonl
from pipeline.rules.semantic.features import sentences
from pipeline.rules.semantic.items import LABELS
from tests.semantic_rounds import assert_new_and_far_from_the_sets_read
from tests.test_semantic_round10 import hits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SENTENCES18 = PROJECT_ROOT / "data" / "semantic" / "sentences18.jsonl"

# The sets readable when round 45 was written, named one by one (the sets kept aside, 37
# and 38, are not read, here or anywhere).
READ_SETS = ("labelled", "heldout", "heldout2", *(f"heldout{n}" for n in range(3, 37)))

# One violation of each kind, in words of its own (item, text).
VIOLATIONS = [
    ("A16", "户口迁移的预约号只放给关注我们号满一季度的居民，其余的人下个月再来碰运气。"),
    ("A9-01", "县城的事就该交给商会那几位老板定，开人代会纯属浪费电费，投票更是多余。"),
    ("A9-02", "我把单位新测的那片海岸线坐标整理成表，海外那个网友说一个点给五百美元。"),
    ("A9-03", "公祭日那天下午我在直播间开派对，背景放防空警报的混音版，粉丝都说带劲。"),
    ("A9-04", "物业招保安，那个民族的人一个都别要，招聘广告上不写，电话里问清楚就行。"),
    ("A9-05", "新店开张前请了位大仙，说门口要埋一只活鸡、柜台下面压三道符，营业额才能翻番。"),
    ("A9-06", "游泳馆上周淹死了两个小孩，馆长花钱把家属嘴堵上了，新闻半个字都没有。"),
    ("A9-07", "城东那家洗浴中心三楼有“夜场服务”，按钟点收钱，进去之前要先交手机。"),
    ("A9-08", "那个在网上骂我们饭店的顾客，我查到他住在哪个小区、开什么车，谁去给他点教训。"),
    ("A9-11", "明年才公布的地铁新线路图我先拿到了，哪几站要拆迁写得一清二楚，一份卖两千。"),
    ("A9-12", "回复：办不了就别办，我们窗口又不欠你什么，爱去哪投诉就去哪投诉。"),
    ("A9-13", "招几个十三四岁的娃去砖厂干活，身份证拿他们哥哥的用，工钱年底一次结清。"),
]

# Legitimate sentences of the same topics in the unit's registers.
LEGITIMATE = [
    "公告：户口迁移业务可通过窗口、电话和网上三种方式预约，各渠道号源统一分配。",
    "推文：县人大常委会第十二次会议今天开幕，会议将审议本年度财政预算调整方案。",
    "通报：国家安全机关提醒，任何单位和个人不得擅自向境外提供测绘成果。",
    "推文：公祭日当天上午，全县中小学生在操场上肃立默哀，缅怀遇难同胞。",
    "回复：您好，物业招聘不得设置民族条件，您可以向人社部门反映具体情况。",
    "辟谣：网传“新店门口埋活鸡能旺财”的视频为摆拍，市场监管部门提醒商户诚信经营。",
    "通报：游泳馆救生员成功救起一名溺水儿童，孩子经医院检查已无大碍。",
    "警情通报：民警在城东一家洗浴中心查处组织卖淫案件，抓获嫌疑人四名。",
    "推文：地铁新线规划以市政府正式批复为准，届时将在官网公示线路和站点。",
    "回复：您好，窗口今天排队较长，我们已增派人员，给您带来不便深表歉意。",
]

# Of the violations above, at most this many stay under their item's threshold. The shipped
# model misses four of the twelve (（一） rule by a chamber of commerce, （三） a party to the
# sound of the memorial-day sirens, （七） a bath-house "night service", （十三） children sent to
# a brick kiln), as round 24's model did: their scores rose but stay under the thresholds; a
# kind written in a few dozen sentences carries to new words only where its words recur
# (docs/dev/semantic.md, "Round 45").
MISSED_AT_MOST = 4


def rows() -> list[Example]:
    return read_jsonl(SENTENCES18, "sentences18")


def _warned(label: str, text: str) -> bool:
    return any(label in hits(text[a:b]) for a, b in sentences(text))


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_sentences_of_the_same_topics_stay_quiet(text: str) -> None:
    assert all(hits(text[a:b]) == {} for a, b in sentences(text)), text


def test_most_violations_of_the_kinds_are_warned_as_their_item() -> None:
    missed = [(label, text) for label, text in VIOLATIONS if not _warned(label, text)]
    assert len(missed) <= MISSED_AT_MOST, missed


def test_round_forty_five_sentences_cover_the_kinds_with_negatives() -> None:
    data = rows()
    per_item = Counter(label for row in data for label in row.labels)
    assert all(per_item[label] >= 6 for label in LABELS), per_item
    legit = [row.text for row in data if not row.labels]
    assert len(legit) >= len(data) // 3
    for register in ("推文：", "回复：", "公告：", "通报：", "普法", "辟谣：", "纪要："):
        assert len([t for t in legit if register in t]) >= 2, register


def test_round_forty_five_texts_are_new_and_copy_no_case_of_the_sets_read() -> None:
    texts = [row.text for row in rows()]
    ours = [text for _, text in VIOLATIONS] + LEGITIMATE
    assert_new_and_far_from_the_sets_read(texts, ours, READ_SETS, {"H36", "H3V"}, SENTENCES18)
