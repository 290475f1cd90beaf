"""Issue 12: combination rules as data (A within N characters of B, unless C)."""

from __future__ import annotations

import pytest

from pipeline.errors import ConfigError
from pipeline.rules import RuleChecker
from pipeline.rules.rule_kinds.combination import Combinations
from pipeline.rules.rule_kinds.rulebook import package_files, parse


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def rules_of(checker: RuleChecker, text: str) -> set[tuple[str, str]]:
    return {(d.rule, d.severity) for d in checker.check_text(text)}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("本店招聘服务员，仅限汉族。", "A9-04"),
        ("宪法就是个摆设，不用当真。", "A9-01"),
        ("请大家募捐，转到我的个人账户。", "A9-13"),
        ("招兼职到港口拍摄舰船，日结200元。", "A9-02"),
        ("支持内蒙独立！", "A9-02"),
        ("TW獨立", "A9-02"),
        ("国歌改编成广场舞神曲", "A9-03"),
        ("狼牙山五壮士是编出来的", "A9-03"),
        ("少数民族天生野蛮落后", "A9-04"),
        ("大师开光护身符，保平安", "A9-05"),
        ("用化肥和柴油自制炸药的方法", "A9-07"),
        ("明天大家一起到市政府门口静坐，讨个说法", "A9-09"),
        ("欢迎入会 会费每年100元", "A9-10"),
        ("专业代开增值税专用发票", "A9-13"),
        ("办理各类证件 可查可验", "A9-13"),
        ("代考 包过，价格私聊", "A9-13"),
        ("出售穿山甲鳞片 熊胆粉", "A9-13"),
        ("无抵押当天放款 逾期上门催收", "A9-13"),
        ("十元一千个关注，刷阅读量秒到", "A16-01"),
        ("推翻zf", "A9-01"),
        ("推翻zf", "A9-02"),  # also subversion of state power
        ("冰毒现货，量大从优", "A9-07"),
        ("出售仿真枪，货到付款", "A9-07"),
        ("学生妹包夜，价格私聊", "A9-07"),
        ("出租房不租给新疆人", "A9-04"),
        ("这些绿绿全是恐怖分子", "A9-04"),
        ("请来大师算命看风水，欢迎报名", "A9-05"),
        ("专家说三天内必有大地震", "A9-06"),
        ("明天司机们统一罢运，广场集合", "A9-09"),
        ("周末去市政府散步，人多不敢抓", "A9-09"),
        ("代开增值税专用发票，点数低", "A9-13"),
        ("专业查开房记录，当天出结果", "A9-13"),
        ("补贴名单附后，含身份证号和银行卡号", "A9-11"),
        ("宪 法 是 摆 设", "A9-01"),  # the combination reads the normalised text too
        # Round 4: pinyin and homophone spellings inside a combination's groups, new rules
        ("xianfa 就是个门面", "A9-01"),
        ("代开发漂，各行业都有", "A9-13"),
        ("dai kao 四六级，包过", "A9-13"),
        ("市人大就是橡皮图章", "A9-01"),
        ("两岸一边一国，台湾是独立国家", "A9-02"),
        ("国旗拿来当抹布也没什么", "A9-03"),
        ("菠菜平台诚招代理，返水高", "A9-07"),
        ("bc站招代理，日结", "A9-07"),
        ("无码视频打包出售", "A9-07"),
        ("研究会招收理事，缴纳赞助费即授牌", "A9-10"),
        ("本协会虽未登记，但欢迎入会", "A9-10"),
        ("内部消息：本周有强震，别告诉别人", "A9-06"),
        ("听说要封城，大家快去囤货", "A9-06"),
        ("职称证不用考，交钱就能拿", "A9-13"),
        ("这条消息删前速看，赶紧转给家人", "A16-01"),
    ],
)
def test_combinations_are_errors(checker: RuleChecker, text: str, rule: str) -> None:
    assert (rule, "error") in rules_of(checker, text)


