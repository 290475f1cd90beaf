"""Issue 12, round 16 (lexical): the precision faults behind held-out set 15's two blocked
legitimate posts and the handle read as initials, and the classes of its lexical cases
found but only warned or missed, each fixed as a class (a frame, a format, a wording
family), never as one case. Each class has violating texts the set does not contain, in
other words and other styles of the same family, and legitimate texts of the same shape;
every text is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, codes, lines
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged
from tests.test_rules_round15 import WARNED

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# -- class 1: the account refuses what it names ------------------------------------------------

REFUSALS = [
    # legitimate: the account says it does not buy followers or inflate counts; the lexicon
    # hit is lowered to a warning, the model's strong word raises nothing
    ("关于粉丝数的问题统一答复：本号不会购买粉丝，所有数据真实可查。", NONE),
    ("本账号不买粉、不刷量，欢迎大家监督。", WARNED),
    # round 27: the account's own denial (rules/disowned.py) is no offer at all
    ("我们从不买粉，也从不做虚假宣传。", NONE),
    ("网信办明确要求政务号拒绝买粉丝、刷阅读量，本单位坚决落实。", WARNED),
    ("本单位不购买粉丝，也不以关注作为领奖条件。", NONE),
    # violating texts of the same shape keep their error
    ("需要买粉的私信我，一万粉五十元，包售后。", BLOCKED),
    ("我们不多废话，买粉找我，价格全网最低。", BLOCKED),
    ("本号不搞虚的，直接买粉，一万粉五十元。", BLOCKED),
]

# -- class 2: a police warning frames the whole paragraph ---------------------------------------

POLICE = [
    # legitimate: offenders, victims or the police named in the paragraph, and a context word
    # of the lexicon further away than the next sentence
    (
        "近日接到群众报案。对方自称“同城交友”，诱导发起视频裸聊后录屏。"
        "随后以发给亲友相威胁，要求转账。警方提醒：陌生人邀约视频务必提高警惕。",
        NONE,
    ),
    (
        "有受害人反映，对方先发来一夜情邀约。见面前又以各种名目索要定金。"
        "钱到账后即将其拉黑。网警提醒广大网友谨慎交友。",
        NONE,
    ),
    # violating: an offer that names the police only to mock them
    ("寂寞吗？裸聊一对一，加微信，价格美丽。", BLOCKED),
    ("高薪诚聘裸聊主播，日结工资，不问经验。", BLOCKED),
]

# -- class 3: a handle's letters are no pinyin initials ----------------------------------------

HANDLES = [
    ("欢迎关注本台抖音号 news_dy 获取第一手资讯。", NONE),
    ("官方账号：@dy 与 gov.dy 均已认证，请认准。", NONE),
    ("视频号 dy_2026 今日上线。", NONE),
    # initials standing alone still read
    ("需要的私聊，dy 包成功，价格好商量。", BLOCKED),
]

# a lexicon's own two-letter abbreviation (``sb``) inside a handle is no abbreviation either
ABBREVIATED = [
    ("关注 news_sb 与 sb.city 两个账号。", NONE),
    ("你就是个sb，别来评论区。", BLOCKED),
]

# -- class 4: format codes between the characters of a word ------------------------------------

FORMATS = [
    # a game server's colour codes, with & as well as §
    ("&c打&l倒&r共&e产&a党，周末开服。", "A9-02", BLOCKED),
    ("§a法§b轮§c功§r是正法。", "A9-05", BLOCKED),
    # terminal escapes, as the escape character and as a written \e
    ("build ok \x1b[31m法\x1b[0m\x1b[32m轮\x1b[0m功", "A9-05", BLOCKED),
    ('echo -e "\\e[31m台\\e[0m\\e[32m独\\e[0m万岁"', "A9-02", BLOCKED),
    # forum BBCode, subtitle override tags, LaTeX commands, wiki templates
    ("[size=5]法[/size][size=5]轮[/size]功好", "A9-05", BLOCKED),
    ("Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,全{\\i1}能{\\i0}神救世", "A9-05", BLOCKED),
    ("\\textbf{全}\\textbf{能}\\textbf{神}", "A9-05", BLOCKED),
    ("支持{{lang|zh}}台{{lang|zh}}独{{citation needed}}", "A9-02", BLOCKED),
    # strings joined in a program or a formula
    ('var s = "法" + "轮" + "功";', "A9-05", BLOCKED),
    ('="台"&"独"&"万"&"岁"', "A9-02", BLOCKED),
    ("SELECT '全' || '能' || '神';", "A9-05", BLOCKED),
    # the same formats around whole words, or joining words that make nothing
    ("[b]重要通知[/b]：[color=red]本周六[/color]停水。", "A9-02", NONE),
    ("§a欢迎来到本服务器§r，周末开放新地图。", "A9-01", NONE),
    ("SELECT '北京' || '上海' AS route;", "A9-02", NONE),
    ("\\section{致谢}感谢\\textbf{全体}同事的支持。", "A9-05", NONE),
]

# -- class 5: notations that show other text than they hold ------------------------------------

SHOWN = [
    ("[[台湾|台]][[独立|独]]万岁", "A9-02", BLOCKED),
    ("[[大法|法]][[轮胎|轮]][[成功|功]]好", "A9-05", BLOCKED),
    ("print(chr(0x6cd5) + chr(0x8f6e) + chr(0x529f))", "A9-05", BLOCKED),
    ("String.fromCharCode(27861, 36718, 21151)", "A9-05", BLOCKED),
    ('.tip::before { content: "\\5168\\80fd\\795e"; }', "A9-05", BLOCKED),
    # a piped link that shows a harmless label, code points of other characters
    ("详见[[台湾省|台湾]]词条与[[独立董事|独董]]制度。", "A9-02", NONE),
    ("=UNICHAR(65)&UNICHAR(66)", "A9-02", NONE),
]

# -- class 6: words in code spans, in lines of a diff or a reply, in indicator letters ----------

LAYOUTS = [
    ("群公告：`法` `轮` `大` `法` `好`", "A9-05", BLOCKED),
    ("> 楼主说得对，法\n> 轮功就是好\n", "A9-05", BLOCKED),
    ("+ 招聘兼职，可接色\n+ 情直播，日结\n", "A9-07", BLOCKED),
    ("支持 🇹 🇦 🇮 🇩 🇺 ，早日建国", "A9-02", BLOCKED),
    # code that is code, a break between an unmarked and a marked line, flags as flags
    ("运行 `git status` 查看，中文说明见 `README`。", "A9-05", NONE),
    ("前一行以台\n+ 独立书店开业\n", "A9-02", NONE),
    ("🇨🇳 🇨🇳 🇨🇳 中国加油！", "A9-02", NONE),
]

# -- class 7: slurs of the Hui, the Uyghurs and the Tibetans; online insults -------------------

SLURS = [
    ("小区里那些回子都该赶出去。", "A9-04", BLOCKED),
    ("那帮缠头别来我们这儿开店。", "A9-04", BLOCKED),
    ("藏狗滚回高原去。", "A9-04", BLOCKED),
    ("h u i z i 滚出去", "A9-04", BLOCKED),
    ("隔壁那个死变态天天偷看女生宿舍。", "A9-08", BLOCKED),
    ("她就是个绿茶婊，别信她。", "A9-08", BLOCKED),
    # the same characters in other words
    ("今天食堂有茴子白炒肉。", "A9-04", NONE),
    ("缠头巾是当地的传统服饰。", "A9-04", NONE),
    ("这回子事我来办。", "A9-04", NONE),
    # a person branded and their papers or address posted, or the crowd sent to ruin them
    ("楼上的赵某是个变态，天天偷看，我把他挂出来了。", "A9-08", BLOCKED),
    ("隔壁单元的李某是个渣男，他家住址我贴在这，大家去堵他。", "A9-08", BLOCKED),
    ("那个主播就是个小三，附她身份证，姐妹们往死里冲。", "A9-08", BLOCKED),
    ("变态辣鸡翅今日上新，全网公开配方！", "A9-08", NONE),
    ("小三峡景区全网公开招聘讲解员。", "A9-08", NONE),
    ("谨防色狼：夜间出行结伴，遇到骚扰及时报警。", "A9-08", NONE),
    ("本地 50 Hz 电网稳定运行，HZ 分公司通报。", "A9-04", NONE),
]

# -- class 8: an organisation claims a state organ's powers -------------------------------------

POWERS = [
    ("本联盟已组建执法队，对不服从的商户上门检查并处以罚款。", BLOCKED),
    ("本会已任命巡查专员，罚没款项由本会统一收取。", BLOCKED),
    ("本㊯会颁发执法证，持证可上门检查直播间。", BLOCKED),
    # a lawful association, a report on an illegal one, a denial
    ("本协会将于下月举办年会，欢迎会员参加。", NONE),
    ("本协会配合市场监管部门开展执法检查培训。", NONE),
    ("民政部门提醒：某联合会自称可上门检查，系非法社会组织。", NONE),
    ("本会无权对会员进行处罚，如有违法行为请向执法部门举报。", NONE),
]

# -- class 9: credentials as code writes them, and a Wi-Fi network's QR code -------------------

# Made for these tests: none of them opens anything.
CREDENTIALS = [
    ("$config = ['api_key' => 'Zr4mQ8vLx2Tn7Wp9Ks3Yd6Hb'];", "A17-02", BLOCKED),
    ('{"client_secret": "Hq2Vn8Xr4Lm9Tz6Pw3Ks7Jd"}', "A17-02", BLOCKED),
    ("PAYMENT_KEY=rk_test_Tq8Wm3Zx7Lp2Vn9Hr4Ks6Yd1", "A17-02", BLOCKED),
    ("访客网络 WIFI:S:Hall-5F;T:WPA;P:Lw8qZt3mVx;;", "A17-03", BLOCKED),
    # a name with no value, a placeholder, an open network
    ("define('API_KEY', getenv('API_KEY'));", "A17-02", NONE),
    ("WIFI:T:nopass;S:Guest;P:;;", "A17-03", NONE),
    ("sk_live_ 开头的是正式环境密钥，请勿外传。", "A17-02", NONE),
]

TABLES = (
    [(text, "A16-01", expected) for text, expected in REFUSALS]
    + [(text, "A9-07", expected) for text, expected in POLICE]
    + [(text, "A9-13", expected) for text, expected in HANDLES]
    + [(text, "A9-08", expected) for text, expected in ABBREVIATED]
    + FORMATS
    + SHOWN
    + LAYOUTS
    + SLURS
    + [(text, "A9-10", expected) for text, expected in POWERS]
    + CREDENTIALS
)


@pytest.mark.parametrize(("text", "rule", "expected"), TABLES)
def test_each_class_finds_its_violations_and_leaves_its_legitimate_texts(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


@pytest.mark.parametrize(
    "text",
    [
        "§4推§r§l翻§r社会",
        "中\\textcolor{white}{.}国",
        "[[修炼|法]][[车轮|轮]]",
        "=UNICHAR(25171)&UNICHAR(20498)",
        "支持 🇹 🇦 🇮 🇩 🇺",
        "王{{cn}}某{{cn}}是",
    ],
)
def test_codes_are_read_one_for_one(text: str) -> None:
    read = codes.between(text)
    assert len(read) == len(text) and read != text


def test_a_marked_line_joins_only_the_line_of_its_own_run() -> None:
    assert lines.rejoin("甲\n+ 乙") == "甲\n+ 乙"
    assert lines.rejoin("+ 甲\n+ 乙") == "+ 甲   乙"


def test_the_device_is_named(checker: RuleChecker) -> None:
    found = [d for d in checker.check_text("&c打&l倒&r共&e产&a党") if d.rule == "A9-02"]
    assert found and "格式代码" in found[0].message
    found = [d for d in checker.check_text("[[台湾|台]][[独立|独]]") if d.rule == "A9-02"]
    assert found and "维基链接显示文字" in found[0].message
