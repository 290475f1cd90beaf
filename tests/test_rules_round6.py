"""Issue 12, round 6: evasion classes undone in the normalisation and the combination
rules (pinyin, initials and split characters inside a combination, tone marks, two split
characters in one word, traditional labels of the pattern rules, English prose around
two-letter initials), and the classes of wording the combinations now hold."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.framing import framed
from pipeline.rules.kinds import ENFORCEMENT
from pipeline.rules.normalize import compact, normalise
from pipeline.rules.radicals import split_spellings
from pipeline.rules.rule_kinds import sounds
from pipeline.rules.rule_kinds.spelled import Spelled, edges_hold, spellings_of
from pipeline.rules.view import Squeezed


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def errors(checker: RuleChecker, text: str, kind: str = "") -> list[str]:
    return sorted({d.rule for d in checker.check_text(text, kind) if d.severity == "error"})


def content(checker: RuleChecker, text: str, kind: str = "") -> list[str]:
    found = checker.check_text(text, kind)
    return sorted({d.rule for d in found if d.rule.startswith(("A9-", "A16-", "A17-"))})


# -- the engine's classes -------------------------------------------------------------


def test_tone_marks_are_read_as_plain_pinyin_in_the_compacted_view() -> None:
    assert compact(normalise("没dēng记，lǜ色")).text == "没deng记，lv色"
    assert normalise("été café") == "été café"  # the semantic layer's view keeps them


def test_two_split_characters_in_one_word() -> None:
    spellings = split_spellings("枪支弹药")
    assert {"木仓支弹药", "枪支弓单药", "木仓支弓单药"} <= set(spellings)
    assert "枪支弹药" not in spellings


def test_combination_words_get_pinyin_initial_and_split_spellings() -> None:
    spellings = set(spellings_of("贪官", ["tan", "guan"]))
    assert {"tan官", "贪guan", "tanguan", "t官", "贪g"} <= spellings
    assert "tg" not in spellings  # two bare letters: too common to be read as a word
    assert "ks答案" in spellings_of("考试答案", ["kao", "shi", "da", "an"])
    assert "木仓支" in spellings_of("枪支", ["qiang", "zhi"])


def test_a_latin_spelling_must_end_the_latin_run() -> None:
    assert edges_hold("是个tan官", 2, 6)
    assert not edges_hold("是个titan官", 4, 8)
    assert not edges_hold("贪guanxi", 0, 5)


def test_spellings_are_made_only_for_texts_that_can_hold_one() -> None:
    spelled = Spelled(["贪官", "枪支"])
    assert not spelled.needed("今天天气晴朗，适合出行。")
    assert not spelled.needed("木材和仓库")  # one component alone is any text
    assert spelled.needed("是个tan官")
    assert spelled.needed("出木仓支")


def test_the_squeezed_view_reads_traditional_labels() -> None:
    squeezed = Squeezed("帳號密碼是 Abc_12345")
    assert squeezed.text.startswith("帐号密码是")
    assert squeezed.span(0, 5) == (0, 5)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("他就是个 zha 骗 + 老 pian 子的主任，大家看清楚", "A9-08"),  # pinyin inside a word
        ("镇长就是个大 tan 官，谁都知道", "A9-08"),
        ("低价出 木仓 支，快递到家", "A9-07"),  # a split character inside a combination
        ("咱们这个研究会没dēng记，照样招会员，会费一年五百", "A9-10"),  # tone marks
        ("kao试答 an 提前发，加微信", "A9-13"),  # pinyin and initials
        ("系統管理員密碼是 Xq_2026abc，請勿外傳", "A17-03"),  # traditional label
    ],
)
def test_evasive_spellings_inside_combinations_are_errors(
    checker: RuleChecker, text: str, rule: str
) -> None:
    assert rule in errors(checker, text)


def test_english_prose_is_not_two_letter_initials(checker: RuleChecker) -> None:
    assert content(checker, "To be honest, in my view 这件事办得好。") == []
    assert content(checker, "We love my hometown 的美食。") == []
    assert "A9-07" in errors(checker, "同城 yp 私聊")  # a token among Chinese text still is


def test_no_latin_word_is_read_inside_a_longer_one(checker: RuleChecker) -> None:
    # ``guan`` of 贪官 inside ``guanli`` (管理): the Latin run goes on, no spelling.
    assert content(checker, "局长就是个 tanguanli 专家") == []


# -- the classes of wording -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "民政部门提醒：未在民政部门登记的“协会”收取会费属于非法社会组织活动，请勿上当。",
        "市纪委监委通报：原城建局局长王某是个典型的贪官，已被开除党籍。",
        "冒充公安局长的是个骗子，警方提醒切勿转账。",
        "教育局辟谣：网传高考答案提前泄露系谣言。",
        "本号坚持不炒作敏感话题，杜绝蹭热点涨粉。",
        "各民族一律平等，任何人不得把某一民族说成野蛮人。",
        "国家统一法律职业资格考试答案以官方公布为准。",
        "网传“某银行要倒闭了、存款取不出”系谣言，存款受存款保险保障。",
        "警方辟谣：网传“人贩子用迷药抢孩子”不实，请勿转发。",
        "警方通报：犯罪嫌疑人王某系诈骗犯，已被依法刑事拘留，欢迎群众转发曝光线索。",
        "保密提醒：内部文件严禁拍照截图，切勿先发一下到工作群。",
        "《政府信息公开条例》规定的主动公开内容全文如下。",
        # laws and the constitution quote the system and what it forbids
        "社会主义制度是中华人民共和国的根本制度，禁止任何组织或者个人破坏社会主义制度。",
        "国家坚持中国共产党的领导，反对一切分裂国家的活动。",
        "新中国成立后，废除了封建土地制度，人民当家作主。",
        "当年国民党反动派反对共产党，发动内战。",
        # Taiwan affairs statements quote what they refute
        "国台办发言人表示，所谓“台湾独立”是绝路，我们坚决反对任何形式的“台独”分裂活动。",
        "两岸同胞血浓于水，台湾岛是祖国神圣领土不可分割的一部分。",
        # national security education, memorial days, flag and anthem law
        "国家安全机关提醒：境外间谍以高价收购涉密文件为诱饵，发现线索请拨打12339。",
        "日本军国主义污蔑中国人是劣等民族，这段屈辱历史我们不能忘记。",
        "《国旗法》规定，不得以涂划、玷污等方式侮辱国旗；国歌奏唱应当庄严。",
        "升旗仪式上，国旗护卫队擦亮皮鞋，准时出旗。",
        # religion policy and anti-cult publicity
        "依法管理宗教事务，保护正常宗教活动，抵御境外利用宗教进行渗透。",
        "“全能神”邪教以世界末日恐吓群众、诱骗入教，请广大群众自觉抵制。",
        "法轮功邪教组织散发所谓真相资料，蛊惑群众，已被依法取缔。",
        # assemblies under the law
        "举行集会、游行、示威，应当依照集会游行示威法向主管机关提出申请并获得许可。",
    ],
)
def test_legitimate_wording_of_the_same_topics_passes(checker: RuleChecker, text: str) -> None:
    assert errors(checker, text) == []


def test_compacted_view_keeps_offsets_of_tone_marks() -> None:
    comp = compact(normalise("没 dēng 记"))
    assert comp.text == "没deng记"
    assert comp.span(1, 5) == (2, 6)


# -- homophones inside combinations (rule_kinds/sounds.py) ---------------------------------


@pytest.fixture(scope="module")
def heard() -> sounds.Sounds:
    return sounds.load(["共产党", "游行", "国旗", "示威"])


def test_syllables_lose_what_evasions_blur() -> None:
    assert sounds.flat("chan") == "can"
    assert sounds.flat("zhang") == "zan"
    assert sounds.flat("shi") == "si"


def test_a_three_character_word_heard_with_two_characters_replaced(heard: sounds.Sounds) -> None:
    text = "打倒共惨档"
    assert heard.view(text)[2:] == heard.key("共产党")
    assert heard.accepts(text, 2, 5, "共产党")
    assert not heard.accepts("共产党", 0, 3, "共产党")  # the word itself is a plain match


def test_dictionary_words_and_frequent_characters_are_not_spellings(
    heard: sounds.Sounds,
) -> None:
    assert heard.key("国企") == heard.key("国旗")
    assert not heard.accepts("国企改革", 0, 2, "国旗")  # a word of the dictionary
    assert not heard.accepts("市委", 0, 2, "示威")


def test_a_two_character_word_needs_both_replaced_and_clean_edges(
    heard: sounds.Sounds,
) -> None:
    assert not heard.accepts("油行", 0, 2, "游行")  # one replaced: two words meeting, often
    assert not heard.accepts("朋友幸福", 1, 3, "游行")  # 朋友 and 幸福 meet there


def test_a_homophone_spelling_inside_a_combination_is_an_error(checker: RuleChecker) -> None:
    assert "A9-01" in errors(checker, "打倒共惨档，大家一起来")
    assert errors(checker, "国企改革明天开始，大家一起努力") == []
    assert errors(checker, "市委明天召开会议，大家都去") == []


def test_a_spelling_in_pinyin_may_be_longer_than_the_window_of_its_word(
    checker: RuleChecker,
) -> None:
    assert "A9-01" in errors(checker, "打倒 gong chan dang！")


# -- the political items and the cult side of (五) (rulefiles/a09-political.yml) ------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("彝族都该赶走，这里不欢迎他们。", "A9-04"),
        ("苗族就是没开化的野蛮人。", "A9-04"),
        ("回民滚出我们镇，一个都别留。", "A9-04"),
        ("那个张校长就是个人渣，大家都知道。", "A9-08"),
        ("本会无需注册，照样颁发会员证，会费每年三百。", "A9-10"),
        ("这个联合会不在民政局登记也照样收会费。", "A9-10"),
        ("缴纳入会费五千元，授予“特聘研究员”称号。", "A9-10"),
        ("期末考试答案提前发，需要的加微信。", "A9-13"),
        ("下周炒作一下那个负面事件，涨粉肯定快。", "A16-01"),
        ("听说城西信用社快倒闭了，存款赶紧取出来。", "A9-06"),
        ("水库那边出事了，上面捂住了，大家快跑。", "A9-06"),
        ("商场里有人贩子偷孩子，已经丢了好几个，扩散！", "A9-06"),
        ("三楼那个男的是个小偷，大家帮忙转发曝光他。", "A9-08"),
        ("buy followers here, 一万粉丝秒到。", "A16-01"),
        ("局里还没发布的干部调整名单，提前透露一下给大家。", "A9-11"),
        ("转一份内部资料，仅限内部传阅，全文如下。", "A9-11"),
        # the political items and the cult side of (五)
        ("人民民主专政早该废除，大家醒醒吧。", "A9-01"),
        ("号召大家反对社会主义制度，转发扩散。", "A9-01"),
        ("多党制才是唯一出路，从我做起。", "A9-01"),
        ("down with the CCP, 大家一起来。", "A9-01"),
        ("台湾岛独立万岁！", "A9-02"),
        ("Taiwan is not China，大家都知道。", "A9-02"),
        ("手里有几份涉密文件，境外有人出高价，想卖的私聊。", "A9-02"),
        ("国歌听着像鬼哭狼嚎，改了吧。", "A9-03"),
        ("国旗就是块破布，拿来垫脚正好。", "A9-03"),
        ("中华民族就是劣等民族，没救了。", "A9-03"),
        ("师父讲了，多发真相资料就能圆满。", "A9-05"),
        ("世界末日马上到了，赶快信神才能得救。", "A9-05"),
        ("周五上午大家去区政府游行，把大门围了。", "A9-09"),
    ],
)
def test_each_class_of_wording_is_an_error(checker: RuleChecker, text: str, rule: str) -> None:
    assert rule in errors(checker, text)


# -- the known weaknesses: the labelled identity number, the enforcement frame ------------


def test_the_identity_label_binds_to_the_numbers_own_clause(checker: RuleChecker) -> None:
    number = "110101199003074516"  # real birth date, wrong check digit
    assert "A9-11" in errors(checker, f"登记人身份证号：{number}，住址见附表。")
    assert errors(checker, f"请携带身份证办理。您的订单号：{number}，凭号取件。") == []
    assert errors(checker, f"身份证复印件已收到，快递单号：{number}。") == []


def test_the_enforcement_frame_covers_its_sentence_and_neighbours_not_the_paragraph() -> None:
    lure = "真人荷官，充值秒到"
    near = f"警方提醒：网络赌博害人。{lure}都是骗局的话术。"
    start = near.index(lure)
    assert framed(near, start, start + len(lure))
    far = f"警方提醒：网络赌博害人。今天天气很好。我们去公园散步。欢迎大家来玩。{lure}。"
    start = far.index(lure)
    assert not framed(far, start, start + len(lure))
    quoted = f"警方提醒：网络赌博害人。今天天气很好。我们去公园散步。谨记“{lure}”。"
    start = quoted.index(lure)
    assert framed(quoted, start, start + len(lure))  # the lure quoted to warn of it


def test_an_offer_far_below_one_warning_word_is_still_reported(checker: RuleChecker) -> None:
    post = (
        "反诈提醒：不要轻信陌生来电。本周社区活动照常举行。欢迎居民报名参加。"
        "另外本号长期收购对公账户和U盾，一套高价。"
    )
    assert "A9-13" in errors(checker, post, ENFORCEMENT)
    assert errors(checker, "不法分子以“高价收购对公账户和U盾”为诱饵。", ENFORCEMENT) == []


def test_a_negated_warning_word_does_not_excuse_a_combination(checker: RuleChecker) -> None:
    assert "A9-04" in errors(checker, "彝族都该赶走，到时候别怪我没提醒。")
    assert errors(checker, "警方提醒：彝族群众都该赶走的说法是谣言。") == []
