"""Issue 12, round 8: a quotation or a prohibition in enforcement, court, anti-fraud or rule
text never blocks. An insult quoted after 辱骂 in a court report, a gambling site's promise
quoted after 宣称, a lure quoted as 以“…”为诱饵 and a rule that names what it forbids are at
most warnings; the same words offered, called or hurled still block."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.kinds import ENFORCEMENT
from pipeline.rules.quoting import forbidden, reported


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def severities(checker: RuleChecker, text: str, rule: str, kind: str = "") -> set[str]:
    return {d.severity for d in checker.check_text(text, kind) if d.rule == rule}


# -- class 1: an insult quoted as what someone said, in a court or police report ---------


def test_an_insult_quoted_after_a_reporting_verb_in_a_court_report_is_a_warning(
    checker: RuleChecker,
) -> None:
    report = "被告在业主群里多次谩骂物业经理“王八蛋”，法院判令其书面道歉。"
    assert severities(checker, report, "A9-08") == {"warning"}
    assert severities(checker, report, "A9-08", ENFORCEMENT) <= {"warning"}


def test_an_insult_hurled_or_quoted_with_approval_still_blocks(checker: RuleChecker) -> None:
    assert "error" in severities(checker, "隔壁那个王八蛋又把车停在消防通道上。", "A9-08")
    # Quoted, but the paragraph neither reports an offence nor warns of one.
    cheer = "大伙儿都骂他“王八蛋”，骂得好，就该这么骂。"
    assert "error" in severities(checker, cheer, "A9-08")


# -- class 2: a lure or a promise quoted in anti-fraud or police text ---------------------


def test_a_promise_quoted_after_a_claim_verb_in_a_warning_is_not_an_error(
    checker: RuleChecker,
) -> None:
    warning = "境外赌博网站号称“稳赚不赔”，其实输赢全由后台操控，参与赌博违法。"
    assert "error" not in severities(checker, warning, "A9-07")
    lure = "不法分子以“高价收购银行卡”为诱饵，骗取群众银行卡后用于转移赃款。"
    assert "error" not in severities(checker, lure, "A9-13")


def test_the_same_promise_and_offer_unquoted_still_block(checker: RuleChecker) -> None:
    assert "error" in severities(checker, "网上赌博，“稳赚不赔”，今晚就来注册。", "A9-07")
    assert "error" in severities(checker, "高价收购银行卡，当天结算，量大从优。", "A9-13")


def test_an_offer_followed_by_a_plain_warning_not_to_sell_is_not_an_error(
    checker: RuleChecker,
) -> None:
    text = "街头有人出价收购你的手机卡？千万别卖！卡被用于犯罪，卡主要担责任。"
    assert "error" not in severities(checker, text, "A9-13")


# -- class 3: a rule that names what it forbids --------------------------------------------


def test_a_rule_naming_what_it_forbids_is_not_an_error(checker: RuleChecker) -> None:
    rule = "机关工作人员一律不在个人网盘、即时通讯群里存放内部文件。"
    assert "error" not in severities(checker, rule, "A9-11")


def test_the_thing_itself_still_blocks_and_an_insult_is_no_rule(checker: RuleChecker) -> None:
    assert "error" in severities(checker, "这份内部文件给大家看看，别说是我发的。", "A9-11")
    assert "error" in severities(checker, "不要脸的王八蛋。", "A9-08")
    # A prohibition in another clause does not cover the offer.
    assert "error" in severities(checker, "不要犹豫了，高价收购银行卡，当天结算。", "A9-13")


# -- the two tests on their own --------------------------------------------------------------


def test_reported_reads_the_reporting_verb_before_the_quotation() -> None:
    text = "他在群里辱骂对方“人渣”，民警依法对其训诫。"
    start = text.index("人渣")
    assert reported(text, start, start + 2, "")
    unreported = "“人渣”这个词他天天挂在嘴上，民警依法对其训诫。"
    start = unreported.index("人渣")
    assert not reported(unreported, start, start + 2, "")
    lure = "骗子以“内部渠道”“保证录取”为诱饵收取费用。"
    start = lure.index("内部渠道")
    assert reported(lure, start, start + 4, ENFORCEMENT)


def test_forbidden_reads_the_clause_before_the_finding() -> None:
    text = "严禁在工作群转发内部资料；内部资料请交档案室。"
    assert forbidden(text, text.index("内部资料"))
    assert not forbidden(text, text.rindex("内部资料"))
    assert not forbidden("这人真不要脸，人渣", len("这人真不要脸，"))
    assert not forbidden("不要脸人渣", len("不要脸"))
    # 不要 + a group is the discrimination itself, not a rule against it.
    assert not forbidden("招聘保安，不要外地人", len("招聘保安，不要"))


def test_a_quotation_at_the_end_of_the_text_is_read_and_ends() -> None:
    for text in ("他辱骂对方“人渣”", "他辱骂对方“人渣”、", "民警提醒：骗子谎称“人渣”等"):
        start = text.index("人渣")
        assert reported(text, start, start + 2, ENFORCEMENT)


# -- round 8, part 2: organ trade (an evasion of set 8 had no rule even in plain words) ----


def test_an_offer_to_buy_a_kidney_blocks_in_plain_and_old_script(checker: RuleChecker) -> None:
    for offer in ("长期求购肝源，私聊详谈。", "高价收购腎源，包路费。"):
        assert "error" in severities(checker, offer, "A9-13")


def test_a_patient_story_and_a_donation_campaign_are_no_organ_trade(
    checker: RuleChecker,
) -> None:
    for text in (
        "父亲等了三年才等到合适的肾源，手术很成功。",
        "肾源紧缺，高价也难求，请大家支持器官捐献。",
        "警方打击非法收购肾源的中介团伙。",
    ):
        assert not any("人体器官" in d.message for d in checker.check_text(text))
