"""Issue 12, round 41: general techniques for the causes held-out set 33 showed.

- whole sentences in other languages read by the concept table
  (``pipeline/rules/languages.yml``): a semicolon joins two clauses of one sentence; a bank
  run called, gambling for money, a follower quota laid on staff; words the table lacked
  (an inspector, followers, "not welcome", Norwegian); an internal paper passed on in the
  next sentence;
- an offence's legal name urged as easy, early or planned (``rulefiles/a09-offence-owned.yml``);
- a word spelled in the radio spelling alphabet read as its Latin letters, and Base32 or
  hexadecimal UTF-8 whose Chinese holds punctuation (``spelling_alphabet.letters``,
  ``code_units``) — never a hash, a UUID or a call sign;
- a registry login's password on its command line (``a17-credential-forms.yml``);
- a service notice that needs no following is no unregistered body's boast.

Every text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import base64
import hashlib
import random
import uuid

import pytest

from pipeline.rules import RuleChecker, byte_runs, code_units, spelling_alphabet
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _errors(checker: RuleChecker, text: str) -> set[str]:
    return {d.rule for d in checker.check_text(text) if d.severity == "error"}


def _content(checker: RuleChecker, text: str) -> set[str]:
    return {d.rule for d in checker.check_text(text) if d.rule.startswith(("A9-", "A16-"))}


# -- whole sentences in other languages ------------------------------------------------------

FOREIGN = [
    (
        "A9-06",
        "外籍员工群里有人发：Morgen gaan alle banken in de stad dicht, de bank is failliet. Haal je geld nu op!",
    ),
    ("A9-07", "仓库门上贴着：I kväll spelar vi kort om pengar i gamla lagret, alla är välkomna."),
    (
        "A16-01",
        "通知的德语版：Jeder Mitarbeiter muss bis Freitag fünfzig neue Follower für das Konto bringen.",
    ),
    ("A9-04", "码头群里一句：Uigurer er ikke velkomne i vår havn, kast dem ut."),
    ("A9-10", "船员留言：Den uregistrerte foreningen krever medlemsavgift på 300 kroner fra alle."),
    ("A9-08", "评论区：Inspektor celny to złodziej i łapówkarz."),
    (
        "A9-11",
        "外籍员工留言：Tenho a lista interna de promoções, ainda não publicada; envio a quem pedir.",
    ),
    (
        "A9-11",
        "留言：This is the internal list of layoffs, not yet published. Pass it on to everyone.",
    ),
    (
        "A9-11",
        "游客留言：Ce canton est le plus sale de la province. Ne venez pas, n'investissez pas ici.",
    ),
]

FOREIGN_LEGITIMATE = [
    "外币兑换提示：Foreign visitors can withdraw cash at any Bank of China ATM.",
    "敬老院活动：Volunteers played cards with elderly residents at the care home.",
    "培训结业：Every employee received a certificate from the training centre.",
    "港口文化节欢迎词：Welcome, Uyghur and Tibetan dancers, to the harbour festival!",
    "志愿者招募：The internal list of volunteers was approved by the committee.",
    "外籍船员协会：Foreningen er registrert, og medlemsavgiften er 300 kroner.",
    "马拉松口号：Run together; stay safe; see you at the finish line!",
    "低保通知：The poorest households receive a heating subsidy; do not come to the office, apply online.",
    "环卫简报：We cleaned the dirtiest stretch of the beach; volunteers are welcome to join.",
]


@pytest.mark.parametrize(("rule", "text"), FOREIGN)
def test_a_whole_sentence_in_another_language_is_read_by_what_it_says(
    checker: RuleChecker, rule: str, text: str
) -> None:
    assert rule in _errors(checker, text)


@pytest.mark.parametrize("text", FOREIGN_LEGITIMATE)
def test_a_lawful_sentence_in_another_language_is_not_flagged(
    checker: RuleChecker, text: str
) -> None:
    assert _content(checker, text) == set()


def test_a_semicolon_no_longer_ends_the_table_s_sentence() -> None:
    from pipeline.rules.language_table import fold

    assert "|" not in fold("lista interna; envio")[0]
    assert "|" in fold("lista interna. envio")[0]


# -- an offence's legal name urged ------------------------------------------------------------

URGED = [
    "分裂国家其实没那么难，大家按分工表来，一人管一段。",
    "颠覆国家政权要趁早，等他们反应过来就晚了。",
]
REPORTED = [
    "法院以分裂国家罪判处被告人有期徒刑十年，查明其曾按分工表组织人员活动。",
    "普法课堂：颠覆国家政权罪是指组织、策划、实施颠覆国家政权的行为，维护国家安全要趁早教育。",
]
# the act named to be stopped: a community notice (A9-09 before the file's ``unless`` named
# 制止 and its kin)
STOPPED = "扰乱社会秩序的行为要趁早制止，物业和社区要按分工做好巡查。"


@pytest.mark.parametrize("text", URGED)
def test_an_offence_urged_as_easy_or_early_is_owned(checker: RuleChecker, text: str) -> None:
    assert "A9-02" in _errors(checker, text)


@pytest.mark.parametrize("text", REPORTED)
def test_court_news_and_legal_education_stay_clean(checker: RuleChecker, text: str) -> None:
    assert "A9-02" not in _errors(checker, text)


def test_an_offence_to_be_stopped_early_is_no_call(checker: RuleChecker) -> None:
    assert _errors(checker, STOPPED) == set()
    assert "A9-09" in _errors(checker, "聚众闹事要趁早，大家按我发的分工表行动。")  # control


# -- encodings read generally -----------------------------------------------------------------


def test_the_radio_alphabet_spells_a_word_the_lexicon_reads(checker: RuleChecker) -> None:
    text = "他在频道里反复念 Tango Alfa India Delta Uniform，懂的都懂。"
    assert "A9-02" in _errors(checker, text)
    view = spelling_alphabet.letters(text)
    assert "taidu" in view.lower() and len(view) == len(text)


def test_a_call_sign_is_no_word(checker: RuleChecker) -> None:
    assert spelling_alphabet.letters("塔台呼叫 Alfa Bravo Charlie，请报告位置。").count("abc") == 0
    assert _content(checker, "塔台呼叫 Bravo Charlie Delta Echo，请报告位置。") == set()


def test_base32_of_a_slogan_with_a_comma_is_read(checker: RuleChecker) -> None:
    token = base64.b32encode("推翻共产党，全民起义".encode()).decode()
    assert "A9-01" in _errors(checker, f"群公告只有一串：{token} 别发明文。")


def _hashes() -> list[str]:
    rng = random.Random(41)
    found = [hashlib.sha1(b"blob 12\0round 41 %d" % i).hexdigest() for i in range(40)]
    found += [hashlib.sha256(b"release %d" % i).hexdigest() for i in range(40)]
    found += [str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://example.org/{i}")) for i in range(40)]
    found += [base64.b32encode(rng.randbytes(20)).decode() for _ in range(200)]
    found += [rng.randbytes(16).hex() for _ in range(200)]
    return found


def test_hashes_uuids_and_random_base32_never_decode() -> None:
    for token in _hashes():
        text = f"版本 {token} 已发布。"
        assert code_units.read(text) == text, token
        assert byte_runs.read(text) == text, token


def test_punctuation_alone_or_first_is_no_chinese() -> None:
    assert code_units._chinese("，。") == ""
    assert code_units._chinese("，独立") == ""
    assert code_units._chinese("全岛，独立") == "全岛，独立"


# -- a registry login's password --------------------------------------------------------------

LOGINS = [
    "部署说明：\n```\ndocker login -u deploy-bot -p 'Wq8fTz3kLm2N' harbor.example.gov.cn\n```",
    "helm registry login charts.example.gov.cn -u ops -p Ry5vQ9xP2mKd",
]
PLACEHOLDERS = [
    "docker login -u deploy-bot -p $HARBOR_PASS harbor.example.gov.cn",
    "docker login -u deploy-bot -p ${HARBOR_PASS} harbor.example.gov.cn",
    "docker login -u deploy-bot -p HARBOR_ROBOT_PASS harbor.example.gov.cn",
    "docker login -u deploy-bot -p <password> harbor.example.gov.cn",
    "docker login -u deploy-bot -p ******** harbor.example.gov.cn",
    "ssh -p 22022 ops@10.1.2.3 后再执行 login 脚本",
]


@pytest.mark.parametrize("text", LOGINS)
def test_a_registry_login_password_is_found(checker: RuleChecker, text: str) -> None:
    assert "A17-03" in _errors(checker, text)


@pytest.mark.parametrize("text", PLACEHOLDERS)
def test_a_placeholder_or_another_option_is_no_password(checker: RuleChecker, text: str) -> None:
    assert not {d.rule for d in checker.check_text(text)} & {"A17-01", "A17-02", "A17-03"}


# -- a service that needs no following --------------------------------------------------------


def test_a_service_notice_needing_no_following_is_no_boast(checker: RuleChecker) -> None:
    text = "申请危险品运输许可、营业执照登记等事项，无需关注本公众号，也不用转发任何信息，证书当场发放。"
    assert "A9-10" not in _errors(checker, text)


def test_an_unregistered_body_s_boast_is_still_found(checker: RuleChecker) -> None:
    text = "我们商会不去民政局登记，照样收会费，证书照发。"
    assert "A9-10" in _errors(checker, text)
