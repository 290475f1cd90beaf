"""Every lexicon rule and every evasion: a test that fails when the rule is removed."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.lexicon import load_lexicons, package_files


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def rules_of(checker: RuleChecker, text: str, severity: str | None = None) -> set[str]:
    return {d.rule for d in checker.check_text(text) if severity is None or d.severity == severity}


# (positive, negative) per lexicon: the negative uses the same topic legitimately.
CASES: dict[str, tuple[str, str]] = {
    "A9-01": (
        "必须取消党的领导，实行多党轮流执政。",
        "宪法规定，中国共产党领导是中国特色社会主义最本质的特征。",
    ),
    "A9-02": ("号召大家推翻政府。", "国家绝不允许“台独”分裂势力以任何名义分裂国家。"),
    "A9-03": ("这帮东亚病夫就是不行。", "市场监管部门抽查印度支那地区进口水果。"),
    "A9-04": ("少数民族滚出去。", "我市获评民族团结进步示范市。"),
    "A9-05": ("法轮大法好。", "全市开展反邪教宣传，揭批“全能神”的危害。"),
    "A9-06": ("紧急扩散：明天全城封锁！", "网传“全城封锁”系谣言，请不信谣、不传谣。"),
    "A9-07": ("同城约炮，私信我。", "公安机关开展扫黄打非专项行动，依法打击赌博。"),
    "A9-08": ("这个窗口的人都是脑残。", "请文明用语，理性表达诉求。"),
    "A9-09": ("周末大家上街游行，人越多越好。", "举行集会游行示威须依法申请许可。"),
    "A9-10": ("中华爱国工程联合会授予我局牌匾。", "民政部门提醒：警惕非法社会组织授牌收费。"),
    "A9-11": ("以下为内部资料，请勿外传。", "局机关开展保密教育，严禁泄露内部资料。"),
    "A9-12": ("我觉得这件事太离谱了。", "居民反映办事更方便了。"),
    "A9-13": ("专业代开发票，价格优惠。", "税务部门严厉打击代开发票违法行为。"),
    "A16-01": ("转发抽奖，关注有礼！", "欢迎关注本公众号，获取办事指南。"),
    "A16-02": ("震惊！不看后悔！", "九一八事变震惊中外。"),
}


def test_every_package_lexicon_has_a_case() -> None:
    assert set(load_lexicons(None).by_rule) == set(CASES), "每个词库文件都需要正反测试用例"
    assert len(package_files()) == len(CASES)


@pytest.mark.parametrize("rule", sorted(CASES))
def test_lexicon_positive_and_negative(checker: RuleChecker, rule: str) -> None:
    positive, negative = CASES[rule]
    assert rule in rules_of(checker, positive)
    assert rule not in rules_of(checker, negative)


@pytest.mark.parametrize(
    ("text", "rule", "how"),
    [
        ("法 轮 功学员集合", "A9-05", "字间插入符号"),
        ("法.轮.功学员集合", "A9-05", "字间插入符号"),
        ("法*轮*功", "A9-05", "字间插入符号"),
        ("学习ＦＬＧ功法", "A9-05", "拼音首字母"),
        ("這裡有色情網站", "A9-07", ""),
        ("約炮軟件", "A9-07", ""),
        ("来玩dubo吧", "A9-07", "拼音"),
        ("来玩 du bo 吧", "A9-07", "拼音"),
        ("falungong学员", "A9-05", "拼音"),
        ("flg万岁", "A9-05", "拼音首字母"),
        ("法轮gong学员", "A9-05", "拼音夹杂"),
        ("带你玩网du", "A9-07", "拼音夹杂"),
        ("澳门赌搏平台", "A9-07", "谐音字"),
        ("这人是个煞笔", "A9-08", "变形写法"),
        ("关注有禮", "A16-01", ""),
    ],
)
def test_evasions_are_undone(checker: RuleChecker, text: str, rule: str, how: str) -> None:
    found = [d for d in checker.check_text(text) if d.rule == rule]
    assert found, text
    assert all(d.severity == "error" for d in found)
    if how:
        assert any(how in d.message for d in found)


def test_evasion_escalates_a_topic_word_to_error(checker: RuleChecker) -> None:
    # A bare topic word (no offer beside it: 出售冰毒 is the drug-sale combination, an error).
    plain = [d for d in checker.check_text("这里说的是冰毒") if d.rule == "A9-07"]
    spaced = [d for d in checker.check_text("这里说的是冰 毒") if d.rule == "A9-07"]
    assert [d.severity for d in plain] == ["warning"]
    assert [d.severity for d in spaced] == ["error"]


def test_match_offsets_point_at_the_original_text(checker: RuleChecker) -> None:
    text = "前言。法 . 轮 . 功在此"
    (d,) = [d for d in checker.check_text(text) if d.rule == "A9-05"]
    assert text[d.start : d.end] == "法 . 轮 . 功"


@pytest.mark.parametrize(
    "text",
    [
        "扫黄打非进社区",
        "开展禁毒宣传",
        "反诈提醒：不要转账",
        "依法打击赌博",
        "组织反恐演练",
        "暴雨黄色预警",
        "学习宗教事务条例",
        "民族团结进步示范市",
        "特色情况说明",
        "这回回访的企业",
        "各部门相互关联的事项",
        "持续关注送温暖活动",
        "市场抽检大麻哈鱼",
        "社区食堂的买粉条窗口",
        "倡导邻里对居民互关心",
        "党员按时交纳退党费用以外的党费",
        "为他们点赞送上祝福",
        "警方破获一起网络赌博案件，抓获犯罪嫌疑人3名",
        "不得散布淫秽、色情、赌博、暴力、恐怖或者教唆犯罪的信息",
    ],
)
def test_legitimate_language_passes(checker: RuleChecker, text: str) -> None:
    assert checker.check_text(text) == []


def test_word_boundaries_decide_with_the_project_dictionary(checker: RuleChecker) -> None:
    # 色情 is a hit on its own, not across 特色|情况.
    assert "A9-07" in rules_of(checker, "传播色情内容")
    assert "A9-07" not in rules_of(checker, "说明特色情况")


def test_markup_is_not_scanned(checker: RuleChecker) -> None:
    assert rules_of(checker, "详见 `dubo` 与 https://example.cn/falungong/dubo 。") == set()


def test_every_term_of_every_lexicon_is_found_on_its_own(checker: RuleChecker) -> None:
    missed = []
    for lexicon in load_lexicons(None).by_rule.values():
        for term in lexicon.terms:
            if lexicon.rule not in rules_of(checker, f"有人发帖：{term.text}。"):
                missed.append(f"{lexicon.rule} {term.text}")
    assert missed == []


def test_bad_package_lexicon_is_reported_with_file_and_line() -> None:
    from pipeline.errors import ConfigError
    from pipeline.rules.lexicon import parse_lexicon

    text = "id: A9-99\narticle: 第九条\nmessage: 测试\nterms:\n  - 好词\n  - {term: 坏词, level: fatal}\n"
    with pytest.raises(
        ConfigError, match=r"^lexicons/x\.yml:6:16: 字段 terms 第 2 项的 level（级别）应为 error"
    ):
        parse_lexicon(text, "lexicons/x.yml")
    with pytest.raises(ConfigError, match=r"^lexicons/x\.yml:1:1: 字段 message（提示）必填"):
        parse_lexicon("id: A9-99\narticle: 第九条\nterms: [好词]\n", "lexicons/x.yml")


def test_latin_spellings_must_be_whole_runs(checker: RuleChecker) -> None:
    assert "A9-07" in rules_of(checker, "来玩dubo")
    assert rules_of(checker, "会见dubois先生") == set()
    assert rules_of(checker, "带你玩网duck游戏") == set()


@pytest.mark.parametrize(
    ("text", "rule", "how"),
    [
        ("今晚一起堵博", "A9-07", "谐音字"),  # first character, same tone
        ("伐轮功学员集合", "A9-05", "谐音字"),  # first character, other tone (3+ chars)
        ("想了解fa轮gong的请加群", "A9-05", "拼音夹杂"),  # two syllables, one character
        ("今晚liu合cai开奖", "A9-07", "拼音夹杂"),
        ("同城 yp 私聊", "A9-07", "拼音首字母"),  # two-letter initials, delimited
        ("你这人真是个sb。", "A9-08", "拼音首字母"),
    ],
)
def test_second_round_evasions_are_undone(
    checker: RuleChecker, text: str, rule: str, how: str
) -> None:
    found = [d for d in checker.check_text(text) if d.rule == rule]
    assert found, text
    assert all(d.severity == "error" for d in found)
    assert any(how in d.message for d in found)


@pytest.mark.parametrize(
    "text",
    [
        "他正在读博，研究草原生态。",  # 读博: same syllables as 赌博, other tone (2 chars)
        "采购yp2型号的设备。",  # two letters next to a digit: a model number
        "请于12月5日前提交yp表格。",  # two letters between characters: a name
        "执行GB 50016规范。",  # a common Latin abbreviation
        "请按yph格式提交。",  # a longer Latin run is not two-letter initials
    ],
)
def test_second_round_evasions_leave_ordinary_text_alone(checker: RuleChecker, text: str) -> None:
    assert rules_of(checker, text) & {f"A9-{i:02d}" for i in range(1, 14)} == set(), text


def test_a_context_word_inside_a_term_is_no_context(checker: RuleChecker) -> None:
    assert "A9-08" in rules_of(checker, "那个人收黑钱，不得好死。")
    assert "A9-08" not in rules_of(checker, "不得在留言中称他人收黑钱。")


def test_spelled_out_follower_marketing(checker: RuleChecker) -> None:
    assert "A16-01" in rules_of(checker, "转发本条并关注我们，抽取3位网友送台历。")
    assert "A16-01" in rules_of(checker, "点赞本文的朋友，我们将送出纪念品。")
    assert "A16-01" not in rules_of(checker, "谨防“转发即送红包”类诈骗。")
    assert "A16-01" not in rules_of(checker, "关注本公众号即可领取电子社保卡。")
    found = [d for d in checker.check_text("转发抽奖！") if d.rule == "A16-01"]
    assert len(found) == 1  # the set phrase is not reported twice