@pytest.mark.parametrize(
    "text",
    [
        "宪法不是摆设，每个公民都应当遵守宪法。",
        "报考人员不限民族，少数民族聘用计划详见附件。",
        "个人不得以个人账户开展公开募捐。",
        "国家安全机关提醒：高额报酬招募拍摄军港舰船照片，实为间谍圈套，请拨打12339举报。",
        "根据《国歌法》，篡改国歌、改编成娱乐曲目的，由公安机关处以警告。",
        "纳税人需要代开增值税发票的，可到办税服务厅办理。",
        "市森林公安依法查获穿山甲鳞片2.3公斤。",
        "群众有诉求请通过信访渠道反映，不要到政府门口静坐。",
        "职工加入工会后按规定缴纳会费。",
        "纳税人可向税务机关申请代开增值税专用发票。",
        "冰毒、K粉等毒品严重危害健康，发现线索请举报。",
        "公示名单已隐去身份证号和银行卡号，请各单位核对。",
        "任何单位和个人不得向社会散布地震预测意见。",
        "破除封建迷信，不信算命看风水。",
        "依法打击暴力恐怖分子，维护社会稳定。",
        "出租车司机罢运事件已平息，全市出租车恢复运营。",
        "市人大常委会审议通过《城市绿化条例》修正案。",
        "国台办：台湾是中国的一部分，“一边一国”是分裂谬论。",
        "升国旗仪式后，同学们整齐列队。",
        "市民政局依法取缔一批未经登记的非法社会组织。",
        "市慈善总会召开理事会，表彰爱心企业并授牌。",
        "市场供应充足，请市民理性消费，无需囤货。",
        "地震部门：网传内部消息称将发生地震系谣言。",
        "菠菜、油麦菜等蔬菜价格本周小幅回落。",
        "报名须提供身份证和教师资格证原件。",
    ],
)
def test_legitimate_uses_pass(checker: RuleChecker, text: str) -> None:
    assert not any(
        rule.startswith("A9-") or rule == "A16-01" for rule, _ in rules_of(checker, text)
    )


def test_package_rules_parse_and_name_their_item() -> None:
    rules = package_files().combos
    assert len(rules) >= 15
    assert {r.rule for r in rules} >= {"A9-01", "A9-02", "A9-04", "A9-13", "A16-01"}
    assert all(r.fix for r in rules)


def test_a_combination_finding_carries_the_fix(checker: RuleChecker) -> None:
    (d,) = [d for d in checker.check_text("仅限汉族") if d.rule == "A9-04"]
    assert d.article == "第九条第（四）项"
    assert "修改建议：删除对民族的限定" in d.message


def test_unless_drops_within_the_neighbouring_sentence() -> None:
    text = (
        "rules:\n  - id: A9-13\n    name: t\n    message: 测试\n    fix: 删除\n    within: 2\n"
        "    groups: [[甲乙], [丙丁]]\n    unless: [戊己]\n"
    )
    combos = Combinations(parse(text, "x.yml").combos)
    assert len(combos.detect("甲乙丙丁。")) == 1
    assert combos.detect("戊己。甲乙丙丁。") == []
    assert len(combos.detect("甲乙很多字丙丁")) == 0  # farther than within


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules: 3\n", "x.yml:1:1: 应为映射，含「rules:」规则列表"),
        (
            "rules:\n  - {id: A9-99, name: t, message: m, fix: f, within: 2, groups: [[a], [b]]}\n",
            "id（规则编号）「A9-99」未知",
        ),
        (
            "rules:\n  - {id: A9-01, name: t, message: m, fix: f, within: 99, groups: [[a], [b]]}\n",
            "within",
        ),
        (
            "rules:\n  - {id: A9-01, name: t, message: m, fix: f, within: 2, groups: [[a]]}\n",
            "至少包含两组",
        ),
        (
            "rules:\n  - {id: A9-01, name: t, message: m, within: 2, groups: [[a], [b]]}\n",
            "字段 rules 第 1 项的 fix（修改建议）必填",
        ),
        ("rules: [\n", "YAML 语法错误"),
    ],
)
def test_bad_rule_files_are_refused_in_chinese(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        parse(text, "combos/x.yml")
    assert str(info.value).startswith("combos/x.yml")
