"""Issue 12, round 42: general techniques for the causes held-out sets 33 and 34 showed.

- commit ids, checksums and long Base64-like tokens read as no words in the lexicons' view
  (``pipeline/rules/hash_tokens.py``): a release notice printing them finds nothing, an
  initials evasion beside them is still found;
- sex services and drugs offered in emoji beside the seller's terms
  (``rulefiles/a09-emoji-offers.yml``), never a fruit sale, a weather warning or a warning
  about the same pictures;
- a sentence the semantic model flags that holds a passage no rule can read (A10-04: another
  language or script, a code) is an error of its item (``pipeline/rules/unread.py``), never
  beside a refutation or a warning, nor for a random token;
- a Caesar shift the text names with its number read on short runs near the name
  (``pipeline/rules/shifted.py``), never in a lesson about the cipher.

Every text is written for this test, none taken from the held-out sets."""

from __future__ import annotations

import base64
import hashlib
import random

import pytest

from pipeline.rules import RuleChecker, hash_tokens, opaque, unread
from pipeline.rules.detection import Detection
from pipeline.rules.normalize import BARRIER
from tests.post_support import post
from tests.test_rules_round12_evasion import checker

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

_TOKEN_MESSAGE = opaque.MESSAGE.format(what="编码内容")


def _content(checker: RuleChecker, text: str) -> set[str]:
    return {d.rule for d in checker.check_text(text) if d.rule.startswith(("A9-", "A16-"))}


def _errors(checker: RuleChecker, text: str) -> set[str]:
    return {
        d.rule
        for d in checker.check_text(text)
        if d.severity == "error" and d.rule.startswith(("A9-", "A16-"))
    }


# -- machine tokens ---------------------------------------------------------------------------


def _release_notice(seed: int) -> str:
    rng = random.Random(seed)
    raw = rng.randbytes(32)
    sha1 = hashlib.sha1(raw).hexdigest()
    sha256 = hashlib.sha256(raw).hexdigest()
    key = base64.b64encode(rng.randbytes(24)).decode()
    return (
        f"政务服务平台移动端今晚升级，版本提交号 {sha1[:12]}（完整提交 {sha1}），"
        f"安装包 SHA-256 校验值：{sha256}；接口签名公钥指纹 {key}。请核对后安装。"
    )


def test_release_notices_with_hashes_find_nothing(checker: RuleChecker) -> None:
    # Before round 42 about one notice in ten had an error for a hash's letters and digits
    # (a leet ``9`` read as ``g``, ``5b`` as a two-letter insult).
    flagged = {seed: _content(checker, _release_notice(seed)) for seed in range(120)}
    assert {seed: rules for seed, rules in flagged.items() if rules} == {}


def test_an_initials_evasion_beside_a_hash_is_still_found(checker: RuleChecker) -> None:
    notice = _release_notice(3)
    plain = "回复网友：你就是个 sb，别在评论区瞎说。"
    assert "A9-08" in _errors(checker, plain)
    assert "A9-08" in _errors(checker, notice + "\n\n" + plain)


def test_the_mask_keeps_offsets_and_reads_no_pinyin_as_a_token() -> None:
    sha = hashlib.sha256(b"round 42").hexdigest()
    text = f"校验值 {sha} 已公布"
    masked = hash_tokens.mask(text)
    assert len(masked) == len(text)
    assert masked == text.replace(sha, BARRIER * len(sha))
    # Tone-number pinyin, small-letter pinyin with digits, a phone number and a word in
    # hexadecimal letters alone are no machine tokens.
    for kept in (
        "xin1jiang1du2li4wan4sui4",
        "falungongdafahao20242025",
        "13912345678901",
        "deadbeefcafebabe",
    ):
        assert hash_tokens.spans(f"看这个：{kept}。") == []
    # A Base64-like key (a digit, a capital and a small letter) is one.
    assert hash_tokens.spans("公钥 Qm9vdDQyS2V5ZGF0YTEyMw== 已更新") == [(3, 27)]


# -- offers in emoji --------------------------------------------------------------------------

EMOJI_OFFERS = [
    ("A9-07", "酒店附近🍑🍆上门服务，一晚八百，私我。"),
    ("A9-07", "夜场新到💋学生妹，全套另算，房间号私发。"),
    ("A9-07", "有需要的加我，包夜💃，价格好谈。"),
    ("A9-07", "周末到货🍃🍄，按克算，老地方交易。"),
    ("A9-13", "周末到货🍃🍄，按克算，老地方交易。"),
    ("A9-13", "想要的说暗号“看雪”，💊❄️都有。"),
]

EMOJI_NEIGHBOURS = [
    "🍑水蜜桃采摘节开幕，每斤十元，加V预订，同城闪送。",
    "❄️寒潮预警：明晚最低气温零下十八度，请注意防寒。",
    "🌿中草药种植基地现货供应，欢迎合作社联系。",
    "💃广场舞比赛报名开始，加V进群，周六上午九点集合。",
    "警惕！有人在群里用🍃❄️等表情和暗号兜售毒品，按克计价，发现请立即报警。",
    "扫黄打非办提醒：以🍑🍆等表情招揽上门服务的信息均涉嫌违法，请勿联系。",
    "药店提示：💊处方药凭处方购买，每克价格以药监部门公布为准。",
]


