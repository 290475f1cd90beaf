"""Round 10 of the semantic layer (issue 12): the unit's own posts stay quiet, the classes
held-out set 10 showed missing are warned.

Held-out set 10 (a training set now) found the model warning on the unit's own notices and
replies: account names and reply headings used as titles, notices that ask readers to follow
or share for a legitimate reason (or say that nothing of the kind is needed), law questions
and answers, the constitution quoted, village broadcasts. Every text below was written for
this test: none is a case of a set, none is a training sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.rules_heldout3 import KEPT_ASIDE
from pipeline.rules import semantic
from pipeline.rules.semantic.dataset import Example, expand_templates, read_jsonl
from pipeline.rules.semantic.items import rule_id
from tests.test_semantic_training_data import close_to_a_case, set_cases

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = PROJECT_ROOT / "data" / "semantic"
SENTENCES7 = DATA / "sentences7.jsonl"

# The registers of the unit's own posts that round 10 taught the model (one line each).
LEGITIMATE = {
    "school account name as a title": "县第四中学微信公众号",
    "hospital account name as a title": "县人民医院东院区微信号",
    "township account name as a title": "青石镇人民政府微信号",
    "reply heading as a title": "政务号网友评论答复",
    "school notice asking to follow": "请家长关注学校公众号，下学期的分班结果将在开学前一周推送。",
    "hospital notice asking to follow": "关注医院公众号后可以查看排队叫号进度，不关注也可到服务台打印。",
    "a share for safety": "请把这条防范电信诈骗的提醒转发给家里的长辈。",
    "no follow, share or lottery needed": "参加本次作文比赛无需关注、转发或集赞，也没有任何抽奖。",
    "a reply to a comment": "您好，您在评论区提到的积水问题已经转给住建部门，明天派人查看。",
    "a reply keeping personal data out": "评论区会公开显示，请不要在留言里写家庭住址和手机号码。",
    "law Q&A on associations": "问：几个朋友想成立读书会，要不要去登记？答：以社会团体名义活动的须依法登记。",
    "law Q&A on insults": "问：在群里骂人“骗子”要担什么责任？答：侮辱他人的，可能受到治安处罚。",
    "the constitution quoted": "宪法规定，国家加强经济立法，完善宏观调控。",
    "a village broadcast on superstition": "村委会广播：有人上门说做法事能消灾，这是骗钱的，大家别上当。",
}

# One violation of each class set 10's meaning-level misses showed (item, text).
VIOLATIONS = [
    ("A9-01", "宗亲会定了规矩：族里的事族里了，谁敢找政府、上法院，就把他家从族谱上除名。"),
    ("A9-01", "厂里的规矩大过宪法，什么劳动者平等，本地人和外地人的工价就是不一样，不服就走。"),
    ("A9-02", "涉密会议的保密本我趁人不注意拍了几页，准备发到一个境外论坛换点积分。"),
    ("A9-03", "我把合资谈判的底线透露给外国公司，换了一笔回扣，国家吃点亏跟我有什么关系。"),
    ("A9-03", "我们山里那种野生猕猴桃的枝条，外国公司出高价要，我偷偷剪了一捆夹在行李里带出去。"),
    ("A9-04", "运动会选旗手，我把那两个穿民族服装来上学的孩子刷掉了，他们那种人家不配。"),
    ("A9-04", "我们健身房不收那些说自己民族话、过自己年的会员，看着就跟我们不是一路人。"),
    (
        "A9-05",
        "那个组织说末日审判快到了，每人交两万赎罪金才能上得救的船，我们小区好几个老人都交了。",
    ),
    ("A9-07", "同学群晚上开红包局，每包五十，谁抢到的角数是单数谁就输，庄家每局抽五块。"),
    (
        "A9-08",
        "那个在地铁上外放视频的小伙子，我把他的照片、学校和宿舍号都贴出来了，大家去学校找他。",
    ),
    ("A9-08", "那段说校长打学生的视频是我找人摆拍的，发出去就是要把他搞下台。"),
    ("A9-11", "我把县城最破的棚户区拍下来发到国外网站上，让外国人都看看我们这里有多穷多脏。"),
    ("A9-13", "办理落户需要的居住证明我们包做，连派出所的章都是现成的，一份三千。"),
]


def rows() -> list[Example]:
    return read_jsonl(SENTENCES7, "sentences7")


def hits(text: str) -> dict[str, float]:
    model = semantic.default_model()
    return {label: score for label, score, _ in model.hits(text)}


@pytest.mark.parametrize("text", LEGITIMATE.values(), ids=LEGITIMATE.keys())
def test_the_units_own_registers_stay_below_every_threshold(text: str) -> None:
    assert hits(text) == {}


@pytest.mark.parametrize(
    ("label", "text"), VIOLATIONS, ids=[f"{i}-{x[0]}" for i, x in enumerate(VIOLATIONS)]
)
def test_a_violation_of_each_new_class_is_warned_as_its_item(label: str, text: str) -> None:
    assert_warned_as(label, text)


def assert_warned_as(label: str, text: str) -> None:
    """The model warns ``text`` under ``label``, and the layer reports warnings only."""
    assert label in hits(text)
    found = semantic.detect(text, text)
    assert [d.rule for d in found if d.rule == rule_id(label)]
    assert all(d.severity == "warning" for d in found)


def training_texts() -> set[str]:
    """Every hand-written training sentence and every filling of the templates."""
    trained = {ex.text for path in DATA.glob("sentences*.jsonl") for ex in read_jsonl(path, "s")}
    for path in DATA.glob("templates*.yml"):
        trained |= {ex.text for ex in expand_templates(path, 1000, 20261202)}
    return trained


def test_the_test_texts_are_not_training_sentences() -> None:
    ours = list(LEGITIMATE.values()) + [text for _, text in VIOLATIONS]
    assert not set(ours) & training_texts()


def test_round_ten_sentences_copy_no_case_of_the_sets() -> None:
    texts = [row.text for row in rows()]
    assert len(set(texts)) == len(texts)
    ours = list(LEGITIMATE.values()) + [text for _, text in VIOLATIONS]
    # Compared with the sets readable when they were written (3-10). Set 11 was kept aside
    # then; five of its legitimate posts happen to share half their bigrams with legitimate
    # sentences here (a title, a power cut, a constitution oath…): none of the five is
    # flagged with the model before or after this round (docs/dev/rules-figures.md). Set 12,
    # kept aside too, shares half its bigrams with two short legitimate titles here
    # (H12L112, H12V158, H12L106: "Held-out set 12" there). Set 13, kept aside too, quotes
    # one legitimate sentence here (the constitution's words on the people's congresses) in a
    # violation that argues against it (H13V002: "Held-out set 13" there). Set 14, kept aside
    # too, states the policy on migrant workers' children in the words of a legitimate
    # sentence here (H14L069, a legitimate post the model leaves quiet: "Held-out set 14").
    # Set 15, kept aside too, titles a legitimate post on comment moderation with half the
    # bigrams of three short legitimate titles here (H15L102: "Held-out set 15"). Set 16,
    # kept aside too, quotes the labour law on women workers' pay in pregnancy in the words of
    # a legitimate sentence here, and four of its titles share half their bigrams with short
    # legitimate titles here (H16L070, H16L007, H16L018, H16V142, H16V153: "Held-out set 16").
    # Set 18, kept aside too, titles a violation with half the bigrams of short legitimate
    # titles here (H18V140, a parents' message board of a school: "Held-out set 18").
    # Sets 20 and 21, written after it: a kindergarten's account title (H20L065) and a parents'
    # group notice against adverts and vote canvassing (H20L064) share half their bigrams with
    # short legitimate sentences here. Set 22, written after it: a police notice of forged
    # property and social-security certificates (H22L059) shares half its bigrams with a
    # legitimate sentence here.
    unread = KEPT_ASIDE | {f"heldout{n}" for n in (*range(11, 17), 18, *range(20, 59))}
    close = close_to_a_case(texts + ours, unread)
    assert not close, close[:5]


def test_round_ten_sentences_cover_the_registers_and_the_classes() -> None:
    legit = [row.text for row in rows() if not row.labels]
    bad = [row for row in rows() if row.labels]
    for register in (
        "公众号",
        "家长",
        "医院",
        "镇",
        "评论区",
        "问：",
        "宪法",
        "村委会广播",
        "关注",
        "转发",
    ):
        assert len([t for t in legit if register in t]) >= 5, register
    per_item = {label: sum(label in row.labels for row in bad) for label, _ in VIOLATIONS}
    assert min(per_item.values()) >= 8, per_item
    school_a16 = [row.text for row in bad if "A16" in row.labels and "学校" in row.text]
    assert len(school_a16) >= 3


def test_the_account_headings_equal_no_title_of_a_set() -> None:
    headings = {ex.text for ex in expand_templates(DATA / "templates3.yml", 1000, 20261202)}
    assert len(headings) >= 150
    assert all(not ex.labels for ex in expand_templates(DATA / "templates3.yml", 5, 1))
    titles = {str(case.get("title", "")) for case in set_cases(KEPT_ASIDE)}
    assert not headings & titles
