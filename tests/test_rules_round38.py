"""Issue 12, round 38: general techniques, not the last set's devices.

- second signals read as classes of acts (:mod:`pipeline.rules.second_signals`): a sentence
  the semantic layer flags is an error when it also calls people to gather or storm,
  threatens violence with its means, teaches evading detection, declares its organisation
  unapproved, wishes a removal, despises by comparison, drives a people out, degrades or
  harasses a person, or calls a run on goods or money; notices that quote such words, and a
  gathering of volunteers, keep no error;
- a token in a URL's password place under any user name is 第十七条's url-token;
- the compacted view's separators closed by Unicode category
  (:mod:`pipeline.rules.separator_categories`).

Every text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.rules import RuleChecker, reordered
from pipeline.rules.normalize import CLAUSE_PUNCTUATION, SEPARATORS, compact, normalise
from pipeline.rules.second_signals import signal
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests


def _errors(checker: RuleChecker, text: str) -> set[str]:
    return {d.rule for d in checker.check_text(text) if d.severity == "error"}


def _content(checker: RuleChecker, text: str) -> set[str]:
    return {d.rule for d in checker.check_text(text) if d.rule.startswith(("A9-", "S9-"))}


# -- second signals ---------------------------------------------------------------------------

RAISED = [
    ("A9-07", "谁敢强拆我家，我就带汽油去拆迁办，跟他们同归于尽。"),
    ("A9-07", "教你怎么从仓库里拿货不被发现，先把监控线拔了，再从后门运走。"),
    ("A9-10", "我们成立了“车主互助会”，没有在民政局登记，每人交三百元会费。"),
    ("A9-10", "我们这个“乡贤理事会”未经批准，以后村里的事由理事会说了算。"),
    ("A9-08", "那个新来的会计王丽就是个烂人，跟领导睡觉才升的职。"),
    ("A9-01", "宪法里那些条条框框删了最好，社会主义早就该换了。"),
    ("A9-03", "中国人就是一条狗，中国护照比废纸还不值钱。"),
    ("A9-04", "这些外地少数民族没一个好人，把他们全撵出我们市，店铺一个都别租给他们。"),
    ("A9-09", "明早七点都到县政府门口集合，人越多越好，不给补偿就不走。"),
    ("A9-06", "听说农商行资金链断了，下周就关门，存款取不出来，明早排队，速去取。"),
    ("A9-08", "环卫所那个姓钱的队长天天克扣工资，大家去他办公室门口骂，让他下不来台。"),
]

QUOTED_OR_HARMLESS = [
    "明晚八点在社区广场集合，参加消夏广场舞晚会。",
    "警方通报：有人在群里号召大家冲进镇政府讨说法，已依法处置。",
    "谣言：网传“农业保险下个月全部取消”，大家快去闹，经核实为谣言。",
    "未经批准的社会组织属于非法组织，请勿参加其活动，发现请举报。",
    "请各位居民不要轻信“带汽油去”之类的威胁言论，如遇紧急情况请拨打110。",
    "台风过后，洪水冲进了村口的仓库，村委会正在组织清淤。",
    "物业通知：明早八点小区门口集合的志愿者请带好手套，人越多越好，一起清理积雪。",
    "周末县政府门口的广场有文艺汇演，晚饭后去散散步，人越多越热闹。",
    "台风来临前，请市民适量储备饮用水和食品，不必抢购，超市货源充足。",
    "网传“农商行下周关门”系谣言，请勿听信，不要赶紧去取钱，存款受法律保护。",
]


@pytest.mark.parametrize(("rule", "text"), RAISED)
def test_a_flagged_sentence_with_a_second_signal_is_an_error(
    checker: RuleChecker, rule: str, text: str
) -> None:
    assert rule in _errors(checker, text), text


@pytest.mark.parametrize("text", QUOTED_OR_HARMLESS)
def test_a_notice_quoting_the_signal_is_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not {r for r in _errors(checker, text) if r.startswith("A9-")}, text


def test_a_signal_raises_only_the_items_whose_act_it_completes() -> None:
    assert signal("S9-04", "把他们全撵出去") == "撵出"
    assert signal("S9-08", "把他们全撵出去") is None
    assert signal("S9-12", "今晚十点县政府集合，冲进行政楼") is None  # opinions stay warnings
    assert signal("S9-09", "洪水冲进了仓库") is None
    assert signal("S9-09", "今晚十点操场集合") is None  # no seat of authority
    assert signal("S9-09", "今晚十点县政府门口集合") == "今晚十点县政府门口集合"


# -- a token in a URL's password place --------------------------------------------------------

TOKEN_URL = (
    "仓库迁移后执行：git remote add origin "
    "https://ci-bot:9f2c4e7a1b8d3f6e0a5c2b9d7e4f1a3c8b6d0e2f@git.example.org/unit/site.git"
)
NOT_A_TOKEN = [
    "配置示例：https://ci-bot:${GIT_TOKEN}@git.example.org/unit/site.git（令牌从密钥管理处领取）",
    "配置示例：https://ci-bot:xxxxxxxxxxxxxxxxxxxxxxxx@git.example.org/unit/site.git",
    "克隆地址：git clone https://editor@git.example.org/unit/site.git",
]


def test_a_token_under_any_user_name_is_a_url_token(checker: RuleChecker) -> None:
    assert "A17-02" in _errors(checker, TOKEN_URL)


@pytest.mark.parametrize("text", NOT_A_TOKEN)
def test_a_placeholder_or_a_bare_user_is_no_credential(checker: RuleChecker, text: str) -> None:
    assert not {r for r in _errors(checker, text) if r.startswith("A17-")}, text


# -- separators by Unicode category -----------------------------------------------------------


def _category_separators() -> list[str]:
    """Every code point the round's two rules make a separator."""
    found = []
    for cp in range(0x110000):
        ch = chr(cp)
        folded = unicodedata.normalize("NFKC", ch)
        compatible = folded != ch and len(folded) == 1 and folded in SEPARATORS
        if ch in CLAUSE_PUNCTUATION or folded in CLAUSE_PUNCTUATION:
            continue
        if unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cf") or compatible:
            found.append(ch)
    return found


