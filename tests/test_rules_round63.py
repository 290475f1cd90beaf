"""Issue 12, round 63 (``docs/dev/rules-figures.md``, "Round 63"): classes of plain wording
wider than the cases of sets 7–52 that were missed or only warned — the offence's label
granted and kept (conceded by its own verb, said to mean the reader, asked back and
answered, a state secret traded: ``a09-offence-owned.yml``; the shrug said to the accomplice
and the conceded label in ``vocabularies/shrugs.yml``), a tale vouched for with a call to
flee, sell or withdraw and a rumour's truth waved aside (``a09-06-rumour-vouched.yml``), the
foundations called discardable (``foundations-discarded`` in ``a09-political.yml``) — and
mended false positives: the internal label kept in by a prohibition of posting it to a
group (``lexicons/A9-11.yml``), a household pet sold for a price
(:func:`pipeline.rules.anchored.priced`), a Polish word read as pinyin initials
(:func:`pipeline.rules.engine._delimiter`), and ``就是犯罪`` read as a denial
(:data:`pipeline.rules.rule_kinds.excuses._DENIED`). Every text is written for this test,
none taken from a held-out set; each violation was missed or only warned before the round,
and each legitimate text is a near miss of the same words (enforcement news, rebuttals,
anti-fraud warnings quoting the scam, law explainers, government notices)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.anchored import priced
from pipeline.rules.normalize import compact, normalise
from pipeline.rules.rule_kinds import excuses
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (rule prefix, text): each class's violations, in wordings of this test's own.
_BLOCKED = [
    # the label granted: the shrug said to the accomplice, the label conceded
    ("A9-02", "你在档案室上班，把那几页拍出来，泄露国家秘密查不到你。\n"),
    ("A9-04", "那个民族的人就是不行，民族歧视就歧视了，我就不招。\n"),
    ("A9-10", "尽管是非法组织，本联盟下周在镇上挂牌。\n"),
    ("A9-03", "把稀土矿样卖给外国商人，损害国家利益就损害呗，钱到手再说。\n"),
    ("A9-10", "我们这个联合会虽说是非法组织，可下个月还是要开年会发证书。\n"),
    # said to mean the reader, kept for life
    ("A9-04", "你们这个民族都是懒汉，民族歧视说的就是你们。\n"),
    ("A9-04", "他们祖上抢过我们的地，民族仇恨得世世代代记着。\n"),
    # asked back and answered in the next sentence
    ("A9-08", "物业经理周某就是个贼，专偷业主的钱，诽谤他？我说的都是真的。\n"),
    ("A9-05", "贴一张大师画的符，封建迷信？灵验才是真的。\n"),
    ("A9-04", "外地来的那些少数民族，煽动民族仇恨？我这是替大家说出来。\n"),
    # the heroes insulted, a person insulted, and the nation's image harmed on purpose
    ("A9-03", "英雄的事迹早就被拆穿了，侮辱一下怎么了。\n"),
    ("A9-08", "村会计是个贪污犯，侮辱他怎么了，就该骂到他不敢出门。\n"),
    # a state secret traded
    ("A9-02", "我是境外一家公司的，你们厂的军品图纸，国家秘密也收，价格你开。\n"),
    ("A9-02", "港口里军舰停靠的照片我都有，属于国家秘密吧？有境外朋友出价收。\n"),
    # the disorder's pay-off is fear
    ("A9-09", "周一把厂门口的路堵上，聚众扰乱一下老板才会怕。\n"),
    # a tale vouched for, with a call to flee, sell or withdraw; its truth waved aside
    ("A9-06", "上游水坝出现裂缝，今晚就要溃坝，住河边的快跑，这不是谣言！\n"),
    ("A9-06", "内部消息：开发区要整体搬迁，附近房价要腰斩，赶紧卖房！\n"),
    ("A9-06", "这不是谣言，化工厂昨晚泄漏了，别喝自来水。\n"),
    ("A9-06", "谣言也好真的也好先转：明年起菜农的补贴全部取消。\n"),
    ("A9-06", "井水里查出了重金属，水务局都不敢说，这个谣言不是谣言！\n"),
    # the foundations called discardable
    ("A9-01", "人民民主专政就是个骗局，咱们要自己选领导。\n"),
    ("A9-01", "现行宪法早该扔进垃圾堆，推倒重写。\n"),
    ("A9-01", "公有制为主体那一套早该扔了，林场全部承包给个人。\n"),
    ("A9-01", "社会主义制度就是个骗局。\n"),
    ("A9-01", "让私有化取代公有制，宪法那一套作废！\n"),
]


@pytest.mark.parametrize(("prefix", "text"), _BLOCKED)
def test_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


# Near misses with no finding at all.
_LEGITIMATE = [
    # the label in a rebuttal, a court report, an anti-fraud or security warning
    "法官指出，被告人在网上发帖诽谤她，还辩称“我说的都是真的”，法院依法判决其赔礼道歉。\n",
    "封建迷信？灵验才是真的？这些说法都是骗局，市科协提醒大家别信。\n",
    "封建迷信活动信则灵？这是骗子的话术，请勿轻信。\n",
    "国家秘密也收？境外间谍就是这样引诱的，发现请拨打12339举报。\n",
    "国家安全机关提醒：境外人员声称“国家秘密也收，价格你开”，这是间谍的惯用话术，请立即举报。\n",
    "这个社团虽是非法组织，却打着公益旗号收取会费，民政局已依法取缔。\n",
    "有关部门提醒，聚众扰乱社会秩序才会怕的想法是错误的。\n",
    "历史上的民族仇恨早已化解，各族人民团结一心。\n",
    "侮辱英雄烈士怎么了？普法：侵害英雄烈士名誉将承担法律责任。\n",
    # concessions in ordinary prose
    "虽然是小事，但也不能马虎。\n",
    "这份材料虽然是初稿，但请各单位认真提出修改意见。\n",
    "本次活动虽是首次举办，但报名踊跃。\n",
    "他虽是外地人，但在本村扎根二十年。\n",
    # a rumour rebutted, a scam's words quoted, a notice vouched for
    "网传“水库裂了，快跑，这不是谣言”，经核实，水库运行正常，系谣言。\n",
    "警惕！骗子常说“内部消息，千真万确”，诱导转账，请勿相信。\n",
    "这不是谣言！今年起新生儿可在线办理户口登记，欢迎扩散。\n",
    "千真万确！本周六市图书馆免费开放，快转给家人。\n",
    "不管真假先转的习惯要改一改，转发前请核实来源。\n",
    "这不是谣言：食品安全检测合格，市民可放心购买，别听信“别买”的传言。\n",
    "千真万确，我市今年粮食又获丰收，大家放心，不用赶紧囤粮。\n",
    # the foundations in a lecture and in reform news
    "马克思主义指导思想永远不会过时，这是理论学习的重要结论。\n",
    "坚持公有制为主体、多种所有制经济共同发展，是我国的基本经济制度。\n",
    "新版教材对宪法序言的解读更加详细，改写为通俗语言。\n",
    "旧的计划经济体制被社会主义市场经济体制取代，公有制为主体的地位没有改变。\n",
    "各级党组织要坚决废除形式主义，加强党的领导。\n",
    # the internal label kept in
    "内部资料请勿发到群里。\n",
    "会议材料属内部资料，请勿发到群里，谢谢配合。\n",
    "内部文件不要转给无关人员，请各科室妥善保存。\n",
    # Polish words whose letters carry marks
    "Kierownik budowy poinformował, że prace zakończą się w maju.\n",
    "Szczecin, Częstochowa i Bydgoszcz.\n",
    # the law shrugged at in a complaint (a bare 没人管 is no shrug)
    "乱停车违法没人管，请城管处理。\n",
]


@pytest.mark.parametrize("text", _LEGITIMATE)
def test_legitimate(checker: RuleChecker, text: str) -> None:
    assert not checker.check_text(text), text


# Near misses the model still warns on (a reviewer looks), but nothing blocks.
_NOT_BLOCKED = [
    ("有人说民族歧视就歧视了，这种错误言论必须批驳。\n", "A9-04"),
    ("民族歧视说的就是这种现象：招聘时以民族为由拒绝录用，这是违法的。\n", "A9-04"),
    ("孩子在学校被同学侮辱，他怎么了？老师及时介入。\n", "A9-08"),
    ("损害国家利益就损害呗？这种想法要不得，法律必有惩处。\n", "A9-03"),
    ("有人鼓吹废除社会主义制度，这种论调必须批驳。\n", "A9-01"),
    # a household pet sold for a price
    ("英短猫咪出售，可面交，价格面议。\n", "A9-13"),
    ("英短猫咪出售，一只三千元，可面交。\n", "A9-13"),
    ("金毛幼犬出售，疫苗齐全，价格面议，欢迎上门看狗。\n", "A9-13"),
]


@pytest.mark.parametrize(("text", "prefix"), _NOT_BLOCKED)
def test_not_blocked(checker: RuleChecker, text: str, prefix: str) -> None:
    assert not _errors(checker, text, prefix), text


# The secrecy label kept as a heading of what it stamps stays an error, whatever the
# prohibition; a wild animal or an organ for a price keeps the model's strong word.
@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("内部资料，请勿发到群里：下周拆迁名单附后。\n", "A9-11"),
        ("内部资料，请勿转发：下周拆迁名单附后。\n", "A9-11"),
        ("穿山甲鳞片出售，货源稳定，价格面议。\n", "A9-13"),
        ("你就是个 cz，滚。\n", "A9-08"),
    ],
)
def test_still_blocked(checker: RuleChecker, text: str, prefix: str) -> None:
    assert _errors(checker, text, prefix), text


def test_a_pet_names_no_price_of_item_13() -> None:
    def read(s: str) -> str:
        return compact(normalise(s)).text

    assert priced("S9-13", read("英短猫咪出售，价格面议")) is None
    assert priced("S9-13", read("熊胆出售，价格面议")) == "价格面议"
    assert priced("S9-07", read("猫咪也送，一单五百")) == "一单五百"


def test_a_crime_is_denied_only_by_the_whole_denial() -> None:
    assert excuses.excused("颠覆政权就是犯罪，大家一起干", ("罪",))
    assert not excuses.excused("颠覆政权不是犯罪，大家一起干", ("罪",))
    assert not excuses.excused("颠覆政权并非犯罪", ("罪",))


def test_the_shrugs_are_one_list() -> None:
    from pipeline.rules.rule_kinds.vocabulary import vocabularies

    assert excuses._shrugs() == vocabularies()["shrugs"]
    assert not hasattr(excuses, "_SHRUGS")


# After held-out set 53's measurement (training now): a run of quotations called a scam
# after a dash, the kind of the quoted items named between (H53L139 was blocked), is the
# warning a rebuttal is; a negation or a question before the trap word keeps the error.
@pytest.mark.parametrize(
    "text",
    [
        "【提醒】“扫码关注即送土特产礼盒”“转发本条抽奖”——凡要求先付邮费的“领奖”都是骗局。\n",
        "“关注即送话费”——这是骗局，请勿扫码。\n",
        "“关注即送口罩”“转发抽奖送手机”——以上均为诈骗，请勿相信。\n",
    ],
)
def test_quotations_called_a_scam_after_a_dash_are_warned(checker: RuleChecker, text: str) -> None:
    found = [d for d in checker.check_text(text) if d.rule.startswith("A16")]
    assert found and not _errors(checker, text, "A16"), text


@pytest.mark.parametrize(
    "text",
    [
        "“关注即送话费”——都不是骗局，放心扫码。\n",
        "“关注即送话费”——这是骗局吗？当然不是，快来。\n",
        "“关注即送话费”，真的送。——有人说是骗局。\n",
    ],
)
def test_a_scam_denied_or_asked_after_a_dash_stays_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A16"), text


# Seen in round 63's probes, mended after it: the view a finding states, named a view, a
# claim or an argument and called wrong right after it, is political education rebutting
# it (a warning); negated or asked, the error stays.
@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("“党的领导过时了”的说法是错误的。\n", "A9-01"),
        ("那种认为马克思主义过时了的观点是错误的，不能听信。\n", "A9-01"),
        ("社会主义制度迟早要被西方宪政取代的论调站不住脚。\n", "A9-01"),
        ("“关注即送话费”——都是骗局。\n", "A16"),
    ],
)
def test_a_view_named_and_called_wrong_is_warned(
    checker: RuleChecker, text: str, prefix: str
) -> None:
    found = [d for d in checker.check_text(text) if d.rule.startswith(prefix)]
    assert found and not _errors(checker, text, prefix), text


@pytest.mark.parametrize(
    "text",
    [
        "党的领导过时了的观点不是错误的。\n",
        "党的领导过时了的说法是错误的吗？我看没错。\n",
        "党的领导过时了，这个观点我认为没有错误。\n",
    ],
)
def test_a_view_not_called_wrong_stays_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-01"), text


def test_a_judgement_asked_is_one_test_for_traps_and_views(checker: RuleChecker) -> None:
    """One reader (``quoting.asked_next``) decides whether a trap or a wrong is asked: at
    once after a trap's word, within four characters after a view's, blanks skipped."""
    assert _errors(checker, "“关注即送话费”——都是骗局 吗？我看是真的。\n", "A16")
    assert _errors(checker, "党的领导过时了的说法是错误的  吗？我看没错。\n", "A9-01")
    assert _errors(checker, "党的领导过时了的说法是错误的呢吗？我看没错。\n", "A9-01")
