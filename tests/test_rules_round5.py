"""Issue 12, round 5: classes of offers, hate speech and leaks found through the
combination and pattern rules, and findings the post's framing excuses
(pipeline/rules/framing.py)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.detection import Detection
from pipeline.rules.framing import excuse, paragraph, refuted
from pipeline.rules.kinds import ENFORCEMENT


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def errors(checker: RuleChecker, text: str, kind: str = "") -> list[str]:
    return sorted({d.rule for d in checker.check_text(text, kind) if d.severity == "error"})


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("苗族人全是骗子，千万别跟他们做生意。", "A9-04"),
        ("东北人个个都是土匪，离远点。", "A9-04"),
        ("外地人天生就懒，招工别要。", "A9-04"),
        ("低价出售火药枪和军弩，同城送货上门。", "A9-07"),
        ("福利资源合集打包，加v私聊。", "A9-07"),
        ("真人荷官在线发牌，注册送彩金，充值秒到。", "A9-07"),
        ("娛樂城線上發牌，充值即玩。", "A9-07"),
        ("有人预测后天晚上这里有6级地震，快准备。", "A9-06"),
        ("小道消息：下周一全区停课，大家提前准备。", "A9-06"),
        ("驾驶证代消分，每分一百二，当天处理。", "A9-13"),
        ("长期收购对公账户和U盾，一套高价。", "A9-13"),
        ("专业删帖，负面处理，加急当天见效。", "A9-13"),
        ("附件为机密级文件《全市应急物资储备方案》，请查收。", "A9-11"),
        ("登记人身份证号码：110101199003074515，住址见附表。", "A9-11"),
        ("公众号后台密码已改成 Gov#2026ab，请各位知悉。", "A17-03"),
        ("交二十万包进国企，不成全退，名额有限。", "A9-13"),
        ("不用买房也能落户学区，一口价八万。", "A9-13"),
        ("想少交税找我们，走账渠道安全。", "A9-13"),
        ("给我手机号，对方的实时位置都能调出来。", "A9-13"),
        ("我有办法让电表走慢，偷电没人管，教程五十一份。", "A9-07"),
        ("那几个催债的就该打一顿，打到他们不敢再来为止。", "A9-07"),
        ("他收了黑钱，大家转发，让他身败名裂。", "A9-08"),
        ("三号楼那个姓王的早年坐过牢，大家离他远点。", "A9-08"),
        ("这条消息删了好几次，赶紧关注我们，明天就看不到了。", "A16-01"),
        ("船上可以玩几把，筹码现场换。", "A9-07"),
        ("流感疫苗致癌，千万别给孩子打。", "A9-06"),
        ("招收银员，限本地汉族，其他民族免谈。", "A9-04"),
    ],
)
def test_each_class_is_an_error(checker: RuleChecker, text: str, rule: str) -> None:
    assert rule in errors(checker, text)


@pytest.mark.parametrize(
    "text",
    [
        "不能说新疆人都是小偷，这是以偏概全的地域歧视。",
        "各族群众都是一家人，新疆人都是我们的好邻居。",
        "地震局提醒：目前无法预报几级地震在何时发生，请勿轻信谣言。",
        "请勿出租出借银行卡、手机卡，收购“两卡”涉嫌帮助信息网络犯罪。",
        "交管部门提醒：买分卖分属于违法行为，学法减分请通过12123办理。",
        "本单位收到秘密级文件后应当按规定登记、传阅和清退。",
        "请妥善保管密码，密码已改为强密码的用户无需再次修改。",
        "市公安局依法查处一起有偿删帖案件，抓获犯罪嫌疑人3名。",
        "电影看片会将于周五举行，欢迎市民报名。",
        "今年事业单位公开招聘，报名条件以招聘公告为准，谨防“花钱保证进编制”骗局。",
        "税务部门依法查处一起利用空壳公司走账逃税案件。",
        "警惕骗子声称能调出他人聊天记录和实时位置。",
        "教大家几招防盗技巧，电动车电池拆下来充电时要有人看管。",
        "派出所民警调解邻里纠纷，住在三号楼的两户居民握手言和。",
        "社区矫正对象有前科，司法所依法开展帮教，保护其隐私。",
        "欢迎关注我们，获取权威发布；网传“内幕”均为不实信息。",
        "谈判中增加筹码，输赢不是唯一标准。",
        "接种疫苗后不要打扰医生观察，留观30分钟。",
        "网传“疫苗有毒”系谣言，疫苗安全有保障。",
        "只要少数民族群众有需要，我们随时服务。",
    ],
)
def test_legitimate_wordings_pass(checker: RuleChecker, text: str) -> None:
    assert errors(checker, text) == []


def test_an_enforcement_post_quotes_the_lure_it_warns_of(checker: RuleChecker) -> None:
    text = "不法分子以“无抵押、当天放款”为诱饵，先收取保证金再拉黑受害人。"
    assert "A9-13" in errors(checker, "急用钱？无抵押，当天放款，秒到账。")
    assert errors(checker, text, ENFORCEMENT) == []


def test_the_enforcement_frame_reads_the_paragraph_not_the_post() -> None:
    text = "警方依法打击网络赌博。\n\n真人荷官，充值秒到。"
    lure = text.index("真人")
    found = [Detection(lure, lure + 8, "A9-07", "第九条第（七）项", "error", "m")]
    assert excuse(found, text, ENFORCEMENT, semantic=False) == found
    assert paragraph(text, lure, lure + 8) == "\n\n真人荷官，充值秒到。"
    one = text.replace("\n\n", "")
    assert excuse(found, one, ENFORCEMENT, semantic=False) == []
    assert excuse(found, one, "", semantic=False) == found  # an ordinary post


def test_a_refuted_so_called_claim_excuses_only_semantic_findings() -> None:
    text = "所谓“共荣”不过是掩盖掠夺的谎言。所谓的共荣其实是好事。"
    cut = text.index("。") + 1
    first = Detection(0, cut, "S9-03", "第九条第（三）项", "warning", "m")
    second = Detection(cut, len(text), "S9-03", "第九条第（三）项", "warning", "m")
    assert refuted(text, first.start, first.end)
    assert not refuted(text, second.start, second.end)  # no quotation mark, no refutation
    assert excuse([first, second], text, "", semantic=True) == [second]
    assert excuse([first], text, "", semantic=False) == [first]


def test_the_semantic_layer_reads_traditional_script_and_emoji_as_plain_text() -> None:
    from pipeline.rules.semantic import default_model
    from pipeline.rules.semantic.features import normalize

    assert normalize("小編個人覺得 🌸這個決定🤬蠢透了") == normalize("小编个人觉得这个决定蠢透了")
    assert normalize("ＡＢＣ 统计") == "abc统计"
    model = default_model()
    plain = model.scores("小编个人觉得这个决定蠢透了，根本没脑子。")
    assert model.scores("小編個人覺得這個決定蠢透了，根本沒腦子。") == plain
    assert model.scores("小编🌸个人觉得这个决定蠢透了，根本没脑子。") == plain
