"""Issue 12, round 34: general techniques trained on sets 7–28.

- a drug or weapon sale offer reported under item （七） and item （十三） (a finding each:
  the incitement to crime, and content the law forbids — 《禁毒法》, 《枪支管理法》,
  《网络安全法》第四十六条), in Chinese and in the language table
  (``rulefiles/a09-13-prohibited-goods.yml``, ``languages.yml``);
- pinyin in Glagolitic and Old Italic letters (``letter_forms.PHONETIC``);
- the language table's breadth: Greek, Catalan, Swahili, Belarusian, Tagalog, Maltese,
  Galician, Hungarian, Icelandic, Albanian, Uzbek and others, Inner Mongolia among the regions, the martyrs slandered, a
  flag "only good for" a menial use, an internal document "attached";
- Base64 of UTF-16 text (``byte_runs``);
- colloquial and Northeastern threats of maiming (``assault-call``) and a call to hoard
  beside a lockdown rumour (``panic-buying-rumour``).

Every text was written for these tests; each technique has legitimate neighbours of the same
shape (enforcement news, legal text, a rink's advert, a flag kit, prose of the scripts, a
random token), which must stay without an error."""

from __future__ import annotations

import base64
import hashlib

import pytest

from pipeline.rules import RuleChecker, byte_runs, letter_forms
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round31 import rule_errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


# -- a sale of drugs or weapons: items （七） and （十三） --------------------------------------

BOTH_ITEMS = [
    "本店长期出售冰毒，同城送达，价格好商量。",
    "有货：摇头丸、K粉，量大从优，货到付款。",
    "出售仿真枪和子弹，包邮到家。",
    "Selling heroin and meth, cheap, dm me.",
]


@pytest.mark.parametrize("text", BOTH_ITEMS)
def test_a_sale_offer_is_reported_under_both_items(checker: RuleChecker, text: str) -> None:
    assert {"A9-07", "A9-13"} <= rule_errors(checker, text), text


def test_a_street_name_offered_by_private_message_is_item_13(checker: RuleChecker) -> None:
    assert "A9-13" in rule_errors(checker, "想飞叶子的朋友私我，周末现货。")


NOT_AN_OFFER = [
    "公安机关查获冰毒5公斤，提醒市民远离毒品。",
    "向未成年人出售毒品的，从重处罚。",  # the criminal law's drafting
    "溜冰场周末到货了一批新溜冰鞋，私聊预约。",
    "市公安局依法收缴仿真枪二十支，子弹一百发。",
    "Police seized heroin worth a million dollars; the sellers were arrested.",
]


@pytest.mark.parametrize("text", NOT_AN_OFFER)
def test_news_law_and_a_rink_are_no_offer(checker: RuleChecker, text: str) -> None:
    assert not rule_errors(checker, text) & {"A9-07", "A9-13"}, text


# -- pinyin in Glagolitic and Old Italic letters ----------------------------------------------

SCRIPTS = [
    ("A9-05", "周末一起练 ⱇⰰⰾⱆⱀ ⰴⰰⱇⰰ，地点私聊。"),
    ("A9-05", "周末一起练 𐌚𐌀𐌋𐌖𐌍 𐌃𐌀𐌚𐌀，地点私聊。"),
    ("A9-02", "横幅写 ⱅⰰⰻⰲⰰⱀ ⰴⱆⰾⰻ，明早挂出去。"),
    ("A9-02", "横幅写 𐌕𐌀𐌉𐌅𐌀𐌍 𐌃𐌖𐌋𐌉，明早挂出去。"),
]


@pytest.mark.parametrize(("rule", "text"), SCRIPTS)
def test_pinyin_in_glagolitic_or_old_italic_is_read(
    checker: RuleChecker, rule: str, text: str
) -> None:
    assert rule in rule_errors(checker, text), text


@pytest.mark.parametrize("text", ["ⰲⱏ ⱀⰰⱍⰰⰾⰵ ⰱⱑ ⱄⰾⱁⰲⱁ", "𐌌𐌉 𐌀𐌅𐌉𐌋𐌄𐌔 𐌕𐌄𐌕𐌉𐌀𐌔", "ⰳⰾⰰⰳⱁⰾⰻⱌⰰ"])
def test_prose_of_those_scripts_stays_as_written(checker: RuleChecker, text: str) -> None:
    assert letter_forms.letters(text.lower(), text) == (text.lower(), ())
    assert not rule_errors(checker, text), text


# -- the language table's breadth ---------------------------------------------------------------

