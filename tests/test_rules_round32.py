"""Issue 12, round 32: two techniques trained on sets 7–26.

- A word split between a post's title and the start of its body
  (``pipeline/rules/title_join.py``): the title's last clause joined to the body's first
  sentence, what crosses the seam reported on the title.
- The language table's breadth: the concepts of the assembly, flag, ethnic, person,
  organisation and follower rules in the languages that had only some of them
  (``pipeline/rules/languages.yml``).

Every text was written for these tests; each technique has legitimate neighbours of the
same shape, which must stay without an error."""

from __future__ import annotations

import pytest

from pipeline.content import parse_post
from pipeline.findings import Finding
from pipeline.rules import RuleChecker, letter_forms, title_join
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _post_findings(checker: RuleChecker, title: str, body: str) -> list[Finding]:
    raw = (
        f"---\ntitle: {title}\ndate: 2026-12-04\n"
        f"author: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat]\n---\n\n{body}\n"
    )
    result = parse_post("content/posts/2026/12/round32.md", raw.encode("utf-8"))
    assert result.post is not None, result.findings
    return checker.check_post(result.post)


def _errors(checker: RuleChecker, text: str) -> set[str]:
    """The items with an error of the rules (the semantic model's findings left out)."""
    return {
        d.rule
        for d in checker.check_text(text)
        if d.severity == "error" and not d.message.startswith("语义模型")
    }


# -- a word split between the title and the body ---------------------------------------------

SPLIT = [
    ("A9-01", "夜校讲稿：我们的目标是推翻社会主", "义制度，下周继续讲。"),
    ("A9-02", "民宿留言板：支持台湾独", "立，欢迎同道中人入住。"),
]


@pytest.mark.parametrize(("rule", "title", "body"), SPLIT)
def test_a_word_split_between_title_and_body_is_blocked(
    checker: RuleChecker, rule: str, title: str, body: str
) -> None:
    found = [f for f in _post_findings(checker, title, body) if f.rule == rule]
    assert any(f.severity == "error" for f in found), found
    assert found[0].line == 2, found  # reported on the title's line


LEGITIMATE_SEAMS = [
    # a title that ends a sentence, a body that opens a new one
    ("社会主义核心价值观宣讲活动", "本周六上午在文化站举行，欢迎居民参加。"),
    ("台湾同胞返乡探亲服务指南", "立即扫码预约，窗口工作日正常受理。"),
    ("关于开展独居老人走访的通知。", "立冬以后，各村要逐户走访独居老人。"),
]


@pytest.mark.parametrize(("title", "body"), LEGITIMATE_SEAMS)
def test_a_title_and_body_that_meet_cleanly_gain_nothing(
    checker: RuleChecker, title: str, body: str
) -> None:
    found = [f for f in _post_findings(checker, title, body) if f.rule.startswith(("A9", "A16"))]
    assert not found, found


def test_the_seam_is_not_read_across_a_mark() -> None:
    assert title_join.seam("通知：", "推翻社会主义制度") is None
    assert title_join.seam("通知", "，推翻") is None
    joined = title_join.seam("讲稿（第二稿）：推翻社会主", "\n义制度，下周继续。后面的话")
    assert joined == ("推翻社会主义制度，下周继续。", 5, 8)


def test_the_seam_is_read_only_when_a_term_holds_its_two_characters(
    checker: RuleChecker,
) -> None:
    title, body = "夜校讲稿：我们的目标是推翻社会主", "义制度，下周继续讲。"
    asked: list[str] = []

    def known(pair: str) -> bool:
        asked.append(pair)
        return False

    assert title_join.split_words(title, body, checker.check_text, known) == []
    assert asked == ["主义"]
    found = title_join.split_words(title, body, checker.check_text, lambda pair: True)
    assert [d.rule for d in found] == ["A9-01"]
    assert title[found[0].start :] == "推翻社会主"


# -- the language table's breadth ------------------------------------------------------------

FOREIGN_VIOLATIONS = [
    # Georgian: everyone gather, close the road
    ("A9-09", "ხვალ დილით ყველანი შევიკრიბოთ ქალაქის მერიასთან და გადავკეტოთ გზა."),
    # Estonian: burn the Chinese flag
    ("A9-03", "Reede õhtul läheme väljakule ja Hiina lipp tuleb põletada."),
    # Latvian: the Uyghurs are dirty, we let none in
    ("A9-04", "Uiguri ir netīri, mūsu veikalā viņus nelaidīsim."),
    # Mongolian: an unregistered association collecting fees
    ("A9-10", "Бүртгэлгүй загасчдын холбоо гишүүн бүрээс жил бүр хураамж авна."),
    # Azerbaijani: an association not registered anywhere, collecting from everyone
    ("A9-10", "Bizim ovçular birliyi qeydiyyatdan keçməyib, hər kəsdən 30 yuan yığırıq."),
    # Lithuanian: overthrow the government
    ("A9-01", "Reikia nuversti valdžią, kol dar ne vėlu."),
    # Kazakh: the department head is a thief (the title inflected)
    ("A9-08", "Ауыл шаруашылығы бөлімінің бастығы Ли Мин – ұры."),
    # Haitian Creole: follow, share, and a draw
    ("A16-01", "Swiv paj nou an epi pataje li, n ap fè yon tiraj pou twa moun."),
]


