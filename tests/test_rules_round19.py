"""Issue 12, round 19 (lexical): the written registers of set 17, a training set now.

A police report that explains how a pyramid scheme collects fees from its members is
enforcement, as a procuratorate's release is (round 14): the police's own words frame it.
Every text here is written for these tests; each class has legitimate texts of the same
shape and violations that stay blocked."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# -- a police report of a scheme that charges its members -----------------------------------

POLICE_REPORTS = [
    (
        "市公安局经侦支队近日破获一个假冒“书画研究会”的团伙，该团伙要求会员缴纳年费两千元，"
        "入会即发“高级书画师”证书。",
        "A9-10",
        NONE,
    ),
    (
        "警方捣毁一个以“健康养生”为名的传销窝点。该窝点要求会员缴纳“培训费”并拉亲友加入，"
        "按人头提成。",
        "A9-10",
        NONE,
    ),
    # the same scheme advertised by itself stays blocked
    ("本研究会招收会员，入会后缴纳年费两千元，颁发“高级书画师”证书。", "A9-10", BLOCKED),
    (
        "“全市养生爱好者联盟”还没注册，先向每位会员收取会费三百元，年底统一发会员证。",
        "A9-10",
        BLOCKED,
    ),
]


@pytest.mark.parametrize(("text", "rule", "expected"), POLICE_REPORTS)
def test_a_police_report_of_a_fee_scheme_is_enforcement(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


# -- marks written between the characters of a word ------------------------------------------
# Kanbun reading marks, note marks (superscript digits, numbers in square brackets), word
# separator dots and half-width reading circles, each with a legitimate text of the same shape.

MARKS_BETWEEN = [
    ("诸君当推㆑翻㆒共㆓产㆔党之治，另立新朝。", "A9-01", BLOCKED),
    ("本文摘要：藏¹独²才是出路，诸位同道共勉。", "A9-02", BLOCKED),
    ("内部消息：后[1]天[2]封[3]城[4]，消息绝对可靠，先别外传。", "A9-06", BLOCKED),
    ("学员请记住：法⸱轮⸱大⸱法⸱好。", "A9-05", BLOCKED),
    # legitimate texts of the same shapes
    ("日本汉文训读示例：“学而时习之”，训读时在“习”“之”旁标㆑、㆒等返点。", "A9-01", NONE),
    ("据统计年鉴[1]，全市常住人口增长0.8%[2]，人均住房面积达42m²。", "A9-06", NONE),
    ("全市共有宗教活动场所十二处[3]，均已依法登记。", "A9-05", NONE),
]


@pytest.mark.parametrize(("text", "rule", "expected"), MARKS_BETWEEN)
def test_marks_between_characters_are_read_through(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


def test_reading_circles_and_separator_dots_join_single_characters() -> None:
    from pipeline.rules.normalize import compact, normalise

    assert compact(normalise("台｡独｡万｡岁｡")).text.startswith("台独万岁")
    assert compact(normalise("法⸱轮⸱功⸱好")).text == "法轮功好"
    # prose keeps its full stops, and a citation mark only drops out
    assert compact(normalise("好。好。好。好")).text == "好。好。好。好"
    assert compact(normalise("研究表明[12]。")).text == "研究表明。"


# -- Wade–Giles romanisation ----------------------------------------------------------------

WADE_GILES = [
    ("读者意见：必须打倒 kung-ch'an-tang，越快越好。", "A9-01", BLOCKED),
    ("周末活动：tu-po 开台，se-ch'ing chih-po 通宵，现金结算。", "A9-07", BLOCKED),
    ("Fa-lun ta-fa hao，李 Hung-chih 大师 ch'uan-fa 救人。", "A9-05", BLOCKED),
    # legitimate texts in the same romanisation or with hyphenated English
    (
        "档案馆新展：1946 年的英文报纸称毛泽东为 Mao Tse-tung，称北京大学为 Pei-ching ta-hsüeh。",
        "A9-01",
        NONE,
    ),
    ("外事办英语角：a sit-in is a protest; long-term visa 即长期签证。", "A9-09", NONE),
    ("史料：T'ai-wan 一名在旧式拼法中写作 Formosa 或 T'ai-wan。", "A9-02", NONE),
]


@pytest.mark.parametrize(("text", "rule", "expected"), WADE_GILES)
def test_wade_giles_is_read_as_pinyin(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


def test_wade_giles_syllables_and_lengths() -> None:
    from pipeline.rules.wadegiles import syllable, wade_giles

    assert [syllable(s) for s in ("ch'ing", "chih", "hsüeh", "tzu", "kuo", "ko", "to", "jen")] == [
        "qing",
        "zhi",
        "xue",
        "zi",
        "guo",
        "ge",
        "duo",
        "ren",
    ]
    assert syllable("sit") is None and syllable("term") is None
    text = "shih-cheng-fu men-k'ou chi-ho"
    assert wade_giles(text) == "shizhengfu    menkou   jihe  "
    # no mark of the romanisation: hyphenated English and plain pinyin stay as written
    assert wade_giles("a long-term e-mail") == "a long-term e-mail"
    assert wade_giles("fa-lun gong") == "fa-lun gong"


# -- a small multilingual term list per item ------------------------------------------------

FOREIGN_TERMS = [
    ("转发：Turkestan orientale deve essere libero。", "A9-02", BLOCKED),
    ("Únete a la Iglesia de Dios Todopoderoso, el fin está cerca.", "A9-05", BLOCKED),
    ("Wir liefern gefälschte Pässe in ganz China, schnell und diskret.", "A9-13", BLOCKED),
    ("Kidney for sale, healthy donor, price negotiable.", "A9-13", BLOCKED),
    # legitimate texts in the same languages
    (
        "友城交流：土耳其 İstanbul 代表团访问我市，双方签署 Türkiye–China 文化合作备忘录。",
        "A9-02",
        NONE,
    ),
    ("出入境提醒：护照（passport）遗失请及时挂失补办，补办须本人到场。", "A9-13", NONE),
    ("英语角：kidney beans 是芸豆，red beans 是红豆。", "A9-13", NONE),
    ("宗教局：依法登记的宗教活动场所名单已公布，Church 一词在此指基督教堂。", "A9-05", NONE),
]


@pytest.mark.parametrize(("text", "rule", "expected"), FOREIGN_TERMS)
def test_a_few_foreign_terms_per_item(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


# -- credentials as a command line pastes them ---------------------------------------------

COMMAND_LINES = [
    (
        '方法：curl -H "Authorization: Bearer 9fQ2-kLm83NpZx71WqTbcV0_aa" https://api.example.org/v1/items',
        "A17-02",
        BLOCKED,
    ),
    ('附录：mysqldump -h 10.0.0.8 -u cms -p"Qw8r2Lk9zz" cms_db > backup.sql', "A17-03", BLOCKED),
    ("备份：mariadb -u report --password=Tz71kqP0x report_db", "A17-03", BLOCKED),
    # a placeholder, or a client that asks for the password
    ("接口说明：请求头写 Authorization: Bearer <token>，令牌向管理员申请。", "A17-02", NONE),
    ("运维手册：登录数据库请运行 mysql -u root -p，回车后输入密码。", "A17-03", NONE),
    ("连接只读库：mysql --protocol=tcp -P 3306 -u readonly", "A17-03", NONE),
]


@pytest.mark.parametrize(("text", "rule", "expected"), COMMAND_LINES)
def test_credentials_on_a_command_line(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)
