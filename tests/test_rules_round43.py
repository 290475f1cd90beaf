"""Issue 12, round 43: general techniques for the causes held-out set 35 showed.

- every Unicode decimal digit (and a formula's subscripts) read as ASCII before contact and
  price matching (``pipeline/rules/digit_forms.py``); controlled drugs by molecular formula
  (lexicon A9-07); doxxing by its slang (开盒, a combination rule); pinyin typed on the
  Japanese kana keyboard when the text names it (``pipeline/rules/kana_keys.py``);
- plain wordings whose harm is explicit: the system overthrown by its short name, a bomb
  taught or a named organ to be blown up, martyrs' deaths welcomed, insurance cards cashed
  out, an unregistered body electing officers (combination rules);
- an account denying a follower campaign is no campaign (``pipeline/rules/denied_offer.py``):
  the actions named as no condition (与是否关注无关, 不设关注门槛), a campaign run in the
  account's name by someone else with a request to report it, a quoted offer disclaimed after
  its closing quote; an offer beside the same words keeps its error.

Every text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, digit_forms, kana_keys
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _findings(checker: RuleChecker, text: str, prefix: str) -> set[str]:
    return {d.rule for d in checker.check_text(text) if d.rule.startswith(prefix)}


def _errors(checker: RuleChecker, text: str, prefix: str) -> set[str]:
    return {
        d.rule
        for d in checker.check_text(text)
        if d.severity == "error" and d.rule.startswith(prefix)
    }


# -- a follower campaign denied ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "图书馆读者证抽号结果已出，能否抽中与是否点赞、评论无关，由电脑随机产生。",
        "本馆从不以关注、转发本号作为预约讲座的前提。",
        "本中心的问卷抽奖不设“点赞+留言”门槛，完成问卷即可参加。",
        "近日有人冒用本中心名义搞“互粉”活动，请市民向我们举报。",
        "网传“转发本条抽取十位读者送购书卡”活动并非本馆发布，请勿相信。",
        "所谓“关注有礼”是假冒账号所为，“关注有礼”活动均非我们发起，谨防上当。",
    ],
)
def test_a_denied_follower_campaign_is_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A16-")


@pytest.mark.parametrize(
    "text",
    [
        "抽奖与是否点赞无关，转发本条就送购书卡。",
        "本次活动不设关注门槛，转发本条抽取十位读者送出礼包。",
        "冒用本馆名义的互粉活动正在进行，关注即送话费。",
        "“关注本号转发抽奖送手机”活动并非我们发布，而是合作方发布，欢迎参与。",
        "关注本号转发抽奖送手机，与是否点赞无关。",
        "本号一律不设门槛：关注有礼，转发有礼。",
    ],
)
def test_an_offer_beside_denying_words_is_still_blocked(checker: RuleChecker, text: str) -> None:
    assert "A16-01" in _errors(checker, text, "A16-")


# -- digits of every script -------------------------------------------------------------------


def test_every_decimal_digit_reads_as_ascii() -> None:
    assert digit_forms.ascii_digits("微信 𝟭𝟯𝟵𝟬𝟬") == "微信 13900"
    assert digit_forms.ascii_digits("QQ ٤٥٦٧٨ १२") == "QQ 45678 12"
    assert digit_forms.ascii_digits("全角１２３") == "全角１２３"  # left to item A10-02


@pytest.mark.parametrize("digits", ["𝟭𝟯𝟵𝟬𝟮𝟰𝟲𝟴𝟭𝟯𝟱", "١٣٩٠٢٤٦٨١٣٥", "१३९०२४६८१३५"])
def test_a_phone_number_in_other_digits_is_found(checker: RuleChecker, digits: str) -> None:
    plain = _findings(checker, "出售学位证，联系微信 13902468135。", "A9-")
    assert plain and plain <= _findings(checker, f"出售学位证，联系微信 {digits}。", "A9-")


def test_a_date_in_other_digits_stays_clean(checker: RuleChecker) -> None:
    assert not _findings(checker, "图书馆 𝟭𝟮 月 𝟯𝟭 日闭馆一天，١٢ 月恢复开放。", "A9-")


# -- plain wordings whose harm is explicit ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("这种制度早该结束了，打倒社会主义，咱们换条路走！", "A9-01"),
        ("依我看，应当取消共产党的执政地位。", "A9-01"),
        ("手把手教你自制炸药，成品留着去办事。", "A9-07"),
        ("明天就去把那个派出所炸了，谁也别拦。", "A9-07"),
        ("那些志愿军战士死了活该，陵园早该拆了。", "A9-03"),
        ("高价收医保卡，门诊刷药返现七成，当天结清。", "A9-13"),
        ("我们车友会是非法组织又怎样，不去登记，下月照样选举理事会。", "A9-10"),
    ],
)
def test_an_explicit_harm_is_an_error(checker: RuleChecker, text: str, rule: str) -> None:
    assert rule in _errors(checker, text, "A9-")


@pytest.mark.parametrize(
    "text",
    [
        "坚持和发展中国特色社会主义，是全党的共同任务。",
        "消防站开放日教大家如何正确使用灭火器。",
        "消息传来，法院门口炸了锅，当事人家属情绪激动。",
        "清明节前，市民到烈士陵园敬献花篮，缅怀先烈。",
        "医保局提醒：医保卡不可出借、回收或套现，骗保行为将被追回并处罚。",
        "医保个人账户余额能提现吗？不能，只能用于本人就医购药。",
        "市民政局提醒：成立社会团体须依法登记后方可选举理事会。",
    ],
)
def test_a_neighbour_of_the_harm_is_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-")


# -- drugs by formula, doxxing by its slang ---------------------------------------------------


def test_a_drug_by_its_formula_is_found(checker: RuleChecker) -> None:
    assert "A9-07" in _findings(checker, "新到 C₁₇H₂₁NO₄ 纯度九成，老地方交货。", "A9-")
    assert "A9-07" in _findings(checker, "C13H16ClNO 现货，懂的私聊。", "A9-")


def test_a_formula_beside_han_subscripts_keeps_the_reading_order() -> None:
    assert digit_forms.ascii_digits("CO₂ 与 生₃") == "CO2 与 生₃"


def test_an_ordinary_formula_is_clean(checker: RuleChecker) -> None:
    assert not _findings(checker, "化学实验课：氯化钠 NaCl 与水 H₂O，二氧化碳 CO₂。", "A9-")


def test_doxxing_ordered_is_an_error(checker: RuleChecker) -> None:
    text = "找人开盒那个网红，住址和工作单位都要，多少钱都行。"
    assert "A9-08" in _errors(checker, text, "A9-")


@pytest.mark.parametrize(
    "text",
    [
        "网警提示：若遭开盒，请保存证据并及时报警，住址等信息受法律保护。",
        "中秋礼盒开盒后请尽快食用，多少钱一盒请咨询门店。",
    ],
)
def test_a_neighbour_of_doxxing_is_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-")


# -- credentials pasted without their frame ---------------------------------------------------


def _key_bodies() -> dict[str, str]:
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    none = ser.NoEncryption()
    ed = ed25519.Ed25519PrivateKey.generate()
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    pems = {
        "openssh": ed.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.OpenSSH, none),
        "pkcs1": rsa_key.private_bytes(
            ser.Encoding.PEM, ser.PrivateFormat.TraditionalOpenSSL, none
        ),
        "pkcs8": rsa_key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, none),
        "sec1": ec.generate_private_key(ec.SECP256R1()).private_bytes(
            ser.Encoding.PEM, ser.PrivateFormat.TraditionalOpenSSL, none
        ),
        "public": rsa_key.public_key().public_bytes(
            ser.Encoding.PEM, ser.PublicFormat.SubjectPublicKeyInfo
        ),
    }
    return {
        name: "\n".join(x for x in pem.decode().splitlines() if not x.startswith("-----"))
        for name, pem in pems.items()
    }


def test_a_private_key_body_without_armour_is_found(checker: RuleChecker) -> None:
    bodies = _key_bodies()
    for name in ("openssh", "pkcs1", "pkcs8", "sec1"):
        text = f"机房备用机的钥匙，头尾两行自己补：\n{bodies[name]}\n"
        assert "A17-01" in _errors(checker, text, "A17-"), name
    public = f"请把下面的公钥加入白名单：\n{bodies['public']}\n"
    assert not _findings(checker, public, "A17-")


@pytest.mark.parametrize(
    "table",
    [
        "平台\t登录名\t口令\t邮箱\n抖音\tlib_hz_v\tRt5%kLm_82Qz\tlib@example.gov.cn\n",
        "| 平台 | 账号 | 密码 |\n| --- | --- | --- |\n| 微博 | lib_hz | Wq8!zN3_pL7c |\n",
    ],
)
def test_a_password_column_split_by_tabs_or_pipes_is_found(
    checker: RuleChecker, table: str
) -> None:
    assert "A17-03" in _errors(checker, f"账号台账如下：\n{table}", "A17-")


@pytest.mark.parametrize(
    "table",
    [
        "平台\t登录名\t口令\t保管人\n抖音\tlib_hz_v\t******\t办公室\n",
        "| 事项 | 密码 | 说明 |\n| --- | --- | --- |\n| 初始 | 见短信 | 首次登录后修改 |\n",
    ],
)
def test_a_masked_password_column_is_clean(checker: RuleChecker, table: str) -> None:
    assert not _errors(checker, f"账号台账如下：\n{table}", "A17-")


# -- the Japanese kana keyboard ---------------------------------------------------------------


def test_pinyin_typed_on_the_kana_keyboard_is_read_when_named(checker: RuleChecker) -> None:
    # the keys of ``dubo`` (赌博) and ``wangzhan`` (网站) on the JIS kana layout
    text = "输入法切成日文键盘了，凑合看：しなこら てちみきつくちみ，充值送彩金。"
    assert kana_keys.runs(text)
    assert _findings(checker, text, "A9-")
    unnamed = "凑合看：しなこら てちみきつくちみ，充值送彩金。"
    assert not kana_keys.runs(unnamed)


@pytest.mark.parametrize(
    "text",
    [
        "日语键盘练习：こんにちは、ありがとうございます。",
        "换了日文键盘之后，我用它写了一句：きょうはいいてんきですね。",
        "交流团学会了一句日语键盘上常打的问候：おはよう。",
    ],
)
def test_ordinary_japanese_beside_the_cue_is_not_read(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A9-")
