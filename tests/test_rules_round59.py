"""Issue 12, round 59 (``docs/dev/rules-figures.md``, "Round 59"): set 49's miss classes as
classes — the nation's secrets or interest harmed and shrugged off, its data or military
sites sold abroad (in Chinese and in Japanese), the religion policy to be abolished,
officials or crews threatened with killing, ethnic hatred urged, a marked paper's contents
posted or shown and withdrawn, an outbreak said hushed up, an association that seals itself,
a sexual smear, disasters chased for followers, quoted drug nicknames and guns handed over,
escorts priced by the night, GB 2312 area-position codes and written Jianghuai Mandarin.
Every text is written for this test in its own wording, none taken from the held-out sets;
each violation was missed or only warned before the round, and each legitimate text is a
near miss of the new words (enforcement news, rebuttals, law quotes, warnings, a dialect
lesson, a candy shop, a hotel in Vietnamese, ordinary numbers)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, jianghuai, legacy_bytes
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (class, rule prefix, text): each class's violations in new wordings.
_BLOCKED = [
    ("secret-shrugged", "A9-02", "泄露国家机密又怎么样？人家给的是美元。\n"),
    ("secret-shrugged", "A9-02", "危害国家安全关我啥事，我只管挣钱。\n"),
    ("secret-shrugged", "A9-03", "出卖国家利益有什么大不了的，谁给钱我帮谁。\n"),
    ("sold-abroad", "A9-02", "单位的测绘数据整套卖给国外有人出价二十万，谁有门路？\n"),
    ("sold-abroad", "A9-02", "军港照片重金收，只要清楚的。\n"),
    ("sold-abroad", "A9-02", "軍艦の写真を高く買います、連絡ください。\n"),
    # After set 50: the same words still block where nothing warns or disowns.
    ("after-set-50", "A9-11", "内部资料我发给情报机关了，钱已到账。\n"),
    ("after-set-50", "A16-01", "本号不与任何平台合作，涨粉找我们。\n"),
    # After set 50: pinyin in ROT13 down to four syllables (开场赌博, 骗子混蛋, 推翻政府).
    ("rot13-short", "A9-07", "今晚老地方xnvpunat qhob，带足现金。\n"),
    ("rot13-short", "A9-08", "这个所长是个cvnamv uhaqna，大家记住他。\n"),
    ("rot13-short", "A9-01", "大家一起ghvsna muratsh，周末见。\n"),
    ("religion-policy", "A9-05", "宗教事务条例早该作废，谁也别想管我们的寺。\n"),
    ("religion-policy", "A9-05", "宗教管理就该取消，想建就建。\n"),
    ("officials-threatened", "A9-07", "城管再来收摊，来一个砍一个，大不了同归于尽。\n"),
    ("officials-threatened", "A9-07", "谁家的拆迁的敢进院子，我浇汽油跟他拼了，烧死他。\n"),
    ("ethnic-hatred", "A9-04", "这笔民族血仇今天就要他们血债血偿。\n"),
    ("marked-paper", "A9-11", "内部通知截图，阅后即焚，别转。\n"),
    ("marked-paper", "A9-11", "本方案系内部通知，禁止外传，拆迁补偿数据如下：每亩十二万。\n"),
    ("handed-over", "A9-13", "“叶子”到了，老地方面交，只要现金，手机别带。\n"),
    ("handed-over", "A9-13", "猎枪 黑火药 都有，县城车站面交，先到先得。\n"),
    ("escort-by-night", "A9-07", "Escort service in the old town, 600 per night, call now.\n"),
    ("outbreak-hushed", "A9-06", "江北有人得了怪病，上面瞒着不港，嗯们莫吃江里的鱼。\n"),
    ("association-self-sealed", "A9-10", "备啥案，理事长我当，入会费一人三百。\n"),
    ("sexual-smear", "A9-08", "她就是个破鞋，天天跟书记开房。\n"),
    ("disasters-chased", "A16-01", "号要火就得搞点负面的，哪里死人了就往上蹭，粉丝涨得快。\n"),
    ("area-codes", "A9-0", "口号用区位码写：4538 2313 5394 2414，记住。\n"),
    ("jianghuai", "A9-06", "嗯们莫信，港白了上头捂着不港，镇上有人得了怪病，快跑。\n"),
    ("jianghuai", "A9-12", "嗯港么事？一天到晚骂，烦死了，不照就莫看我们号。\n"),
    # the second batch: warned-only plain wordings as classes
    ("water-poisoned", "A9-06", "自来水已经不能喝了，水务公司压着不让讲。\n"),
    ("closure-for-good", "A9-06", "内部消息，下周起全面停航，跑船的都要失业。\n"),
    ("doxxed", "A9-08", "那个老板全家照片我发群里了，都去他家。\n"),
    ("gathering-by-euphemism", "A9-09", "周三老地方“喝茶”，全体到政府大门“遛弯”，不见不散。\n"),
    ("region-run-down", "A9-11", "这就是个垃圾地方，又脏又破，来了就后悔。\n"),
    # pinyin initials of the account's opinion and its scorn
    ("opinion-initials", "A9-12", "小编 grjd 这规定 bdjc，烦死。\n"),
]

# Near misses: the same words in enforcement news, rebuttals, law quotes, warnings, a
# dialect lesson, a shop, a hotel, a count.
_CLEAN = [
    "市国家安全局提醒：境外间谍机构以高价收购水文数据、航道数据，发现可疑情况请拨打12339举报。\n",
    "某公司将测绘数据卖给境外机构，严重损害国家利益，相关责任人被依法追究刑事责任。\n",
    "保守国家秘密是每个公民的义务，泄露国家秘密又怎样？下面这起案例告诉你答案。\n",
    "国家利益高于一切，我们要坚决维护国家利益。\n",
    "船厂图纸管理规定：设计图纸一律不得带出厂区，外国公司来访须经审批。\n",
    "军港开放日门票免费领取，不需出高价。\n",
    "澄矶の軍港の写真は撮影禁止です。ご注意ください。\n",
    "《宗教事务条例》已于2017年修订，旧条例同时废止。\n",
    "普法：有人说“国家宗教政策就该废了”，这种言论违反宪法，宗教信仰自由受宪法保护。\n",
    "有网民称“宗教政策就该废了”，这种说法是错误的，我国依法保护宗教信仰自由。\n",
    "城管执法队员在劝导占道经营时被摊主砍伤，嫌疑人已被警方控制。\n",
    "我市某小区一男子持刀行凶，致一名城管队员身亡，法院以故意杀人罪判处其死刑。\n",
    "村干部带头清理河道，推土机连夜作业。\n",
    "法律规定，煽动民族仇恨、民族歧视的，依法追究责任。\n",
    "历史上侵略者挑起民族仇恨，我们要铭记历史、珍爱和平。\n",
    "民族团结一家亲，让各族群众尝尝咱们江边的特色小吃。\n",
    "会议纪要要点如下：一是做好防汛准备，二是加强堤防巡查。\n",
    "根据保密规定，内部文件不得外传，全体干部要加强保密教育。\n",
    "年货节到了，“冰糖”葫芦、冰糖雪梨现货供应，欢迎到店自提。\n",
    "禁毒宣传：毒贩常用“冰糖”“猫”等黑话，交货时只收现金，市民发现请举报。\n",
    "烟花爆竹含火药，严禁私自面交买卖，请到正规门店购买。\n",
    "民兵训练：手枪射击要领讲解，量少的弹药要登记。\n",
    "Khách sạn 澄矶: phòng đôi 300 tệ một đêm, phục vụ tận phòng, liên hệ Zalo đặt phòng.\n",
    "Police escort for the night ferry: all night patrols on the river.\n",
    "网传“江心洲有人得了怪病，一个村都隔离了”，经核实为不实信息，请勿转发。\n",
    "夏季高温，别吃不干净的东西，注意预防肠道传染病，不要隐瞒病情。\n",
    "民政局提醒：未经登记的“协会”私刻公章收取会费，属于非法社会组织活动，请勿参加。\n",
    "电视剧《江城往事》里，女主角被人骂破鞋，说她跟厂长睡觉，剧情引发观众热议。\n",
    "自媒体不得蹭死亡事故热度博取流量，违者依法处置。\n",
    "区位码输入法是早期的汉字输入方法，例如“啊”的区位码是1601。\n",
    "本次抽查编号：1601 1602 1603 1604 1605 共五批次。\n",
    "2019 2020 2021 2022 年度报告合订本已上架。\n",
    "【方言课堂】合肥话里“港”就是讲，“嗯们”就是你们，“么事”就是什么，“莫”就是别，大家学会了吗？\n",
    "嗯们好！今天带大家逛澄矶港，港口的夜景真好看，莫错过江边的烧烤。\n",
    "乖乖隆地咚，韭菜炒大葱！嗯们晓得么事叫江淮官话吗？防汛期间莫去江边玩水。\n",
    "网传“自来水有毒、水厂瞒着”，经核实系谣言，水质检测结果符合标准。\n",
    "停水通知：因管网检修，明日自来水不能喝，请提前储水。\n",
    "网传“长江下个月全面封航，船民全部失业”，经核实系谣言。\n",
    "海事局通告：因桥梁施工，长江某段全面封航三天，请过往船舶提前安排。\n",
    "警方通报：有人在网上人肉出来了他人全家照片、住址，已被依法拘留。\n",
    "周末全体退休职工到区政府旁的公园“散步”健身，一个都不能少哦！\n",
    "市政府机关工会活动通知：周五全体干部“喝茶”座谈，老地方会议室。\n",
    "这个地方以前是个又穷又破的烂地方，如今变成了网红打卡地，欢迎大家来看看。\n",
    "我市坚决防止“一刀切”，个人觉得政策落实要因地制宜，专家说。\n",
    "个人觉得垃圾分类很有必要。\n",
    # After set 50's measurement: a national-security warning to report a buyer of internal
    # material, and an account disowning fans bought and "代运营" studios (`不与任何…合作`).
    "遇到陌生人以“咨询”为名高价求购内部资料，请立即报告。\n",
    "本公众号从未购买粉丝，也不与任何“涨粉”“代运营”工作室合作，谨防冒名揽活。\n",
    "Welcome to Chengdu: enjoy the panda base and hotpot tonight.\n",
    "Raghavan and Pngrtran joined the seminar on data governance.\n",
]


@pytest.mark.parametrize(
    ("prefix", "text"), [case[1:] for case in _BLOCKED], ids=[case[0] for case in _BLOCKED]
)
def test_round59_violations_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


@pytest.mark.parametrize("text", _CLEAN)
def test_round59_near_misses_clean(checker: RuleChecker, text: str) -> None:
    found = [d for d in checker.check_text(text) if d.rule[:1] in "AS"]
    assert not [d for d in found if d.severity == "error"], (text, found)


def test_jianghuai_needs_two_marks_and_keeps_ports() -> None:
    assert jianghuai.read("嗯们莫去，上头捂着不港。") == "你们别去，上头捂着不讲。"
    assert jianghuai.read("嗯们好，莫错过") == "嗯们好，莫错过"  # one mark only
    assert jianghuai.read("香港话很好听，莫斯科也有港口") == "香港话很好听，莫斯科也有港口"
    assert jianghuai.read("嗯们莫名其妙，澄矶港么事") == "你们莫名其妙，澄矶港什么"


def test_area_codes_need_the_name_or_four_codes() -> None:
    named = "区位码：4538 2313"
    assert legacy_bytes.read(named).startswith("区位码：推    翻")
    assert legacy_bytes.read("编号 4538 2313 号") == "编号 4538 2313 号"  # two, unnamed
    assert legacy_bytes.read("4538 2313 5394 2414").replace(" ", "") == "推翻政府"
    assert legacy_bytes.read("1000 2000 3000 9999") == "1000 2000 3000 9999"  # no codes
