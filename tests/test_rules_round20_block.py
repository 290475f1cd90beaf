"""Issue 12, round 20 (lexical, blocking): the spoken registers (the countryside, the border,
campuses, live-stream selling, old age) and the legitimate posts that were blocked.

Two legitimate kinds were blocked or warned: a warning that names no organ but tells the
reader what to do (keep the evidence, call the police, ring a reporting line), and a court's
or a procuratorate's case — its judgment and sentence, and a title that names the offence as
a case (``…案``). Plain wordings were found but only warned for three causes besides item
（十二）'s opinions (warnings by design): the model flagged the sentence and no strong word of
the item stood in it (``全盘西化``, ``境外买家``, ``别跟他们``, ``没登记``, ``扣考核分`` …); a fraud
word calling a person names read as an enforcement frame (``主播…是诈骗犯，大家去她家门口骂``);
and no combination for a gambling den with an invitation or credit. Every text here is
written for these tests; each class has legitimate texts of the same shape."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.content import parse_post
from pipeline.rules import RuleChecker
from pipeline.rules.context import JUDGMENTS, OFFENCE_NAMED
from pipeline.rules.framing import framed
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged_named

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# No error of any rule: the model may still warn the reviewers.
UNBLOCKED = {"warning"}


def verdict(checker: RuleChecker, text: str, rule: str, expected: set[str], named: str) -> None:
    if expected is UNBLOCKED:
        errors = [d.rule for d in checker.check_text(text) if d.severity == "error"]
        assert not errors, (text, errors)
    else:
        judged_named(checker, text, rule, expected, named)


# (text, rule, expected, what a message of ``rule`` names)
FRAMES = [
    # advice with no organ named is a warning frame; a threat that mentions the police is not
    (
        "有些网贷广告写着“无抵押、当天放款”，借了以后利滚利，还不上就被威胁曝光通讯录。"
        "碰到这种情况，请保存证据，马上报警。",
        "A9-13",
        NONE,
        "",
    ),
    (
        "无抵押当天放款，黑户也能借，逾期上门催收，敢报警就把你照片发到家族群。",
        "A9-13",
        BLOCKED,
        "非法放贷",
    ),
    ("有人打包出售本地车主信息，发现请及时报警。", "A9-13", UNBLOCKED, ""),
    ("出售本地车主信息，谁敢报警就曝光你。", "A9-13", BLOCKED, "买卖公民个人信息"),
    ("打包出售本地车主信息，报警也没用。", "A9-13", BLOCKED, "买卖公民个人信息"),
    # a court's judgment is enforcement for the lexicons too; the insult itself is not
    (
        "在业主群里骂邻居是“人渣”的张某被起诉，法院判决其当众赔礼道歉。",
        "A9-08",
        NONE,
        "",
    ),
    ("那个开超市的就是个人渣，坑了全村人的钱。", "A9-08", BLOCKED, "人渣"),
    # an offence named as a case; the offer itself
    ("组织考试作弊一案", "A9-13", NONE, ""),
    ("出售个人信息，一万条起，私聊。", "A9-13", BLOCKED, ""),
]


@pytest.mark.parametrize(("text", "rule", "expected", "named"), FRAMES)
def test_each_class_blocks_its_violations_and_leaves_its_legitimate_texts(
    checker: RuleChecker, text: str, rule: str, expected: set[str], named: str
) -> None:
    verdict(checker, text, rule, expected, named)


def _post(title: str, body: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: {date(2026, 11, 20).isoformat()}\n"
        "author: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat]\n---\n\n" + body + "\n"
    )


@pytest.mark.parametrize(
    ("title", "body", "blocked"),
    [
        (
            "出售个人信息案一审宣判",
            "某物业公司员工将2000余条业主姓名、电话出售给装修公司。"
            "区法院以侵犯公民个人信息罪判处其有期徒刑六个月。",
            False,
        ),
        (
            "男子倒卖车主信息获刑",
            "某汽修店员工把客户的姓名、车牌和电话卖给保险推销人员，一审被判处拘役四个月。",
            False,
        ),
        # the same title with no case named and the offer in the body stays blocked
        ("出售个人信息", "一万条起，按地区打包，私聊。", True),
    ],
)
def test_a_title_that_names_a_case_is_read_as_one(
    checker: RuleChecker, title: str, body: str, blocked: bool
) -> None:
    result = parse_post("content/posts/2026/11/case.md", _post(title, body).encode("utf-8"))
    assert result.post is not None
    errors = [f.rule for f in checker.check_post(result.post) if f.severity == "error"]
    assert ("A9-13" in errors) is blocked, (title, errors)


def test_judgments_and_offence_names_are_data() -> None:
    assert {"判决", "判处", "获刑", "有期徒刑", "提起公诉"} <= set(JUDGMENTS)
    assert {"案", "一案", "罪"} <= set(OFFENCE_NAMED)


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("对方要求先交保证金再放款。遇到这种情况请保留证据并及时报警。", True),
        ("有人冒充客服要求转账，请勿上当。", True),
        ("违法和不良信息可拨打12377举报。对方发来链接要求填写银行卡号。", True),
        ("被告人以帮助办理贷款为名收取费用，法院判决其退还全部款项。", True),
        # a threat that names the police frames nothing
        ("逾期不还就上门催收，敢报警就曝光你的照片。", False),
        ("报警也没用，钱照样要还。", False),
    ],
)
def test_advice_to_the_reader_and_a_judgment_frame_a_paragraph(text: str, frame: bool) -> None:
    assert framed(text, 0, text.find("。") if "。" in text[:-1] else len(text)) is frame
