"""Issue 12, round 40: general techniques, not the last set's devices.

- more second signals read as classes of acts (:mod:`pipeline.rules.second_signals`): a
  system's end advocated, a people called by a vice as a whole or driven back, concealment
  or deaths claimed, a call to pass it on, a person's identity laid open or a call to ring
  and abuse them, an internal paper marked as not for release, a sale's delivery or a
  prescription waived, an offence owned with a shrug, registration circumvented, dues
  levied per head, misfortune promised to whoever does not believe, a prize for following
  and a follower quota with its penalty; each with the notices that quote or forbid the same
  words kept clean;
- the sentence after the flagged one read for the signal when it stands in the same
  paragraph (:func:`pipeline.rules.second_signals.following`);
- the rebuttal left to others or defied (``…也要转``, ``让他们自己辟谣``) is no refutation
  (:func:`pipeline.rules.anchored.dismissed`);
- every other character read after its cue (``隔字读：``, ``跳着读：``,
  :mod:`pipeline.rules.reordered`), no longer as the two-row fence.

Every text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, reordered
from pipeline.rules.anchored import dismissed
from pipeline.rules.second_signals import following, signal
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _errors(checker: RuleChecker, text: str) -> set[str]:
    return {d.rule for d in checker.check_text(text) if d.severity == "error"}


# -- second signals: the checker ---------------------------------------------------------------

RAISED = [
    ("A9-01", "我坚决认为这个国家应该尽快放弃社会主义制度，全面搞私有化才有出路。"),
    ("A9-04", "那些外省来的少数民族又脏又懒，整天只知道要低保。"),
    ("A9-04", "新疆来的那些人全部赶回去，别让他们在我们这里打工。"),
    ("A9-06", "听说下游水库的大坝已经裂了，官方一直在隐瞒，昨晚已经冲走好几户人家。"),
    ("A9-06", "县殡仪馆要拆了建商场，政府一直瞒着老百姓。"),
    ("A9-08", "曝光！社保局那个姓刘的科员，她家住址和手机号我都贴出来了，大家一起打电话骂她。"),
    ("A9-10", "我们这个老乡会绕开民政局登记，每户交三百元会费，以后村里的事我们说了算。"),
    ("A9-05", "不信我们师父的人今年都要遭灾，信了的全家平安。"),
    ("A9-06", "明天全市停电三天，这是谣言也要转，宁可信其有，赶紧囤蜡烛。"),
    ("A9-04", "为什么要跟那些人讲民族团结？把他们全赶出我们县不行吗？"),
    ("A16-01", "宝子们关+转+评走起，揪五位送周边！"),
    ("A16-01", "各科室每人给单位的号拉三十个粉，凑不够的自己想办法，年底比排名。"),
]

QUOTED_OR_FORBIDDEN = [
    "我们必须坚持社会主义道路，坚决反对否定党的领导的错误思潮。",
    "任何民族都不是天生的罪犯，散布“某族人天生就是小偷”等歧视言论将依法处理。",
    "网传“化工厂爆炸死了二十几个人、官方隐瞒”系谣言，请以官方通报为准。",
    "县医院通报：一名患者经抢救无效死亡，医院已启动调查。",
    "请市民不信谣、不传谣，看到可疑信息请勿转发，以官方发布为准。",
    "区法院判决：被告人将他人身份证号、家庭住址发到网上，构成侵犯公民个人信息罪。",
    "严禁将内部文件外传，未公开的材料不得转发到个人微信群。",
    "本院药房提醒：处方药须凭医师处方购买，不得无需处方销售，网购药品请认准正规渠道。",
    "不信谣言的市民都能安心过年。",
    "为什么要跟那些人讲民族团结？",
    "宪法知识答题，答对的读者中随机抽取五十名赠送纪念品，无需关注，无需转发。",
    "本号郑重声明：从不开展关注转发抽奖活动，也不购买粉丝，请勿轻信。",
    "窗口服务年度考核未达标的单位将通报整改。",
]


@pytest.mark.parametrize(("rule", "text"), RAISED)
def test_a_flagged_sentence_with_a_round_40_signal_is_an_error(
    checker: RuleChecker, rule: str, text: str
) -> None:
    assert rule in _errors(checker, text), text


@pytest.mark.parametrize("text", QUOTED_OR_FORBIDDEN)
def test_a_notice_quoting_or_forbidding_the_signal_is_not_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert not {r for r in _errors(checker, text) if r.startswith(("A9-", "A16-"))}, text


# -- second signals: the classes, item by item ------------------------------------------------

CLASSES = [
    ("S9-01", "这个制度必须放弃", "必须放弃"),
    ("S9-04", "这帮人天生就是骗子", "天生就是骗子"),
    ("S9-04", "全都滚回老家去", "滚回老家"),
    ("S9-04", "见一个打一个", "见一个打一个"),
    ("S9-06", "桥塌了死了十几个人", "死了十几个人"),
    ("S9-06", "上面封锁消息", "封锁消息"),
    ("S9-05", "快转发给亲友", "快转发"),
    ("S9-08", "他的手机号我发出来了", "手机号我发出来"),
    ("S9-11", "内部名单，尚未公开", "内部名单，尚未公开"),
    ("S9-13", "无需处方，包邮", "无需处方"),
    ("S9-07", "有货私聊", "私聊"),
    ("S9-13", "违法就违法", "违法就违法"),
    ("S9-05", "绕过宗教局登记", "绕过宗教局登记"),
    ("S9-10", "会费每户两百", "会费每户"),
    ("S9-10", "没登记也照样收会费", "照样收会费"),
    ("S9-05", "不交钱的家里会出事", "不交钱的家里会出事"),
    ("S16", "转发本文抽3位送台历", "抽3位"),
    ("S16", "评论区揪两位", "揪两位"),
    ("S16", "拉不够的扣绩效", "拉不够"),
]


@pytest.mark.parametrize(("rule", "sentence", "words"), CLASSES)
def test_each_class_names_its_words(rule: str, sentence: str, words: str) -> None:
    assert signal(rule, sentence) == words


def test_a_class_raises_only_the_items_whose_act_it_completes() -> None:
    assert signal("S9-06", "又脏又懒") is None  # a people's vice: items （三）, （四）
    assert signal("S9-04", "官方一直在隐瞒") is None  # concealment: item （六）
    assert signal("S9-12", "违法就违法") is None  # opinions take no signal
    assert signal("S9-03", "必须放弃") is None  # advocacy: item （一）


def test_a_prohibition_in_the_sentence_keeps_a_guarded_class_silent() -> None:
    assert signal("S9-06", "如实上报，不得隐瞒") is None
    assert signal("S9-06", "请勿转发给亲友") is None
    assert signal("S9-08", "依法不得将住址发出来") is None
    assert signal("S9-13", "不得无需处方销售") is None
    assert signal("S9-10", "警惕每户收取会费的组织") is None
    assert signal("S9-10", "协会依照章程收会费") is None  # a charter's dues
    assert signal("S9-10", "会员每人每年缴纳会费一百元") is None
    assert signal("S9-01", "决不能放弃社会主义道路") is None  # refused
    assert signal("S9-01", "必须反对错误思潮") is None  # condemned
    assert signal("S9-04", "不是天生就是小偷") is None
    assert signal("S16", "随机抽取十名赠送读本，无需关注") is None  # no following asked
    assert signal("S9-06", "抽奖") is None  # a prize: item （十六） only


def test_the_next_sentence_is_read_in_its_paragraph_only() -> None:
    text = "第一句。第二句有赶出。\n第三句。"
    assert following(text, len("第一句。")) == "第二句有赶出。"
    assert following(text, len("第一句。第二句有赶出。")) == ""  # across a line break
    assert following("一句话。", len("一句话。")) == ""


def test_the_rebuttal_defied_is_no_refutation() -> None:
    for said in ("是谣言也要转", "让他们自己辟谣去", "说我造谣我也要说", "教唆犯罪？我只是"):
        assert "谣" not in dismissed(said) and "教唆" not in dismissed(said), said
    assert dismissed("经核实为谣言，请勿转发。") == "经核实为谣言，请勿转发。"


# -- every other character --------------------------------------------------------------------


def test_every_other_character_is_read_after_its_cue() -> None:
    read = reordered.read("隔一个字读：台今独天万气岁好真不错。")
    assert read.startswith("隔一个字读：台独万岁真错。")
    assert len(read) == len("隔一个字读：台今独天万气岁好真不错。")
    assert reordered.read("两行读：推社主制翻会义度。") == "两行读：推翻社会主义制度。"


def test_no_cue_no_reordering() -> None:
    text = "台今独天万气岁好真不错。"
    assert reordered.read(text) == text
    assert reordered.read("隔字读：短句") == "隔字读：短句"  # fewer than eight characters


def test_a_phrase_read_by_skipping_is_found(checker: RuleChecker) -> None:
    assert "A9-01" in _errors(checker, "跳着读：推今翻天共气产真党好")
    assert not {r for r in _errors(checker, "跳着读：今天天气真好我们去公园") if r.startswith("A9")}
