"""Issue 12, round 7: from "found" to "blocked". A semantic warning whose sentence holds a
strong word of its item (an offer, a call to act, an unambiguous insult) becomes an error of
the lexical item; rebuttals and enforcement sentences with the same words stay warnings.
Token labels run into a token by the squeezed view, 改成了 before a password, and history
sentences that say 推翻 next to 政府 are the other classes of this round."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.anchored import anchors, escalate, lexical_rule
from pipeline.rules.detection import Detection
from pipeline.rules.kinds import ENFORCEMENT


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def errors(checker: RuleChecker, text: str, kind: str = "") -> list[str]:
    return sorted({d.rule for d in checker.check_text(text, kind) if d.severity == "error"})


def semantic(rule: str, text: str) -> Detection:
    """A semantic warning over the whole of ``text`` (what the model reports on a sentence)."""
    return Detection(0, len(text), rule, "第九条", "warning", "语义模型提示")


# -- the escalation, independent of the model's scores --------------------------------


def test_a_semantic_warning_with_an_anchor_word_is_an_error_of_the_lexical_item() -> None:
    text = "周五晚上八点体育馆后门，懂的来。"
    (raised,) = escalate([semantic("S9-09", text)], text)
    assert (raised.rule, raised.severity, raised.start, raised.end) == (
        "A9-09",
        "error",
        0,
        len(text),
    )
    assert "懂的来" in raised.message and "修改建议：" in raised.message


def test_anchor_words_are_read_through_spaces_emoji_and_traditional_script() -> None:
    for text in ("周五晚上体育馆后门，懂 的 来 👣", "聽說要停水，趕快轉給家人"):
        rule = "S9-09" if "懂" in text else "S9-06"
        assert [d.rule for d in escalate([semantic(rule, text)], text)] == [lexical_rule(rule)]


def test_no_anchor_no_error_and_opinions_stay_warnings() -> None:
    plain = "周五晚上八点体育馆后门见。"
    assert escalate([semantic("S9-09", plain)], plain) == []
    # Item (十二) has no anchors: emotive wording is a warning by design.
    assert "S9-12" not in anchors()
    angry = "小编真的服了，私聊我也没用。"
    assert escalate([semantic("S9-12", angry)], angry) == []


def test_rebuttals_and_warnings_with_the_same_words_are_not_raised() -> None:
    for text in (
        "网传“银行冻结存款、赶紧取钱”的消息不实，请勿轻信。",
        "警方提醒：陌生人私聊兜售所谓内部文件的，一律是诈骗。",
        "所谓“转给家人就能领补贴”，不过是骗子的话术。",
    ):
        rule = "S9-02" if "私聊" in text else "S9-06"
        assert escalate([semantic(rule, text)], text) == [], text


def test_lexical_rule_names() -> None:
    assert lexical_rule("S9-02") == "A9-02"
    assert lexical_rule("S16") == "A16-01"


def test_every_anchor_list_belongs_to_a_semantic_rule() -> None:
    table = anchors()
    assert set(table) <= {f"S9-{n:02d}" for n in range(1, 14)} | {"S16"}
    assert all(words and all(len(w) >= 2 for w in words) for words in table.values())


# -- the whole checker: the model flags, the anchor decides -----------------------------


def test_an_offer_of_secret_documents_is_blocked(checker: RuleChecker) -> None:
    assert "A9-02" in errors(checker, "手里有几份没解密的作战地图，想要的私聊。")


def test_an_ordinary_notice_with_a_flagged_sentence_and_no_anchor_is_not_blocked(
    checker: RuleChecker,
) -> None:
    assert errors(checker, "志愿者周六早上八点在人民广场集合，参加义务植树。") == []


def test_an_enforcement_post_quoting_the_call_is_not_blocked(checker: RuleChecker) -> None:
    text = "警方依法查处一起造谣案：张某在群里称“水库大坝裂了，赶快转给家人”，已被行政拘留。"
    assert errors(checker, text, ENFORCEMENT) == []


# -- credentials: a label run into the token, 改成了 ----------------------------------


def test_a_token_after_its_label_is_found_though_the_view_joins_them(
    checker: RuleChecker,
) -> None:
    assert errors(checker, "测试环境的 access key AKIAQ7ZK3M2P9R4T6W8Y 先别删") == ["A17-02"]
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.c2lnbmF0dXJlLXZhbHVlLTEyMw"
    assert errors(checker, f"接口调试用 Authorization: Bearer {jwt}") == ["A17-02"]


def test_a_token_inside_a_longer_latin_word_is_still_no_token(checker: RuleChecker) -> None:
    assert errors(checker, "型号 xghp_abcdefghijklmnopqrstuvwxyz0123456789 的说明书") == []
    assert errors(checker, "编号 QAKIAQ7ZK3M2P9R4T6W8Y 的设备") == []


def test_a_password_changed_to_a_value_is_found(checker: RuleChecker) -> None:
    assert errors(checker, "后台 mi ma 改成了 Qw7#river_21 ，别外传") == ["A17-03"]
    assert errors(checker, "请定期把密码改成了新的，不要用生日。") == []


# -- history sentences and association rules ------------------------------------------


def test_history_that_says_overthrow_next_to_government_passes(checker: RuleChecker) -> None:
    assert errors(checker, "中国共产党领导人民推翻了三座大山。") == []
    assert errors(checker, "辛亥革命推翻了清政府的统治。") == []
    assert {"A9-01", "A9-02"} <= set(errors(checker, "早该推翻zf，大家一起上"))


def test_an_association_collecting_fees_by_its_charter_passes(checker: RuleChecker) -> None:
    assert "A9-10" not in errors(checker, "协会依照章程收会费，并向会员公示收支。")


# -- a call to demonstrate, spelled in pinyin or set for a weekend --------------------


def test_a_weekend_demonstration_call_is_blocked_and_foreign_news_is_not(
    checker: RuleChecker,
) -> None:
    assert "A9-09" in errors(checker, "you xing shi wei，周日老地方，带上标语")
    assert "A9-09" in errors(checker, "周末去市民公园示威，越早越好")
    assert errors(checker, "当地时间周六，巴黎多地举行游行示威，抗议退休制度改革。") == []


# -- hatred of any ethnic group, the Han included; history passes --------------------


def test_driving_out_or_insulting_an_ethnic_group_is_blocked_whichever_it_is(
    checker: RuleChecker,
) -> None:
    assert "A9-04" in errors(checker, "这些年受够了，大家一起把汉族人都赶走")
    assert "A9-04" in errors(checker, "那边的少数民族全是小偷，别租房给他们")


def test_history_and_health_notices_naming_ethnic_groups_pass(checker: RuleChecker) -> None:
    assert errors(checker, "抗战时期，回族和汉族同胞并肩赶走了侵略者。") == []
    assert errors(checker, "藏族聚居区开展包虫病等寄生虫病免费筛查。") == []