def test_every_format_space_and_compatible_separator_is_removed() -> None:
    kept = [
        f"U+{ord(ch):04X}"
        for ch in _category_separators()
        if compact(normalise(f"法{ch}轮{ch}功")).text != "法轮功"
    ]
    assert kept == []


def test_clause_punctuation_stays_a_barrier() -> None:
    assert compact(normalise("法，轮，功")).text == "法，轮，功"


@pytest.mark.parametrize("text", ["支持台﹒独的人都来签名。", "支持台￨独。"])
def test_a_word_split_by_a_compatibility_form_is_found(checker: RuleChecker, text: str) -> None:
    assert "A9-02" in _errors(checker, text)


@pytest.mark.parametrize(
    "text",
    [
        "本平台﹒独家报道：今年粮食再获丰收。",
        "通知﹕本周六上午九点﹐社区开展义诊。",
        "价格︰每斤三元﹔欢迎选购﹗",
        "目录：第一章﹒总则　第二章﹒管理",
    ],
)
def test_prose_with_compatibility_punctuation_gains_nothing(
    checker: RuleChecker, text: str
) -> None:
    assert _content(checker, text) == set()


# -- a grid read by column (reordered.py) -----------------------------------------------------

GRIDS = ["竖着读，从右往左：制会推 度主翻 吧义社", "按列读：推会制\n翻主度\n社义吧"]
NOT_GRIDS = [
    "推会制 翻主度 社义吧",  # no cue: rows are read as written
    "竖排春联，从右往左读：天增岁月人增寿 春满乾坤福满门 横批：万象更新",
    "竖着读：春夏秋 冬来了 好日子",
]


@pytest.mark.parametrize("text", GRIDS)
def test_a_grid_after_its_cue_is_read_by_column(checker: RuleChecker, text: str) -> None:
    assert "A9-01" in _errors(checker, text), text


@pytest.mark.parametrize("text", NOT_GRIDS)
def test_rows_without_a_cue_or_a_word_stay_clean(checker: RuleChecker, text: str) -> None:
    assert _content(checker, text) == set(), text


def test_rows_of_unequal_length_are_no_grid() -> None:
    text = "竖着读：推会制 翻主度 社义吧了"
    assert reordered.read(text) == text
