"""Issue 12, round 27: text the rules cannot read is shown to the reviewers (A10-04).

A passage in a language other than Chinese and English, or a run of opaque code, is a
warning under 第十条 naming its line and column; English, pinyin, names, numbers, URLs,
e-mail addresses, code blocks and codes the post explains are not flagged. Every text here
is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, opaque
from tests.post_support import post, post_source

FOREIGN = [
    # Latin-script languages, no English function word
    "Kesho asubuhi tutafunga barabara kuu yote bila kibali cha serikali.",
    "Morgen gaan wij samen naar het stadhuis om daar te blijven zitten.",
    "Gelecek hafta bütün köylüler meydanda toplanacak ve yolu kapatacak.",
    # other scripts
    "Αύριο όλοι μαζί στην πλατεία, χωρίς άδεια.",
    "ხვალ ყველანი მოედანზე შევიკრიბოთ.",
    "พรุ่งนี้ไปรวมตัวกันที่ศาลากลาง",
    "ꓔꓲꓮꓠ ꓮꓠ ꓟꓠꓴ",
]

CODES = [
    "8vQm3ZtK9pLx2WcR7nYd4HsJ6fBg",  # Base58-like
    "4F 6B 2A 9C E1 D0 7B 3E",  # hex bytes
    "#A1B2C3 #D4E5F6 #0A1B2C #3D4E5F #6A7B8C #9D0E1F",  # colours hiding bytes
    "-.-. .... . -. / --. ..- --- / .-. . -.",  # Morse
    "滴答滴 答滴滴 / 滴滴答答 答",  # Morse in characters
    "AGTCCGTAGGCTAACGTTAGCCATGCAAGT",  # a DNA spelling, no spaces
]

READABLE = [
    "Foreign residents may apply for the permit at the service hall on weekdays.",
    "会议地点：Shanghai International Convention Center。",
    "主办单位 World Health Organization 和市卫健委。",
    "zhe ge xiao xi qing da jia zhuan gao。",  # pinyin: the pinyin detectors read it
    "咨询电话 12345，办理编号 2026110300123。",
    "详见 https://www.example.gov.cn/notice/2026/abcDEF123456ghiJKL789 或来信 service@example.gov.cn。",
    "安装包的 SHA256 校验值为 3f9a0c7d1e2b4a6c8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e。",
    "```\nkQ7pX2mZ9vT4wR8nL3sY6hJ1\n```",
    "温度单位为 °C，pH 值 7.2，β 受体阻滞剂遵医嘱使用。",
    "新版上线：Online service hall, smart travel guide。",  # English with no function word
]


def _rules(text: str) -> list[str]:
    return [d.rule for d in opaque.detect(f"市民来信转述：{text}请核实。")]


@pytest.mark.parametrize("text", FOREIGN + CODES)
def test_foreign_passages_and_codes_are_flagged(text: str) -> None:
    assert _rules(text) == ["A10-04"]


@pytest.mark.parametrize("text", READABLE)
def test_readable_text_passes(text: str) -> None:
    assert _rules(text) == []


def test_the_warning_names_what_it_is_and_asks_for_a_translation() -> None:
    (d,) = opaque.detect("留言：Kesho asubuhi tutafunga barabara kuu yote.")
    assert d.severity == "warning" and d.article == "第十条"
    assert "外文段落" in d.message and "中文译文" in d.message
    (code,) = opaque.detect("见 -.-. .... . -. / --. ..- --- / .-. . -.")
    assert "摩斯电码" in code.message


def test_a_declared_english_version_passes_its_latin() -> None:
    text = "英文版如下。Pristine waterways, verdant hillsides, thriving orchards."
    assert opaque.detect(text) != []
    assert opaque.declared(text)
    assert opaque.detect(text, english=True) == []
    # a script other than Latin is still shown
    assert opaque.detect("中英双语。Αύριο όλοι μαζί στην πλατεία.", english=True) != []


def test_the_checker_places_the_warning_and_never_blocks() -> None:
    body = "各位市民：\n\n本周六举行志愿活动。\n\nKesho asubuhi tutafunga barabara kuu yote bila kibali.\n"
    found = [f for f in RuleChecker(None).check_post(post(body)) if f.rule == "A10-04"]
    assert len(found) == 1
    (f,) = found
    assert f.severity == "warning"
    assert f.match.startswith("Kesho") and f.column == 1
    lines = post_source(body).splitlines()
    assert f.line == next(i for i, line in enumerate(lines, 1) if line.startswith("Kesho"))


def test_a_post_with_an_english_title_declaration_passes() -> None:
    body = "Pristine waterways, verdant hillsides, thriving orchards.\n"
    checker = RuleChecker(None)
    plain = [f.rule for f in checker.check_post(post(body))]
    declared = [f.rule for f in checker.check_post(post(body, title="绿色出行倡议（中英双语）"))]
    assert "A10-04" in plain and "A10-04" not in declared


def test_an_error_at_the_same_place_is_not_repeated() -> None:
    key = "8vQm3ZtK9pLx2WcR7nYd4HsJ6fBg"
    error = opaque.Detection(3, 3 + len(key), "A17-01", "第十七条", "error", "密钥")
    text = f"密钥：{key}"
    assert opaque.shown(text, [], english=False) != []
    assert opaque.shown(text, [error], english=False) == []
    # an error on a few letters inside the passage does not show the passage
    inside = opaque.Detection(5, 7, "A9-08", "第九条第（八）项", "error", "")
    assert opaque.shown(text, [inside], english=False) != []
