"""Issue 12, round 28: 第九条 and 第十六条 in other languages, read through a concept table.

Each item's core concepts in some seventy languages (``pipeline/rules/languages.yml``) and
rules joining them, reported as errors of the item where the Chinese rule would be one, and
excused as the Chinese combinations are. Every text here is written for these tests; the
sentences of ``UNSEEN`` are in languages no training set (7–24) has used.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from pipeline.rules import RuleChecker, languages
from pipeline.rules.corpus import gov_pieces

ROOT = Path(__file__).resolve().parent.parent


@cache
def _checker() -> RuleChecker:
    return RuleChecker(None)


def _errors(text: str) -> set[str]:
    return {d.rule for d in _checker().check_text(text) if d.severity == "error"}


def _blocked(text: str) -> list[str]:
    """The content errors of ``text`` (the 第九条, 第十六条 and 第十七条 rules)."""
    return [
        d.rule
        for d in _checker().check_text(text)
        if d.severity == "error" and d.rule.startswith(("A9-", "A16-", "A17-"))
    ]


# (rule, text): each rule in several languages and scripts.
VIOLATIONS = [
    ("A9-02", "Support Tibetan independence, now and forever!"),
    ("A9-02", "Свободу Тибету! Независимость Тибета!"),
    ("A9-02", "Niech żyje niepodległy Tybet."),
    ("A9-02", "استقلال تايوان هو الحل الوحيد"),
    ("A9-02", "Kemerdekaan untuk Xinjiang, sekarang juga."),
    ("A9-02", "ترکستان شرقی استقلال می خواهد"),
    ("A9-02", "홍콩 독립 만세"),
    # an opposition word turned by unity is the writer's stance, no rebuttal
    ("A9-02", "Support Taiwan independence, oppose reunification!"),
    ("A9-02", "Поддержим независимость Тайваня, против воссоединения!"),
    ("A9-01", "Down with the Communist Party!"),
    ("A9-01", "Rrëzoni qeverinë komuniste!"),
    ("A9-01", "Долой коммунистическую партию, свергнем правительство!"),
    ("A9-01", "Le socialisme doit être aboli, il faut abolir le parti communiste."),
    ("A9-05", "Falun Gong is good, Falun Dafa is good."),
    ("A9-05", "法輪功 ist gut, Falun Dafa ist gut."),
    ("A9-07", "How to make a pipe bomb at home: recipe inside."),
    ("A9-07", "Как сделать бомбу в домашних условиях: пошаговая инструкция"),
    ("A9-07", "Selling cocaine, cheap, discreet delivery, DM me."),
    ("A9-07", "Продаю мефедрон, закладки по городу, недорого."),
    ("A9-07", "Vendo pistolas y munición, envío a todo el país."),
    ("A9-07", "Online casino: 100% bonus on your first deposit!"),
    ("A9-13", "Prodajem lažne diplome i vozačke dozvole."),
    ("A9-13", "Sahte diploma ve ehliyet satılık, fiyat uygun."),
    ("A16-01", "Buy Instagram followers cheap, 10k in one day."),
    ("A16-01", "Follow us and share this post to win a new phone!"),
    ("A9-03", "Burn the Chinese flag in the square tomorrow."),
    ("A9-03", "Die Flagge ist nur ein Lumpen, verbrennt sie."),
    ("A9-04", "Kick out the Uyghurs, they are all thieves."),
    (
        "A9-06",
        "The dam broke and the city will flood tonight, the government is hiding it. Share with everyone!",
    ),
    ("A9-08", "Director Wang is a thief and a liar, pass it on."),
    ("A9-09", "Protest tomorrow at the city hall, everyone come, block the road!"),
    ("A9-10", "Our association is not registered, but the membership fee is 200 yuan."),
    ("A9-11", "Internal document, not yet published: share it with everyone."),
]

# Languages no training set has used: Lithuanian, Latvian, Estonian, Slovak, Slovenian,
# Basque, Georgian, Armenian, Kazakh, Uzbek, Azerbaijani, Maltese, Bengali, Tamil, Urdu,
# Serbian in Cyrillic, Macedonian, Galician, Scottish Gaelic, Nepali.
UNSEEN = [
    ("A9-02", "Tegyvuoja Tibeto nepriklausomybė!"),
    ("A9-02", "Taivānas neatkarība tagad!"),
    ("A9-02", "Tiibeti iseseisvus on ainus tee."),
    ("A9-02", "Nezávislosť Tibetu hneď teraz!"),
    ("A9-02", "Neodvisnost Tajvana zdaj!"),
    ("A9-02", "Tibeteko independentzia orain!"),
    ("A9-02", "ტიბეტის დამოუკიდებლობა ახლავე!"),
    ("A9-02", "Տիբեթի անկախություն հիմա"),
    ("A9-02", "Тибетке тәуелсіздік!"),
    ("A9-02", "Tibet uchun mustaqillik!"),
    ("A9-02", "Tayvan üçün müstəqillik indi!"),
    ("A9-02", "তিব্বতের স্বাধীনতা চাই"),
    ("A9-02", "திபெத் சுதந்திரம் வேண்டும்"),
    ("A9-02", "Независност за Тибет!"),
    ("A9-02", "Независност на Тајван!"),
    ("A9-02", "Independencia para o Tíbet xa!"),
    ("A9-02", "तिब्बतको स्वतन्त्रता"),
    ("A9-01", "Nuverskite komunistų partiją!"),
    ("A9-07", "Parduodu kokainą, pristatymas visoje šalyje."),
    ("A9-07", "Predám pervitín, doručenie diskrétne."),
    ("A9-07", "Bumbas pagatavošana mājas apstākļos: recepte."),
    ("A9-07", "Pistola għall-bejgħ, prezz irħis."),
    ("A9-13", "Ponarejene diplome, prodam poceni."),
    ("A9-05", "ფალუნ გონგი კარგია"),
    ("A9-07", "ہیروئن برائے فروخت، سستی قیمت"),
]

# Government posts and warnings in other languages: the words the rules join, in the
# frames a Chinese post would be excused in.
LEGITIMATE = [
    "We firmly oppose Taiwan independence and any separatist activities.",
    "We firmly oppose Taiwan independence and support reunification.",
    "Police seized 3 kg of methamphetamine and arrested two suspects selling drugs.",
    "Beware of fake invoices: buying or selling fake invoices is a crime.",
    "Falun Gong is an evil cult; report its activities to the police.",
    "Hong Kong's Independent Commission Against Corruption opened a new office.",
    "Centralised procurement cut the prices of 300 drugs by half.",
    "Online gambling is illegal; do not join betting apps.",
    "The Qing dynasty was overthrown in the revolution of 1911.",
    "Tibet: free admission to all museums during the holiday.",
    "Earthquake preparedness drill tomorrow morning; please share with everyone.",
    "Teacher Li helped the police catch a thief at the market.",
    "The court sentenced the former director, a fraudster, to five years.",
    "Die Polizei hat zwei Kilogramm Kokain beschlagnahmt.",
    "Полиция изъяла пять килограммов героина, продавцы задержаны.",
    "Rechazamos firmemente la independencia de Taiwán.",
    "Attention aux fausses factures : la vente de fausses factures est illégale.",
    "نعارض استقلال تايوان بشدة",
    "Visit Taiwan compatriots' service centre; free tickets for Taiwan residents.",
    "Organic vegetables for sale at the farmers' market, fair prices.",
    "Ticket prices for children and seniors are halved this weekend.",
    "China's garbage sorting rules take effect in July.",
    "Unregistered taxis will be fined; report them to the hotline.",
    "Follow the traffic rules and share the road with cyclists.",
    "警方通报：查获标有“Selling cocaine cheap”字样的广告，已依法处理。",
    "我们坚决反对“Taiwan independence”等分裂言论。",
]


@pytest.mark.parametrize(("rule", "text"), VIOLATIONS + UNSEEN)
def test_a_concept_rule_is_an_error_of_its_item(rule: str, text: str) -> None:
    assert rule in _errors(text), text


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_posts_in_other_languages_pass(text: str) -> None:
    assert _blocked(text) == [], text


def test_the_finding_names_the_foreign_words_and_what_to_do() -> None:
    (d,) = [d for d in languages.detect("Support Tibetan independence!") if d.rule == "A9-02"]
    assert d.severity == "error" and d.article == "第九条第（二）项"
    assert "Tibetan" in d.message and "independence" in d.message
    assert "修改建议" in d.message and "中文译文" in d.message
    text = "Support Tibetan independence!"
    assert text[d.start : d.end] == "Tibetan independence"


def test_folding_keeps_offsets_and_folds_case_and_diacritics() -> None:
    text = "NEZÁVISLOST Tibetu — Ελευθερία!"
    folded, index = languages.fold(text)
    assert folded.startswith("nezavislost tibetu ")
    assert folded.endswith("ελευθερια|")
    assert len(index) == len(folded)
    at = folded.index("tibetu")
    assert text[index[at] : index[at + len("tibetu") - 1] + 1] == "Tibetu"
    # a script change is a word boundary (``支持Tibet``)
    assert languages.fold("支持Tibet独立")[0] == "支持 tibet 独立"


def test_words_match_whole_or_by_their_marked_stem() -> None:
    t = languages.table()
    found = {h.concept for h in languages.hits(t, languages.fold("Tibetans")[0])}
    assert "tibet" in found  # tibet*: a stem
    assert "gun" not in {h.concept for h in languages.hits(t, languages.fold("begun")[0])}
    assert "tibet" not in {h.concept for h in languages.hits(t, languages.fold("xtibet")[0])}


def test_an_entry_reads_into_folded_words_with_its_stars() -> None:
    from pipeline.rules.language_table import _token

    def words(raw: str) -> list[tuple[str, bool, bool]]:
        token = _token("c", "xx", raw)
        assert token is not None and not token.unspaced
        return [(w.text, w.lead, w.trail) for w in token.words]

    # a star marks the part's outer end only, after the part is split into folded words
    assert words("*Ab-Cd* Éf") == [("ab", True, False), ("cd", False, True), ("ef", False, False)]
    assert words("x.Y*") == [("x", False, False), ("y", False, True)]
    thai = _token("c", "th", "ไทย อิสระ")
    assert thai is not None and thai.unspaced and [w.text for w in thai.words] == ["ไทยอิสระ"]
    assert _token("c", "zh", "台独 *") is None and _token("c", "xx", "* **") is None


def test_a_language_can_be_left_out_of_the_table() -> None:
    raw = languages.raw_data()
    without = languages.Table.build(raw, frozenset({"cy"}))
    text = "Annibyniaeth i Tibed!"
    assert [d.rule for d in languages.detect(text)] == ["A9-02"]
    assert languages.detect(text, without) == []
    assert "cy" not in without.languages and "cy" in languages.table().languages


def test_the_table_is_wide() -> None:
    t = languages.table()
    assert len(t.languages - {"latin", "cyrl"}) >= 40
    items = {r.rule for r in t.rules}
    assert {"A9-01", "A9-02", "A9-05", "A9-07", "A9-13", "A16-01"} <= items


_SHARED = Path(os.environ.get("GOVMEDIA_SHARED") or ROOT.parent / "shared")


@pytest.mark.skipif(not (_SHARED / "corpus").is_dir(), reason="no shared government corpus here")
def test_no_government_corpus_piece_is_read_as_a_foreign_violation() -> None:
    pieces = gov_pieces(_SHARED, "all")
    assert pieces
    assert [name for name, text in pieces if languages.detect(text)] == []