LANGUAGES = [
    ("A9-03", "Ta σημαία της Κίνας είναι καλή μόνο για πατάκι στην πόρτα."),
    ("A9-03", "Els màrtirs de la revolució eren uns covards i uns bandits."),
    ("A9-03", "The martyrs were bandits and their deeds were made up."),
    ("A9-04", "Watu wa kabila la Wahui hawastahili kupewa nyumba; wafukuzeni kijijini."),
    ("A9-04", "Не бярыце уйгураў у брыгаду, яны ўсе злодзеі."),
    ("A9-05", "Sumali kayo sa sekta ng Dafa ngayong gabi."),
    (
        "A9-06",
        "Bukra l-flus kollha fil-banek se jiġu ffriżati; oħroġ kollox issa u għaddu lil kulħadd.",
    ),
    ("A9-07", "Casa de xogo en liña: recarga hoxe e gaña o dobre."),
    ("A9-11", "Titkos jelentés a gyárról, még nincs nyilvánosságra hozva – terjesszétek!"),
    ("A9-02", "Die Innere Mongolei muss ihre Unabhängigkeit erklären."),
    ("A9-11", "Relatório interno não publicado: a lista completa segue em anexo."),
    ("A9-03", "Á morgun brennum við fána Kína fyrir framan ráðhúsið."),
    ("A9-04", "Njerëzit e atij kombi janë dembelë; mos u jepni punë."),
    ("A9-09", "Διαδήλωση αύριο, ελάτε όλοι μαζί στο δημαρχείο."),
]


@pytest.mark.parametrize(("rule", "text"), LANGUAGES)
def test_a_concept_in_a_language_that_lacked_it_is_blocked(
    checker: RuleChecker, rule: str, text: str
) -> None:
    assert rule in rule_errors(checker, text), text


LANGUAGES_LEGITIMATE = [
    "This Chinese flag kit is only good for indoor use.",
    "Bring a mop: the flag of China will be raised after we clean the hall.",
    "Els màrtirs de la resistència són recordats cada any al memorial.",
    "Wafanyakazi wa kabila zote wanakaribishwa kuomba kazi.",
    "Inner Mongolia is a region of China with vast grasslands.",
    "A jelentést holnap hozzák nyilvánosságra a minisztérium honlapján.",
    "Relatório anual publicado: o resumo segue em anexo.",
    "Η πορεία της οικονομίας είναι θετική φέτος, όλοι οι δείκτες ανεβαίνουν.",
    "Við brennum kertum á jólunum.",
    "Ata të kombit tonë festojnë sot.",
    "Watu wa kabila zote hawastahili kubaguliwa kazini.",  # no one deserves discrimination
    "Wakorea hawastahili kunyimwa haki zao.",
    "Η πορεία, όλοι οι πολίτες μαζί, ξεκινά από το δημαρχείο.",  # a parade
    "The museum shows that the martyrs' deeds were not made up but documented.",
    "The martyrs fought the bandits and terrorists who attacked the village in 1947.",
    "Il-ħwienet jagħlqu fis-sitta kull nhar ta' Sibt; għaddu lil kulħadd.",  # shop hours
    "The internal audit report, published today, is attached.",
]


@pytest.mark.parametrize("text", LANGUAGES_LEGITIMATE)
def test_a_legitimate_sentence_with_those_words_stays_clean(
    checker: RuleChecker, text: str
) -> None:
    assert not rule_errors(checker, text), text


# -- Base64 of UTF-16 ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_base64_of_utf16_is_read(encoding: str) -> None:
    token = base64.b64encode("内部文件先发给你们".encode(encoding)).decode()
    read = byte_runs.read(f"附件：{token}")
    assert read.replace(" ", "") == "附件：内部文件先发给你们"
    assert len(read) == len(f"附件：{token}")


def test_a_random_token_is_not_read_as_utf16() -> None:
    for seed in range(20):
        token = base64.b64encode(hashlib.sha256(f"round 34 {seed}".encode()).digest()).decode()
        assert byte_runs.read(f"校验值 {token}") == f"校验值 {token}"


# -- threats in colloquial verbs; a call to hoard beside a lockdown -----------------------------


def test_a_gang_threat_in_colloquial_verbs_is_blocked(checker: RuleChecker) -> None:
    assert "A9-07" in rule_errors(checker, "那小子再敢来闹，哥几个拿上家伙，弄死他。")


def test_a_hoarding_call_beside_a_lockdown_is_blocked(checker: RuleChecker) -> None:
    assert "A9-06" in rule_errors(checker, "网传下周封城，赶紧囤粮，晚了就没了。")


@pytest.mark.parametrize(
    "text",
    [
        "削苹果的时候小心别削到手，哥几个一起包饺子。",
        "他被人打残了，公安机关已依法刑事拘留两名嫌疑人。",
        "不会封城，物资供应充足，市民不必囤粮。",
    ],
)
def test_their_neighbours_stay_clean(checker: RuleChecker, text: str) -> None:
    assert not rule_errors(checker, text) & {"A9-06", "A9-07"}, text