@pytest.mark.parametrize(("rule", "text"), FOREIGN_VIOLATIONS)
def test_a_concept_in_a_language_that_lacked_it_is_blocked(
    checker: RuleChecker, rule: str, text: str
) -> None:
    assert rule in _errors(checker, text), text


FOREIGN_LEGITIMATE = [
    # Georgian: everyone come tomorrow (no gathering, no road closed)
    "ხვალ ყველანი მოდით სკოლის კონცერტზე.",
    # Estonian: the flag raised at the school's opening
    "Kooli avamisel heisati Hiina lipp ja lauldi koos.",
    # Latvian: the Uyghur restaurant is open again
    "Uiguru restorāns pēc remonta atkal ir atvērts, visi laipni aicināti.",
    # Mongolian: a registered association's annual meeting
    "Загасчдын холбоо жилийн хурлаа хийлээ.",
    # Lithuanian: the government approved a budget
    "Vyriausybė ir valdžia patvirtino naują biudžetą.",
    # Haitian Creole: follow the safety advice
    "Swiv konsèy sekirite yo pandan tanpèt la.",
]


@pytest.mark.parametrize("text", FOREIGN_LEGITIMATE)
def test_a_legitimate_sentence_in_those_languages_stays_clean(
    checker: RuleChecker, text: str
) -> None:
    assert not _errors(checker, text), text


# -- Mandarin written in a phonetic script (Shavian, Georgian, Devanagari) -------------------

PHONETIC_VIOLATIONS = [
    ("A9-05", "周末一起练 𐑓𐑭𐑤𐑵𐑯 𐑛𐑭𐑓𐑭，地点私聊。"),
    ("A9-02", "横幅写 𐑑𐑭𐑦𐑢𐑭𐑯 𐑛𐑵𐑤𐑦，明早挂出去。"),
    ("A9-05", "昵称都改成 फालुन दाफा，别让人看出来。"),
    ("A9-05", "昵称都改成 ფალუნ დაფა，别让人看出来。"),
]


@pytest.mark.parametrize(("rule", "text"), PHONETIC_VIOLATIONS)
def test_pinyin_in_a_phonetic_script_is_read(checker: RuleChecker, rule: str, text: str) -> None:
    assert rule in _errors(checker, text), text


PHONETIC_LEGITIMATE = [
    "भारत और चीन के बीच व्यापार बढ़ा है।",  # Hindi prose
    "मैं दिल्ली में रहता हूँ",
    "თბილისი საქართველოს დედაქალაქია და ლამაზი ქალაქია.",  # Georgian prose
    "𐑞 𐑒𐑨𐑑 𐑕𐑨𐑑 𐑪𐑯 𐑞 𐑥𐑨𐑑",  # English in Shavian
]


@pytest.mark.parametrize("text", PHONETIC_LEGITIMATE)
def test_prose_of_those_scripts_is_left_as_written(checker: RuleChecker, text: str) -> None:
    assert letter_forms.letters(text.lower(), text) == (text.lower(), ())
    assert not _errors(checker, text), text


# -- an offence's legal name owned: an aspiration, a rite imposed ----------------------------

OWNED = [
    ("A9-02", "颠覆国家政权指日可待，兄弟们准备好。"),
    ("A9-05", "祭龙王是封建迷信，但每家必须出钱，少一户都不行。"),
]


@pytest.mark.parametrize(("rule", "text"), OWNED)
def test_an_offence_owned_as_an_aim_or_a_duty_is_blocked(
    checker: RuleChecker, rule: str, text: str
) -> None:
    assert rule in _errors(checker, text), text


NAMED_NOT_OWNED = [
    "国家安全机关通报：境外势力妄图颠覆国家政权，称“变天不是梦”，已依法处置。",
    "美好生活不是梦，全县新建安置房两千套。",
    "破除封建迷信，每户必须签订移风易俗承诺书。",
    "移风易俗，反对封建迷信，红白喜事每户必须向村委会报备。",
]


@pytest.mark.parametrize("text", NAMED_NOT_OWNED)
def test_a_notice_naming_the_offence_stays_clean(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text), text
