"""Issue 12, round 13 (lexical): classes of held-out set 12's plain wordings and evasions
that were missed or only warned, each fixed as a class (a container, a device, a wording
family), never as one case. Each class has violating texts and legitimate texts of the same
shape; every text is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.normalize import compact, edge_leet, normalise
from pipeline.rules.view import Squeezed
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


# -- class 1: a private key in the containers it travels in ----------------------------------

KEY_HEX = "3c1f0a9be27d4458a6f0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c"
KEY_B64 = "Qm9vdHN0cmFwS2V5Rm9yVGVzdHNPbmx5MTIzNDU2Nzg5MGFiY2RlZg=="
PRIVATE_KEYS = [
    (
        "值班移交：\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGZx0aQBCAC7\n"
        "-----END PGP PRIVATE KEY BLOCK-----\n",
        BLOCKED,
    ),
    (f"网关配置：\ngateway.ecc.private_key = {KEY_HEX}\n", BLOCKED),
    (f"新同事请收好，签名私钥：{KEY_B64}\n", BLOCKED),
    (
        "转换好的密钥：<RSAKeyValue><Modulus>x2Fh0Qm9vdHN0cmFwS2V5</Modulus>"
        "<Exponent>AQAB</Exponent><D>Rm9yVGVzdHNPbmx5MTIzNDU2Nzg5</D></RSAKeyValue>\n",
        BLOCKED,
    ),
    (
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\n"
        "AAAAC3NzaC1lZDI1NTE5\nPrivate-Lines: 1\nAAAAIHJvdW5kMTNrZXk=\n",
        BLOCKED,
    ),
    # The same shapes without a key: teaching, a public key, a path, a PGP public block.
    ("科普：私钥是只由持有人保管的密钥，公钥可以公开，私钥一旦外泄须立即吊销。\n", NONE),
    ("配置说明：private-key 一项填写私钥文件的路径 keys/sm2.pem，不要写私钥本身。\n", NONE),
    (
        "公钥 XML：<RSAKeyValue><Modulus>x2Fh0Qm9vdHN0cmFwS2V5</Modulus>"
        "<Exponent>AQAB</Exponent></RSAKeyValue>\n",
        NONE,
    ),
    ("请导入以 -----BEGIN PGP PUBLIC KEY BLOCK----- 开头的公钥，核对指纹后使用。\n", NONE),
]


# -- class 2: letters and digits in other forms inside a credential ---------------------------

CREDENTIAL_FORMS = [
    ("后台口令改成了：🅻🅿🆀 + 5️⃣0️⃣8️⃣2️⃣ + !，照着输就能登录。", "A17-03", BLOCKED),
    ("管理员密码：𝐑𝐢𝐯𝐞𝐫𝟐𝟎𝟐𝟔，别外传。", "A17-03", BLOCKED),
    # The same forms in ordinary posts: a parking sign, a keycap list, a styled title.
    ("地下车库🅿️入口在东门，忘记密码请到物业前台重置。", "A17-03", NONE),
    ("办事指南：1️⃣ 带身份证 2️⃣ 取号 3️⃣ 等候叫号。", "A17-03", NONE),
    ("本周推荐：𝐑𝐞𝐚𝐝𝐢𝐧𝐠 𝐃𝐚𝐲 读书日活动。", "A17-03", NONE),
]


def test_the_squeezed_view_keeps_offsets_and_case() -> None:
    original = "口令：🅺𝐭3️⃣"
    squeezed = Squeezed(original)
    assert squeezed.text == "口令:Kt3"
    start, end = squeezed.span(3, 6)
    assert original[start:end].startswith("🅺𝐭3")


def test_spaces_between_english_words_are_no_disguise(checker: RuleChecker) -> None:
    note = "（已识别插入空格或全角写法）"

    def messages(text: str) -> list[str]:
        return [d.message for d in checker.check_text(text) if d.rule.startswith("A17")]

    header = "交接：\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAuZgRsIZKCa\n"
    assert messages(header) and not any(note in m for m in messages(header))
    assert all(note in m for m in messages("p a s s w o r d: Xk29fjq81"))
    assert all(note in m for m in messages("密 码：Abc12345x"))
    assert messages("p a s s w o r d: Xk29fjq81") and messages("密 码：Abc12345x")


# -- class 3: leet digits at a Latin word's edge ----------------------------------------------

EDGE_LEET = [
    ("Fr33 H0ng K0ng，就现在！", "A9-02", BLOCKED),
    ("T41wan 1ndependence 万岁。", "A9-02", BLOCKED),
    # Model numbers and names with digits stay as they are.
    ("5G 基站建设进度：G20 峰会场馆周边已覆盖，mp3 与 mp4 格式的宣传片可下载。", "A9-02", NONE),
    ("COVID19 疫苗接种点：win10 电脑请用新版浏览器预约，a4 纸打印回执。", "A9-07", NONE),
]


def test_edge_leet_is_read_in_the_compacted_view_only() -> None:
    assert edge_leet("fr33 t1bet 1ndependence") == "free t1bet independence"
    for kept in ("5g", "a4", "g20", "covid19", "qq12345", "h5n1", "tel 12345"):
        assert edge_leet(kept) == kept
    assert normalise("Fr33") == "fr33"  # the semantic layer's text is unchanged
    assert compact(normalise("Fr33 T1bet")).text == "freetibet"


# -- class 4: a symbol repeated between characters, and Greek capitals inside a Latin word ---

SYMBOL_FILLERS = [
    ("打⊕倒⊕共⊕产⊕党，就在今晚。", "A9-02", BLOCKED),
    ("Frᴇᴇ ΤΙBΕΤ and FRΕΕ ΗΟΝG ΚΟΝG", "A9-02", BLOCKED),
    # The same shapes in ordinary posts: a flow written with arrows, a Greek word, a formula.
    ("办理流程：申→审→批→办，材料齐全当场办结。", "A9-02", NONE),
    ("希腊文化周：ΝΑΤΟ 一词源自英文缩写，Υ 是希腊字母。", "A9-02", NONE),
]


def test_a_repeated_symbol_is_a_filler_and_capitals_read_as_drawn() -> None:
    assert compact(normalise("中⊕华⊕民⊕族")).text == "中华民族"
    assert compact(normalise("申→审→批")).text == "申→审→批"  # two arrows: no chain
    assert normalise("CΗΙΝΑ ΝΑΤΟ") == "china νατο"  # a Greek word stays Greek


# -- class 5: an unregistered organisation that says so and carries on -------------------------

UNREGISTERED = [
    ("“西湖区业主互助总会”成立，本会未经民政部门登记，照样对外收取管理费。", BLOCKED),
    ("以“华夏文旅促进会”名义招商，收取合作保证金，该会从未在任何部门登记。", BLOCKED),
    ("青年创客联合会：我会虽未在民政部门登记，例会照开，理事费照收。", BLOCKED),
    # The same words in legitimate posts: a warning, legal drafting, a free volunteer team,
    # a registered association, a chamber that never defaulted.
    ("民政局提醒：未经民政部门登记，以社会组织名义收取会费的，属于非法社会组织活动。", NONE),
    ("未经登记的社会团体不得以社会团体名义开展活动，不得收取会费。", NONE),
    ("新成立的志愿服务队尚未登记注册，队员不收取任何费用，也不收保证金。", NONE),
    ("该商会从未拖欠会员会费，年度审计报告已报民政部门备案。", NONE),
    # Registered, in the words associations use: the membership combination is excused too.
    ("本协会已在县民政局登记，会员会费标准照旧。", NONE),
    ("书法家协会（登记证书号见官网）欢迎入会，会费每年100元。", NONE),
    # and without any of those words the offer still blocks
    ("欢迎入会，会费每年100元，本会不用登记也能办证。", BLOCKED),
]


# -- class 6: a call to subvert *this* regime ------------------------------------------------

THIS_REGIME = [
    ("各位老乡，大家一起起来推翻这个政府，到时候听我指挥。", BLOCKED),
    ("转发起来：颠覆这个政权，就从今晚开始。", BLOCKED),
    # News, history and warnings with the same verbs.
    ("境外敌对势力妄图颠覆现政权，我们要提高警惕。", NONE),
    ("辛亥革命推翻了清政府，结束了两千多年的封建帝制。", NONE),
    ("警方通报：一男子在网上发帖煽动颠覆国家政权，已被依法刑事拘留。", NONE),
    ("这个政府工作报告提出，今年推进城乡融合发展。", NONE),
]

# Every class's table, one row per text: (text, rule, severities expected).
TABLES = (
    [(text, "A17-01", expected) for text, expected in PRIVATE_KEYS]
    + CREDENTIAL_FORMS
    + EDGE_LEET
    + SYMBOL_FILLERS
    + [(text, "A9-10", expected) for text, expected in UNREGISTERED]
    + [(text, "A9-02", expected) for text, expected in THIS_REGIME]
)


@pytest.mark.parametrize(("text", "rule", "expected"), TABLES)
def test_each_class_finds_its_violations_and_leaves_its_legitimate_texts(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)
