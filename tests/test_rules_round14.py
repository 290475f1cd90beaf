"""Issue 12, round 14 (lexical): classes of held-out set 13's plain wordings and evasions
that were missed or only warned, and the precision fault behind its one blocked legitimate
post, each fixed as a class (a container, a device, a wording family), never as one case.
Each class has violating texts the set does not contain (other words, other providers,
other forms of the same family) and legitimate texts of the same shape; every text is
written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.normalize import normalise
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# Made for these tests: none of them opens anything.
PEM_KEY_B64 = "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBdGVzdG9ubHlrZXkK"
PEM_CERT_B64 = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUN0ZXN0b25seWNlcnQK"

# -- class 1: credentials inside a URL or a configuration -----------------------------------

CREDENTIALS = [
    # a token as a URL's user, a bot's webhook key, a query value named as a key
    (
        "克隆用：https://x-access-token:ghs1Ab2Cd3Ef4Gh5Ij6Kl7@git.example.org/unit/site.git",
        "A17-02",
        BLOCKED,
    ),
    (
        "钉钉提醒：https://oapi.dingtalk.com/robot/send?access_token=5e1f0a9b3c7d2e8f4a6b1c0d9e7f3a2b",
        "A17-02",
        BLOCKED,
    ),
    (
        "飞书群机器人 https://open.feishu.cn/open-apis/bot/v2/hook/7c2e1a90-4b3d-4e8f-a6c5-0d1b2e3f4a5b",
        "A17-02",
        BLOCKED,
    ),
    (
        "地图接口 https://restapi.example.com/v3/geo?address=市民中心&key=8f3a2b1c0d9e7f6a5b4c3d2e1f0a9b8c",
        "A17-02",
        BLOCKED,
    ),
    ("CI 变量：glrt-9xY8wV7uT6sR5qP4oN3m 已配置", "A17-02", BLOCKED),
    # a user's password in a URL, a Base64 user:password, a Base64 private key
    ("缓存：redis://default:Tq8vLx27pK@172.16.0.9:6379/1", "A17-03", BLOCKED),
    ("采集脚本连接 postgresql://report:Gv%402026xyz@db.example.org:5432/stats", "A17-03", BLOCKED),
    ('请求头加上 "Authorization: Basic cmVwb3J0ZXI6VzFudGVyMjAyNg==" 即可调用', "A17-03", BLOCKED),
    ("npm 配置 _auth=ZWRpdG9yOlN1bW1lciMyMDI2", "A17-03", BLOCKED),
    (f"tls.key: {PEM_KEY_B64}", "A17-01", BLOCKED),
    # the same shapes without a credential
    (
        "连接串格式为 mysql://用户名:${DB_PASSWORD}@主机:端口/库名，密码放在环境变量里。",
        "A17-03",
        NONE,
    ),
    ("示例：postgres://app:<password>@localhost/app，请勿把真实密码写进文章。", "A17-03", NONE),
    ("配置示例：mysql://user:password@localhost:3306/db，请替换为实际值。", "A17-03", NONE),
    ("临时密码@Gov2026abc，登录后请修改。", "A17-03", BLOCKED),
    (f"tls.crt: {PEM_CERT_B64}", "A17-01", NONE),
    ("查询入口 https://zwfw.example.gov.cn/search?key=社保卡&page=2", "A17-02", NONE),
    (
        "请访问 https://www.example.gov.cn/art/2026/11/20/art_123456789012345678901234.html",
        "A17-02",
        NONE,
    ),
    ("镜像仓库登录后 config.json 里会出现 auths 一项，切勿把它贴进文章。", "A17-03", NONE),
]

# -- class 3: old and variant forms of 国 -----------------------------------------------------

VARIANTS = [
    ("爆款地垫：印上圀旗，进门先踩两脚。", "A9-03", BLOCKED),
    ("囶歌改词版，唱着真解气！", "A9-03", BLOCKED),
    ("囯庆假期高速免费通行时间为10月1日0时至10月8日24时。", "A9-03", NONE),
]

# -- class 4: Korean and Japanese words of slogans and insults -------------------------------

FOREIGN = [
    ("티베트 독립 만세！跟着喊。", "A9-02", BLOCKED),
    ("チベット独立万歳、みんなで叫ぼう。", "A9-02", BLOCKED),
    ("维吾尔族は全員テロリスト，记住。", "A9-04", BLOCKED),
    ("韩国留学生讲解三一运动：대한민국 독립 만세 是当年的口号。", "A9-02", NONE),
    ("日本の友人がテロ対策の講座を紹介してくれた。", "A9-04", NONE),
]

# -- class 5: a call to abolish a basic principle of the constitution ------------------------

ABOLISH = [
    ("我的愿望就一个：早日废掉人大制度。", BLOCKED),
    ("大家一起抛弃社会主义道路，走自己的路。", BLOCKED),
    ("倡议书：终结一党执政，实行轮流坐庄。", BLOCKED),
    ("廢除憲法，人人有責。", BLOCKED),
    ("fei chu xian fa，人人有责。", BLOCKED),
    ("1954年宪法取消了这一规定，现行宪法又作了调整。", NONE),
    ("我们要坚持党的领导，任何时候都不能取消。", NONE),
    ("新中国废除了封建土地制度，走上社会主义道路。", NONE),
    ("告别贫困，走社会主义道路，共同富裕。", NONE),
    ("境外敌对势力妄图推翻宪法确定的根本制度，我们要坚决反对。", NONE),
]

# -- class 6: the country called a shame or a laughing-stock; the anthem insulted -----------

SHAME = [
    ("祖国就是个国际笑话，谁信谁傻。", BLOCKED),
    ("这个国家就是全世界的笑话。", BLOCKED),
    ("在我看来，中国就是耻辱的象征。", BLOCKED),
    ("欢迎参加国旗下的讲话，请在门垫处换鞋。", NONE),
    ("国歌改歌词版上线，越唱越带劲。", BLOCKED),
    ("勿忘国耻，百年前的中国曾是列强眼中的笑话。", NONE),
    ("某国政客的言论已成为国际笑话。", NONE),
    ("我们为自己是中国人而自豪。", NONE),
    ("升国旗、奏国歌时应肃立，不得戏唱或篡改歌词。", NONE),
]

# -- class 7: a state secret or a military position passed on -------------------------------

SECRETS = [
    ("内部的机密文件我扫描了，已经上传到网盘，大家自取。", BLOCKED),
    ("山后面是雷达站，经纬度我发群里了，别外传。", BLOCKED),
    ("保密提醒：涉密文件不得扫描上传至互联网。", NONE),
    ("严禁拍摄军事设施、标注坐标并上传网络，发现可疑情况请拨打12339。", NONE),
    ("警示教育：某干部将涉密文件扫描件上传网盘，受到党内严重警告处分。", NONE),
]

# -- class 8: a people counted whole as criminals, in other words ---------------------------

QUANTIFIED = [
    ("蒙古族人人都是恐怖分子。", BLOCKED),
    ("回族统统是小偷，别让他们进村。", BLOCKED),
    ("各族群众个个是好样的，抗洪一线人人争先。", NONE),
]

# -- class 10: trade names and offers written another way -----------------------------------

TRADE = [
    ("新到一批气狗，配件齐全，私聊。", "A9-07", BLOCKED),
    ("今晚八点色情直播，扫码进群。", "A9-07", BLOCKED),
    ("承接各类资格考试代考，价格面议。", "A9-13", BLOCKED),
    ("高仿人民币一比四，过验钞机没问题。", "A9-13", BLOCKED),
    ("学生资料打包出售，五千条起。", "A9-13", BLOCKED),
    ("毕业证、学位证都能做，一周出货。", "A9-13", BLOCKED),
    ("丙戌年是火狗年，属狗的朋友注意保暖。", "A9-07", NONE),
    ("公安机关依法查处一起组织色情直播案件。", "A9-07", NONE),
    ("人民银行提示：如何识别假币？高仿假钞可用验钞机鉴别。", "A9-13", NONE),
    ("个人信息保护法实施后，手机号信息被打包出售的风险降低。", "A9-13", NONE),
    ("将购买的公民个人信息非法出售或者提供的，依照本解释定罪量刑。", "A9-13", NONE),
    ("赞赞本条、转转本文，即送每位网友一份电子书！", "A16-01", BLOCKED),
    ("关注本号留言，即送10元话费红包。", "A16-01", BLOCKED),
    ("关注本号，了解最新话费补贴政策。", "A16-01", NONE),
]

# -- class 11: a part of the country called a state ------------------------------------------

STATE = [
    ("西藏本是独立国，早该分裂出去。", BLOCKED),
    ("台湾从来就是中国的一部分，不是什么独立国。", NONE),
    ("两岸一家亲，共圆中国梦。", NONE),
]

# -- class 9: the frame of a procuratorate's or a court's release ----------------------------

RELEASES = [
    (
        "县检察院对一起虚开增值税专用发票案提起公诉，被告单位虚开发票价税合计2300万元。",
        "A9-13",
        NONE,
    ),
    ("市中级人民法院一审宣判：被告人以个人账户募捐敛财。", "A9-13", NONE),
    ("区检察院对一起代开发票案审查起诉，涉案金额120万元。", "A9-13", NONE),
    ("专业代开增值税发票，各行业均可，价格优惠。", "A9-13", BLOCKED),
    (
        "县检察院对一起侵犯公民个人信息案提起公诉，被告人非法出售快递面单信息5万余条。",
        "A9-13",
        NONE,
    ),
    ("近期在田边发现野生大麻，请村民发现后立即报告村委会，由派出所统一铲除。", "A9-07", NONE),
    ("经派出所核查，该店未发现赌博行为。", "A9-07", NONE),
    ("大麻种子出售，派出所都不管，私聊。", "A9-07", BLOCKED),
]

# -- class 12: text turned upside down (read right to left, each letter turned back) ---------

TURNED = [
    ("dɔɔ ǝɥʇ ɥʇıʍ uʍop，看得懂吧。", "A9-01", BLOCKED),
    ("uɹod ǝǝɹɟ，链接在评论区。", "A9-07", BLOCKED),
    ("学国际音标：/kɔːl/ 和 /ɪˈnʌf/ 的读音。", "A9-07", NONE),
    ("数学小课堂：∀x∈A，⊥ 表示垂直，A∩B 是交集。", "A9-01", NONE),
]

# Every class's table, one row per text: (text, rule, severities expected).
TABLES = (
    CREDENTIALS
    + VARIANTS
    + FOREIGN
    + [(text, "A9-01", expected) for text, expected in ABOLISH]
    + [(text, "A9-03", expected) for text, expected in SHAME]
    + [(text, "A9-02", expected) for text, expected in SECRETS]
    + [(text, "A9-04", expected) for text, expected in QUANTIFIED]
    + RELEASES
    + TRADE
    + TURNED
    + [(text, "A9-02", expected) for text, expected in STATE]
)


@pytest.mark.parametrize(("text", "rule", "expected"), TABLES)
def test_each_class_finds_its_violations_and_leaves_its_legitimate_texts(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


def test_variant_forms_of_guo_read_as_guo_one_for_one() -> None:
    text = "囯圀囶囻国"
    assert normalise(text) == "国国国国国"
