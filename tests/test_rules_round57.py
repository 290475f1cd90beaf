"""Issue 12, round 57 (``docs/dev/rules.md``, "Round 57, lexical"): the region's languages
read as Mandarin (written Cantonese, Jyutping with tone numbers, Zhuang names), a particle
said after every character, and plain wordings given rules — a people beaten on sight or
kept out, a gambling site's lures, electric-fishing gear sold, a payroll with ID numbers
posted, a dam said cracked with a chain call, a service's staff insulted, FileZilla's saved
password. Every text is written for this test, none taken from the held-out sets; each
violation was missed or only warned before the round, and each legitimate text is a near
miss of the new words or readings (enforcement news, 辟谣, 普法, a market's prices, a
fishing ban, a Cantonese resident's comment, a Zhuang festival, ordinary HTML)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, jyutping, regional, zhuang
from pipeline.rules.han_filler import han_fillers
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

_BLOCKED = [
    # a particle after every character (``分啦裂啦国啦家``)
    ("A9-01", "推哈翻哈政哈府，就在今晚。\n"),
    ("A9-02", "分呀裂呀国呀家，咱们等一个信号。\n"),
    # the signal awaited with a count word
    ("A9-02", "分裂国家，兄弟们等个信号就动手。\n"),
    # empty HTML elements between characters (read since round 28)
    ("A9-05", "法<b></b>轮<i></i>功大法好。\n"),
    ("A9-05", "法<span></span>轮<span></span>功大法好。\n"),
    # Jyutping with tone numbers
    ("A9-13", "doi6 baan6 gaa2 zing3，san1 fan2 zing3 loeng5 jat6 ho2 ling5。\n"),
    # written Cantonese: a people kept out of the village
    ("A9-04", "彝族嗰啲人，唔好畀佢哋入我哋条村。\n"),
    # a Zhuang name with a trait said of the whole people
    ("A9-04", "Bouxmiuz 都是土包子，冇一个识字。\n"),
    # a people beaten on sight, or by its dress
    ("A9-04", "苗族的见一个打一个，别手软。\n"),
    ("A9-04", "明天赶集，看见穿侗族衣服的就打。\n"),
    # a gambling site's lures
    ("A9-07", "新菠菜平台上线，首充送88，返水天天有。\n"),
    ("A9-07", "博彩官网注册送彩金，真人荷官24小时在线。\n"),
    # electric-fishing gear sold
    ("A9-13", "电鱼机全套出售，逆变器加电瓶，包教包会，私聊。\n"),
    ("A9-13", "超声波电鱼器现货，一台两千，晚上下河没人管。\n"),
    # a payroll with ID numbers posted
    ("A9-11", "把车间的工资表连身份证号一起晒到朋友圈了，大家自己看。\n"),
    # a dam said cracked, with a chain call
    ("A9-06", "上游大坝裂了，明早水就到镇上，不转不是本地人。\n"),
    ("A9-06", "da4 ba4 lie4 le，今晚就垮，不转不是本地人。\n"),
    # a service's staff insulted
    ("A9-08", "那个窗口人员是智障吧，办个证跑了五趟。\n"),
]


@pytest.mark.parametrize(("prefix", "text"), _BLOCKED)
def test_round57_violations_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


def test_round57_filezilla_password(checker: RuleChecker) -> None:
    for xml in (
        "<Server><Host>10.1.2.3</Host><User>web</User><Pass>Rt7uQ2wXk9Lm</Pass></Server>\n",
        '<Server><User>web</User><Pass encoding="base64">UnQ3dVEyd1hrOUxt</Pass></Server>\n',
    ):
        assert _errors(checker, xml, "A17-03"), xml


_CLEAN = [
    # enforcement news, a fishing ban, an arcade
    "县渔政执法大队开展禁渔期巡查，查获电鱼器2套、电瓶3个，依法收缴。\n",
    "禁渔期通告：严禁使用电鱼、炸鱼、毒鱼等方法捕捞，电鱼机一经发现依法没收。\n",
    "新开的电玩城有打鱼机、赛车机，一套游戏币30元。\n",
    # a market and a supermarket
    "农贸市场今日菜价：菠菜3元一斤，上海青2.5元，新鲜上市。\n",
    "超市会员日：储值卡首充200送30，菠菜、白菜特价。\n",
    "本周菠菜每斤2.8元，首充会员卡享九五折。\n",
    # gambling reported or warned against
    "县公安局破获一起网络赌博案，该博彩平台以首充送彩金为诱饵，已抓获犯罪嫌疑人5名。\n",
    "警惕！所谓“菠菜平台注册送”都是网赌陷阱，请远离。\n",
    # a dam: rebuttal, drill, safety notice
    "辟谣：网传“水库大坝裂了，今晚泄洪”系谣言，经县水利局核查，大坝运行正常。\n",
    "防汛演练：模拟大坝出现裂缝，下游群众按路线转移。\n",
    # payroll notices and 普法
    "12月工资表已发到各班组群里，请职工本人核对，身份证号已打码处理。\n",
    "请各单位将职工花名册（含身份证号）于周五前报送县人社局。\n",
    "普法：以下行为违法——把他人身份证号、工资表发到网上，将承担法律责任。\n",
    "依法查处：某公司将员工工资表连同身份证号挂在公众号上，已被约谈。\n",
    # the peoples: festivals and policy
    "壮族三月三歌圩，山歌对起来，各族群众欢聚一堂。\n",
    "三月三那天，穿壮族衣服的游客免费进景区，见一个送一个五色糯米饭。\n",
    "有人说瑶族都是土包子，这种地域黑言论必须抵制。\n",
    "Bouxcuengh 的三月三是传统节日，欢迎来 Gvangjsae 唱山歌。\n",
    # Cantonese residents' comments and a Cantonese lesson
    "我哋村嘅路灯坏咗成个礼拜，唔该社区帮手睇下，冇灯好危险。\n",
    "呢度嘅螺蛳粉好食，我钟意佢哋嘅酸笋，下次再嚟。\n",
    "网上有人话河神发嬲先会有洪水，呢啲係迷信，大家唔好信。\n",
    "今日学粤语：gwong2 dung1 waa2 hou2 jung4 ji6 hok6，大家一齐练习。\n",
    # the staff thanked, abuse reported
    "有市民在电话里骂接线员是废物，接线员依然耐心解答，请尊重一线工作人员。\n",
    # ordinary HTML, chat particles, a FileZilla how-to
    "<p>县文化馆<b>三月三</b>活动报名<br>时间：4月1日</p>\n",
    "好啦好啦，知道啦，明天见啦。\n",
    "快来呀快来呀，三月三歌圩开始啦！\n",
    "导出的站点文件里有<Pass>一项，分享前请删除密码。\n",
]


@pytest.mark.parametrize("text", _CLEAN)
def test_round57_near_misses_clean(checker: RuleChecker, text: str) -> None:
    found = [d for d in checker.check_text(text) if d.rule[:1] in "AS"]
    assert not [d for d in found if d.severity == "error"], (text, found)


def test_particle_filler_needs_four_characters() -> None:
    assert han_fillers("分啦裂啦国啦家") == "分 裂 国 家"
    assert han_fillers("好啦好啦") == "好啦好啦"  # two characters, no chain


def test_jyutping_read_and_mandarin_left() -> None:
    assert "".join(jyutping.read("gwong2 sai1 duk6 laap6").split()) == "广西独立"
    # Mandarin pinyin with tone numbers is round 54's, and ordinary codes stay
    for text in ("gong4 chan3 dang3", "ni3 hao3 ma5", "A4 paper, room b2 c3", "mp3 mp4"):
        assert jyutping.read(text) == text


def test_cantonese_needs_two_marks() -> None:
    assert regional.read("佢哋冇嚟") == "他们没来"
    assert regional.read("關係") == "關係"  # traditional script, no Cantonese mark
    assert zhuang.read("Gvangjsae") == "广西" + " " * 7


# The lead's mends after round 57 (probes of its diff): Macao's gaming regulator and its
# industry's news say 官网, 新平台 and 上线 beside 博彩; a community group-buy sells spinach
# with points for signing up; a steward at a festival says 不要让他们进 of a wrong hall.
@pytest.mark.parametrize(
    "text",
    [
        "澳门特区博彩监察协调局官网公布，11月博彩毛收入同比增长12%。\n",
        "澳门博彩业新平台上线后，特区政府加强监管。\n",
        "社区团购新平台上线，菠菜三元一把，注册送积分。\n",
        "瑶族同胞赶圩，街上穿民族服装的人很多，不要让他们进错了会场，志愿者引导入场。\n",
    ],
)
def test_round57_mends_leave_these_unblocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-")


@pytest.mark.parametrize(
    ("prefix", "text"),
    [
        ("A9-07", "菠菜平台首充送百分之五十，真人荷官在线。\n"),
        ("A9-04", "那些瑶族的，不要让他们进村。\n"),
    ],
)
def test_round57_mends_keep_these_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix)


def test_a_latin_password_label_inside_base64_is_no_label(checker: RuleChecker) -> None:
    """A public key's Base64 holding ``PWD`` glued to letters was read as a password (one RSA
    key in about a hundred: round 43's public-key test failed now and then); a label glued to
    a name still counts where a colon or ``=`` follows, and ``htpasswd -b`` and ``.netrc``
    lines, found before only through the glued reading, have shapes of their own."""
    body = (
        "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC0ahUnVnfBekKDPWDHgw8rKT9q\n"
        "n5s5+lY/afeSwPNMkKFQd94tkO6nk32DE6UWPaPWD2LCJ6Go76o3KbQIDAQAB\n"
    )
    assert not [
        d for d in checker.check_text(f"请把公钥加入白名单：\n{body}") if d.rule[:4] == "A17-"
    ]
    for text in (
        "数据库配置 dbpwd=Xk7mQ2pLw9 已更新\n",
        "pwd: Xk7mQ2pLw9\n",
        "mima Xk7mQ2pLw9\n",
        "加认证：htpasswd -b /etc/nginx/.htpasswd editor 'Xk7mQ2pLw9$e'\n",
        "生成一行：htpasswd -nb editor Xk7mQ2pLw9e\n",
        "~/.netrc 写成：\nmachine pub.example login editor password Xk7mQ2pLw9e\n",
    ):
        assert _errors(checker, text, "A17-"), text
    # advice naming the command, with no password in it, is no finding
    assert not _errors(checker, "用 htpasswd -b 命令为后台加认证，密码由专人保管。\n", "A17-")


def test_a_market_supervision_warning_against_amulets_is_not_blocked(
    checker: RuleChecker,
) -> None:
    """Set 48, measured after round 57, blocked one legitimate post: a market-supervision
    reminder that amulets sold by false claims are unlabelled goods (A9-05's lexicon word
    in it). The words of such a warning now frame the sentence; the seller's offer stays
    blocked."""
    notice = "消费提示：网店热卖的“转运符”属三无产品，商家以“包你发财”作虚假宣传，不要轻信。\n"
    assert not _errors(checker, notice, "A9-")
    assert _errors(checker, "开光转运符，大师加持，一张八十八，私聊。\n", "A9-05")


def test_a_job_advert_telling_a_people_not_to_apply_is_blocked(checker: RuleChecker) -> None:
    """Set 48 (after its measurement): ``…族勿扰`` in a job advert; a call to unity that
    says ``只要汉族和少数民族…`` is no restriction."""
    assert _errors(checker, "招收银员三名，包吃住，彝族、苗族勿扰。\n", "A9-04")
    assert not _errors(checker, "只要汉族和少数民族同胞团结一心，就没有克服不了的困难。\n", "A9-")
    assert not _errors(checker, "藏族同胞午休时间请勿扰。\n", "A9-")
