"""Issue 12, round 20 (lexical, blocking): the spoken registers (the countryside, the border,
campuses, live-stream selling, old age) and the legitimate posts that were blocked.

Two legitimate kinds were blocked or warned: a warning that names no organ but tells the
reader what to do (keep the evidence, call the police, ring a reporting line), and a court's
or a procuratorate's case — its judgment and sentence, and a title that names the offence as
a case (``…案``). Plain wordings were found but only warned for three causes besides item
（十二）'s opinions (warnings by design): the model flagged the sentence and no strong word of
the item stood in it (``全盘西化``, ``境外买家``, ``别跟他们``, ``没登记``, ``扣考核分`` …); a fraud
word calling a person names read as an enforcement frame (``主播…是诈骗犯，大家去她家门口骂``);
and no combination for a gambling den with an invitation or credit. Every text here is
written for these tests; each class has legitimate texts of the same shape."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.content import parse_post
from pipeline.rules import RuleChecker
from pipeline.rules.anchored import anchors, dismissed, refutes
from pipeline.rules.context import JUDGMENTS, OFFENCE_NAMED
from pipeline.rules.framing import framed
from pipeline.rules.rebuttal import negated
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged_named

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# No error of any rule: the model may still warn the reviewers.
UNBLOCKED = {"warning"}


def verdict(checker: RuleChecker, text: str, rule: str, expected: set[str], named: str) -> None:
    if expected is UNBLOCKED:
        errors = [d.rule for d in checker.check_text(text) if d.severity == "error"]
        assert not errors, (text, errors)
    else:
        judged_named(checker, text, rule, expected, named)


# (text, rule, expected, what a message of ``rule`` names)
FRAMES = [
    # advice with no organ named is a warning frame; a threat that mentions the police is not
    (
        "有些网贷广告写着“无抵押、当天放款”，借了以后利滚利，还不上就被威胁曝光通讯录。"
        "碰到这种情况，请保存证据，马上报警。",
        "A9-13",
        NONE,
        "",
    ),
    (
        "无抵押当天放款，黑户也能借，逾期上门催收，敢报警就把你照片发到家族群。",
        "A9-13",
        BLOCKED,
        "非法放贷",
    ),
    ("有人打包出售本地车主信息，发现请及时报警。", "A9-13", UNBLOCKED, ""),
    ("出售本地车主信息，谁敢报警就曝光你。", "A9-13", BLOCKED, "买卖公民个人信息"),
    ("打包出售本地车主信息，报警也没用。", "A9-13", BLOCKED, "买卖公民个人信息"),
    # a court's judgment is enforcement for the lexicons too; the insult itself is not
    (
        "在业主群里骂邻居是“人渣”的张某被起诉，法院判决其当众赔礼道歉。",
        "A9-08",
        NONE,
        "",
    ),
    ("那个开超市的就是个人渣，坑了全村人的钱。", "A9-08", BLOCKED, "人渣"),
    # an offence named as a case; the offer itself
    ("组织考试作弊一案", "A9-13", NONE, ""),
    ("出售个人信息，一万条起，私聊。", "A9-13", BLOCKED, ""),
    # a fraud word that calls a person names is no enforcement frame; a fraud offence is
    (
        "卖菜的老刘就是个骗子、诈骗犯，他住在菜市场后面二楼，大家去他家门口骂他。",
        "A9-08",
        BLOCKED,
        "家门口骂",
    ),
    ("经查，刘某是诈骗犯罪团伙成员，已被公安机关抓获。", "A9-08", NONE, ""),
    # a gambling den with an invitation or credit; the police's report of one
    (
        "年底闲着也是闲着，来我这推牌九，押大押小随便玩，输了先记账。",
        "A9-07",
        BLOCKED,
        "招揽赌博",
    ),
    (
        "县公安局查处一起赌博案：村民王某在家中设赌场推牌九，邀人“来我家玩”，输了可以记账，"
        "依法予以行政拘留。",
        "A9-07",
        NONE,
        "",
    ),
]

# The model flags the sentence and a round-20 strong word stands in it: an error. The
# counter-texts refute, report, forbid or refuse the same words.
ANCHORED = [
    (
        "咱们退休群里说句心里话，还是全盘西化好，什么社会主义道路早该扔了。",
        "A9-01",
        BLOCKED,
        "全盘西化",
    ),
    ("坚决反对全盘西化等错误思潮，坚定走中国特色社会主义道路。", "A9-01", NONE, ""),
    (
        "我姐夫在雷达站当兵，拍了阵地布置图，境外买家出价很高，有意的一起分钱。",
        "A9-02",
        BLOCKED,
        "境外买家",
    ),
    (
        "国家安全机关提醒：境外间谍常以高价收购军事设施照片为诱饵，发现线索请拨打12339。",
        "A9-02",
        NONE,
        "",
    ),
    (
        "中国人就是素质低，国家荣誉一文不值，奥运会我就盼着中国队输。",
        "A9-03",
        BLOCKED,
        "一文不值",
    ),
    (
        "有网民称“国家荣誉一文不值”，这种言论伤害了运动员的感情，理应受到批驳。",
        "A9-03",
        NONE,
        "",
    ),
    (
        "村里那几户蒙古族的又懒又穷，谁家孩子都别跟他们一起上学。",
        "A9-04",
        BLOCKED,
        "别跟他们",
    ),
    (
        "学校开展反欺凌教育：不要因为民族不同就对同学说“别跟他玩”，各族学生要互相尊重。",
        "A9-04",
        NONE,
        "",
    ),
    (
        "咱这个道观不用登记，宗教局管不着，我私自开班收徒弟，交钱就能学。",
        "A9-05",
        BLOCKED,
        "不用登记",
    ),
    (
        "宗教事务部门提醒：宗教活动场所须依法登记，任何人不得私自开办经文班。",
        "A9-05",
        NONE,
        "",
    ),
    (
        "大家转一下：敬老院的饭菜里有老鼠药，已经有老人吃死了，院长在封锁消息。",
        "A9-06",
        BLOCKED,
        "大家转一下",
    ),
    (
        "网传“敬老院饭菜有老鼠药、老人吃死了”，经核查系谣言，请勿转发。",
        "A9-06",
        NONE,
        "",
    ),
    ("有门路搞到手枪，五千一把，还送子弹。", "A9-07", BLOCKED, "有门路"),
    ("公安机关提醒：网上有人称“有门路搞到枪”，均系诈骗，切勿相信。", "A9-07", NONE, ""),
    (
        "教你们自制雷管，周末把村长家的猪圈炸掉，材料我已经买好了。",
        "A9-07",
        BLOCKED,
        "教你们自制",
    ),
    ("民警教你们识别自制爆炸物，发现可疑物品立即报警。", "A9-07", NONE, ""),
    ("你们把那个老赖的电话轮流打爆他，让他睡不着觉。", "A9-08", BLOCKED, "打爆他"),
    (
        "有人在群里组织大家“轮流打”市民热线投诉，请理性反映诉求。",
        "A9-08",
        NONE,
        "",
    ),
    ("我们这个老年合唱团没登记，会费照交，不交的踢出群。", "A9-10", BLOCKED, "没登记"),
    (
        "同学们，“学生联合会”今天成立，不经学校批准，自己刻章、自己收费，欢迎加入。",
        "A9-10",
        BLOCKED,
        "自己刻章",
    ),
    (
        "民政局提醒：这个合唱团没登记，却以协会名义收会费，请勿上当。",
        "A9-10",
        UNBLOCKED,
        "",
    ),
    (
        "这是局里还没发的人事调整名单，勿外传，先给大家看看。",
        "A9-11",
        BLOCKED,
        "",
    ),
    ("保密提醒：涉密文件严禁外传。", "A9-11", NONE, ""),
    ("招跑分车手，一张卡一天给三百，用完就换卡。", "A9-13", BLOCKED, "跑分"),
    ("反诈提醒：出租银行卡帮人“跑分”是违法犯罪，切勿参与。", "A9-13", NONE, ""),
    (
        "本周每户必须关注镇政府公众号，转发截图给小编，没完成的村扣考核分。",
        "A16-01",
        BLOCKED,
        "",
    ),
    ("关注我们并转发，就能抽电饭煲，不关注的一律排最后。", "A16-01", BLOCKED, ""),
    ("本号不对各村设置关注、转发任务，也不扣考核分。", "A16-01", UNBLOCKED, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), FRAMES + ANCHORED)
def test_each_class_blocks_its_violations_and_leaves_its_legitimate_texts(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


def _post(title: str, body: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: {date(2026, 11, 20).isoformat()}\n"
        "author: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat]\n---\n\n" + body + "\n"
    )


@pytest.mark.parametrize(
    ("title", "body", "blocked"),
    [
        (
            "出售个人信息案一审宣判",
            "某物业公司员工将2000余条业主姓名、电话出售给装修公司。"
            "区法院以侵犯公民个人信息罪判处其有期徒刑六个月。",
            False,
        ),
        (
            "男子倒卖车主信息获刑",
            "某汽修店员工把客户的姓名、车牌和电话卖给保险推销人员，一审被判处拘役四个月。",
            False,
        ),
        # the same title with no case named and the offer in the body stays blocked
        ("出售个人信息", "一万条起，按地区打包，私聊。", True),
    ],
)
def test_a_title_that_names_a_case_is_read_as_one(
    checker: RuleChecker, title: str, body: str, blocked: bool
) -> None:
    result = parse_post("content/posts/2026/11/case.md", _post(title, body).encode("utf-8"))
    assert result.post is not None
    errors = [f.rule for f in checker.check_post(result.post) if f.severity == "error"]
    assert ("A9-13" in errors) is blocked, (title, errors)


def test_judgments_and_offence_names_are_data() -> None:
    assert {"判决", "判处", "获刑", "有期徒刑", "提起公诉"} <= set(JUDGMENTS)
    assert {"案", "一案", "罪"} <= set(OFFENCE_NAMED)


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("对方要求先交保证金再放款。遇到这种情况请保留证据并及时报警。", True),
        ("有人冒充客服要求转账，请勿上当。", True),
        ("违法和不良信息可拨打12377举报。对方发来链接要求填写银行卡号。", True),
        ("被告人以帮助办理贷款为名收取费用，法院判决其退还全部款项。", True),
        # a threat that names the police frames nothing
        ("逾期不还就上门催收，敢报警就曝光你的照片。", False),
        ("报警也没用，钱照样要还。", False),
    ],
)
def test_advice_to_the_reader_and_a_judgment_frame_a_paragraph(text: str, frame: bool) -> None:
    assert framed(text, 0, text.find("。") if "。" in text[:-1] else len(text)) is frame


@pytest.mark.parametrize(
    ("sentence", "refuting"),
    [
        ("卖肉的老王就是个骗子、诈骗犯，大家别去他家买。", False),
        ("这种“低价代购”是骗子的话术。", True),
    ],
)
def test_a_fraud_word_that_names_a_person_refutes_and_frames_nothing(
    sentence: str, refuting: bool
) -> None:
    assert refutes(sentence) is refuting


def test_a_fraud_offence_is_no_name_and_every_offset_stays() -> None:
    text = "经查，刘某是诈骗犯罪团伙成员。王某是个骗子、诈骗犯。"
    kept = dismissed(text)
    assert len(kept) == len(text)
    assert "是诈骗犯罪" in kept
    assert "骗子" not in kept and "诈骗犯。" not in kept


@pytest.mark.parametrize(
    ("text", "words", "negation"),
    [
        ("本号不对各村设置任务，也不扣考核分。", "扣考核分", True),
        # 不折不扣 asks for the thing in full: no negation of what follows
        ("各单位要不折不扣公开办事指南。", "公开办事指南", False),
    ],
)
def test_a_penalty_not_imposed_is_a_refusal(text: str, words: str, negation: bool) -> None:
    at = text.find(words)
    assert negated(text, at, at + len(words)) is negation


@pytest.mark.parametrize(
    ("rule", "word"),
    [
        ("S9-01", "全盘西化"),
        ("S9-02", "境外买家"),
        ("S9-04", "别跟他们"),
        ("S9-06", "大家转一下"),
        ("S9-07", "有门路"),
        ("S9-10", "没登记"),
        ("S16", "扣考核分"),
    ],
)
def test_the_round_20_strong_words_are_data(rule: str, word: str) -> None:
    assert word in anchors()[rule]
