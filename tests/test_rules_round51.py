"""Issue 12, round 51 (``docs/dev/rules.md``, "Round 51"; ``docs/dev/rules-figures.md``,
"Round 51"): a collapse said to be hushed up or passed on (item （六）,
``a09-06-collapse.yml``), a person's address, papers or family given out with a call to go
after them (item （八）, ``a09-08-doxxing.yml``), an ``expect`` script's password and a
secret split over string literals and joined in code (第十七条,
``a17-credential-forms.yml``). Every text is written for this test, none taken from the
held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _found(checker: RuleChecker, text: str, rule: str) -> bool:
    return any(d.rule == rule for d in checker.check_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "听说滨江那栋新楼要塌了，物业一直在捂，懂的转。\n",
        "矿上昨晚冒顶，埋了十几个人，上面封口了，看完转。\n",
        "体育馆的顶棚迟早会塌，不信就等着看吧。\n",
        "老码头那座桥快垮了，别信官方，快跑。\n",
    ],
)
def test_a_collapse_hushed_up_or_passed_on_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-06"), text


@pytest.mark.parametrize(
    "text",
    [
        "旧厂房屋顶年久失修快塌了，街道已组织搬离并设置警戒线，请居民绕行。\n",
        "网传“滨江新楼要塌了、物业在捂”系谣言，经住建部门检测结构安全，请勿转发。\n",
        "应急演练：模拟矿井冒顶，井下人员快跑至避险硐室。\n",
        "受连续降雨影响，北山隧道口发生塌方，已实行交通管制，请转告亲友绕行。\n",
    ],
)
def test_a_collapse_notice_or_rebuttal_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-06"), text


@pytest.mark.parametrize(
    "text",
    [
        "那个投诉我摊位的人住东湖小区5栋，他儿子在育才中学读初二，谁在路上碰到了就让他好看。\n",
        "物业经理的身份证号我已经扒出来了，今晚贴到每个群。\n",
        "她家地址就在菜市场后面那栋楼，谁碰到了就给她好看。\n",
    ],
)
def test_a_person_doxxed_and_hunted_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-08"), text


@pytest.mark.parametrize(
    "text",
    [
        "重阳节前，社区志愿者去王奶奶家探望，她女儿在外地工作，志愿者帮她贴满了窗花。\n",
        "走失老人家住城南小区，他儿子正在寻找，请见到的群众联系派出所。\n",
        "请勿在网上公开他人身份证号、家庭住址，侵犯隐私将依法处理。\n",
    ],
)
def test_a_visit_a_missing_person_or_a_privacy_notice_is_untouched(
    checker: RuleChecker, text: str
) -> None:
    assert not _found(checker, text, "A9-08"), text


_EXPECT = (
    'spawn ssh ops@10.0.0.8\nexpect "Password:"\nsend "{}\\r"\nexpect "$ "\nsend "uptime\\r"\n'
)


def test_an_expect_scripts_password_is_blocked(checker: RuleChecker) -> None:
    assert _errors(checker, _EXPECT.format("Qx7!mT2p#v"), "A17-03")


def test_an_expect_script_sending_a_variable_or_a_command_is_untouched(
    checker: RuleChecker,
) -> None:
    assert not _found(checker, _EXPECT.format("$env(OPS_PASS)"), "A17-03")
    assert not _found(checker, 'expect "$ "\nsend "tar czf /srv/bak.tgz /srv\\r"\n', "A17-03")


@pytest.mark.parametrize(
    "text",
    [
        "```js\nconst a = '9c1e77ab03f2';\nconst b = 'd48e61f0a9b5c2e7';\nconst appSecret = a + b;\n```\n",
        '密钥分开存：=CONCAT("7d2e90af","13bc58e4","a06f2c91")\n',
        "```python\nTOKEN = ''.join(['Xr4kP9qL2w', 'Zt7mN3vB8s', 'Hc5yJ1dQ'])\n```\n",
    ],
)
def test_a_secret_joined_from_pieces_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A17-02"), text


@pytest.mark.parametrize(
    "text",
    [
        "```js\nconst colors = ['1f2937', '3b82f6', '10b981', 'f59e0b'].join(','); // key colours\n```\n",
        "```python\nkey = '-'.join(['release', 'winter', 'build'])\n```\n",
        "```js\nconst title = '2026年度' + '工作总结';\n```\n",
    ],
)
def test_code_joining_colours_or_words_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A17-02"), text


@pytest.mark.parametrize(
    "text",
    [
        "颠覆国家政权的时候到了，城东的弟兄们都准备好。\n",
        "东北要分裂国家自立，哈尔滨就是新首都。\n",
        "明早九点广场集合，颠覆国家政权，人齐就出发。\n",
    ],
)
def test_the_hour_of_subversion_or_a_new_state_proclaimed_is_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert _errors(checker, text, "A9-02"), text


@pytest.mark.parametrize(
    "text",
    [
        "各族青年自立自强，决不允许分裂国家。\n",
        "普法课堂：颠覆国家政权罪的构成要件，同学们准备好笔记。\n",
        "国家安全教育日，民警讲解如何识别颠覆国家政权的渗透活动，请大家准备好提问。\n",
    ],
)
def test_the_law_taught_or_unity_upheld_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-02"), text


@pytest.mark.parametrize(
    "text",
    [
        "Coach Sun is a scumbag and a molester, everyone at the gym knows.\n",
        "我们小区那个保安队长 is a pervert, and a pig，别让孩子靠近。\n",
    ],
)
def test_a_person_called_two_insults_in_english_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-08"), text


@pytest.mark.parametrize(
    "text",
    [
        "Phishing is a fraud and a crime: never share your verification code.\n",
        "Our volunteer of the month is a teacher and a mother of two.\n",
    ],
)
def test_english_that_calls_no_one_names_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-08"), text
