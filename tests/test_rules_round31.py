"""Issue 12, round 31: two techniques trained on sets 7–25, and a combination's line scope.

- Item （十二）: venting alone stays a warning; venting together with the public dismissed
  or held in contempt, or the public dismissed and scorned, in the sentences of one line, is
  an error (``rulefiles/a09-12-outbursts.yml``).
- Item （四）: every recognised ethnic group's name as one family, next to a trait said of
  the whole group or the group shut out (``rulefiles/a09-04-ethnic-family.yml``).
- ``scope: line``: a combination's groups may stand in different sentences of one line.

Every text was written for these tests; each technique has legitimate neighbours of the
same shape, which must stay without an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.rules import RuleChecker
from pipeline.rules.rule_kinds.rulebook import parse
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def rule_errors(checker: RuleChecker, text: str) -> set[str]:
    """The items with an error of the rules (the semantic model's findings left out)."""
    return {
        d.rule
        for d in checker.check_text(text)
        if d.severity == "error" and not d.message.startswith("语义模型")
    }


# -- item （十二）: an outburst at the public ------------------------------------------------

OUTBURSTS = [
    "又有人问停车场几点开门，烦死了，爱停不停，爱来不来，自己看公告去。",
    "气死我了！这帮刁民一天打八个电话，真当我们是保姆？",
    "天天催进度，我们也受够了，你们这些人爱找谁找谁。",
    "小编今天心情很差，谁再在评论区抬杠就拉黑谁。",
    # no venting word: the reader sent away and scorned, or sent away twice
    "路灯坏了关我们什么事？爱用不用，你这种人就是事儿多。",
    "嫌窗口慢就别来，老子不伺候了，爱去不去。",
]

VENTING_OR_REPORTED = [
    # venting alone: the lexicon's warning, not an error
    "这周连着加了五天班，说实话真是受够了这场雨。",
    # a report of a staff member's rude words names the sanction
    "窗口工作人员对群众说“爱办不办”“烦死了”，已被停职并公开道歉。",
    # a service rule quoting what must not be said
    "服务规范：严禁对群众说“爱办不办”“烦死了”等不文明用语。",
    # the public's own complaint, no contempt of anyone
    "不少市民反映排队太久，心情很差，中心已增开两个窗口。",
    # a citizen's message quoted in an answer, and a fraudster's words in a warning
    "网友留言说“烦死了，你们这些部门爱办不办”，我们已联系相关单位，三个工作日内答复。",
    "有市民在留言中抱怨：“烦死了，爱办不办！”对此，我们已转交区住建局核实办理。",
    "反诈提醒：骗子常说“爱信不信”，受够了就挂断电话。",
    # an address is no scorn, and a dismissal needs one
    "元宵滚灯表演，这帮孩子练了一个月，爱看不看都值得一看。",
    "你们这些熬夜的年轻人，闭眼休息也是养生。",
]


@pytest.mark.parametrize("text", OUTBURSTS)
def test_an_outburst_at_the_public_is_an_error(checker: RuleChecker, text: str) -> None:
    assert "A9-12" in rule_errors(checker, text)


@pytest.mark.parametrize("text", VENTING_OR_REPORTED)
def test_venting_alone_or_a_reported_outburst_is_no_error(checker: RuleChecker, text: str) -> None:
    assert "A9-12" not in rule_errors(checker, text)


def test_the_outburst_is_read_across_sentences_of_one_line_not_across_lines(
    checker: RuleChecker,
) -> None:
    one_line = "烦死了！又是那几户在群里闹。爱住不住！"
    assert "A9-12" in rule_errors(checker, one_line)
    two_paragraphs = "烦死了！今天的台风预警又升级了。\n\n物业提醒：爱住不住的空置房请关好门窗。"
    assert "A9-12" not in rule_errors(checker, two_paragraphs)


# -- item （四）: the ethnic group as one family --------------------------------------------

ETHNIC_VIOLATIONS = [
    "傈僳族的都懒，这批活别交给他们。",
    "那些土家族人手脚不干净，一个都别招。",
    "把哈尼族的摊贩全赶走，市场才清净。",
    "我们村的规矩：布依族的一律不收。",
]

ETHNIC_LEGITIMATE = [
    "傈僳族群众在刀杆节上表演上刀山、下火海的绝技。",
    "土家族摆手舞入选非物质文化遗产名录，今年在县城广场展演。",
    "有人散布“哈尼族都懒”的谬论，这是典型的民族偏见，必须批驳。",
    "严禁以民族身份拒绝出租房屋，布依族群众遇到此类情况可投诉。",
    "为赶在雨季前完工，施工队连夜赶出了通往布依族村寨的便道。",
    "个别傈僳族村民起初不配合搬迁，经反复沟通后已签约。",
    "扶贫先扶志，哈尼族村寨里不养懒汉，人人有活干。",
    "少数民族考生不能要求加分以外的照顾，具体以招生简章为准。",
]


@pytest.mark.parametrize("text", ETHNIC_VIOLATIONS)
def test_any_ethnic_group_judged_as_a_whole_is_an_error(checker: RuleChecker, text: str) -> None:
    assert "A9-04" in rule_errors(checker, text)


@pytest.mark.parametrize("text", ETHNIC_LEGITIMATE)
def test_an_ethnic_group_named_in_a_legitimate_post_is_no_error(
    checker: RuleChecker, text: str
) -> None:
    assert "A9-04" not in rule_errors(checker, text)


# -- the combination kind's scope ------------------------------------------------------

UNIT_RULE = """\
kind: combination
rules:
  - id: A9-13
    article: 第九条第（十三）项
    name: fee-then-subsidy
    level: warning
    message: 先交费再领补贴，疑似诈骗
    fix: 补贴不收取任何费用，请核实
    within: 30
    {scope}
    groups:
      - [先交]
      - [领补贴]
"""


def _unit_checker(tmp_path: Path, scope: str) -> RuleChecker:
    (tmp_path / "content" / "rules").mkdir(parents=True)
    rule = UNIT_RULE.format(scope=scope)
    (tmp_path / "content" / "rules" / "a09-13-fee.yml").write_text(rule, "utf-8")
    return RuleChecker(tmp_path)


def test_a_sentence_scoped_combination_stops_at_the_sentence_end(tmp_path: Path) -> None:
    checker = _unit_checker(tmp_path, "")
    assert any(d.rule == "A9-13" for d in checker.check_text("先交两百元就能领补贴。"))
    assert not any(d.rule == "A9-13" for d in checker.check_text("先交两百元！就能领补贴。"))


def test_a_line_scoped_combination_reads_the_whole_line(tmp_path: Path) -> None:
    checker = _unit_checker(tmp_path, "scope: line")
    assert any(d.rule == "A9-13" for d in checker.check_text("先交两百元！就能领补贴。"))
    assert not any(d.rule == "A9-13" for d in checker.check_text("先交两百元。\n就能领补贴。"))


def test_an_unknown_scope_is_refused_with_file_line_and_field() -> None:
    text = UNIT_RULE.format(scope="scope: page")
    with pytest.raises(ConfigError) as info:
        parse(text, "x.yml", unit=True)
    assert str(info.value).startswith(
        "x.yml:10:5: 字段 rules 第 1 项的 scope（范围）应为 sentence（同一句） / line（同一行） 之一"
    ), str(info.value)
    assert "实际为「page」" in str(info.value)
