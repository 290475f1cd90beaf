"""Issue 12, round 36: general readers trained on sets 7–30.

- Chinese written in Russian's Palladius Cyrillic (``гунчаньдан``) read as pinyin, in a
  decoded view of its own that the lexicons read (:mod:`pipeline.rules.palladius`), behind a
  strict gate: a run of Cyrillic words is read only when every word splits wholly into
  Palladius syllables; Russian prose, and Chinese names inside a Russian sentence, are not;
- one people called the best and the others to be assimilated or wiped out (item （四）,
  ``ethnic-supremacy-elimination``), with a history lesson and a rebuttal as neighbours.

Every text was written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, palladius
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round31 import rule_errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


# -- Palladius Cyrillic ------------------------------------------------------------------------


def test_a_palladius_word_splits_into_its_syllables() -> None:
    read = [pinyin for _s, _e, pinyin, _t in palladius.syllables("打倒 гунчаньдан！")]
    assert read == ["gong", "chan", "dang"]


def test_spaced_one_syllable_words_need_a_mark_russian_never_writes() -> None:
    assert [p for _s, _e, p, _t in palladius.syllables("改成 до дан чжи")] == ["duo", "dang", "zhi"]
    assert palladius.syllables("да, да, до завтра") == []
    assert palladius.syllables("цыган") == []  # two syllables, no mark: Russian


RUSSIAN = [
    "Я живу в Москве и учу китайский язык уже два года.",
    "Вчера мы ходили в театр, а потом долго гуляли по набережной.",
    "Председатель Си Цзиньпин прибыл в Москву с государственным визитом.",
    "Пекин и Шанхай — крупнейшие города Китая, Мао Цзэдун родился в провинции Хунань.",
    "Она сказала, что дома никого нет, и закрыла дверь.",
]


@pytest.mark.parametrize("text", RUSSIAN)
def test_russian_prose_is_not_read(text: str) -> None:
    assert palladius.syllables(text) == []
    assert palladius.views(text, text) == []


PALLADIUS_VIOLATIONS = [
    ("今晚就去打倒гунчаньдан，大家转发。", "A9-01"),
    ("大家一起来推翻 гунчаньдан，换个天下！", "A9-01"),
    ("民宿老板说：不接待 цзан цзу 客人，订了也退。", "A9-04"),
]


@pytest.mark.parametrize(("text", "rule"), PALLADIUS_VIOLATIONS)
def test_a_palladius_term_is_blocked(checker: RuleChecker, text: str, rule: str) -> None:
    assert rule in rule_errors(checker, text), text


PALLADIUS_NEIGHBOURS = [
    "俄语课第三课：Чжунго хао，Бэйцзин хэнь мэйли。",
    "俄语里北京叫 Пекин，毛泽东写作 Мао Цзэдун，同学们记一下。",
    "外宾留言：Спасибо большое, было очень интересно!",
]


@pytest.mark.parametrize("text", PALLADIUS_NEIGHBOURS)
def test_russian_lessons_stay_without_an_error(checker: RuleChecker, text: str) -> None:
    found = checker.check_text(text)
    assert not [d for d in found if d.severity == "error"], text
    assert not [d for d in found if palladius.NAME in d.message], text


# -- a people's supremacy with the others' elimination: item （四） -----------------------------

SUPREMACY = [
    "我们才是最高贵的民族，别的民族都该被同化，谁不同意就拉黑。",
    "外族统统消灭掉，我们是优等民族，转发让更多人看到。",
]


@pytest.mark.parametrize("text", SUPREMACY)
def test_supremacy_with_elimination_is_blocked(checker: RuleChecker, text: str) -> None:
    assert "A9-04" in rule_errors(checker, text), text


NOT_SUPREMACY = [
    "纳粹宣扬雅利安人是优等种族、其他民族都该被消灭，这段罪恶历史必须铭记。",
    "各民族一律平等，没有哪个民族比其他民族优秀，我们要共同消灭贫困。",
    "博物馆讲解：少数民族的传统手工艺正在消失，我们要抢救保护。",
]


@pytest.mark.parametrize("text", NOT_SUPREMACY)
def test_history_and_equality_stay_without_the_rule(checker: RuleChecker, text: str) -> None:
    found = checker.check_text(text)
    assert not [d for d in found if d.rule == "A9-04" or d.severity == "error"], text
