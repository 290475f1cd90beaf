"""Issue 12, round 9: devices of held-out set 9 handled as classes. A word split by the
layout of lines (subtitle cues, one character per line, the heads of a poem's lines),
written in mathematical letters, Japanese forms, with combining strokes, empty brackets,
emoji standing for a character or split into components, and insults in Cantonese, each
with legitimate texts of the same shape that stay free of errors. The texts are written
for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.engine import key_of
from pipeline.rules.lines import ACROSTIC, heads, rejoin
from pipeline.rules.lookalike import EMOJI_NAME, JAPANESE_NAME, STYLED_NAME, device


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def found(checker: RuleChecker, text: str, rule: str) -> list[tuple[str, str]]:
    """(severity, matched text) of ``rule``'s findings in ``text``."""
    return [(d.severity, text[d.start : d.end]) for d in checker.check_text(text) if d.rule == rule]


def errors(checker: RuleChecker, text: str) -> list[str]:
    return [d.rule for d in checker.check_text(text) if d.severity == "error"]


# -- class 1: a word split across subtitle cues -------------------------------------------


def test_a_word_run_on_from_one_subtitle_cue_into_the_next_is_an_evasion(
    checker: RuleChecker,
) -> None:
    srt = (
        "1\n00:00:01,200 --> 00:00:03,000\n跟着师父一起练法\n\n"
        "2\n00:00:03,000 --> 00:00:05,400\n轮功，百病全消\n"
    )
    hits = found(checker, srt, "A9-05")
    assert [severity for severity, _ in hits] == ["error"]
    assert hits[0][1].startswith("法") and hits[0][1].endswith("轮功")
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.500\n今晚一起去赌\n\n00:02.500 --> 00:04.000\n博，稳赚\n"
    assert "A9-07" in errors(checker, vtt)


def test_rejoining_cues_keeps_the_length_and_legitimate_subtitles_pass(
    checker: RuleChecker,
) -> None:
    srt = "00:00:01 --> 00:00:04\n民警提醒：\n\n00:00:04 --> 00:00:08\n依法打击赌博违法犯罪。\n"
    assert len(rejoin(srt)) == len(srt)
    assert "-->" not in rejoin(srt) and "依法打击赌博" in rejoin(srt)
    assert errors(checker, srt) == []
    # A timing line without an arrow (a schedule) is text, not a cue.
    schedule = "09:00 集合\n09:30 出发\n"
    assert rejoin(schedule) == schedule


# -- class 2: one character per line ------------------------------------------------------


def test_a_word_written_one_character_per_line_is_an_evasion(checker: RuleChecker) -> None:
    text = "法\n轮\n功\n就是好，大家都来练。\n"
    assert [s for s, _ in found(checker, text, "A9-05")] == ["error"]


def test_short_lines_of_a_legitimate_post_are_not_joined(checker: RuleChecker) -> None:
    seasons = "春\n夏\n秋\n冬\n四季轮换，景色各异。\n"
    assert errors(checker, seasons) == []
    # Two one-character lines are not a run: they stay as they are.
    assert rejoin("上\n下\n两册教材已到。\n") == "上\n下\n两册教材已到。\n"


# -- class 3: an acrostic (藏头) ----------------------------------------------------------


POEM = "法度森严守规矩\n轮回四季又逢春\n功名利禄皆浮云\n好梦一场醒来早\n"


def test_a_term_spelled_by_the_heads_of_a_poems_lines_is_an_evasion(
    checker: RuleChecker,
) -> None:
    assert heads(POEM) == [("法轮功好", [0, 8, 16, 24])]
    hits = [d for d in checker.check_text(POEM) if d.rule == "A9-05"]
    assert [d.severity for d in hits] == ["error"]
    assert ACROSTIC in hits[0].message
    assert POEM[hits[0].start] == "法" and POEM[hits[0].end - 1] == "功"


def test_a_legitimate_poem_and_two_character_coincidences_pass(checker: RuleChecker) -> None:
    greeting = "新春佳节到万家\n年年有余庆丰收\n快马加鞭奔小康\n乐业安居享太平\n"
    assert errors(checker, greeting) == []
    # Line heads that spell a two-character term (赌博) are too likely by chance.
    chance = "赌场旧址改公园\n博物馆里看变迁\n今朝游人多欢笑\n城乡处处换新颜\n"
    assert "A9-07" not in errors(checker, chance)
    # Long lines (paragraphs of a notice) are not read as a poem.
    notice = "\n".join(["法治宣传进社区活动将于本周六上午在街道文化广场举行"] * 4)
    assert heads(notice) == []


