"""Round 20 of the semantic layer (issue 12): other languages and the meaning-level misses.

Set 18 (a training set now) showed the model silent on posts written wholly in Russian,
Korean and Mongolian: the featurizer scored only sentences with six Chinese characters, cut
no sentence at a Latin or Cyrillic full stop and glued the words of alphabetic scripts
together. It also missed eight meaning-level cases written without a banned word (money for
votes, a region called starving to foreign buyers for a price, a carer's route and address
with a threat, named patients' results, the poorest houses filmed as "the real border", a
refusal to take complaints, logging arranged with a ranger, unapproved injections at home).
Every text below was written for this test: none is a case of a set, none is a training
sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.rules.semantic.dataset import Example, read_jsonl
from pipeline.rules.semantic.features import normalize, sentences, worth_scoring
from pipeline.rules.semantic.items import LABELS
from tests.semantic_rounds import assert_new_and_far_from_the_sets_read
from tests.test_semantic_round10 import hits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SENTENCES14 = PROJECT_ROOT / "data" / "semantic" / "sentences14.jsonl"

# The sets readable when round 20 was written, named one by one: set 19 is kept aside and
# set 20 was being written blind; neither is read, here or anywhere.
READ_SETS = ("labelled", "heldout", "heldout2", *(f"heldout{n}" for n in range(3, 19)))
LANGUAGES = ("ru", "ko", "mn", "kk", "ug", "bo", "vi", "ja", "en")

# Violations in each language (language, item, text): posts, comments and chat.
VIOLATIONS = [
    (
        "ru",
        "A9-06",
        "Внимание всем! Говорят, с понедельника закроют все школы района из-за заразы, а власти молчат. Перешлите родителям.",
    ),
    (
        "ru",
        "A9-09",
        "Чат: в понедельник в восемь все к воротам комбината, перекрываем выезд и стоим, пока не отдадут зарплату.",
    ),
    (
        "ru",
        "A9-13",
        "Продам шкуры рыси и соболя без документов, провезу мимо таможни, оплата наличными.",
    ),
    (
        "ru",
        "A16",
        "Кто подпишется и поставит лайк пяти постам, получит шанс выиграть ящик яблок, репост обязателен!",
    ),
    (
        "ko",
        "A9-06",
        "긴급: 다음 주부터 시내 학교가 전부 문을 닫는다더라, 정부가 숨기고 있으니 빨리 퍼뜨려.",
    ),
    (
        "ko",
        "A9-09",
        "단톡방: 월요일 아침 여덟 시에 공장 정문 앞에 다 모여서 길을 막자, 월급 줄 때까지 안 간다.",
    ),
    ("ko", "A9-07", "온라인 카지노 첫 충전 두 배 이벤트, 위챗 입금 바로 출금 가능."),
    (
        "mn",
        "A9-06",
        "Яаралтай: ирэх долоо хоногоос хотын бүх сургууль хаагдана гэнэ, засаг нууж байна, бүгдэд дамжуулаарай.",
    ),
    (
        "mn",
        "A9-09",
        "Чат: даваа гарагт өглөө найман цагт үйлдвэрийн хаалганы өмнө цуглаж замаа хаая, цалингаа авах хүртэл явахгүй.",
    ),
    ("mn", "A16", "Дагаад таван найзаа тэмдэглэвэл гурил сугалаанд оролцоно, хуваалцах заавал!"),
    (
        "kk",
        "A9-06",
        "Шұғыл: келесі аптадан бастап қаладағы барлық мектеп жабылады дейді, билік жасырып жатыр, бәріне таратыңдар.",
    ),
    (
        "vi",
        "A9-06",
        "Khẩn cấp: nghe nói từ tuần sau tất cả trường học trong thành phố đóng cửa, chính quyền giấu, chia sẻ ngay.",
    ),
    (
        "ja",
        "A9-06",
        "緊急：来週から町の学校が全部閉鎖されるらしい、役所は隠している、みんなに回して。",
    ),
    (
        "en",
        "A9-06",
        "Urgent: I heard every school in the city will close from next week, the government is hiding it, share now.",
    ),
    (
        "en",
        "A9-09",
        "Chat: everyone to the factory gate at eight on Monday, we block the exit and stay until they pay our wages.",
    ),
]

# Legitimate sentences in the same languages: notices, customs, teaching materials, replies.
LEGITIMATE = [
    (
        "ru",
        "Пункт пропуска сообщает: в субботу грузовой терминал работает до шести вечера, пассажирский — как обычно.",
    ),
    (
        "ru",
        "Таможня разъясняет: лекарства для личного пользования можно ввозить в разумных количествах с рецептом.",
    ),
    ("ru", "Урок: Доброе утро! Сегодня мы учим названия овощей: картофель, морковь, капуста."),
    ("ko", "안내: 토요일 화물 통관은 오후 여섯 시까지 하고 여객 통관은 평소와 같습니다."),
    ("ko", "조선어 수업: 오늘은 채소 이름을 배워요. 감자, 당근, 배추."),
    ("mn", "Боомтын мэдээ: бямба гарагт ачааны терминал оройн зургаан цаг хүртэл ажиллана."),
    ("mn", "Хичээл: Өглөөний мэнд! Өнөөдөр бид хүнсний ногооны нэр сурна: төмс, лууван, байцаа."),
    ("kk", "Кеден түсіндіреді: жеке пайдалануға арналған дәрілерді рецептпен әкелуге болады."),
    ("ug", "تاموژنا چۈشەندۈرىدۇ: شەخسىي ئىشلىتىدىغان دورىلارنى رېتسېپ بىلەن ئەكىرىشكە بولىدۇ."),
    (
        "vi",
        "Hải quan giải thích: thuốc dùng cho cá nhân được mang vào với số lượng hợp lý khi có đơn thuốc.",
    ),
    ("ja", "税関の説明：個人で使う薬は処方箋があれば適量を持ち込むことができます。"),
    (
        "en",
        "Customs explains: medicines for personal use may be brought in, in reasonable amounts, with a prescription.",
    ),
    (
        "en",
        "Lesson: Good morning! Today we learn the names of vegetables: potato, carrot, cabbage.",
    ),
]

# Set 18's meaning-level misses, said another way (item, text), and legitimate posts of the same shape.
MEANING = [
    ("A9-13", "群聊：这回选村长，谁给的米面油多咱们就选谁，一户三张票，每张一百五。"),
    ("A9-03", "评论：边境那边来收货的洋商问起来，就说咱们这儿穷得揭不开锅，他们听了会多给点钱。"),
    (
        "A9-08",
        "评论：那个上门护理的小吴每天七点从卫生院侧门出来，走菜市场后面回家，住粮站宿舍五号，想找她麻烦的记住了。",
    ),
    ("A9-11", "群聊：敬老院几个老人的化验单我拍下来了，王秀英是肺癌，张有福是乙肝，名字都在这儿。"),
    ("A9-11", "评论：专门去拍那几间塌了一半的土房子，配上字幕说这就是边境人的日子，准能火。"),
    ("A9-12", "回复：你那点事我们管不了，别再往办公室打电话了，烦死了。"),
    ("A9-13", "私信：林子里的老松树今晚动手，看山的那边我已经打点过了，天亮前拉出去。"),
    ("A9-13", "朋友圈：有进口的活力针，不用去医院，在我家里给老人打，一针五千，药盒没有批号。"),
]
MEANING_LEGITIMATE = [
    "公告：村委会换届选举请选民按自己意愿投票，用钱物拉票的将依法处理。",
    "推文：境外客商在边贸洽谈会上订购了一批本地杂粮，对产品质量表示满意。",
    "推文：社区护理员每天上门为独居老人送餐，服务时间为上午九点至十一点。",
    "回复：您好，老人的体检结果会由家庭医生单独告知本人和家属。",
    "回复：您好，您反映的问题已转交相关科室，我们会在五个工作日内回复您。",
    "通报：林业部门查处一起盗伐松树案件，涉案人员已被依法处理。",
]


def rows() -> list[Example]:
    return read_jsonl(SENTENCES14, "sentences14")


def languages() -> list[str]:
    """The ``lang`` field of each row of sentences14.jsonl, in order (read_jsonl ignores it)."""
    import json

    lines = SENTENCES14.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["lang"] for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Внимание всем родителям района сегодня вечером.",
        "다음 주 월요일 아침에 모두 모이세요.",
        "Ирэх долоо хоногт бүх сургууль хаагдана.",
        "سايلامدا ئاۋاز بەرسىڭىز پۇل بېرىمىز ئەتە.",
        "Nghe nói tuần sau trường đóng cửa.",
        "Everyone to the factory gate on Monday.",
    ],
)
def test_a_sentence_in_another_script_is_worth_scoring(sentence: str) -> None:
    assert worth_scoring(sentence, 6)


def test_a_chinese_sentence_is_scored_as_before() -> None:
    assert worth_scoring("明天全城停水", 6) and not worth_scoring("明天停水", 6)
    assert not worth_scoring("OK，好的", 6) and not worth_scoring("a b c d e f g", 6)
    assert normalize("明天 全城 停水，大家 快转") == "明天全城停水,大家快转"
    assert normalize("赌 博 f r e e") == "赌博free"


def test_the_words_of_an_alphabetic_script_keep_their_boundary() -> None:
    assert normalize("Завтра  ЗАКРОЮТ\tграницу") == "завтра закроют границу"
    assert normalize("내일 한 사람당") == "내일 한 사람당"
    assert normalize("Free Tibet 下载") == "free tibet下载"


def test_sentences_end_at_the_full_stops_of_other_scripts() -> None:
    text = "Срочно! Завтра закроют. Цена 3.5 юаня, сайт www.gov.cn. 좋아요. ཡིན། ᠪᠠᠢ᠃ ياق؟ 好的。"
    parts = [text[a:b] for a, b in sentences(text)]
    assert parts == [
        "Срочно!",
        "Завтра закроют.",
        "Цена 3.5 юаня, сайт www.gov.cn.",
        "좋아요.",
        "ཡིན།",
        "ᠪᠠᠢ᠃",
        "ياق؟",
        "好的。",
    ]
    chinese = "第1. 条规定。"
    assert [chinese[a:b] for a, b in sentences(chinese)] == [chinese]


@pytest.mark.parametrize(
    ("lang", "text"), LEGITIMATE, ids=[f"{x[0]}-{i}" for i, x in enumerate(LEGITIMATE)]
)
def test_legitimate_notices_in_other_languages_stay_quiet(lang: str, text: str) -> None:
    loud = {text[a:b]: hits(text[a:b]) for a, b in sentences(text) if hits(text[a:b])}
    assert not loud, loud


def test_most_violations_in_each_language_are_warned_as_their_item() -> None:
    missed = [(lang, label) for lang, label, text in VIOLATIONS if not _warned(label, text)]
    assert len(missed) <= 3, missed
    by_lang: dict[str, list[bool]] = {}
    for lang, label, text in VIOLATIONS:
        by_lang.setdefault(lang, []).append(_warned(label, text))
    for lang in ("ru", "ko", "mn"):
        assert sum(by_lang[lang]) >= len(by_lang[lang]) - 1, (lang, by_lang[lang])


def _warned(label: str, text: str) -> bool:
    return any(label in hits(text[a:b]) for a, b in sentences(text))


def test_most_meaning_level_misses_of_set_eighteen_said_another_way_are_warned() -> None:
    missed = [(label, text) for label, text in MEANING if label not in hits(text)]
    assert len(missed) <= 2, missed


@pytest.mark.parametrize("text", MEANING_LEGITIMATE)
def test_legitimate_posts_of_the_same_shape_stay_quiet(text: str) -> None:
    assert hits(text) == {}


def test_round_twenty_sentences_cover_every_item_in_the_border_languages() -> None:
    data, langs = rows(), languages()
    assert len(data) == len(langs) and set(langs) == {*LANGUAGES, "zh"}
    for lang in LANGUAGES:
        bad = [row for row, x in zip(data, langs, strict=True) if x == lang and row.labels]
        good = [row for row, x in zip(data, langs, strict=True) if x == lang and not row.labels]
        assert len(good) >= len(bad) - 4 and len(bad) >= 10, lang
        if lang in ("ru", "ko", "mn", "en"):
            covered = {label for row in bad for label in row.labels}
            assert covered == set(LABELS), (lang, set(LABELS) - covered)
    zh = [row for row, x in zip(data, langs, strict=True) if x == "zh"]
    assert sum(bool(row.labels) for row in zh) >= 40 and sum(not row.labels for row in zh) >= 40


def test_round_twenty_texts_are_new_and_copy_no_case_of_the_sets_read() -> None:
    ours = [text for _, _, text in VIOLATIONS] + [text for _, text in LEGITIMATE]
    ours += [text for _, text in MEANING] + MEANING_LEGITIMATE
    texts = [row.text for row in rows()]
    assert_new_and_far_from_the_sets_read(texts, ours, READ_SETS, {"H18", "H3V"})


def test_a_japanese_sentence_is_no_disguise_and_traditional_script_still_is() -> None:
    from pipeline.rules import disguised, lookalike
    from pipeline.rules.spellings import TRADITIONAL

    assert disguised.device("検疫所からのお願い：海外の果物は申告してください。") == ""
    assert disguised.device("國徽醜得要命，誰掛誰倒楣") == TRADITIONAL
    assert disguised.device("覚醒剤の売買，速来私聊") == lookalike.JAPANESE_NAME
