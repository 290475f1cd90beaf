"""Issue 12, round 18 (lexical, evasions): three devices of the training sets' evasions,
each undone once for every detector. A sentence the semantic layer flags and that is
written in a disguise is an error of the item (:mod:`pipeline.rules.disguised`); the
spaces of Unicode other than the ordinary ones are separators; a run of doubled
characters is read once (:mod:`pipeline.rules.doubled`). Each class has violating texts
and legitimate texts of the same shape; every text is written for these tests."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.detection import Detection
from pipeline.rules.disguised import INVISIBLE_NAME, ZHUYIN_NAME, decoded, device, escalate
from pipeline.rules.doubled import NAME as DOUBLED_NAME
from pipeline.rules.doubled import undouble
from pipeline.rules.kinds import ORDINARY
from pipeline.rules.lookalike import RADICAL_NAME, STYLED_NAME
from pipeline.rules.normalize import compact, normalise
from pipeline.rules.notation import decode
from pipeline.rules.spellings import GAPPED, TRADITIONAL
from pipeline.rules.view import Squeezed
from tests.test_rules_round12_evasion import BLOCKED, NONE, checker, judged

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

NOTE = "本句使用了规避写法"

# -- class 1: a sentence the model flags, written in a disguise -----------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("听说\u200b下周\u200b全区\u200b断网", INVISIBLE_NAME),  # zero-width spaces
        ("水库\u2060要\u2060溃坝了", INVISIBLE_NAME),  # the word joiner
        ("菜场\u3164关门\u3164三天", INVISIBLE_NAME),  # a Hangul filler
        ("电 视 塔 要 倒 了", GAPPED),
        ("明～晚～停～电", GAPPED),  # full-width tildes, read half-width
        ("【全】【区】【封】【路】", GAPPED),
        ("区⊙里⊙瞒⊙报", GAPPED),  # a symbol repeated as a filler
        ("下1周2全3区4停5水", GAPPED),  # digits as a chain
        ("全全区区停停水水三三天天", DOUBLED_NAME),
        ("聽說醫院瞞報", TRADITIONAL),
        ("ㄊㄧㄥ ㄕㄨㄟˇ 三天", ZHUYIN_NAME),
        ("𝐭𝐨𝐦𝐨𝐫𝐫𝐨𝐰 停水", STYLED_NAME),
        ("⼤坝要塌了", RADICAL_NAME),
    ],
)
def test_each_disguise_is_named(sentence: str, name: str) -> None:
    assert device(sentence) == name


@pytest.mark.parametrize(
    "sentence",
    [
        "通　知：本周六社区开展义诊。",  # a spaced two-character heading
        "值班人员：王  芳、李  明、赵  强。",  # names padded to one width
        "乡（镇）人民政府负责社区戒毒工作。",  # brackets around one character
        "把活动室收拾得干干净净整整齐齐。",  # reduplicated words, two pairs each
        "哈哈哈哈哈哈哈哈哈哈哈哈",  # laughter: one character repeated
        "书法展展出了“寧靜致遠”四个大字。",  # an inscription quoted in traditional script
        "王喆同志任街道办事处主任。",  # a rare character in a name
        "2026 年 12 月 3 日 上 午",  # spaces around digits and single characters, three gaps
        "第1条第2款",  # digits between characters, not a chain of four
        "🎉新年快乐🎉",  # emoji decorate, they are no disguise here
    ],
)
def test_legitimate_shapes_are_no_disguise(sentence: str) -> None:
    assert device(sentence) == ""


RAISED = [
    # violating: rumours the model flags, each in a disguise, and the same sentence plain
    (
        "听说\u200b明天\u200b全市\u200b停电\u200b三天，电厂\u200b出事了，官方还不让说。",
        "听说明天全市停电三天，电厂出事了，官方还不让说。",
        "A9-06",
    ),
    (
        "化 工 厂 爆 炸 了，死了好多人，官方不让说。",
        "化工厂爆炸了，死了好多人，官方不让说。",
        "A9-06",
    ),
    (
        "下週全市停電三天，電廠出大事了，官方還不讓說。",
        "下周全市停电三天，电厂出大事了，官方还不让说。",
        "A9-06",
    ),
]


@pytest.mark.parametrize(("text", "plain", "rule"), RAISED)
def test_a_disguised_sentence_the_model_flags_is_an_error(
    checker: RuleChecker, text: str, plain: str, rule: str
) -> None:
    judged(checker, text, rule, BLOCKED)
    messages = [d.message for d in checker.check_text(text, ORDINARY) if d.rule == rule]
    assert any(NOTE in m for m in messages), messages
    # written plainly, the sentence names no device (round 40: its concealment claim,
    # ``不让说``, is a second signal, so it is an error naming that signal, not a disguise)
    semantic = [d for d in checker.check_text(plain, ORDINARY) if d.rule == "S" + rule[1:]]
    assert semantic, plain
    assert not any(NOTE in d.message for d in checker.check_text(plain, ORDINARY)), plain


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        # legitimate: a rebuttal that quotes the disguised rumour
        ("网传“明·天·全·城·停·水”系谣言，请勿转发。", "A9-06", NONE),
        # legitimate: a police notice about the disguised rumour
        (
            "警方提醒：有人在群里发“化 工 厂 爆 炸”的消息，经核实为虚假信息，已依法处理。",
            "A9-06",
            NONE,
        ),
        # an opinion in a disguise stays a warning: item （十二） is warnings by design
        ("小 编 真 的 服 了 ，这 破 规 定 谁 想 出 来 的", "A9-12", NONE),
    ],
)
def test_a_disguise_raises_nothing_framed_refuted_or_of_item_twelve(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)


def test_escalate_reads_the_sentence_before_notation_is_decoded() -> None:
    warning = Detection(0, 7, "S9-09", "第九条第（九）项", "warning", "语义模型提示")
    original = "ㄐㄧˊ ㄏㄜˊ"  # bopomofo: decoding turns it into characters and spaces
    decoded = "集   合  "
    assert len(decoded) == len(original)
    assert escalate([warning], decoded, original)[0].rule == "A9-09"
    assert escalate([warning], decoded, decoded) == []
    opinion = Detection(0, 7, "S9-12", "第九条第（十二）项", "warning", "语义模型提示")
    assert escalate([opinion], decoded, original) == []


# -- class 2: the other spaces of Unicode ---------------------------------------------------


@pytest.mark.parametrize("space", ["\u2002", "\u2003", "\u2007", "\u2009", "\u200a", "\u202f"])
def test_unicode_spaces_between_characters_are_separators(checker: RuleChecker, space: str) -> None:
    text = f"晚上一起去练法{space}轮{space}功。"
    judged(checker, text, "A9-05", BLOCKED)
    # the pattern detectors' squeezed view removes them too
    assert Squeezed(f"密{space}码：Qx7{space}#kd2026").text == "密码:Qx7#kd2026"


@pytest.mark.parametrize(
    "text",
    [
        "会议时间为上午\u20099\u2009:\u200930，地点在三楼会议室。",  # thin spaces around a time
        "本次共发放口罩\u202f1\u202f000\u202f只。",  # a narrow no-break space grouping digits
    ],
)
def test_unicode_spaces_in_legitimate_text_find_nothing(checker: RuleChecker, text: str) -> None:
    content = [d for d in checker.check_text(text, ORDINARY) if d.rule.startswith(("A9", "A16"))]
    assert content == []


# -- class 3: every character written twice -------------------------------------------------


def test_a_doubled_run_reads_once_and_keeps_its_length() -> None:
    text = "他说要去赌赌博博网网站站注注册册玩两把"
    read = undouble(normalise(text))
    assert len(read) == len(text)
    assert "赌博网站" in compact(read).text
    assert undouble("高高兴兴快快乐乐") == "高高兴兴快快乐乐"  # four pairs: a greeting
    assert undouble("呵呵呵呵呵呵呵呵呵呵") == "呵呵呵呵呵呵呵呵呵呵"


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        ("这这个个赌赌博博网网站站注册就送彩金。", "A9-07", BLOCKED),
        ("大大家家都都来来练练法法轮轮功功吧。", "A9-05", BLOCKED),
        # legitimate: reduplicated words and a cheer
        ("请大家把楼道收拾得干干净净整整齐齐，平平安安过新年。", "A9-07", NONE),
        ("加油加油加油！冲冲冲！", "A9-07", NONE),
    ],
)
def test_doubled_characters(checker: RuleChecker, text: str, rule: str, expected: set[str]) -> None:
    judged(checker, text, rule, expected)


# -- class 4: two short clauses between a secret's name and its value, the value in groups ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("接口密钥分两段发，别外传：3f9a 77c1 0be4 d2a8 91fe 6c30 5b7d e214", BLOCKED),
        ("小程序 app secret 我念一遍，你记一下：b7e2 04dd 9a1c 33f0 e8a5 6d21 c94b 0f7e", BLOCKED),
        # legitimate: the same clauses, no value, or a value too short for a key
        ("密钥请妥善保管，如有遗失：请及时联系信息中心。", NONE),
        ("令牌过期以后，重新登录即可：统一身份认证平台。", NONE),
        ("密钥丢了别慌，先打电话：0470-7321456。", NONE),
    ],
)
def test_a_named_secret_after_two_clauses(
    checker: RuleChecker, text: str, expected: set[str]
) -> None:
    judged(checker, text, "A17-02", expected)


# -- class 5: quoted-printable bytes, and a sentence the model read from a notation --------


def _quoted_printable(text: str) -> str:
    return "".join(f"={b:02X}" for b in text.encode("utf-8"))


def test_quoted_printable_bytes_read_as_characters(checker: RuleChecker) -> None:
    text = f"周末一起去练{_quoted_printable('法轮功')}。"
    assert "法" in decode(text) and len(decode(text)) == len(text)
    judged(checker, text, "A9-05", BLOCKED)
    messages = [d.message for d in checker.check_text(text, ORDINARY) if d.rule == "A9-05"]
    assert any("quoted-printable" in m for m in messages), messages


@pytest.mark.parametrize(
    "text",
    [
        "按公式 y=AB=CD=EF 计算，结果保留两位小数。",  # bytes that are no UTF-8
        "颜色值设为 #FF=00=7F=3A 即可。",  # bytes that are no Chinese
        "a=1, b=2, c=3",
    ],
)
def test_quoted_printable_look_alikes_stay(text: str) -> None:
    assert decode(text) == text


def test_a_sentence_read_from_a_notation_is_a_disguise() -> None:
    original = f"明天{_quoted_printable('停水')}三天"
    masked = decode(original)
    assert decoded(original, masked, 0, len(original)) == "邮件编码（quoted-printable）"
    plain = "明天停水三天"
    assert decoded(plain, plain, 0, len(plain)) == ""
    # an entity read as a space is no Chinese character: nothing was disguised
    spaced = "明天&nbsp;停水"
    assert decoded(spaced, decode(spaced), 0, len(spaced)) == ""


# -- class 6: words joined in camel case ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        ("球队口号：WeSupportFreeXinjiangForever", "A9-02", BLOCKED),
        ("签名档改成了 𝙵𝚛𝚎𝚎𝚃𝚒𝚋𝚎𝚝𝙽𝚘𝚠 了", "A9-02", BLOCKED),  # in mathematical letters
        ("今晚一起看 DaJiaLianFaLunGong 视频", "A9-05", BLOCKED),  # pinyin, humps on each syllable
        # legitimate: short words at a hump, initials in a program's names, a lower-case word
        ("请在表格里调用 getGcdValue 计算公约数。", "A9-01", NONE),
        ("freetibetan 是一种字体的名字吗？", "A9-02", NONE),
        ("欢迎关注 #DiscoverTibet 话题，感受高原风光。", "A9-02", NONE),
    ],
)
def test_camel_case_humps_begin_words(
    checker: RuleChecker, text: str, rule: str, expected: set[str]
) -> None:
    judged(checker, text, rule, expected)