# -- class 4: mathematical letters --------------------------------------------------------


def test_a_slogan_in_mathematical_bold_letters_is_an_evasion(checker: RuleChecker) -> None:
    bold = "".join(chr(0x1D41A + ord(c) - ord("a")) if c.isalpha() else c for c in "falungong")
    assert key_of(bold) == "falungong"
    hits = [d for d in checker.check_text(f"{bold} 好") if d.rule == "A9-05"]
    assert [d.severity for d in hits] == ["error"]
    assert device(bold) == STYLED_NAME


def test_mathematical_letters_in_a_formula_pass(checker: RuleChecker) -> None:
    formula = "面积公式：\U0001d446 = \U0001d44e × \U0001d44f，其中 \U0001d44e 为长。"
    assert errors(checker, formula) == []


# -- class 5: combining strokes and empty brackets between characters --------------------


def test_a_strike_through_or_empty_brackets_between_characters_are_separators(
    checker: RuleChecker,
) -> None:
    struck = "\u0336".join("法轮功") + "\u0336好"
    assert key_of(struck) == "法轮功好"
    assert "A9-05" in errors(checker, struck)
    assert "A9-05" in errors(checker, "法【】轮【】功好")
    assert "A9-05" in errors(checker, "法（）轮（）功好")


def test_brackets_with_content_and_accented_latin_pass(checker: RuleChecker) -> None:
    assert errors(checker, "请在（）内填写姓名，在【】内填写单位。") == []
    assert key_of("cafe\u0301") == "cafe"
    assert errors(checker, "咖啡馆（cafe\u0301）周末开放。") == []


# -- class 6: Japanese forms --------------------------------------------------------------


def test_a_drug_named_in_japanese_forms_is_an_evasion(checker: RuleChecker) -> None:
    assert key_of("覚醒剤") == "觉醒剂"
    hits = [d for d in checker.check_text("出售覚醒剤，同城配送。") if d.rule == "A9-07"]
    assert [d.severity for d in hits] == ["error"]
    assert JAPANESE_NAME in hits[0].message


def test_japanese_forms_in_ordinary_text_pass(checker: RuleChecker) -> None:
    assert errors(checker, "友好城市代表团访问了静冈県，参观了当地的図書馆。") == []


# -- class 7: emoji standing for a character ----------------------------------------------


def test_an_emoji_standing_for_a_character_of_a_term_is_an_evasion(
    checker: RuleChecker,
) -> None:
    hits = [d for d in checker.check_text("那个\U0001f436官又来了") if d.rule == "A9-08"]
    assert [d.severity for d in hits] == ["error"]
    assert EMOJI_NAME in hits[0].message


def test_the_same_emoji_in_ordinary_posts_pass(checker: RuleChecker) -> None:
    assert errors(checker, "我家\U0001f436走丢了，请大家帮忙留意。") == []
    assert errors(checker, "春节\U0001f437年吉祥，\U0001f338法治社区\U0001f338欢迎您。") == []


# -- class 8: characters split into components, Cantonese insults ------------------------


def test_an_insult_split_into_components_or_in_cantonese_is_an_error(
    checker: RuleChecker,
) -> None:
    assert "A9-08" in errors(checker, "那个犭句官又收钱了。")
    assert "A9-08" in errors(checker, "佢真系冚家鏟。")
    assert "A9-08" in errors(checker, "你个扑街，睇下你做咩。")


def test_the_components_and_cantonese_words_of_ordinary_posts_pass(
    checker: RuleChecker,
) -> None:
    assert errors(checker, "句子成分分析：主语、谓语、宾语。") == []
    assert errors(checker, "街坊们周末去街市买菜，饮茶倾偈。") == []


# -- class 9: English slogans of the same shape as the listed ones ------------------------


def test_english_separatist_slogans_of_every_region_are_errors(checker: RuleChecker) -> None:
    assert "A9-02" in errors(checker, "Tibet independence now!")
    assert errors(checker, "The delegation visited Tibet and Xinjiang in May.") == []


# -- class 10: pinyin syllables written apart, read by the combinations -------------------


