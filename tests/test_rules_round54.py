"""Issue 12, round 54 (``docs/dev/rules.md``, "Round 54"; ``docs/dev/rules-figures.md``,
"Round 54"): pinyin with tone numbers written one syllable a word (``gong4 chan3 dang3``,
sets 42 and 44). The digits were read as leetspeak letters, so the lexicons' pinyin was
missed; now each syllable's tone number is a separator, as in a joined word
(``dian1fu4``). Every text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.notation import tone_numbers
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors
from tests.test_rules_round51 import _found

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


@pytest.mark.parametrize(
    "text",
    [
        "必须打倒 gong4 chan3 dang3，明天就上街。\n",
        "彻底推翻 gong4-chan3-dang3 的统治！\n",
        "大家一起反对 gong4 chan3 dang3 的领导。\n",
    ],
)
def test_party_named_in_spaced_toned_pinyin_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-01"), text


def test_spaced_tone_numbers_are_separators_like_joined_ones() -> None:
    assert tone_numbers("gong4 chan3 dang3") == "gong  chan  dang "
    assert tone_numbers("gong4chan3dang3") == "gong chan dang "
    assert tone_numbers("zhuan1'zheng4") == "zhuan 'zheng "


@pytest.mark.parametrize(
    "text",
    [
        "拼音练习：zhong1 guo2 ren2 min2 hen3 qin2 lao2，请按声调朗读。\n",
        "国际象棋最常见的开局是 e2 e4，对方常回以 e7 e5。\n",
        "请用 A4 纸打印申请表，B5 纸的不予受理。\n",
        "本次会议在 3 号楼 2 层召开，请提前 10 分钟到场。\n",
    ],
)
def test_tone_numbers_in_ordinary_text_find_nothing(checker: RuleChecker, text: str) -> None:
    found = [d for d in checker.check_text(text) if d.rule.startswith(("A9", "A16", "A17"))]
    assert not found, [(d.rule, d.message) for d in found]


@pytest.mark.parametrize(
    "text",
    [
        "这部历史剧讲的是藩镇割据，节度使分裂国家、自立为王的故事。\n",
        "书中写到，那个王国分裂国家之后，叛将自立称王，百姓流离失所。\n",
    ],
)
def test_a_story_of_a_warlord_crowning_himself_is_no_proclamation(
    checker: RuleChecker, text: str
) -> None:
    assert not _errors(checker, text, "A9-02"), text


def test_a_state_of_ones_own_proclaimed_is_still_blocked(checker: RuleChecker) -> None:
    assert _errors(checker, "咱们这片分裂国家自立，这里就是新首都。\n", "A9-02")


@pytest.mark.parametrize(
    "text",
    [
        "城东快餐店招聘服务员两名，男女不限，月薪四千。\n",
        "招聘外围安保人员，男女不限，需持保安员证。\n",
        "酒店招聘前台，男女不限，要求性格开朗、富有激情。\n",
        "市人民医院招聘护工，男女不限，需陪夜，免费提供全套工装。\n",
        "家政公司上门服务，招聘保洁员，男女不限。\n",
        "盲人按摩中心招聘保健按摩师，男女不限，持证上岗。\n",
    ],
)
def test_a_job_advert_with_a_word_a_sex_ad_also_uses_is_untouched(
    checker: RuleChecker, text: str
) -> None:
    # Mend of round 53's sex-ad-open-to-all: its service words are only words no advert uses.
    assert not _found(checker, text, "A9-07"), text


@pytest.mark.parametrize(
    "text",
    [
        "申报表格都看不懂，烦死了？别急，社区网格员上门帮办。\n",
        "孩子天天问为什么要垃圾分类？烦不烦？这份绘本帮你回答。\n",
    ],
)
def test_an_account_that_meets_the_trouble_with_help_is_not_blocked(
    checker: RuleChecker, text: str
) -> None:
    # Mend of round 53's reader-told-off-for-coming-back: the help offered is its ``unless``.
    assert not _errors(checker, text, "A9-12"), text


def test_the_reader_told_off_is_still_blocked(checker: RuleChecker) -> None:
    assert _errors(checker, "你天天投诉烦不烦，爱咋咋，我们小编也有脾气。\n", "A9-12")
