"""Round 24 of the semantic layer (issue 12): set 22's meaning-level misses and its languages.

Set 22 (a training set now) missed evasions written wholly in Czech, Hindi, Hebrew, Thai and
Arabic (sets 20 and 21 showed Hungarian, Greek and Tagalog too) and twelve Chinese
meaning-level cases whose ideas no training sentence said (land held as private property,
figures falsified for gain abroad, hiring refused by name or origin, an unreported site of
foreign preachers, a head-tax rumour, drugs sent as other goods, sedatives forced on the old,
honours called bought, a poached crane, a scare invented for followers). ``sentences17.jsonl``
holds violations and legitimate sentences in those languages and Chinese sentences of those
ideas in other scenes. Every text below was written for this test: none is a case of a set,
none is a training sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.rules.semantic.features import sentences
from tests.semantic_rounds import assert_new_and_far_from_the_sets_read, jsonl_rows
from tests.test_semantic_round10 import hits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SENTENCES17 = PROJECT_ROOT / "data" / "semantic" / "sentences17.jsonl"

# The sets readable when round 24 was written, named one by one (set 23 is being written
# blind and is not read, here or anywhere).
READ_SETS = ("labelled", "heldout", "heldout2", *(f"heldout{n}" for n in range(3, 23)))
NEW_LANGUAGES = ("cs", "he", "th", "ar", "el", "hi", "hu", "tl")

# Violations (language, item, text): posts, comments, ads and chat.
VIOLATIONS = [
    (
        "cs",
        "A9-06",
        "Pošlete všem známým: zítra v celém městě na týden vypnou vodu a radnice to zamlčuje.",
    ),
    ("cs", "A9-04", "Tibeťanům byt nepronajímejte, kradou a nájem stejně nikdy nezaplatí."),
    ("he", "A9-06", "תעבירו לכולם: מחר מנתקים את המים בכל העיר לשבוע, והעירייה שותקת."),
    ("he", "A9-08", "הרופא הזה שרלטן וגנב, זו הכתובת של הבית שלו, תפרסמו בכל מקום."),
    ("th", "A9-06", "ส่งต่อด่วน พรุ่งนี้ทั้งเมืองจะไม่มีน้ำใช้หนึ่งสัปดาห์ แต่เทศบาลปิดข่าวไว้"),
    ("th", "A9-12", "แอดมินตอบ คำถามโง่ ๆ แบบนี้ไม่ต้องส่งมาอีก รำคาญ"),
    ("ar", "A9-06", "انشروا بسرعة: ستقطع المياه عن المدينة كلها أسبوعا كاملا والبلدية تخفي ذلك."),
    ("ar", "A9-04", "لا تؤجروا البيوت للمغول، كلهم لصوص ولا يدفعون الإيجار."),
    (
        "el",
        "A9-03",
        "Πατήστε την κινέζικη σημαία στην πλατεία και ανεβάστε φωτογραφίες, η χώρα αυτή δεν αξίζει σεβασμό.",
    ),
    ("hi", "A9-07", "ऑनलाइन जुआ खेलो, वीचैट से पैसे जमा करो और उसी रात जीत की रकम निकालो।"),
    ("hu", "A9-04", "Ujgurnak ne adjatok ki lakást, mind lopnak, és sosem fizetnek."),
    (
        "tl",
        "A9-13",
        "Nagbebenta kami ng pekeng pasaporte at birth certificate, may tatak pa, ilang araw lang.",
    ),
]

# Set 22's Chinese meaning-level ideas said another way (item, text).
CHINESE = [
    ("A9-01", "说白了，地就该谁种着归谁，传给儿孙随便转让，集体所有制早该扔了。"),
    ("A9-07", "白粉装进奶粉罐，面单写婴儿奶粉，快递员一单抽成两百。"),
    ("A9-07", "敬老院里谁不听话，晚饭里就多放几片安眠药，睡过去也就拉倒。"),
    ("A9-13", "水库边支网抓白鹤，活的一只卖三万，晚上动手别被巡护员撞见。"),
    ("A16", "编个全城燃气管要爆的消息先发，等大家慌了再辟谣，粉丝能翻倍。"),
    ("A9-06", "都别开门，这回上门登记就是为了收人头钱，一人三千。"),
    ("A9-12", "小编回复：就你事多，再刷屏就拉黑你，顺便把你截图挂出来。"),
    ("A9-08", "那个老支书的奖章都是花钱买的，当年还当过逃兵，大家传开。"),
]

# Legitimate sentences in the same languages and registers.
LEGITIMATE = [
    ("cs", "Knihovna bude v pondělí zavřená kvůli inventuře."),
    ("he", "הספרייה העירונית תהיה סגורה ביום שני לרגל ספירת מלאי."),
    ("th", "ห้องสมุดเมืองปิดวันจันทร์เพื่อตรวจนับหนังสือ"),
    ("ar", "المكتبة العامة مغلقة يوم الاثنين لجرد الكتب."),
    ("el", "Η δημοτική βιβλιοθήκη θα είναι κλειστή τη Δευτέρα για απογραφή."),
    ("hi", "नगर पुस्तकालय सोमवार को गिनती के कारण बंद रहेगा।"),
    ("hu", "A városi könyvtár hétfőn leltár miatt zárva tart."),
    ("tl", "Sarado ang aklatan ng lungsod sa Lunes dahil sa imbentaryo."),
    ("zh", "丹顶鹤越冬期间，湿地保护区暂停游客进入核心区。"),
    ("zh", "养老院老人的用药由医生开具处方，护理员按时发放并登记。"),
    ("zh", "本号今后不做抽奖涨粉，灾情信息以应急管理局发布为准。"),
    ("zh", "农村承包地可以依法流转，流转合同请到乡镇农经站备案。"),
]

# Of the violations above (other languages and Chinese together), at most this many stay
# under their item's threshold. The shipped model misses twelve of the twenty (round 22's
# model fifteen): a dozen or two sentences a language carry a class across rewording only
# where its words recur, and the Chinese ideas of set 22 said in other words (drugs in a
# milk tin, sedatives at supper, a crane netted, a head-tax rumour, a bought medal) stay
# under their thresholds too (docs/dev/rules-figures.md, "Round 24, semantic").
MISSED_AT_MOST = 12


def rows() -> list[dict[str, Any]]:
    return jsonl_rows(SENTENCES17)


def _warned(label: str, text: str) -> bool:
    return any(label in hits(text[a:b]) for a, b in sentences(text))


@pytest.mark.parametrize(("lang", "text"), LEGITIMATE, ids=[x[0] for x in LEGITIMATE])
def test_legitimate_sentences_in_each_language_stay_quiet(lang: str, text: str) -> None:
    assert all(hits(text[a:b]) == {} for a, b in sentences(text)), (lang, text)


def test_most_violations_are_warned_as_their_item() -> None:
    cases = [(lang, label, text) for lang, label, text in VIOLATIONS]
    cases += [("zh", label, text) for label, text in CHINESE]
    missed = [(lang, label) for lang, label, text in cases if not _warned(label, text)]
    assert len(missed) <= MISSED_AT_MOST, missed


def test_round_twenty_four_sentences_cover_the_new_languages_with_negatives() -> None:
    data = rows()
    for lang in NEW_LANGUAGES:
        bad = [row for row in data if row["lang"] == lang and row["labels"]]
        good = [row for row in data if row["lang"] == lang and not row["labels"]]
        assert len(bad) >= 7 and len(good) >= 5, lang
        assert len({label for row in bad for label in row["labels"]}) >= 7, lang  # type: ignore[attr-defined]
    chinese = [row for row in data if row["lang"] == "zh"]
    bad = sum(bool(row["labels"]) for row in chinese)
    good = sum(not row["labels"] for row in chinese)
    assert bad >= 40 and good >= 35


def test_round_twenty_four_texts_are_new_and_copy_no_case_of_the_sets_read() -> None:
    texts = [str(row["text"]) for row in rows()]
    ours = [text for _, _, text in VIOLATIONS] + [text for _, text in CHINESE]
    ours += [text for _, text in LEGITIMATE]
    assert_new_and_far_from_the_sets_read(texts, ours, READ_SETS, {"H22", "H3V"}, SENTENCES17)