def test_pinyin_syllables_written_apart_end_a_word_for_the_combinations(
    checker: RuleChecker,
) -> None:
    call = "ming tian you xing, ren min gong yuan ji he, 人越多越好。"
    hits = found(checker, call, "A9-09")
    assert [severity for severity, _ in hits] == ["error"]
    assert hits[0][1].startswith("you xing") and hits[0][1].endswith("ji he")
    # Run together, the syllables are one Latin run, in which the matcher reads no word; since
    # round 20 the decoded view segments the run into words (明天游行人民公园集合) and
    # blocks the call, naming the reading.
    joined = [
        d for d in checker.check_text("mingtianyouxingrenmingongyuanjihe") if d.rule == "A9-09"
    ]
    assert [d.severity for d in joined] == ["error"]
    assert "拼音读作汉字" in joined[0].message


def test_english_words_that_spell_syllables_pass(checker: RuleChecker) -> None:
    assert errors(checker, "Did you xerox the forms? Then he can go home.") == []


# -- class 11: a password announced with a short phrase before it -------------------------


def test_a_password_after_a_change_verb_or_a_pointing_phrase_is_an_error(
    checker: RuleChecker,
) -> None:
    changed = "值班群通知：网站后台密码已经改成 RbTqLmZwKd 了，别外传。"
    assert [s for s, _ in found(checker, changed, "A17-03")] == ["error"]
    pointed = "公众号的 mi ma 在这：Xq-7-Lp-2-Zt（输入时去掉横杠）"
    assert [s for s, _ in found(checker, pointed, "A17-03")] == ["error"]


def test_the_same_phrases_without_a_value_pass(checker: RuleChecker) -> None:
    assert found(checker, "登录密码已经改成新的了，请向管理员索取。", "A17-03") == []
    assert found(checker, "初始密码如下：请联系信息中心获取。", "A17-03") == []


# -- class 12: abolishing the foundations, in words of the same rule ----------------------


def test_calling_for_the_foundations_to_be_scrapped_is_an_error(checker: RuleChecker) -> None:
    assert "A9-01" in errors(checker, "依我看，人民民主专政这一套就该废，别再提了。")
    assert "A9-01" in errors(checker, "合作社从今往后不再接受党支部领导，一切由股东说了算。")


def test_upholding_or_refuting_the_same_words_passes(checker: RuleChecker) -> None:
    assert errors(checker, "坚持人民民主专政，坚持党的领导，是宪法确定的基本原则。") == []
    assert errors(checker, "有人鼓吹社会主义制度“早该废”，这种错误观点必须批驳。") == []


# -- class 13: an excuse word that the call itself waives ---------------------------------


def test_a_gathering_call_that_waives_the_permission_still_blocks(checker: RuleChecker) -> None:
    call = "周末大家一起去广场静坐请愿，不用去派出所申请，人多就行。"
    assert "A9-09" in errors(checker, call)


def test_a_notice_that_asks_for_the_permission_passes(checker: RuleChecker) -> None:
    notice = "游园活动无需预约，大家一起到广场参加；举行游行须依法向主管机关申请。"
    assert errors(checker, notice) == []


# -- class 14: an ethnic group named, then smeared as "that people" -----------------------


def test_a_people_smeared_by_an_anaphoric_reference_is_an_error(checker: RuleChecker) -> None:
    assert "A9-04" in errors(checker, "隔壁新搬来一户人家，听说那个民族天生就偷东西，大家锁好门。")
    assert "A9-04" in errors(checker, "别跟他们合伙，这个民族的人全是骗子。")


def test_the_same_reference_in_praise_passes(checker: RuleChecker) -> None:
    assert errors(checker, "这个民族的人民勤劳勇敢，能歌善舞，节日里全是欢声笑语。") == []


# -- class 15: a secret document copied and passed on, with no buyer named ----------------


def test_a_secret_document_photographed_and_passed_round_is_an_error(
    checker: RuleChecker,
) -> None:
    leak = "刚从机要室把那份机密级文件拍下来了，先发咱们几个，看完删。"
    assert "A9-02" in errors(checker, leak)


def test_discipline_reports_and_secrecy_lessons_about_the_same_act_pass(
    checker: RuleChecker,
) -> None:
    report = "通报：某站工作人员将机密文件拍下来发到家族群，造成泄密，受到党内警告处分。"
    lesson = "保密课提醒：绝密级文件不能拍下来，更不能发群里。"
    assert errors(checker, report) == []
    assert errors(checker, lesson) == []
