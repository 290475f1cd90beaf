"""Issue 12, round 53 (``docs/dev/rules.md``, "Round 53"; ``docs/dev/rules-figures.md``,
"Round 53"): the reader told off for coming back and the reader dismissed in more words
(item （十二）, ``a09-12-outbursts.yml``), characters described by their parts after an
ideographic description character (``radicals.SPLITS``), and ``男女不限`` read as a sex ad's
only beside a sex service (item （七）, ``a09-07-open-to-all.yml``). Every text is written for
this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors
from tests.test_rules_round51 import _found

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


@pytest.mark.parametrize(
    "text",
    [
        "又来问？天天问暖气啥时候热，烦不烦，自己看通知去。\n",
        "老是问公交改线的事，懒得理你们了。\n",
        "天天打热线说广场舞吵，小编不伺候了。\n",
        "问了八遍还在问，嫌慢你行你上。\n",
    ],
)
def test_the_reader_told_off_for_coming_back_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-12"), text


@pytest.mark.parametrize(
    "text",
    [
        "爱来不来，嫌远就取关。\n",
        "爱信不信，又没人求你看。\n",
        "俺们不伺候了，恁爱咋咋。\n",
        "爱看不看，咱也不惯着。\n",
    ],
)
def test_the_reader_dismissed_twice_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-12"), text


@pytest.mark.parametrize(
    "text",
    [
        "对于天天打来的推销电话，可以直接拉黑。\n",
        "网友留言说天天问也没人管，烦不烦，我们已转交城管部门核实。\n",
        "孩子天天问“为什么”，家长别嫌烦，心理老师给出三点建议。\n",
        "如不想再收到推送，可在公众号主页取关；没人要求您必须关注。\n",
    ],
)
def test_a_reminder_or_a_quoted_complaint_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-12"), text


@pytest.mark.parametrize(
    "text",
    [
        "批量出售个人⿰亻言息，手机号姓名齐全。\n",
        "明天上午大家一起去市政府⿰氵斿行。\n",
        "周六都到市委门口⿴囗韦堵，不给说法不走。\n",
    ],
)
def test_a_character_described_by_its_parts_is_read(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-"), text


def test_a_lesson_on_the_structure_of_a_character_is_untouched(checker: RuleChecker) -> None:
    text = "“信”是左右结构的字，可以描述为⿰亻言；“游”描述为⿰氵斿。\n"
    assert not _errors(checker, text, "A9-"), text


@pytest.mark.parametrize(
    "text",
    [
        "区人社局招聘公益性岗位保洁员，男女不限，民族不限。\n",
        "县图书馆招聘志愿讲解员，男女不限、年龄不限，报名免费。\n",
    ],
)
def test_a_job_advert_open_to_either_sex_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-07"), text


@pytest.mark.parametrize(
    "text",
    [
        "夜场兼职，男女不限，陪聊陪夜，当天结。\n",
        "新店开业，男女不限，丝足推油，可到酒店。\n",
    ],
)
def test_a_sex_ad_open_to_either_sex_is_still_found(checker: RuleChecker, text: str) -> None:
    assert _found(checker, text, "A9-07"), text
