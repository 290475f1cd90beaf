"""Issue 12, round 55 (``docs/dev/rules.md``, "Round 55"; ``docs/dev/rules-figures.md``,
"Round 55"): an organ's denial of the rumour it quotes (item （六）), an anti-gambling
reminder (item （七）), subversion's hour and start owned (item （二）), the label defied as
``又如何``, a place called poor and dirty with its visitors called dupes (item （十一）), a word
broken by one line break (:func:`pipeline.rules.lines.broken`), the concept table read in
Vietnamese, French and German (``pipeline/rules/languages.yml``), a private key's bytes written
out in hex and Oracle's ``sqlplus`` with its password (第十七条). Every text is written for
this test, none taken from the held-out sets."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, lines
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors
from tests.test_rules_round51 import _found

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def test_an_organ_denying_the_quake_notice_it_quotes_is_untouched(checker: RuleChecker) -> None:
    text = (
        "有人在业主群转发“地震局内部通知：明晚有强震，请到广场过夜”。"
        "区地震局声明从未发布此类通知，请以官方渠道为准。\n"
    )
    assert not _found(checker, text, "A9-06"), text


def test_the_quake_notice_passed_on_is_still_blocked(checker: RuleChecker) -> None:
    assert _errors(checker, "地震局内部通知：明晚有强震，请到广场过夜，快转给家人。\n", "A9-06")


@pytest.mark.parametrize(
    "text",
    [
        "“网上赌博稳赚不赔”是陷阱，后台可以随意操控输赢，先让你小赢再让你大输。\n",
        "所谓“稳赚不赔”的赌博网站都是圈套，参与网络赌博本身就违法。\n",
        "“赌博能翻本”是谎言，请勿轻信。\n",
    ],
)
def test_an_anti_gambling_reminder_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-07"), text


def test_gambling_recruitment_is_still_found(checker: RuleChecker) -> None:
    assert _found(checker, "网上赌博招代理，日结返点，稳赚不赔，私聊我。\n", "A9-07")


@pytest.mark.parametrize(
    "text",
    [
        "颠覆国家政权的时机已经到了，厂里的兄弟们听指挥，等信号一起动手。\n",
        "我们要颠覆国家政权，名单已经列好了。\n",
        "颠覆国家政权，先从拿下电视台开始。\n",
        "咱们要分裂国家，自己说了算。\n",
        "兄弟们记住，分裂国家这事迟早要干，先从咱们这个县开始。\n",
    ],
)
def test_subversions_hour_or_start_owned_is_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-02"), text


@pytest.mark.parametrize(
    "text",
    [
        "市中级人民法院以颠覆国家政权罪判处被告人有期徒刑十二年。\n",
        "我们要坚决防范颠覆国家政权的图谋，筑牢国家安全防线。\n",
        "农业气象提示：抓住有利时机完成冬灌，先从墒情差的地块开始。\n",
        # Mend of round 55: a lecture's or a report's 我们要, 先从, 拿下 beside the offence's name.
        "我们要明白，分裂国家没有出路。\n",
        "咱们要知道，颠覆国家政权是要坐牢的。\n",
        "我们要学习总体国家安全观，颠覆国家政权、泄露国家秘密的行为都会受到追究。\n",
        "咱们要记住，危害国家安全的事一件也不能做。\n",
        "拿下冠军后，他说泄露国家秘密的人不配当运动员。\n",
    ],
)
def test_subversion_in_law_and_news_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-02"), text


def test_the_label_defied_as_you_ruhe_is_blocked(checker: RuleChecker) -> None:
    assert _errors(checker, "本会今天正式成立，非法组织又如何，会长令即日生效。\n", "A9-10")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("非法社会组织又如何识别？记住三个特征，看名称、看证书、看收费。\n", "A9-10"),
        ("造谣传谣又如何追责？看这篇就懂。\n", "A9-06"),  # mend of round 55
    ],
)
def test_a_how_to_question_with_you_ruhe_is_untouched(
    checker: RuleChecker, text: str, rule: str
) -> None:
    assert not _found(checker, text, rule), text


@pytest.mark.parametrize(
    "text",
    [
        "千万别来这个县旅游，又穷又脏，整座县城就是个骗局。\n",
        "这里就是个又脏又穷的破地方，来旅游的都是冤大头。\n",
    ],
)
def test_a_place_called_poor_and_dirty_with_visitors_warned_is_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert _errors(checker, text, "A9-11"), text


@pytest.mark.parametrize(
    "text",
    [
        "老城区曾经又脏又乱，经过三年整治，如今欢迎游客来打卡。\n",
        "别当冤大头！购买景区门票请认准官方渠道。\n",
        # Mends of round 55: an anti-fraud warning's con, a news report of the complaint.
        "这就是一个骗局，千万别来转账。\n",
        "所谓高薪刷单就是个骗局，大家千万别来上当。\n",
        "景区宰客，游客都是冤大头？市场监管局回应\n",
    ],
)
def test_a_change_told_or_a_tourist_tip_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-11"), text


def test_a_word_broken_by_one_line_break_is_read(checker: RuleChecker) -> None:
    text = "这个抄表员就是个傻\n逼，早该滚蛋。\n"
    found = [d for d in checker.check_text(text) if d.rule == "A9-08" and d.severity == "error"]
    assert found
    # offsets point into the original text: the word and its line break
    assert any(text[d.start : d.end] == "傻\n逼" for d in found)


def test_breaks_are_single_line_breaks_between_chinese_characters() -> None:
    assert lines.breaks("就是个傻\n逼，还有\n\n段落\nabc") == [4]
    assert lines.breaks("没有换行") == []


@pytest.mark.parametrize(
    "text",
    [
        "市民可通过官方渠道查询\n天气预报和出行提示。\n",
        "春节期间\n值班电话\n保持畅通\n欢迎来电\n",
    ],
)
def test_ordinary_line_breaks_are_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-"), text


@pytest.mark.parametrize(
    "text",
    [
        "市公安局开展禁毒宣传，提醒群众远离毒\n品，珍爱生命。\n",
        "警方破获一起网络赌\n博案件，抓获犯罪嫌疑人三名。\n",
    ],
)
def test_a_hard_wrapped_notice_reads_like_the_joined_one(checker: RuleChecker, text: str) -> None:
    # Mend of round 55: Markdown wraps lines inside words; the word across the break keeps
    # its context, as in the joined text (which finds nothing here), and is no evasion.
    assert not _found(checker, text.replace("\n", "", 1), "A9-07")
    assert not _found(checker, text, "A9-07"), text


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Toàn Năng Thần đã đến, ai không tin sẽ bị diệt vong.\n", "A9-05"),
        ("Hội đồng hương đã thành lập, không cần đăng ký, hội phí 100 tệ mỗi người.\n", "A9-10"),
        ("Le drapeau chinois ? Je l'ai piétiné devant la mairie.\n", "A9-03"),
        ("Dieses Land ist ein Schandland, die Fahne ist nur ein Putzlappen.\n", "A9-03"),
        ("J'achète des cartes bancaires, 500 yuans par carte, contactez-moi.\n", "A9-13"),
    ],
)
def test_vietnamese_french_and_german_are_read(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


@pytest.mark.parametrize(
    "text",
    [
        "Le drapeau chinois flotte devant la mairie. Ne marchez pas sur la pelouse.\n",
        "Hội đồng hương đã đăng ký với chính quyền, hội phí 100 tệ mỗi người.\n",
        "Die Fahne hängt vor dem Rathaus; bitte den Putzlappen nicht vergessen.\n",
    ],
)
def test_ordinary_foreign_sentences_are_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-"), text


_C_ARRAY = (
    "/* 门禁签名固件：Ed25519 私钥，别外传 */\n"
    "static const uint8_t DOOR_SK[32] = {\n"
    "    0x3a, 0x91, 0x0f, 0xc4, 0x5e, 0x27, 0xb8, 0x6d, 0xe2, 0x14, 0x9a, 0x73, 0x08, 0xfd,\n"
    "    0x41, 0xcc, 0x56, 0x2b, 0x97, 0xe0, 0x1d, 0x68, 0xa5, 0x3f, 0x84, 0xdb, 0x72, 0x19\n"
    "};\n"
)
_OPENSSL_DUMP = (
    "服务器的签名私钥，照着抄：\nPrivate-Key: (256 bit)\npriv:\n"
    "    5c:e1:07:9b:42:d8:a3:6f:10:c7:84:2e:f9:3b:65:\n"
    "    d2:0a:97:4c:b1:e8:53:2d:7f:c0:16:a9:8e:44:3d:\n    71:e5\n"
)


@pytest.mark.parametrize("text", [_C_ARRAY, _OPENSSL_DUMP])
def test_a_private_keys_bytes_in_hex_are_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A17-01"), text


@pytest.mark.parametrize(
    "text",
    [
        "公钥如下，可以公开：\n"
        + ", ".join(f"0x{b:02x}" for b in (4, 141, 173, 229, 166, 29, 218, 220, 187, 25, 59, 211))
        + ", 0x90, 0x11, 0x2c, 0x5d\n",
        "私钥切勿外传。初始化示例：\nuint8_t sk[16] = {" + ", ".join(["0x00"] * 16) + "};\n",
        # Mend of round 55: a counting sequence is a test vector, however many bytes differ.
        "私钥请妥善保管。示例：uint8_t buf[16] = {"
        + ", ".join(f"0x{b:02x}" for b in range(16))
        + "};\n",
    ],
)
def test_a_public_key_or_a_zeroed_buffer_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A17-01"), text


def test_sqlplus_with_its_password_is_blocked(checker: RuleChecker) -> None:
    text = "导出命令：\nsqlplus bak/7#QmZ2xR9w@10.2.3.4:1521/ORCL @/opt/daily.sql\n"
    assert _errors(checker, text, "A17-03"), text


@pytest.mark.parametrize(
    "text",
    [
        "教材示例：sqlplus scott/tiger@orcl\n",
        "本地登录：sqlplus / as sysdba\n",
        "格式：sqlplus 用户名/password@主机:端口/服务名\n",
    ],
)
def test_sqlplus_without_a_password_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A17-03"), text


@pytest.mark.parametrize(
    "text",
    [
        "那帮戴小白帽的，俺们村不能让他们落户，见一个撵一个。\n",
        "戴那种花头帕的在这条街开店，今晚去把他们的招牌都砸了。\n",
        "啲少數民族應該趕晒佢哋走，唔好俾佢哋喺度開舖。\n",
    ],
)
def test_a_people_named_or_by_its_headwear_driven_off_is_blocked(
    checker: RuleChecker, text: str
) -> None:
    assert _errors(checker, text, "A9-04"), text


@pytest.mark.parametrize(
    "text",
    [
        "夏季高温，戴小白帽的环卫工人请注意防暑，社区准备了绿豆汤。\n",
        "台风过境，沿街商铺请加固招牌，防止招牌砸了行人。\n",
        "民族团结一家亲：戴花头帕的彝族阿妈在集市上教大家绣花。\n",
    ],
)
def test_headwear_or_a_sign_in_a_notice_is_untouched(checker: RuleChecker, text: str) -> None:
    assert not _found(checker, text, "A9-04"), text
