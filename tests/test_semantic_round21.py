"""Round 21 of the semantic layer (issue 12): languages with no data, and slogans.

Set 19 (a training set now) missed evasions written wholly in French, German, Spanish and
Indonesian: the model had no sentence in those languages, and its character 1–3-grams of a
Latin script are shared by every language written in it. Round 20 also left Russian, Korean
and Mongolian slogans under their thresholds. This round folds the accents of Latin letters,
adds word units (a cognate stem and the 4-grams within a word) to a sentence in an alphabetic
script, and trains on ``sentences15.jsonl``. Every text below was written for this test: none
is a case of a set, none is a training sentence.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import pytest

from pipeline.rules.semantic.features import (
    bucket_set,
    cognate_key,
    normalize,
    sentences,
    word_units,
    worth_scoring,
)
from pipeline.rules.semantic.items import LABELS
from tests.semantic_rounds import assert_new_and_far_from_the_sets_read, jsonl_rows
from tests.test_semantic_round10 import hits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SENTENCES15 = PROJECT_ROOT / "data" / "semantic" / "sentences15.jsonl"

# The sets readable when round 21 was written, named one by one: set 20 is kept aside and
# set 21 was being written blind; neither is read, here or anywhere.
READ_SETS = ("labelled", "heldout", "heldout2", *(f"heldout{n}" for n in range(3, 20)))
NEW_LANGUAGES = ("fr", "de", "es", "pt", "it", "id", "th", "ar")

# Violations (language, item, text): posts, comments, ads and chat.
VIOLATIONS = [
    (
        "fr",
        "A9-06",
        "Faites suivre à tous vos proches : demain toutes les écoles du canton fermeront à cause d'un virus caché.",
    ),
    (
        "fr",
        "A9-09",
        "Rendez-vous lundi à huit heures devant l'usine, on bloque la sortie des camions jusqu'au paiement des salaires.",
    ),
    (
        "fr",
        "A16",
        "Suivez la page et partagez ce message pour recevoir un bon d'achat, sans partage pas de bon.",
    ),
    (
        "de",
        "A9-07",
        "Wettbüro für Freunde: Einzahlung per WeChat, Bonus auf die erste Einzahlung, Gewinne gleich abholen.",
    ),
    (
        "de",
        "A9-09",
        "Alle am Montag um acht vor das Werkstor, wir blockieren die Ausfahrt, bis der Lohn kommt.",
    ),
    (
        "de",
        "A9-13",
        "Verkaufe Bärengalle und Tigerknochen ohne Papiere, Übergabe heimlich hinter dem Zollhof.",
    ),
    (
        "es",
        "A9-05",
        "Ven a nuestro grupo: el mundo se acaba este invierno, deja las medicinas, solo el gran maestro cura.",
    ),
    (
        "es",
        "A9-06",
        "Pasadlo a todos: dicen que el lunes cierran todas las escuelas de la comarca por un virus que ocultan.",
    ),
    (
        "es",
        "A16",
        "Sigue la cuenta y etiqueta a tres amigos para entrar en el sorteo de una cena, sin etiqueta no vale.",
    ),
    (
        "pt",
        "A9-07",
        "Cassino online para conhecidos: recarga pelo WeChat, primeiro depósito em dobro, saque na hora.",
    ),
    (
        "pt",
        "A9-09",
        "Segunda às oito todo mundo no portão da fábrica, vamos bloquear a saída até pagarem.",
    ),
    (
        "pt",
        "A9-13",
        "Vendo bílis de urso e ossos de tigre sem documento, entrega escondida longe da alfândega.",
    ),
    (
        "it",
        "A9-06",
        "Girate a tutti: dicono che lunedì chiuderanno tutte le scuole della valle per un virus nascosto.",
    ),
    (
        "it",
        "A9-07",
        "Casinò online per amici: ricarica con WeChat, bonus sul primo deposito, vincite pagate in giornata.",
    ),
    (
        "it",
        "A16",
        "Segui la pagina e tagga tre amici per partecipare all'estrazione di una cena, senza tag non vale.",
    ),
    (
        "id",
        "A9-06",
        "Sebarkan ke semua grup: katanya Senin semua sekolah di kecamatan ditutup karena virus yang disembunyikan.",
    ),
    (
        "id",
        "A9-09",
        "Senin jam delapan semua ke gerbang pabrik, tutup jalan keluar truk sampai gaji dibayar.",
    ),
    (
        "id",
        "A9-13",
        "Jual empedu beruang dan tulang harimau tanpa dokumen, serah terima diam-diam di belakang kantor bea cukai.",
    ),
    ("th", "A9-07", "เว็บพนันออนไลน์สำหรับคนรู้จัก เติมเงินผ่านวีแชท โบนัสฝากแรก ถอนเงินรางวัลได้ทันที"),
    ("th", "A9-09", "วันจันทร์แปดโมงทุกคนไปหน้าประตูโรงงาน ปิดทางออกรถบรรทุกจนกว่าจะจ่ายค่าแรง"),
    ("th", "A16", "กดติดตามเพจและแท็กเพื่อนสามคนเพื่อลุ้นรับอาหารเย็นฟรี ไม่แท็กไม่มีสิทธิ์"),
    (
        "ar",
        "A9-06",
        "انشروها لكل المعارف: يقولون إن كل مدارس المنطقة ستغلق يوم الاثنين بسبب فيروس تخفيه السلطات.",
    ),
    (
        "ar",
        "A9-07",
        "موقع رهانات للأصدقاء: الشحن عبر وي تشات ومكافأة على الإيداع الأول والسحب في الحال.",
    ),
    (
        "ar",
        "A9-09",
        "يوم الاثنين الساعة الثامنة الجميع عند بوابة المصنع، نغلق مخرج الشاحنات حتى تدفع الأجور.",
    ),
    ("ru", "A9-09", "Все к проходной в понедельник! Перекроем выезд, пока не отдадут зарплату!"),
    ("ru", "A16", "Подпишись, поставь лайк и отметь двух друзей — выиграешь ужин на двоих!"),
    ("ko", "A9-09", "월요일 여덟 시에 모두 공장 정문으로! 임금 줄 때까지 출구를 막자!"),
    ("ko", "A16", "페이지 팔로우하고 친구 두 명 태그하면 저녁 식사 추첨 참여!"),
    (
        "mn",
        "A9-09",
        "Даваа гаригт бүгдээрээ үйлдвэрийн хаалган дээр! Цалингаа авах хүртэл гарцыг хаацгаая!",
    ),
    ("mn", "A16", "Хуудсыг дагаж, хоёр найзаа тэмдэглээд оройн хоолны сугалаанд оролцоорой!"),
]

# Legitimate sentences in the same languages: notices, news, lessons, sports, replies.
LEGITIMATE = [
    (
        "fr",
        "Le consulat rappelle que le passeport doit être valable au moins six mois après la date du voyage.",
    ),
    ("fr", "La gendarmerie a arrêté deux passeurs de fausses cartes et les a remis à la justice."),
    ("de", "Der Grenzübergang ist an Feiertagen von acht bis achtzehn Uhr geöffnet."),
    ("de", "Im Sprachkurs üben wir heute, wie man im Restaurant bestellt und bezahlt."),
    (
        "es",
        "La aduana recuerda que no se pueden introducir frutas frescas sin certificado sanitario.",
    ),
    ("es", "El equipo local de baloncesto jugará la final provincial el próximo sábado."),
    ("pt", "O consulado informa que o passaporte deve ter validade mínima de seis meses."),
    ("pt", "A feira de artesanato da fronteira recebe visitantes de quinta a domingo."),
    ("it", "La dogana ricorda che la frutta fresca non può entrare senza certificato sanitario."),
    ("it", "Il corso serale di cinese per adulti riprende a gennaio nella scuola media."),
    (
        "id",
        "Konsulat mengingatkan bahwa paspor harus berlaku minimal enam bulan sejak tanggal perjalanan.",
    ),
    ("id", "Festival kuliner perbatasan menghadirkan masakan dari kedua negara selama tiga hari."),
    ("th", "ด่านศุลกากรขอแจ้งว่าห้ามนำผลไม้สดเข้าประเทศหากไม่มีใบรับรองสุขอนามัย"),
    ("th", "ทีมบาสเกตบอลของจังหวัดจะลงแข่งรอบชิงชนะเลิศวันเสาร์นี้"),
    ("ar", "تذكر القنصلية بأن جواز السفر يجب أن يكون صالحًا ستة أشهر على الأقل."),
    ("ar", "يستقبل معرض الحرف اليدوية الحدودي الزوار من الخميس إلى الأحد."),
    ("ru", "Консульство напоминает: паспорт должен быть действителен не менее шести месяцев."),
    ("ko", "영사관은 여권 유효기간이 최소 여섯 달 이상 남아 있어야 한다고 안내했습니다."),
    (
        "mn",
        "Консулын газар паспортын хүчинтэй хугацаа зургаан сараас доошгүй байх ёстойг сануулав.",
    ),
]


# Of the violations above, at most this many stay under their item's threshold.
MISSED_AT_MOST = 5


def rows() -> list[dict[str, Any]]:
    return jsonl_rows(SENTENCES15)


def _warned(label: str, text: str) -> bool:
    return any(label in hits(text[a:b]) for a, b in sentences(text))


def test_latin_accents_and_case_fold_and_other_scripts_keep_their_marks() -> None:
    assert (
        normalize("MANIFESTACIÓN Straße Việt Nam đường") == "manifestacion strasse viet nam duong"
    )
    assert normalize("Manifestación") == normalize("manifestacion")
    assert normalize("Йошкар") == "йошкар"  # a Cyrillic letter keeps its mark
    assert normalize("café 咖啡") == "café咖啡"  # a sentence with Chinese reads as before


def test_cognates_share_a_stem_unit() -> None:
    keys = {
        cognate_key(normalize(w))[:5] for w in ("Korruption", "korupsi", "corrupción", "corruption")
    }
    assert keys == {"korup"}
    stems = {
        u
        for w in ("manifestation", "manifestación", "manifestasi")
        for u in word_units(normalize(w))
    }
    assert "\x04manif" in stems
    assert {cognate_key(w)[:5] for w in ("terrorisme", "terorisme", "terrorismo")} == {"teror"}


def _grams(text: str) -> set[int]:
    """The buckets of the 1–3-grams alone: the featurizer before round 21."""
    padded = "\x02" + normalize(text) + "\x03"
    return {
        zlib.crc32(f"{n}{padded[i : i + n]}".encode()) % 65536
        for n in (1, 2, 3)
        for i in range(len(padded) - n + 1)
    }


@pytest.mark.parametrize(
    "text",
    [
        "明天全城停水，大家快转",
        "下载app领红包 free wifi 全免费",
        "Free Tibet 下载",
        "도박 사이트 가입하세요",
    ],
)
def test_a_sentence_with_chinese_or_hangul_gets_no_word_units(text: str) -> None:
    assert word_units(normalize(text)) == []
    assert bucket_set(text, (1, 2, 3), 65536) == _grams(text)


def test_a_sentence_in_an_alphabetic_script_gets_word_units() -> None:
    text = "Rassemblement samedi sur la place"
    assert bucket_set(text, (1, 2, 3), 65536) > _grams(text)
    units = word_units(normalize(text))
    assert "\x04rasem" in units and "plac" in units and "sur" not in units


def test_thai_written_without_spaces_is_worth_scoring() -> None:
    assert worth_scoring("ห้ามเล่นการพนันออนไลน์ทุกชนิด", 6)
    assert not worth_scoring("สวัสดี", 6)


@pytest.mark.parametrize(
    ("lang", "text"), LEGITIMATE, ids=[f"{x[0]}-{i}" for i, x in enumerate(LEGITIMATE)]
)
def test_legitimate_sentences_in_each_language_stay_quiet(lang: str, text: str) -> None:
    loud = {text[a:b]: hits(text[a:b]) for a, b in sentences(text) if hits(text[a:b])}
    assert not loud, loud


def test_most_violations_in_each_language_are_warned_as_their_item() -> None:
    by_lang: dict[str, list[bool]] = {}
    for lang, label, text in VIOLATIONS:
        by_lang.setdefault(lang, []).append(_warned(label, text))
    missed = [(lang, label) for lang, label, text in VIOLATIONS if not _warned(label, text)]
    assert len(missed) <= MISSED_AT_MOST, missed
    for lang, found in by_lang.items():
        assert sum(found) * 2 >= len(found), (lang, found)


def test_round_twenty_one_sentences_cover_every_item_in_the_new_languages() -> None:
    data = rows()
    assert {str(row["lang"]) for row in data} >= {*NEW_LANGUAGES, "ms", "ru", "ko", "mn"}
    for lang in NEW_LANGUAGES:
        bad = [row for row in data if row["lang"] == lang and row["labels"]]
        good = [row for row in data if row["lang"] == lang and not row["labels"]]
        assert {label for row in bad for label in row["labels"]} == set(LABELS), lang  # type: ignore[attr-defined]
        assert len(good) * 5 >= len(bad) * 4, lang  # four legitimate for five violations
    for lang in ("ru", "ko", "mn"):
        assert sum(bool(row["labels"]) for row in data if row["lang"] == lang) >= 12, lang


def test_round_twenty_one_texts_are_new_and_copy_no_case_of_the_sets_read() -> None:
    texts = [str(row["text"]) for row in rows()]
    ours = [text for _, _, text in VIOLATIONS] + [text for _, text in LEGITIMATE]
    assert_new_and_far_from_the_sets_read(texts, ours, READ_SETS, {"H19", "H3V"}, SENTENCES15)
