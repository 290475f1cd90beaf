"""Issue 12, round 62 (``docs/dev/rules-figures.md``, "Round 62"): device families built
from sets 7–51's misses to read the device in general rather than the case's words —
short runs of pinyin under ROT13 or Atbash set in Chinese text
(:func:`pipeline.rules.shifted.views`); the Polybius square and the tap code with words
apart by slashes (:func:`pipeline.rules.digit_codes.letters`); in the language table
(``languages.yml``) two names of contempt joined in any of its languages, a document said
to have leaked, and words of the table's core families in Polish, Korean and Romanian; an offence
declared no crime (``不是罪``, ``不算犯罪``: :data:`pipeline.rules.rule_kinds.excuses._DENIED`);
the secrecy label as the heading of what it stamps, and every prohibition of passing on read
as the label (``a09-11-leaks.yml``); the foundations refused in other verbs than 反对
(``system-refused`` in ``a09-political.yml``); the law shrugged off by the offender, one
vocabulary for every owned offence (``vocabularies/shrugs.yml``); a spy named as the buyer
(``卖给境外间谍``) excuses nothing (:data:`pipeline.rules.rule_kinds.excuses._SOLD_TO`); the
religion policy called persecution (``religious-policy-mocked``). Every text is written for this test, none taken
from a held-out set; each violation was missed or only warned before the round, and each
legitimate text is a near miss of the same surface (English words, names, brands, model
numbers and links set in Chinese; rooms, scores, rotas and votes in number pairs)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, digit_codes, shifted
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (rule prefix, text): each family's violations, in wordings of this test's own.
_BLOCKED = [
    # ROT13 or Atbash, short runs set in Chinese
    ("A16-01", "本月任务：znvsra 三万，完成有奖。\n"),  # ROT13 maifen
    ("A16-01", "各科室 znvsra 两千，fuhn lhrqh 一万。\n"),  # ROT13 maifen, shua yuedu
    ("A9-03", "周末约好了：hszl tfljr，就在广场上。\n"),  # Atbash shao guoqi
    ("A9-03", "清明去广场 hszl tfljr，一起拍视频。\n"),
    # the Polybius square and the tap code, words apart by slashes
    ("A9-02", "敲给你听：53 24 33 24 24 11 33 22 / 14 45 31 24，记住了。\n"),  # J as 24
    ("A9-02", "敲三下停一下：44 11 24 52 11 33 / 14 45 31 24，懂的转。\n"),
    # the language table: two names of contempt joined, a leak, a Spanish dam
    ("A9-08", "城管队那个姓刘的 to złodziej i łajdak, niech wszyscy wiedzą.\n"),
    ("A9-08", "社区主任老赵 — вор и подонок, 大家小心。\n"),
    ("A9-08", "那个所长 개새끼, 병신 같은 놈, 大家转。\n"),
    ("A9-08", "Radny 李 to kłamca i łobuz, 村里都知道。\n"),
    ("A9-11", "내부 회의 자료 유출: 下月拆迁名单在这里。\n"),
    ("A9-06", "Hoy la presa se rompió en 河口镇 y el gobierno lo oculta. ¡Difundan!\n"),
    # an offence declared no crime: the excuse ``罪`` denied
    ("A9-02", "分裂国家不是犯罪，大家一起干。\n"),
    ("A9-02", "颠覆政权不算犯罪，大家一起干。\n"),
    # the secrecy label as a heading, or defied with a download link
    ("A9-11", "街道内部纪要，不准外传：下周起三个小区停发补贴，名单暂不公开。\n"),
    ("A9-11", "内部会议纪要，不得外传：局里定了明年裁撤两个科室。\n"),
    ("A9-11", "刚拍到的内部纪要，不许外传，网盘链接私信发。\n"),
    # the foundations refused in other verbs than 反对
    ("A9-01", "拒绝社会主义制度，我们要自己选议会。\n"),
    ("A9-01", "这个社团章程写明不接受党的领导，会员只听会长的。\n"),
    ("A9-01", "我们小区业委会不承认现行宪法，自己定规矩。\n"),
    # the offence owned and shrugged off (``$shrugs``)
    ("A9-02", "偷拍营区的照片卖给外面的人，泄露军事秘密又怎么样，给钱就拍。\n"),
    ("A9-09", "拉上全村去堵镇政府大门，非法集会谁管得着，法不责众。\n"),
    ("A9-03", "损害国家利益换点钱，谁管得了，我又不是公务员。\n"),
    # the spy named as the buyer
    ("A9-02", "手里有军工厂的机密图纸，卖给境外间谍也行，价高者得。\n"),
    # the religion policy called persecution
    ("A9-05", "宗教政策是打压，大家别去登记。\n"),
    ("A9-05", "说白了宗教政策就是镇压，信众自己办活动。\n"),
    ("A9-05", "老办法敲墙：21 11 31 45 33 / 22 34 33 22 / 14 11 21 11 / 23 11 34，周三一起练。\n"),
]


@pytest.mark.parametrize(("prefix", "text"), _BLOCKED)
def test_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


_LEGITIMATE = [
    "系统 crash 了，further 排查中，trash 文件已清理。\n",
    "Nathan 先生和 Crater Lake 代表团来访，wherever 他们去都受欢迎。\n",
    "型号 ABX-2000，序列号 qzmfc7，哈希 9f8e7d，网址 https://example.com/zvamh\n",
    "新款 Mate 手机和 Xiaomi 平板，Huawei 发布会，Honor 品牌。\n",
    "欢迎 Anna、Maria、Svoboda 教授来访，讲座主题 Gnome 与 KDE。\n",
    "本次培训介绍 Python、Linux 和 Docker，报名请登录 gov.example.cn。\n",
    "市图书馆新到 Harry Potter、Sherlock Holmes 英文原版，欢迎借阅。\n",
    "请在 Excel 表格里填写 name、phone、email 三列，周五前提交。\n",
    # number pairs of one to five apart by slashes: rooms, scores, rotas, votes
    "房号 11 12 13 / 21 22 23 / 31 32 33 已分配。\n",
    "成绩：35 41 / 22 15，名次 43 23 / 15 33，总分 54 34 45 53。\n",
    "考场 15 24 / 33 22 / 45 11 / 34 13，共 5 组。\n",
    "日期 12/25、11/30，比例 1/2，分机 22 34 33 22 / 21 11。\n",
    "本周值班表：周一 23 15 / 周二 22 34 / 周三 33 22 / 周四 31 24。\n",
    "投票结果 21 11 / 31 45 / 33 22，有效票 34 33 / 22 11。\n",
    # foreign words of the same surface: crime news, a film, a tale, a leak prevented
    "Policja zatrzymała złodzieja i oszusta z 城东区.\n",
    "La presa de 三峡 genera electricidad; el gobierno publica los datos. ¡Compartan la buena noticia!\n",
    "A suspeita foi presa ontem em 里斯本.\n",
    "내부 회의에서 논의한 결과를 오늘 공개합니다. 欢迎关注。\n",
    "내부 회의 자료 유출을 방지하기 위해 보안 교육을 실시합니다。\n",
    "개인정보 유출 예방 교육을 실시합니다，请各单位参加。\n",
    "Вор и мошенник задержан полицией, 城南派出所通报。\n",
    "Der Direktor 王 ist dran, Prost auf das neue Jahr!\n",
    "시장 쓰레기 처리 시설이 새로 문을 열었습니다。\n",
    "Świnia i krowa to bohaterowie bajki dla dzieci, 图书馆推荐。\n",
    "The Thief and the Liar is a new film at the 市文化馆 cinema.\n",
    "Złodziej i kłamca to nowa książka w 市图书馆.\n",
    # the crime named in court news, 普法 and a rebuttal
    "法院依法宣判：分裂国家是重罪，被告被判处有期徒刑。\n",
    "普法：分裂国家不是小事，是严重犯罪。\n",
    "有人说分裂国家不是罪，这种谬论必须批驳。\n",
    "颠覆国家政权罪不是普通的罪名，普法课上老师讲了三个案例。\n",
    # meeting minutes published, a secrecy reminder, a consultation draft
    "保密提醒：会议纪要不得外传：违者追责。\n",
    "本次会议纪要经审定后在官网公开，欢迎监督。\n",
    "会议纪要不要外传，下载链接已撤回，请各单位注意保密。\n",
    "2025年工作会议纪要下载链接：见官网公开栏目。\n",
    "征求意见稿全文及下载链接见附件，欢迎社会各界提出意见。\n",
    # the refusal's verbs in a conditional, a rebuttal, a party member's conduct
    "拒绝党的领导的错误言论必须批驳。\n",
    "新兵拒绝马克思主义理论课的请假申请被驳回。\n",
    "他拒绝共产党员的身份带来的特权，主动退回补贴。\n",
    "任何组织都不能不接受党的领导，这是宪法规定。\n",
    "敌对势力鼓吹拒绝党的领导，我们要坚决批驳。\n",
    # the shrug quoted, explained or answered
    "楼道堆物没人管，请物业尽快处理。\n",
    "非法集会怎么了？律师为您解读集会游行示威法。\n",
    "教唆犯罪怎么认定？普法小课堂告诉你。\n",
    "泄露军事秘密又怎么样？依法将被追究刑事责任。\n",
    "出卖国家利益的人以为谁管得着？法律管得着！\n",
    "有人说非法集会又怎么样，法不责众，这是错误认识。\n",
    "军事秘密无小事，看到可疑拍摄请举报。\n",
    # the spy in a warning and a court report
    "某研究员把军工图纸卖给境外间谍，被依法判处有期徒刑。\n",
    # the religion policy explained, the smear rebutted
    "境外反华势力污蔑我国宗教政策是迫害，外交部予以驳斥。\n",
    "我国宗教政策保障宗教信仰自由，所谓宗教迫害纯属造谣。\n",
    "宗教政策的核心是保护合法、制止非法、打击犯罪。\n",
]


@pytest.mark.parametrize("text", _LEGITIMATE)
def test_legitimate(checker: RuleChecker, text: str) -> None:
    assert not checker.check_text(text), text


def test_square_words_apart_by_slashes_are_one_word() -> None:
    read = digit_codes.letters("敲：21 11 31 45 33 / 22 34 33 22，完")
    assert read.startswith("敲：falungong ") and len(read) == len(
        "敲：21 11 31 45 33 / 22 34 33 22，完"
    )


def test_short_run_needs_han_beside_it() -> None:
    """A short run in Latin text alone is not read (its neighbours are no Chinese)."""
    text = "see znvsra and more"
    assert shifted.views(text) == (text, text)


# After set 52's measurement (a training set now): the account's own statement, by its own
# name (``…发布``) and denying a demand together with its condition (``要求关注后才能查看``),
# disowns what it names; the same words turned into an offer keep their finding.
_DISOWNED = [
    "河湾发布从未委托任何机构“代涨粉”“刷阅读量”，也不会要求网友关注后才能查看政务信息。\n",
    "本账号从未委托任何公司买粉丝、刷阅读量，也不会要求市民关注后才能办理业务。\n",
    "河湾发布郑重声明：本号从不强制要求关注，也不会要求转发后才能报名。\n",
]
_STILL_OFFERS = [
    ("本号从不刷阅读量，也不会要求关注，私信就能买粉丝。\n", "A16-01"),
    ("我们从不刷量，但可以帮你买粉丝。\n", "A16-01"),
]


@pytest.mark.parametrize("text", _DISOWNED)
def test_own_statement_by_name_and_a_denied_demand(checker: RuleChecker, text: str) -> None:
    assert not checker.check_text(text), text


@pytest.mark.parametrize(("text", "prefix"), _STILL_OFFERS)
def test_an_offer_after_a_denial_keeps_its_error(
    checker: RuleChecker, text: str, prefix: str
) -> None:
    assert _errors(checker, text, prefix), text


# After set 52's measurement: a versioned API key by its name (WeChat Pay's APIv3 key).
@pytest.mark.parametrize(
    "text",
    [
        'pay:\n  mch-id: "1900000109"\n  api-v3-key: "Rk3vQ8mN2pL7xT5wY9bH4jC6dF1sG0zA"\n',
        "商户平台的 APIv3密钥：Rk3vQ8mN2pL7xT5wY9bH4jC6dF1sG0zA，别外传。\n",
    ],
)
def test_versioned_api_key(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A17-02"), text


def test_versioned_api_key_advice_is_clean(checker: RuleChecker) -> None:
    text = "请在商户平台设置 APIv3 密钥，长度为32位，由数字和大小写字母组成，设置后请妥善保管。\n"
    assert not checker.check_text(text)


# After set 52's measurement: the city called a swindlers' town and whoever comes fleeced
# (sets 46, 50, 51 and 52); a rumour rebutted, a clean-up reported and a crowd warning are not.
@pytest.mark.parametrize(
    "text",
    [
        "河湾就是个骗子城，来旅游的都被宰，谁来谁倒霉。\n",
        "这城里的人没一个好的，来了就挨宰。\n",
        "河湾就是个烂泥坑，来了别想走。\n",
    ],
)
def test_region_smear(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-11"), text


@pytest.mark.parametrize(
    "text",
    [
        "网传“河湾是骗子城，谁来谁倒霉”，经核实系谣言。\n",
        "市场监管局查处宰客商户，游客反映来旅游的都被宰的问题已整改。\n",
        "施工路段雨后成了烂泥坑，市民近期别来这里散步。\n",
        "警方端掉一个骗子窝点，提醒市民陌生来电千万别信，谁信谁吃亏。\n",
    ],
)
def test_region_smear_near_misses(checker: RuleChecker, text: str) -> None:
    assert not checker.check_text(text), text
