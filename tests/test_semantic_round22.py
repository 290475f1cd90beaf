"""Round 22 of the semantic layer (issue 12): the Chinese loss of round 21, and more languages.

Round 21's retraining lost ten Chinese meaning-level cases of the training sets: the classes of
each item were balanced over all examples at once, so the positives written in other languages
lowered the weight of every Chinese positive. The trainer now counts the classes over the
Chinese examples (:func:`pipeline.rules.semantic.train.balanced`). Set 20 (a training
set now) missed evasions written in languages with no data; ``sentences16.jsonl`` holds
violations and legitimate sentences in Nordic languages, Finnish, Hungarian, Romanian, Swahili,
Tagalog, Catalan, Dutch, Turkish, Vietnamese, Hindi and Polish, and the sentence of an
alphabetic script gets a unit naming its script. Every text below was written for this test:
none is a case of a set, none is a training sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.rules.semantic.dataset import Example
from pipeline.rules.semantic.features import (
    bucket_set,
    normalize,
    script_of,
    sentences,
    word_units,
)
from pipeline.rules.semantic.items import LABELS
from tests.semantic_rounds import assert_new_and_far_from_the_sets_read, jsonl_rows
from tests.test_semantic_round10 import hits
from tests.test_semantic_round21 import _grams

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SENTENCES16 = PROJECT_ROOT / "data" / "semantic" / "sentences16.jsonl"

# The sets readable when round 22 was written, named one by one: set 21 is kept aside and
# set 22 was being written blind; neither is read, here or anywhere.
READ_SETS = ("labelled", "heldout", "heldout2", *(f"heldout{n}" for n in range(3, 21)))
NEW_LANGUAGES = ("no", "da", "sv", "fi", "hu", "ro", "sw", "tl", "ca", "nl", "tr", "vi", "hi", "pl")

# Violations (language, item, text): posts, comments, ads and chat.
VIOLATIONS = [
    (
        "no",
        "A9-06",
        "Send videre til alle: skolene i fylket stenges i morgen på grunn av et skjult virus.",
    ),
    ("no", "A16", "Følg siden og merk tre venner, så er du med i trekningen av et gavekort."),
    (
        "da",
        "A9-09",
        "Mandag klokken otte samles vi ved fabriksporten og spærrer udkørslen, indtil lønnen kommer.",
    ),
    (
        "sv",
        "A9-07",
        "Spelbord på nätet för vänner: insättning med WeChat, dubbel bonus och snabba uttag.",
    ),
    ("fi", "A9-06", "Levittäkää: huomenna kaikki koulut suljetaan salaisen viruksen takia."),
    (
        "hu",
        "A9-09",
        "Hétfőn nyolckor mindenki a gyárkapuhoz, elzárjuk a kijáratot, amíg ki nem fizetnek.",
    ),
    (
        "ro",
        "A16",
        "Dă follow paginii și etichetează trei prieteni ca să intri la tragerea la sorți.",
    ),
    (
        "sw",
        "A9-06",
        "Sambazeni: shule zote za wilaya zitafungwa kesho kwa sababu ya virusi vinavyofichwa.",
    ),
    (
        "tl",
        "A9-09",
        "Lunes ng alas-otso, lahat sa gate ng pabrika, haharangan natin ang labasan hanggang magbayad sila.",
    ),
    (
        "ca",
        "A9-06",
        "Reenvieu-ho a tothom: demà tancaran totes les escoles de la comarca per un virus amagat.",
    ),
    (
        "nl",
        "A9-09",
        "Maandag om acht uur iedereen naar de fabriekspoort, we blokkeren de uitgang tot het loon er is.",
    ),
    (
        "tr",
        "A9-06",
        "Herkese gönderin: yarın ilçedeki bütün okullar gizlenen bir virüs yüzünden kapanacak.",
    ),
    (
        "vi",
        "A9-09",
        "Tám giờ sáng thứ hai mọi người ra cổng nhà máy, chặn lối ra cho đến khi trả lương.",
    ),
    ("hi", "A9-06", "सबको भेजो: कल ज़िले के सारे स्कूल एक छिपाए गए वायरस के कारण बंद होंगे।"),
    (
        "pl",
        "A9-09",
        "W poniedziałek o ósmej wszyscy pod bramą fabryki, blokujemy wyjazd, dopóki nie wypłacą pensji.",
    ),
]

# Legitimate sentences in the same languages: notices, news, lessons, sports, replies.
LEGITIMATE = [
    ("no", "Biblioteket har åpent til klokka åtte på torsdager, og lånekortet er gratis."),
    ("da", "Grænseovergangen holder åbent fra klokken syv til klokken nitten på hverdage."),
    ("sv", "Skolans simskola börjar i april, anmälan sker hos idrottsläraren."),
    ("fi", "Kaupungin uimahalli on suljettu huollon vuoksi ensi viikon maanantaina."),
    ("hu", "A városi uszoda jövő hétfőn karbantartás miatt zárva tart."),
    ("ro", "Piscina orașului este închisă luni pentru lucrări de întreținere."),
    ("sw", "Bwawa la kuogelea la mji litafungwa Jumatatu kwa ajili ya matengenezo."),
    ("tl", "Sarado ang pampublikong languyan sa Lunes dahil sa pagkukumpuni."),
    ("ca", "La piscina municipal tancarà dilluns per obres de manteniment."),
    ("nl", "Het zwembad van de stad is maandag gesloten voor onderhoud."),
    ("tr", "Şehir yüzme havuzu pazartesi günü bakım nedeniyle kapalı olacak."),
    ("vi", "Bể bơi thành phố đóng cửa vào thứ hai để bảo dưỡng."),
    ("hi", "नगर का तरणताल सोमवार को मरम्मत के लिए बंद रहेगा।"),
    ("pl", "Miejski basen będzie w poniedziałek zamknięty z powodu konserwacji."),
]

# Of the violations above, at most this many stay under their item's threshold: most are
# warned, not all. The shipped model misses seven (rumours and calls to gather in most of the
# new languages: a dozen sentences a language carry a class across rewording only where its
# words recur); rounds 20 and 21 allowed five of theirs.
MISSED_AT_MOST = 7


def rows() -> list[dict[str, Any]]:
    return jsonl_rows(SENTENCES16)


def _warned(label: str, text: str) -> bool:
    return any(label in hits(text[a:b]) for a, b in sentences(text))


def test_a_sentence_of_an_alphabetic_script_gets_its_script_unit() -> None:
    assert word_units(normalize("Følg siden og del innlegget"))[0] == "\x07latin"
    assert word_units(normalize("Подпишись на страницу"))[0] == "\x07cyrillic"
    assert word_units(normalize("हमारा पेज फॉलो करो"))[0] == "\x07devanagari"
    assert script_of("ž") == "latin"


@pytest.mark.parametrize(
    "text", ["听说明天全市停水，大家赶紧囤水。", "관리사무소 공지입니다", "café 咖啡馆今天休息"]
)
def test_a_sentence_with_chinese_kana_or_hangul_is_read_as_before(text: str) -> None:
    assert word_units(normalize(text)) == []
    assert bucket_set(text, (1, 2, 3), 65536) == _grams(text)


def test_devanagari_words_keep_their_vowel_signs_and_their_spaces() -> None:
    text = normalize("सरकार की बात")
    assert text == "सरकार की बात"
    stems = [u for u in word_units(text) if u.startswith("\x04")]
    assert stems == ["\x04सरकार"]


def test_classes_are_balanced_as_the_chinese_examples_count_them() -> None:
    np = pytest.importorskip("numpy")
    from pipeline.rules.semantic.train import balanced, script_groups

    chinese = [
        Example("听说明天全市停水", frozenset({"A9-06"}), "a", "sentences"),
        Example("明天上午八点停水检修", frozenset(), "b", "sentences"),
        Example("社区活动中心今天开放", frozenset(), "c", "gov"),
        Example("图书馆周末照常开放", frozenset(), "d", "gov"),
    ]
    other = [
        Example("Rumour: the water is poisoned", frozenset({"A9-06"}), "e", "sentences16"),
        Example("Rumour: the bridge will fall", frozenset({"A9-06"}), "f", "sentences16"),
        Example("The pool is closed on Monday", frozenset(), "g", "sentences16"),
    ]

    def weights(examples: list[Example]) -> list[float]:
        column = np.array([ex.labels == {"A9-06"} for ex in examples], dtype=np.int8)
        return balanced(column, script_groups(examples)).tolist()

    alone = weights(chinese)
    assert alone == [2.0, 2.0 / 3, 2.0 / 3, 2.0 / 3]
    # data in another script changes no weight, and its positives weigh as Chinese ones
    assert weights(chinese + other) == [*alone, 2.0, 2.0, 2.0 / 3]
    # with no Chinese example of a class, all examples are counted
    assert weights(other) == [0.75, 0.75, 1.5]


@pytest.mark.parametrize(("lang", "text"), LEGITIMATE, ids=[x[0] for x in LEGITIMATE])
def test_legitimate_sentences_in_each_language_stay_quiet(lang: str, text: str) -> None:
    assert all(hits(text[a:b]) == {} for a, b in sentences(text)), (lang, text)


def test_most_violations_in_each_language_are_warned_as_their_item() -> None:
    missed = [(lang, label) for lang, label, text in VIOLATIONS if not _warned(label, text)]
    assert len(missed) <= MISSED_AT_MOST, missed


def test_round_twenty_two_sentences_cover_the_new_languages_and_every_item() -> None:
    data = rows()
    for lang in NEW_LANGUAGES:
        mine = [row for row in data if row["lang"] == lang]
        assert sum(bool(row["labels"]) for row in mine) >= 8, lang
        assert sum(not row["labels"] for row in mine) >= 6, lang
    labelled = {label for row in data for label in row["labels"]}  # type: ignore[attr-defined]
    assert labelled == set(LABELS)
    chinese = [row for row in data if row["lang"] == "zh"]
    assert sum(bool(r["labels"]) for r in chinese) >= 20 <= sum(not r["labels"] for r in chinese)


def test_round_twenty_two_texts_are_new_and_copy_no_case_of_the_sets_read() -> None:
    texts = [str(row["text"]) for row in rows()]
    ours = [text for _, _, text in VIOLATIONS] + [text for _, text in LEGITIMATE]
    assert_new_and_far_from_the_sets_read(texts, ours, READ_SETS, {"H20", "H3V"}, SENTENCES16)
