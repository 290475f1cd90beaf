"""Issue 12, round 33: warnings that are errors when two signals stand in one passage.

One signal alone stays a warning (an opinion, an accusation, a talisman or a protected
species named); together with the second it is an error
(``rulefiles/a09-a16-combinations-owned.yml``, and two words more of round 31's ethnic family):

- （一） the constitution's basic principles to be struck out, as the writer's own view;
- （三） the nation, its flag, anthem or emblem held in contempt;
- （四） an ethnic group refused, kept out or called dirty as a whole;
- （五） a rite or talisman sold for a price;
- （七） an attack on a public office announced with its time;
- （六） hearsay passed off as inside news, with a call to hoard, flee or pass it on;
- （八） a named person accused or insulted, with a call to spread it;
- （九） a march called for with the approval waived;
- （十一） the city's image harmed on purpose;
- （十三） protected species traded, personal data sold by the piece;
- 第十六条 followers or likes bought as the account's own act;
- a Chinese character as the filler between every character (``pipeline/rules/han_filler.py``);
- characters named by the words that hold them (``pipeline/rules/named_chars.py``).

Every text was written for these tests; each item has legitimate neighbours of the same
shape (enforcement news, a rebuttal, a warning, legal text, a denial), which must stay
without an error."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.named_chars import named_characters
from pipeline.rules.notation import filler_chains
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round31 import rule_errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


VIOLATIONS = [
    ("A9-01", "我看人民民主专政早就该作废了，四项基本原则统统作废才对。"),
    ("A9-01", "讲台上我就直说：社会主义道路全是错的，大家不必再信。"),
    ("A9-03", "运动会升旗的时候我们在看台上喝倒彩，这种国旗挂着都嫌丢人现眼。"),
    ("A9-03", "跟外商吃饭我总说，中国人就是低等，我自己都不好意思承认。"),
    ("A9-03", "新款地垫把国徽印在鞋垫上，踩着国徽进门，下单立减十元。"),
    ("A9-04", "本店规定：哈萨克族的客人别收这些人的订单。"),
    ("A9-04", "那些彝族人不配进我们的合作社，谁介绍谁负责。"),
    ("A9-05", "村口王半仙画符消灾，一张符六百六，贴在门上全家平安。"),
    ("A9-06", "内部消息，下周全市停水半个月，大家赶快去超市囤米，晚了就没了。"),
    ("A9-07", "明天就炸平街道办，说到做到。"),
    ("A9-08", "副校长赵某收了家长的钱还包养情人，我没证据，大家使劲传，传到他辞职。"),
    ("A9-09", "周六上午到区政府门口游行，不用申请，来的人越多越好。"),
    ("A9-11", "专拍老城区的臭水沟发到国外网站，影响城市形象才好，谁让他们不修。"),
    ("A9-13", "长期收购穿山甲鳞片和象牙制品，现金结算，量大价优。"),
    ("A9-13", "批量出售本市新生儿家长的姓名、手机号，每条三毛，可按小区筛选。"),
    ("A16-01", "这个月花钱买了五万个粉丝，咱们公众号排名终于上来了，下个月继续买。"),
]

LEGITIMATE = [
    # （一） education that names the principles and the wrong view as wrong
    ("A9-01", "有人鼓吹四项基本原则都是错的，这是典型的错误思潮，必须坚决批驳。"),
    ("A9-01", "坚持四项基本原则，是我们的立国之本。"),
    # （三） enforcement news and civic education
    ("A9-03", "升旗仪式上有人喝倒彩，公安机关依法对其处以行政拘留。"),
    ("A9-03", "国旗护卫队员迈着整齐的步伐，把国旗升上旗杆。"),
    ("A9-03", "有人说中国的东西全是偷来抄来的，这种偏见早已被事实驳斥。"),
    # （四） a ruling against refusal, and a festival
    ("A9-04", "旅店以“别收这些少数民族客人”为由拒客，被依法处罚并责令整改。"),
    ("A9-04", "哈萨克族牧民转场，沿途服务站一律提供热水和饭食。"),
    ("A9-04", "“彝族学生不配进重点班”的说法是歧视，学校已严肃纠正。"),
    # （七） a demolition notice
    ("A9-07", "原街道办旧楼明天就炸掉？其实是定向爆破拆除，请周边居民按时撤离。"),
    # （五） a fraud exposed, and a museum's talisman
    ("A9-05", "警方破获一起以画符驱邪为名的诈骗案，嫌疑人每张符收费六百元。"),
    ("A9-05", "博物馆新展出的清代护身符，是研究民俗的重要文物。"),
    # （六） a rebuttal and a calm notice
    ("A9-06", "网传内部消息称全市停水，大家去超市囤米？经核实为谣言，请勿传播。"),
    ("A9-06", "听说明天降温，记得给老人添衣。"),
    # （八） a warning against cyberbullying and an inquiry's notice
    ("A9-08", "有人造谣某主任贪污并号召大家使劲传，警方已依法处理，造谣者被行政拘留。"),
    ("A9-08", "市纪委监委通报：某局原局长涉嫌受贿，目前正接受审查调查。"),
    # （九） a festive parade and a notice of the assembly law
    ("A9-09", "春节民俗巡游不用申请门票，花车游行从上午九点开始。"),
    ("A9-09", "依照集会游行示威法，举行游行须向主管机关提出申请并获得许可。"),
    # （十三） rescue news, legal text and a warning
    ("A9-13", "渔民误捕一只海龟，渔政人员已将其放生。"),
    ("A9-13", "非法出售公民个人信息五千条以上的，属于情节严重。"),
    ("A9-13", "谨防有人批量出售手机号，每条几毛钱，发现请举报。"),
    # 第十六条 the account's own denial and a notice against bought followers
    ("A16-01", "本号从不买粉丝，五万个粉丝都是一篇篇文章攒下的。"),
    ("A16-01", "网信办通报：部分账号买了僵尸粉刷量，已责令整改。"),
]


@pytest.mark.parametrize(("item", "text"), VIOLATIONS)
def test_two_signals_in_one_passage_are_an_error(
    checker: RuleChecker, item: str, text: str
) -> None:
    assert item in rule_errors(checker, text)


@pytest.mark.parametrize(("item", "text"), LEGITIMATE)
def test_a_legitimate_neighbour_is_no_error(checker: RuleChecker, item: str, text: str) -> None:
    assert item not in rule_errors(checker, text)


def test_one_signal_alone_stays_without_this_rounds_error(checker: RuleChecker) -> None:
    # the talisman named with no price, the accusation with no call to spread it
    assert "A9-05" not in rule_errors(checker, "老人说门上贴张符能驱邪，图个心安。")
    assert "A9-08" not in rule_errors(checker, "网友称某主任贪污，目前尚无证据。")


# -- a Chinese character as the filler between every character -------------------------


def test_a_chinese_filler_between_every_character_is_undone(checker: RuleChecker) -> None:
    assert "A9-01" in rule_errors(checker, "我们要推田翻田社田会田主田义田制田度。")


def test_a_character_repeated_every_other_place_a_few_times_is_prose() -> None:
    poem = "一山一水一草一木总关情，不慌不忙不急不躁。"
    assert filler_chains(poem) == poem
    assert filler_chains("要推田翻田社田会田主田义田制田度") == "要推 翻 社 会 主 义 制 度"


# -- characters named by the words that hold them --------------------------------------


def test_characters_named_by_their_words_are_read(checker: RuleChecker) -> None:
    assert "A9-02" in rule_errors(checker, "我挺那个，西藏的藏，独立的独，迟早的事。")


def test_names_that_do_not_hold_their_character_are_prose() -> None:
    prose = "我的书、你的笔、他的本子都在桌上。"
    assert named_characters(prose) == prose
    assert named_characters("西藏的藏，独立的独，迟早的事") == "   藏    独，迟早的事"