@pytest.mark.parametrize(("rule", "text"), EMOJI_OFFERS)
def test_an_offer_in_emoji_is_an_error(checker: RuleChecker, rule: str, text: str) -> None:
    assert rule in _errors(checker, text)


@pytest.mark.parametrize("text", EMOJI_NEIGHBOURS)
def test_the_same_pictures_in_notices_are_no_offer(checker: RuleChecker, text: str) -> None:
    assert not {"A9-07", "A9-13"} & _errors(checker, text)


# -- a flagged sentence holding a passage nobody can read -------------------------------------

UNREAD = [
    ("A9-06", "Вчера в школе умерли трое детей, власти молчат. 学校出事了，大家互相告诉。"),
    ("A9-06", "Kule kwa mji, kiwanda kimelipuka na watu wengi wamekufa. 化工厂爆炸死了很多人。"),
]

UNREAD_NEIGHBOURS = [
    # the same Chinese sentences alone: the model's warning stays a warning
    "学校出事了，大家互相告诉。",
    "化工厂爆炸死了很多人。",
    # the passage beside a refutation, and inside a police warning
    "Слухи о взрыве — ложь. 网传化工厂爆炸死了很多人，系谣言，请勿转发。",
    "警方提醒：有人在群里用俄文散布“Вчера в школе умерли трое детей”的消息，学校出事了纯属编造，请勿传播。",
    # a foreign passage in an ordinary notice
    "市图书馆举办外语角活动：Hola, ¿cómo estás? Me llamo Ana y soy de Madrid. 欢迎市民报名参加。",
]


def _post_errors(checker: RuleChecker, body: str) -> set[str]:
    return {
        f.rule
        for f in checker.check_post(post(body + "\n"))
        if f.severity == "error" and f.rule.startswith(("A9-", "A16-"))
    }


@pytest.mark.parametrize(("rule", "body"), UNREAD)
def test_a_flagged_sentence_with_an_unread_passage_is_an_error(
    checker: RuleChecker, rule: str, body: str
) -> None:
    found = checker.check_post(post(body + "\n"))
    assert "A10-04" in {f.rule for f in found}
    raised = [f for f in found if f.rule == rule and f.severity == "error"]
    assert raised and any(unread.NAME in f.message for f in raised)


@pytest.mark.parametrize("body", UNREAD_NEIGHBOURS)
def test_no_unread_passage_or_a_frame_raises_nothing(checker: RuleChecker, body: str) -> None:
    assert _post_errors(checker, body) == set()


def test_a_credentials_random_token_raises_no_content_error(checker: RuleChecker) -> None:
    # A key's Base64 is A10-04's "编码内容": no text written to be read, so a sentence the
    # model misreads beside it is not raised (the credential rules speak for it).
    rng = random.Random(42)
    key = base64.b64encode(rng.randbytes(48)).decode()
    found = [
        d
        for d in unread.escalate(
            f"服务器登录私钥如下，自己保存：\n{key}\n",
            [
                Detection(0, 15, "S9-02", "第九条第（二）项", "warning", "语义"),
                Detection(16, 16 + len(key), "A10-04", "第十条", "warning", _TOKEN_MESSAGE),
            ],
        )
    ]
    assert found == []


# -- a shift the text names -------------------------------------------------------------------


def _rot(text: str, places: int) -> str:
    return "".join(chr((ord(c) - 97 + places) % 26 + 97) if "a" <= c <= "z" else c for c in text)


def test_a_short_run_is_read_under_the_shift_the_text_names(checker: RuleChecker) -> None:
    run = _rot("falungong", 13)  # three syllables: below the unnamed reader's six
    named = f"口令：{run}（往回转13位就懂了）才是真正的大法，大家晚上一起练。"
    # round 62 reads a short run set in Chinese under ROT13 or Atbash unnamed too; under any
    # other shift only a named one is read
    bare = f"口令：{_rot('falungong', 5)} 才是真正的大法，大家晚上一起练。"
    assert "A9-05" in _errors(checker, named)
    assert "A9-05" not in _errors(checker, bare)
    caesar = f"群公告暗号 {_rot('falungong', 3)}（凯撒3位），周六老地方一起练功。"
    assert "A9-05" in _errors(checker, caesar)


def test_a_lesson_naming_a_cipher_reads_no_words(checker: RuleChecker) -> None:
    for text in (
        "密码学课堂：ROT13 把 hello 变成 uryyb，凯撒密码 3 把 abc 变成 def。",
        f"网络安全周科普：凯撒密码把每个字母后移3位，例如 zhongguo 会写成 {_rot('zhongguo', 3)}，请同学们动手试试。",
    ):
        assert _content(checker, text) == set()


# -- a run called with its time a few characters from the queue -------------------------------


def test_a_run_with_the_time_apart_from_the_queue_is_an_error(checker: RuleChecker) -> None:
    rumour = "听说住房基金要关门了，账上的钱马上冻结，今晚全家都去排队取！"
    assert "A9-06" in _errors(checker, rumour)
    for notice in (
        "社保局通知：明天一早在服务大厅排队办理的市民请带好身份证。",
        "网传银行要倒闭、明天一早都去排队取钱，系谣言，请勿轻信。",
    ):
        assert "A9-06" not in _errors(checker, notice)
