"""Issue 12, round 45: causes, not cases (``docs/dev/rules-figures.md``, "Round 45").

The lexical misses and warn-only cases of sets 7–36 were grouped by cause; one test (or a
pair: what is now caught, what must still pass) per cause. Every text is written for this
test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _errors(checker: RuleChecker, text: str, rule: str) -> bool:
    return any(d.rule == rule and d.severity == "error" for d in checker.check_text(text))


# Cause 1: item （十二） in the account's own voice — an opinion with venting, the reader
# insulted in the second person, the reader sent away in the open forms of the phrase
# (``pipeline/rules/rulefiles/a09-12-replies.yml``).
@pytest.mark.parametrize(
    "text",
    [
        "我个人认为这次调价方案就是瞎折腾，看着都来气。\n",
        "小编真的受够了，这些天天刷屏的人我恨死了。\n",
        "回复网友：你是不是脑子进水了，公告写得清清楚楚。\n",
        "你们这帮废物，连个表都填不对。\n",
        "嫌排队久你爱办不办，别在这儿叫唤。\n",
        "停气通知早发了，关你屁事，少来烦我们。\n",
        "问了十遍还问，自己百度去，烦死人。\n",
        "你爱签不签，真烦。\n",
    ],
)
def test_the_account_venting_at_or_sending_away_the_reader_is_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert _errors(checker, text, "A9-12"), text


@pytest.mark.parametrize(
    "text",
    [
        # a symptom, a negation of scorn, a citizen quoted and handled, a sanction
        "专家提醒：我认为出现恶心、呕吐等症状的患者应及时就医。\n",
        "心理科提醒：焦虑不是矫情，您如果长期失眠，请及时就诊。\n",
        "网友留言说“你们这帮人爱办不办”，我们已转交窗口核实并答复。\n",
        "窗口人员对群众说“爱办不办，别来烦我”，已被通报批评并停职检查。\n",
        # one dismissal word alone, an ordinary reply, an opinion without venting
        "您好，办理进度可在小程序查询，给您添麻烦了，请别催促窗口工作人员。\n",
        "我个人认为这项政策惠及面广，值得推广。\n",
        "元宵节滚龙表演，这群孩子练了一个月，值得一看。\n",
    ],
)
def test_quoted_reported_or_plain_replies_are_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-12"), text


# Cause 2: a text marked as not public, passed on to its readers — the two classes, not a
# list of labels and verbs (``pipeline/rules/rulefiles/a09-11-unpublished.yml``).
@pytest.mark.parametrize(
    "text",
    [
        "局里尚未公布的职称评审名单都在里面，自己下载。\n",
        "区里未公布的学位分配方案都列出来了，有需要的收藏。\n",
        "这份尚未宣判的判决书草稿发给大家，抢先看。\n",
    ],
)
def test_a_text_marked_not_public_and_passed_on_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-11"), text


@pytest.mark.parametrize(
    "text",
    [
        "气象台尚未发布暴雨预警，大家看看实时雷达图，出行注意安全。\n",
        "您申请的信息属于内部事务信息，依法不予公开，现将告知书发给你们。\n",
        "保密教育：某干部把未公开的会议纪要发到群里，受到处分。\n",
    ],
)
def test_a_forecast_a_refusal_or_secrecy_education_is_not_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert not _errors(checker, text, "A9-11"), text


# Cause 3: a certificate of any kind offered with the forger's promises
# (``pipeline/rules/rulefiles/a09-13-certificates.yml``).
@pytest.mark.parametrize(
    "text",
    [
        "叉车操作证、健康证，不用考试，一周到手。\n",
        "营业执照、健康证都能办，当天拿证。\n",
        "学历文凭，包真，入职用没问题。\n",
    ],
)
def test_a_certificate_offered_without_an_exam_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-13"), text


@pytest.mark.parametrize(
    "text",
    [
        "培训结束考试合格的学员颁发上岗证，不用考试的说法是骗局，请勿上当。\n",
        "本市驾驶证业务可在政务服务网办理，不用排队。\n",
    ],
)
def test_a_training_notice_or_a_warning_about_certificates_is_not_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert not _errors(checker, text, "A9-13"), text


# Cause 4: insults of the regional dialects (item （八） lexicon, round 45).
@pytest.mark.parametrize(
    "text",
    [
        "那个收费站的站长就是个龟儿子，天天吃拿卡要。\n",
        "物业的王经理是个鳖孙，收了钱不办事。\n",
        "村里的会计是个小赤佬，账都做假。\n",
    ],
)
def test_a_dialect_insult_at_a_person_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-08"), text


@pytest.mark.parametrize(
    "text",
    [
        "红苕丰收了，村里的货车一天拉走二十吨。\n",
        "师傅拿锤子敲了一哈儿，管道就通了。\n",
    ],
)
def test_the_innocent_senses_of_dialect_words_pass(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-08"), text
