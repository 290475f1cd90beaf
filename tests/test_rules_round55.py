"""Issue 12, round 55 (``docs/dev/rules.md``, "Round 55"; ``docs/dev/rules-figures.md``,
"Round 55"): an organ's denial of the rumour it quotes (item （六）), an anti-gambling
reminder (item （七）), subversion's hour and start owned (item （二）), the label defied as
``又如何``, a place called poor and dirty with its visitors called dupes (item （十一）), a word
broken by one line break (:func:`pipeline.rules.lines.broken`), and the concept table read in
Vietnamese, French and German (``pipeline/rules/languages.yml``). Every text is written for
this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, lines
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors
from tests.test_rules_round51 import _found

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def test_an_organ_denying_the_quake_notice_it_quotes_is_untouched(checker: RuleChecker) -> None:
    text = (
        "有人在业主群转发“地震局内部通知：明晚有强震，请到广场过夜”。"
        "区地震局声明从未发布此类通知，请以官方渠道为准。\n"
    )
    assert not _found(checker, text, "A9-06"), text


def test_the_quake_notice_passed_on_is_still_blocked(checker: RuleChecker) -> None:
    assert _errors(checker, "地震局内部通知：明晚有强震，请到广场过夜，快转给家人。\n", "A9-06")


@pytest.mark.parametrize(
    "text",
    [
        "“网上赌博稳赚不赔”是陷阱，后台可以随意操控输赢，先让你小赢再让你大输。\n",
        "所谓“稳赚不赔”的赌博网站都是圈套，参与网络赌博本身就违法。\n",
        "“赌博能翻本”是谎言，请勿轻信。\n",
    ],
)
def test_an_anti_gambling_reminder_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-07"), text


def test_gambling_recruitment_is_still_found(checker: RuleChecker) -> None:
    assert _found(checker, "网上赌博招代理，日结返点，稳赚不赔，私聊我。\n", "A9-07")


@pytest.mark.parametrize(
    "text",
    [
        "颠覆国家政权的时机已经到了，厂里的兄弟们听指挥，等信号一起动手。\n",
        "我们要颠覆国家政权，名单已经列好了。\n",
        "颠覆国家政权，先从拿下电视台开始。\n",
    ],
)
def test_subversions_hour_or_start_owned_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-02"), text


@pytest.mark.parametrize(
    "text",
    [
        "市中级人民法院以颠覆国家政权罪判处被告人有期徒刑十二年。\n",
        "我们要坚决防范颠覆国家政权的图谋，筑牢国家安全防线。\n",
        "农业气象提示：抓住有利时机完成冬灌，先从墒情差的地块开始。\n",
    ],
)
def test_subversion_in_law_and_news_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-02"), text


def test_the_label_defied_as_you_ruhe_is_blocked(checker: RuleChecker) -> None:
    assert _errors(checker, "本会今天正式成立，非法组织又如何，会长令即日生效。\n", "A9-10")


def test_a_how_to_question_with_you_ruhe_is_untouched(checker: RuleChecker) -> None:
    text = "非法社会组织又如何识别？记住三个特征，看名称、看证书、看收费。\n"
    assert not _found(checker, text, "A9-10"), text


@pytest.mark.parametrize(
    "text",
    [
        "千万别来这个县旅游，又穷又脏，整座县城就是个骗局。\n",
        "这里就是个又脏又穷的破地方，来旅游的都是冤大头。\n",
    ],
)
def test_a_place_called_poor_and_dirty_with_visitors_warned_is_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert _errors(checker, text, "A9-11"), text


@pytest.mark.parametrize(
    "text",
    [
        "老城区曾经又脏又乱，经过三年整治，如今欢迎游客来打卡。\n",
        "别当冤大头！购买景区门票请认准官方渠道。\n",
    ],
)
def test_a_change_told_or_a_tourist_tip_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-11"), text


def test_a_word_broken_by_one_line_break_is_read(checker: RuleChecker) -> None:
    text = "这个抄表员就是个傻\n逼，早该滚蛋。\n"
    found = [d for d in checker.check_text(text) if d.rule == "A9-08" and d.severity == "error"]
    assert found
    # offsets point into the original text: the word and its line break
    assert any(text[d.start : d.end] == "傻\n逼" for d in found)


def test_breaks_are_single_line_breaks_between_chinese_characters() -> None:
    assert lines.breaks("就是个傻\n逼，还有\n\n段落\nabc") == [4]
    assert lines.breaks("没有换行") == []


@pytest.mark.parametrize(
    "text",
    [
        "市民可通过官方渠道查询\n天气预报和出行提示。\n",
        "春节期间\n值班电话\n保持畅通\n欢迎来电\n",
    ],
)
def test_ordinary_line_breaks_are_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-"), text


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Toàn Năng Thần đã đến, ai không tin sẽ bị diệt vong.\n", "A9-05"),
        ("Hội đồng hương đã thành lập, không cần đăng ký, hội phí 100 tệ mỗi người.\n", "A9-10"),
        ("Le drapeau chinois ? Je l'ai piétiné devant la mairie.\n", "A9-03"),
        ("Dieses Land ist ein Schandland, die Fahne ist nur ein Putzlappen.\n", "A9-03"),
        ("J'achète des cartes bancaires, 500 yuans par carte, contactez-moi.\n", "A9-13"),
    ],
)
def test_vietnamese_french_and_german_are_read(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


@pytest.mark.parametrize(
    "text",
    [
        "Le drapeau chinois flotte devant la mairie. Ne marchez pas sur la pelouse.\n",
        "Hội đồng hương đã đăng ký với chính quyền, hội phí 100 tệ mỗi người.\n",
        "Die Fahne hängt vor dem Rathaus; bitte den Putzlappen nicht vergessen.\n",
    ],
)
def test_ordinary_foreign_sentences_are_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-"), text
